using System;
using System.Management.Automation;
using System.Threading;

namespace RelayTools;

/// <summary>
/// Base class of cmdlets that wait on the network: owns the CancellationTokenSource that every wait
/// takes, made in BeginProcessing, cancelled by StopProcessing (Ctrl+C, Select-Object -First) or when
/// the cmdlet is disposed, and disposed with it.
/// </summary>
public abstract class CancellableCmdlet : PSCmdlet, IDisposable
{
    private CancellationTokenSource _cancellation = new();
    private bool _disposed;

    /// <summary>Cancelled when the pipeline stops.</summary>
    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _cancellation.Dispose();
        _cancellation = new CancellationTokenSource();
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _cancellation.Cancel();

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the token source.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            // A terminating error ends the pipeline without StopProcessing: work still in flight stops here.
            _cancellation.Cancel();
            _cancellation.Dispose();
        }

        _disposed = true;
    }
}
