using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.Smtp;

namespace RelayTools;

/// <summary>What <see cref="FleetCmdlet"/> needs of a run, whatever its result type.</summary>
internal interface IFleetRun : IDisposable
{
    /// <summary>Waits for every queued probe and writes what is left.</summary>
    void Finish();
}

/// <summary>
/// One cmdlet invocation's concurrent probes: queues async work up to a throttle, and writes results,
/// errors and progress from the pipeline thread as the probes finish.
/// </summary>
/// <typeparam name="TResult">The result of one probe.</typeparam>
internal sealed class FleetRun<TResult> : IFleetRun
{
    private readonly Cmdlet _cmdlet;
    private readonly string _activity;
    private readonly Func<TResult, string> _describe;
    private readonly CancellationToken _cancellationToken;
    private readonly ThrottledRunner<TResult> _runner;

    /// <summary>A run writing to <paramref name="cmdlet"/>; <paramref name="describe"/> makes the -Verbose line of a result.</summary>
    internal FleetRun(Cmdlet cmdlet, int throttle, string activity, Func<TResult, string> describe, CancellationToken cancellationToken)
    {
        _cmdlet = cmdlet;
        _activity = activity;
        _describe = describe;
        _cancellationToken = cancellationToken;
        _runner = new ThrottledRunner<TResult>(throttle, cancellationToken);
    }

    /// <summary>Queues a probe of <paramref name="target"/>, then writes whatever has finished meanwhile.</summary>
    internal void Queue(string target, Func<CancellationToken, Task<TResult>> probe)
    {
        _runner.Enqueue(target, probe);
        WriteFinished(wait: false);
    }

    /// <inheritdoc />
    public void Finish()
    {
        WriteFinished(wait: true);
        if (_runner.Queued > 0)
        {
            _cmdlet.WriteProgress(new ProgressRecord(1, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <inheritdoc />
    public void Dispose() => _runner.Dispose();

    private void WriteFinished(bool wait)
    {
        while (true)
        {
            ThrottledCompletion<TResult>? completion;
            if (wait)
            {
                try
                {
                    completion = _runner.Take(_cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }

                if (completion is null)
                {
                    return;
                }
            }
            else if (!_runner.TryTake(out completion) || completion is null)
            {
                return;
            }

            string target = (string)completion.Tag!;
            if (completion.Error is OperationCanceledException && _cancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            if (completion.Error is not null)
            {
                // A defect, not a server outcome (those are results): report it and go on with the others.
                _cmdlet.WriteError(ErrorIds.ProbeFailed(completion.Error, target));
            }
            else
            {
                _cmdlet.WriteVerbose(_describe(completion.Result!));
                _cmdlet.WriteObject(completion.Result!);
            }

            int percent = (int)(100L * _runner.Taken / Math.Max(1, _runner.Queued));
            _cmdlet.WriteProgress(new ProgressRecord(1, _activity, $"{_runner.Taken} of {_runner.Queued} done") { PercentComplete = percent, CurrentOperation = target });
        }
    }
}
