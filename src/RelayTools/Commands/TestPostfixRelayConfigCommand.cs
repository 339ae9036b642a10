using System.Management.Automation;
using RelayTools.Core.Postfix;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Checks a Postfix configuration for open-relay and "Relay access denied" mistakes; each finding comes with the exact lines that fix it.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PostfixRelayConfig", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(PostfixFinding))]
public sealed class TestPostfixRelayConfigCommand : PostfixConfigCommandBase
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
    protected override void ProcessConfiguration(PostfixConfiguration config)
    {
        foreach (var finding in PostfixLinter.Check(config, MyNetworks.ReadFileOrNull))
        {
            if (finding.Severity >= MinimumSeverity) WriteObject(finding);
        }
    }
}
