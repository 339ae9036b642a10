using System;
using System.Management.Automation;
using RelayTools.Core.OpenRelay;
using RelayTools.Core.Smtp;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Audits SMTP servers for open relay with the 16 address forms relay checkers use.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SmtpOpenRelay", DefaultParameterSetName = ServerSet)]
[OutputType(typeof(OpenRelayAuditResult))]
public sealed class TestSmtpOpenRelayCommand : SmtpFleetCmdlet
{
    /// <summary>Auto (default): implicit TLS on 465, plain text elsewhere; or None, StartTls, StartTlsWhenAvailable, Tls.</summary>
    [Parameter]
    public SmtpSecurityMode Security
    {
        get => (SmtpSecurityMode)_security;
        set => _security = (int)value;
    }

    // An int, not the RelayTools.Core enum: see Loading/ModuleImportHandler.cs.
    private int _security = (int)SmtpSecurityMode.Auto;

    /// <summary>The domain the forms try to relay to.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string ExternalDomain { get; set; } = "example.com";

    /// <summary>Seconds one audit (all 16 forms) may take.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int Timeout { get; set; } = 60;

    /// <inheritdoc />
    protected override string Activity => "Test-SmtpOpenRelay";

    /// <inheritdoc />
    protected override void ValidateRecord()
    {
        base.ValidateRecord();
        ExternalDomain = SmtpSyntax.Domain(ExternalDomain, nameof(ExternalDomain));
    }

    /// <inheritdoc />
    protected override void QueueProbe(string host, int port, MxProbeTarget? mx)
    {
        var request = new OpenRelayAuditRequest
        {
            Server = host,
            Port = port,
            Security = Security,
            ExternalDomain = ExternalDomain,
            HeloName = HeloName,
            LocalAddress = LocalAddress,
            Timeout = TimeSpan.FromSeconds(Timeout),
            SkipCertificateCheck = SkipCertificateCheck,
            IncludeTranscript = IncludeTranscript,
            ConnectAddress = mx?.Address,
        };
        if (!TryValidate(request.Validate))
        {
            return;
        }

        Queue(TargetName(host, port, mx), async token =>
        {
            OpenRelayAuditResult result = await OpenRelayAudit.RunAsync(request, token).ConfigureAwait(false);
            return DomainProbing.Stamp(result, mx);
        }, Describe);
    }

    private static string Describe(OpenRelayAuditResult result) =>
        $"{result.Server}:{result.Port} {result.Verdict}: {result.Reason} ({result.Elapsed.TotalMilliseconds:0} ms)";
}
