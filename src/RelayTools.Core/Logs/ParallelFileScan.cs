using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace RelayTools.Core.Logs;

/// <summary>
/// Reads a big uncompressed log on several cores: the file is cut into <see cref="FileRange"/>s at line
/// boundaries, worker threads scan and parse the ranges (each with its own scanner and
/// <see cref="LogLineFeed"/>), and the caller's thread hands the results on strictly in file order, with
/// line numbers made absolute. At most a few ranges wait ahead of the caller, so memory does not grow
/// with the file. A read error surfaces on the caller's thread, after the rejections before it.
/// </summary>
internal sealed class ParallelFileScan
{
    private static readonly RangeResult Handed = new([], 0, new LogLineCounts(), null);

    private readonly string _path;
    private readonly long _length;
    private readonly int _workers;
    private readonly long _rangeSize;

    /// <summary>Plans the scan of <paramref name="path"/> (<paramref name="length"/> bytes).</summary>
    public ParallelFileScan(string path, long length, int workers, long rangeSize)
    {
        _path = path;
        _length = length;
        _workers = Math.Max(1, workers);
        _rangeSize = Math.Max(1, rangeSize);
    }

    /// <summary>Yields the rejections in file order.</summary>
    /// <param name="context">The options, with the file's reference time.</param>
    /// <param name="counts">Where known and unknown lines are counted (on the caller's thread).</param>
    /// <param name="progress">Called on the caller's thread with the offset read up to.</param>
    public IEnumerable<RelayRejection> Read(LogParseContext context, LogLineCounts counts, Action<long>? progress)
    {
        List<FileRange> ranges;
        using (FileStream probe = Open())
        {
            ranges = FileRange.Split(probe, _length, _rangeSize);
        }
        IReadOnlyList<LogAnchor> anchors = LogFormats.AnchorsFor(context.Format, context.IncludeAuthFailures);
        var results = new RangeResult?[ranges.Count];
        int window = _workers + 2;
        object gate = new();
        int claimed = 0, handed = 0;
        bool stop = false;

        void Work()
        {
            var scanner = new LogLineScanner(anchors) { DetectsExchangeHeader = false };
            while (true)
            {
                int i;
                lock (gate)
                {
                    if (stop || claimed >= ranges.Count) return;
                    i = claimed++;
                    while (!stop && i - handed >= window) Monitor.Wait(gate);
                    if (stop) return;
                }
                RangeResult result = Scan(scanner, ranges[i], context);
                lock (gate)
                {
                    results[i] = result;
                    Monitor.PulseAll(gate);
                }
                if (result.Failure is not null) return;
            }
        }

        var workers = new Task[Math.Min(_workers, ranges.Count)];
        for (int w = 0; w < workers.Length; w++) workers[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            long lineBase = 0;
            for (int i = 0; i < ranges.Count; i++)
            {
                RangeResult result;
                lock (gate)
                {
                    while (results[i] is null) Monitor.Wait(gate);
                    result = results[i]!;
                    results[i] = Handed;
                }
                if (result.Failure is not null) ExceptionDispatchInfo.Capture(result.Failure).Throw();
                counts.Known += result.Counts.Known;
                counts.Unknown += result.Counts.Unknown;
                foreach (RelayRejection record in result.Records)
                {
                    record.LineNumber += lineBase;
                    yield return record;
                }
                lineBase += result.Lines;
                lock (gate)
                {
                    handed = i + 1;
                    Monitor.PulseAll(gate);
                }
                progress?.Invoke(ranges[i].End);
            }
        }
        finally
        {
            lock (gate)
            {
                stop = true;
                Monitor.PulseAll(gate);
            }
            Task.WaitAll(workers);
        }
    }

    private RangeResult Scan(LogLineScanner scanner, FileRange range, LogParseContext context)
    {
        var counts = new LogLineCounts();
        var records = new List<RelayRejection>();
        try
        {
            var feed = new LogLineFeed(context, _path, counts, LogInputKind.Lines);
            using var stream = new FileRangeStream(Open(), range);
            foreach (CandidateLine line in scanner.Scan(stream))
            {
                RelayRejection? record = feed.Feed(line.Text, line.LineNumber);
                if (record is not null) records.Add(record);
            }
            return new RangeResult(records, scanner.LinesRead, counts, null);
        }
        catch (Exception ex)
        {
            return new RangeResult(records, 0, counts, ex);
        }
    }

    private FileStream Open() =>
        new(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);

    // What one range gave: its rejections (line numbers within the range), its line count, or the error that stopped it.
    private sealed class RangeResult(List<RelayRejection> records, long lines, LogLineCounts counts, Exception? failure)
    {
        public List<RelayRejection> Records { get; } = records;

        public long Lines { get; } = lines;

        public LogLineCounts Counts { get; } = counts;

        public Exception? Failure { get; } = failure;
    }
}
