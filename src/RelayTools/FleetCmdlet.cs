using System;
using System.Threading;
using System.Threading.Tasks;

namespace RelayTools;

/// <summary>
/// A cmdlet that probes many servers concurrently: each <see cref="Queue{TResult}"/> adds a probe to one
/// <see cref="FleetRun{TResult}"/>, which writes results, errors and progress from the pipeline thread.
/// </summary>
/// <remarks>
/// Not generic over the result type, and the derived cmdlets are not either: a public type of
/// RelayTools.dll whose base type names a RelayTools.Core type (<c>FleetCmdlet&lt;SmtpProbeResult&gt;</c>)
/// cannot load until RelayTools.Core resolves, and PowerShell loads the public types before the
/// module's resolver is hooked (see Loading/ModuleImportHandler.cs).
/// </remarks>
public abstract class FleetCmdlet : CancellableCmdlet
{
    private IFleetRun? _run;

    /// <summary>The most probes running at once.</summary>
    protected abstract int Throttle { get; }

    /// <summary>The activity shown by Write-Progress.</summary>
    protected abstract string Activity { get; }

    /// <summary>
    /// Queues a probe of <paramref name="target"/>, then writes whatever has finished meanwhile.
    /// <paramref name="describe"/> makes a result's -Verbose line. One result type per invocation.
    /// </summary>
    private protected void Queue<TResult>(string target, Func<CancellationToken, Task<TResult>> probe, Func<TResult, string> describe)
    {
        _run ??= new FleetRun<TResult>(this, Throttle, Activity, describe, CancellationToken);
        ((FleetRun<TResult>)_run).Queue(target, probe);
    }

    /// <summary>Runs a core Validate(); a refused value becomes this item's error (and false), and the pipeline goes on.</summary>
    protected bool TryValidate(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (RelayTools.Core.Smtp.Syntax.SmtpArgumentException ex)
        {
            WriteError(ErrorIds.SmtpArgument(ex));
            return false;
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing() => _run?.Finish();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _run?.Dispose();
            _run = null;
        }

        base.Dispose(disposing);
    }
}
