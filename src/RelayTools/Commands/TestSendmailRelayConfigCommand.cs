using System.Management.Automation;
using RelayTools.Core.Postfix;
using RelayTools.Core.Sendmail;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Checks a Sendmail configuration for open-relay and "Relaying denied" mistakes; each finding comes with the exact access or mc line and the makemap or m4 command that fix it.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SendmailRelayConfig", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(SendmailFinding))]
public sealed class TestSendmailRelayConfigCommand : SendmailConfigCommandBase
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
    protected override bool AcceptsSourceOnly => true;

    /// <inheritdoc />
    protected override void ProcessConfiguration(SendmailConfiguration config)
    {
        foreach (var finding in SendmailLinter.Check(config))
        {
            if (finding.Severity >= MinimumSeverity) WriteObject(finding);
        }
    }
}
