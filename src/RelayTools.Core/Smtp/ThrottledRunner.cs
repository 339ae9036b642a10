using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace RelayTools.Core.Smtp;

/// <summary>
/// Runs asynchronous work items at most <c>throttle</c> at a time and hands back their completions in
/// the order they finish, for a caller that must consume them on one thread (a cmdlet's pipeline thread).
/// </summary>
/// <typeparam name="TResult">What a work item returns.</typeparam>
public sealed class ThrottledRunner<TResult> : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly BlockingCollection<ThrottledCompletion<TResult>> _completed = new();
    private readonly CancellationToken _token;
    private int _pending;

    /// <summary>Creates a runner.</summary>
    /// <param name="throttle">The most items running at once (at least 1).</param>
    /// <param name="cancellationToken">Cancels every item, running or waiting.</param>
    public ThrottledRunner(int throttle, CancellationToken cancellationToken)
    {
        _slots = new SemaphoreSlim(Math.Max(1, throttle));
        _token = cancellationToken;
    }

    /// <summary>Items queued or running.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Items queued so far.</summary>
    public int Queued { get; private set; }

    /// <summary>Items whose completion has been taken.</summary>
    public int Taken { get; private set; }

    /// <summary>Queues a work item; <paramref name="tag"/> comes back with its completion.</summary>
    public void Enqueue(object? tag, Func<CancellationToken, Task<TResult>> work)
    {
        Interlocked.Increment(ref _pending);
        Queued++;
        _ = Task.Run(async () =>
        {
            var completion = new ThrottledCompletion<TResult> { Tag = tag };
            bool entered = false;
            try
            {
                await _slots.WaitAsync(_token).ConfigureAwait(false);
                entered = true;
                completion.Result = await work(_token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                completion.Error = ex;
            }
            finally
            {
                try
                {
                    if (entered)
                    {
                        _slots.Release();
                    }

                    _completed.Add(completion);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
                {
                    // The consumer is gone (the pipeline stopped and disposed the runner): nobody wants this result.
                }
            }
        });
    }

    /// <summary>Takes a finished item without waiting; false when none has finished yet.</summary>
    public bool TryTake(out ThrottledCompletion<TResult>? completion)
    {
        if (_completed.TryTake(out completion))
        {
            Finish();
            return true;
        }

        return false;
    }

    /// <summary>Waits for the next finished item; null when nothing is queued or running any more.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ThrottledCompletion<TResult>? Take(CancellationToken cancellationToken)
    {
        if (Pending == 0 && _completed.Count == 0)
        {
            return null;
        }

        ThrottledCompletion<TResult> completion = _completed.Take(cancellationToken);
        Finish();
        return completion;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _slots.Dispose();
        _completed.Dispose();
    }

    private void Finish()
    {
        Interlocked.Decrement(ref _pending);
        Taken++;
    }
}
