using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.Smtp;

namespace RelayTools;

/// <summary>
/// A cmdlet that probes many servers concurrently: queues async work up to a throttle, and writes
/// results, errors and progress from the pipeline thread as the probes finish.
/// </summary>
/// <typeparam name="TResult">The result of one probe.</typeparam>
public abstract class FleetCmdlet<TResult> : CancellableCmdlet
{
    private ThrottledRunner<TResult>? _runner;

    /// <summary>The most probes running at once.</summary>
    protected abstract int Throttle { get; }

    /// <summary>The activity shown by Write-Progress.</summary>
    protected abstract string Activity { get; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _runner = new ThrottledRunner<TResult>(Throttle, CancellationToken);
    }

    /// <summary>Queues a probe of <paramref name="target"/>, then writes whatever has finished meanwhile.</summary>
    protected void Queue(string target, Func<CancellationToken, Task<TResult>> probe)
    {
        _runner!.Enqueue(target, probe);
        WriteFinished(wait: false);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        WriteFinished(wait: true);
        if (_runner!.Queued > 0)
        {
            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <summary>Writes one result (and anything derived from it) to the pipeline.</summary>
    protected abstract void WriteResult(TResult result);

    /// <summary>A short line for -Verbose about one result.</summary>
    protected abstract string Describe(TResult result);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _runner?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void WriteFinished(bool wait)
    {
        ThrottledRunner<TResult> runner = _runner!;
        while (true)
        {
            ThrottledCompletion<TResult>? completion;
            if (wait)
            {
                try
                {
                    completion = runner.Take(CancellationToken);
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
            else if (!runner.TryTake(out completion) || completion is null)
            {
                return;
            }

            string target = (string)completion.Tag!;
            if (completion.Error is OperationCanceledException && CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            if (completion.Error is not null)
            {
                // A defect, not a server outcome (those are results): report it and go on with the others.
                WriteError(ErrorIds.ProbeFailed(completion.Error, target));
            }
            else
            {
                WriteVerbose(Describe(completion.Result!));
                WriteResult(completion.Result!);
            }

            int percent = (int)(100L * runner.Taken / Math.Max(1, runner.Queued));
            WriteProgress(new ProgressRecord(1, Activity, $"{runner.Taken} of {runner.Queued} done") { PercentComplete = percent, CurrentOperation = target });
        }
    }
}
