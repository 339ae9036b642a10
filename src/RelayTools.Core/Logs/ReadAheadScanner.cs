using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace RelayTools.Core.Logs;

/// <summary>
/// Runs a <see cref="LogLineScanner"/> on a worker thread, one step ahead of the caller, so reading and
/// searching the bytes overlap with parsing and writing the results on the caller's thread. Only the
/// worker touches the stream; the caller gets the candidate lines, progress and any read error (which
/// is rethrown on the caller's thread) - so a cmdlet still writes everything from its pipeline thread.
/// </summary>
internal static class ReadAheadScanner
{
    private const int ChunksPerBatch = 8;

    /// <summary>Yields the scanner's candidate lines in order.</summary>
    /// <param name="scanner">The scanner.</param>
    /// <param name="stream">The stream; read by the worker only, and only until this enumeration ends.</param>
    /// <param name="position">Read on the worker after each block: the progress position to report.</param>
    /// <param name="progress">Called on the caller's thread with the position of the latest batch.</param>
    public static IEnumerable<CandidateLine> Scan(LogLineScanner scanner, Stream stream, Func<long>? position, Action<long>? progress)
    {
        using var cancel = new CancellationTokenSource();
        using var queue = new BlockingCollection<Batch>(boundedCapacity: 4);
        Exception? failure = null;
        Task worker = Task.Factory.StartNew(() =>
        {
            try
            {
                var lines = new List<CandidateLine>();
                int chunks = 0;
                foreach (CandidateLine line in scanner.Scan(stream, () =>
                {
                    if (++chunks % ChunksPerBatch != 0) return;
                    queue.Add(new Batch(lines.ToArray(), position?.Invoke() ?? 0), cancel.Token);
                    lines.Clear();
                }))
                {
                    lines.Add(line);
                }
                queue.Add(new Batch(lines.ToArray(), position?.Invoke() ?? 0), cancel.Token);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // The caller stopped reading.
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            foreach (Batch batch in queue.GetConsumingEnumerable())
            {
                progress?.Invoke(batch.Position);
                foreach (CandidateLine line in batch.Lines) yield return line;
            }
            worker.Wait();
            if (failure is not null) ExceptionDispatchInfo.Capture(failure).Throw();
        }
        finally
        {
            cancel.Cancel();
            try
            {
                worker.Wait();
            }
            catch (AggregateException)
            {
                // Already reported through failure, or cancelled.
            }
        }
    }

    private readonly struct Batch(CandidateLine[] lines, long position)
    {
        public CandidateLine[] Lines { get; } = lines;

        public long Position { get; } = position;
    }
}
