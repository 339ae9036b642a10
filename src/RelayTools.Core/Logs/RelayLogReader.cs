using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using RelayTools.Core.Logs.Journal;

namespace RelayTools.Core.Logs;

/// <summary>
/// Reads relay rejections from log files and streams: gzip files (recognised by their magic bytes,
/// whatever their name) are decompressed on the fly, nothing is loaded whole, and syslog timestamps
/// without a year are completed from each file's write time.
/// </summary>
public sealed class RelayLogReader
{
    private readonly LogParseContext _context;

    /// <summary>Creates a reader with the format, options and time filter of <paramref name="context"/>.</summary>
    public RelayLogReader(LogParseContext context) => _context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>
    /// Whether <see cref="ReadFile"/> reads and searches the file on a worker thread while the caller
    /// parses (default: when the machine has more than one processor). Results, order and errors are
    /// the same either way.
    /// </summary>
    public bool ReadAhead { get; set; } = Environment.ProcessorCount > 1;

    /// <summary>
    /// From this size on, an uncompressed text log is read on several cores (with <see cref="ReadAhead"/>):
    /// cut into ranges of <see cref="RangeSize"/> bytes at line boundaries, scanned in parallel and
    /// handed on in file order. Default 32 MiB.
    /// </summary>
    public long ParallelThreshold { get; set; } = 32L << 20;

    /// <summary>The size of the ranges a parallel read cuts a file into (default 16 MiB).</summary>
    public long RangeSize { get; set; } = 16L << 20;

    /// <summary>How many threads a parallel read scans with (default: one per processor).</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Known and unknown lines over every file and stream read (set it to share the count with piped lines).</summary>
    public LogLineCounts Counts { get; set; } = new();

    /// <summary>
    /// Reads one file. Errors (missing file, no access, corrupt gzip data) surface as a
    /// <see cref="LogReadException"/> naming the file - after the rejections found before the damage.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="progress">Called after each block with the number of bytes of the file read so far.</param>
    public IEnumerable<RelayRejection> ReadFile(string path, Action<long>? progress = null)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new LogReadException(path, ex.Message, ex);
        }

        using (file)
        {
            Stream stream = file;
            bool gzip;
            try
            {
                gzip = IsGzip(file);
            }
            catch (IOException ex)
            {
                throw new LogReadException(path, ex.Message, ex);
            }
            CountingStream? counted = null;
            if (gzip) stream = counted = new CountingStream(new GZipStream(new BufferedStream(file, 1 << 16), CompressionMode.Decompress));
            using (stream)
            {
                LogParseContext context = _context.ForLog(path);
                ParallelFileScan? parallel = !gzip && ReadAhead && Workers > 1 && file.Length >= ParallelThreshold
                    ? new ParallelFileScan(path, file.Length, Workers, RangeSize)
                    : null;
                IEnumerator<RelayRejection> results = Parse(stream, path, context, Counts, ReadAhead, () => file.Position, progress, parallel).GetEnumerator();
                using (results)
                {
                    while (true)
                    {
                        try
                        {
                            if (!results.MoveNext()) break;
                        }
                        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
                        {
                            string reason = gzip && ex is InvalidDataException ? "the gzip data is corrupt or truncated (" + ex.Message + ")" : ex.Message;
                            throw new LogReadException(path, reason, ex);
                        }
                        yield return results.Current;
                    }
                }
                if (counted is not null) CheckGzipTrailer(file, counted.BytesRead, path);
            }
        }
    }

    /// <summary>Reads an already opened (and decompressed) stream; <paramref name="path"/> goes into each result.</summary>
    /// <param name="stream">The log text.</param>
    /// <param name="path">What to put in <see cref="RelayRejection.Path"/>.</param>
    /// <param name="context">The options; its reference time completes timestamps without a year.</param>
    /// <param name="afterRead">Called after each block read.</param>
    /// <param name="counts">Where known and unknown lines are counted; null: not counted.</param>
    public static IEnumerable<RelayRejection> Read(Stream stream, string path, LogParseContext context, Action? afterRead = null, LogLineCounts? counts = null) =>
        Parse(stream, path, context, counts ?? new LogLineCounts(), false, null, afterRead is null ? null : _ => afterRead(), null);

    // The container is recognised once, from the first non-blank line: text lines take the fast
    // scanner (every line for Exchange and journald json, whose MESSAGE may be a byte array that no
    // anchor finds), journald export its own byte-exact reader. A big plain file of text lines (not an
    // Exchange log) is read on several cores when the caller planned it.
    private static IEnumerable<RelayRejection> Parse(Stream stream, string path, LogParseContext context, LogLineCounts counts, bool readAhead, Func<long>? position, Action<long>? progress, ParallelFileScan? parallel)
    {
        PeekedStream peeked = PeekedStream.Peek(stream, 64 << 10, out string first);
        LogInputKind kind = first.Length == 0 ? LogInputKind.Lines : LogInputKinds.Detect(first);
        var feed = new LogLineFeed(context, path, counts, kind);
        if (kind == LogInputKind.JournalExport)
        {
            foreach ((JournalEntry entry, long line) in JournalExportReader.Read(peeked))
            {
                progress?.Invoke(position?.Invoke() ?? 0);
                RelayRejection? record = feed.FeedEntry(entry, line);
                if (record is not null) yield return record;
            }
            yield break;
        }
        if (kind == LogInputKind.Lines && first.Length > 0)
        {
            // The fast path decodes only candidate lines: the first line tells whether the file is a log at all.
            if (LogLineShape.IsKnown(LogText.Clean(first), context)) counts.Known++;
            else counts.Unknown++;
        }
        if (parallel is not null && kind == LogInputKind.Lines && context.Format != LogFormat.Exchange && !ExchangeReceiveLogParser.IsHeader(first.TrimStart('\uFEFF')))
        {
            foreach (RelayRejection record in parallel.Read(context, counts, progress)) yield return record;
            yield break;
        }
        var scanner = new LogLineScanner(LogFormats.AnchorsFor(context.Format, context.IncludeAuthFailures), allLines: context.Format == LogFormat.Exchange || kind == LogInputKind.JournalJson);
        IEnumerable<CandidateLine> lines = readAhead
            ? ReadAheadScanner.Scan(scanner, peeked, position, progress)
            : scanner.Scan(peeked, progress is null ? null : () => progress(position?.Invoke() ?? 0));
        foreach (CandidateLine line in lines)
        {
            RelayRejection? record = feed.Feed(line.Text, line.LineNumber);
            if (record is not null) yield return record;
        }
    }

    // GZipStream ends quietly at a truncated file: compare what came out with the size the gzip trailer
    // records (ISIZE, the last 4 bytes: the uncompressed length modulo 2^32).
    private static void CheckGzipTrailer(FileStream file, long decompressed, string path)
    {
        uint expected;
        try
        {
            if (file.Length < 18) throw new LogReadException(path, "the gzip data is truncated (the file is too short)", new InvalidDataException("Truncated gzip file."));
            var trailer = new byte[4];
            file.Position = file.Length - 4;
            int n = 0;
            while (n < 4)
            {
                int r = file.Read(trailer, n, 4 - n);
                if (r <= 0) break;
                n += r;
            }
            expected = (uint)(trailer[0] | trailer[1] << 8 | trailer[2] << 16 | trailer[3] << 24);
        }
        catch (IOException ex)
        {
            throw new LogReadException(path, ex.Message, ex);
        }
        if (expected != unchecked((uint)decompressed))
        {
            string reason = $"the gzip data is truncated or corrupt: it decompressed to {decompressed} bytes, but its trailer records {expected} (modulo 4 GiB)";
            throw new LogReadException(path, reason, new InvalidDataException(reason));
        }
    }

    private static bool IsGzip(FileStream file)
    {
        if (!file.CanSeek) return false;
        int b1 = file.ReadByte();
        int b2 = file.ReadByte();
        file.Position = 0;
        return b1 == 0x1F && b2 == 0x8B;
    }
}
