using System.Management.Automation;
using RelayTools.Core.Exim;
using RelayTools.Core.Postfix;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Checks an Exim configuration for open-relay and "550 relay not permitted" mistakes; each finding comes with the exact lines that fix it.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "EximRelayConfig", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(EximFinding))]
public sealed class TestEximRelayConfigCommand : EximConfigCommandBase
{
    /// <summary>Only findings at least this severe (Information, Warning, Error). Default: all.</summary>
    [Parameter]
    public FindingSeverity MinimumSeverity
    {
        get => (FindingSeverity)_minimumSeverity;
        set => _minimumSeverity = (int)value;
    }

    // An int, not the RelayTools.Core enum: see Loading/ModuleImportHandler.cs.
    private int _minimumSeverity = (int)FindingSeverity.Information;

    /// <inheritdoc />
    protected override bool ReportsNotesItself => true;

    /// <inheritdoc />
    protected override void ProcessConfiguration(EximConfiguration config)
    {
        foreach (var finding in EximLinter.Check(config))
        {
            if (finding.Severity >= MinimumSeverity) WriteObject(finding);
        }
    }
}
