using System.Collections.Generic;
using System.Management.Automation;
using RelayTools.Core.Exchange;
using RelayTools.Core.Postfix;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Checks exported Exchange Receive connectors, accepted domains and permissions for open relay and "550 5.7.54" mistakes; each finding comes with the Exchange Management Shell commands that fix it.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ExchangeRelayConfig")]
[OutputType(typeof(ExchangeFinding))]
public sealed class TestExchangeRelayConfigCommand : PSCmdlet
{
    /// <summary>The Receive connectors (from the pipeline too): Get-ReceiveConnector objects, or an import of their export.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object[] ReceiveConnector { get; set; } = [];

    /// <summary>The accepted domains: Get-AcceptedDomain objects or an import of their export.</summary>
    [Parameter]
    [AllowEmptyCollection]
    [ValidateNotNull]
    public object[] AcceptedDomain { get; set; } = [];

    /// <summary>Explicit connector permissions: Get-ADPermission objects of the connectors, or an import of their export.</summary>
    [Parameter]
    [AllowEmptyCollection]
    [ValidateNotNull]
    public object[] Permission { get; set; } = [];

    /// <summary>Only findings at least this severe (Information, Warning, Error). Default: all.</summary>
    [Parameter]
    public FindingSeverity MinimumSeverity
    {
        get => (FindingSeverity)_minimumSeverity;
        set => _minimumSeverity = (int)value;
    }

    // An int, not the RelayTools.Core enum: see Loading/ModuleImportHandler.cs.
    int _minimumSeverity = (int)FindingSeverity.Information;

    readonly List<object?> _connectors = [];

    /// <inheritdoc />
    protected override void ProcessRecord() => _connectors.AddRange(ReceiveConnector);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var objects = ExchangeInput.Read(this, _connectors, AcceptedDomain, Permission);
        foreach (var finding in ExchangeLinter.Check(objects.Connectors, objects.Domains, objects.Permissions))
        {
            if (finding.Severity >= MinimumSeverity) WriteObject(finding);
        }
    }
}
