using System;
using System.Management.Automation;
using System.Net;
using RelayTools.Core.OpenRelay;
using RelayTools.Core.Smtp;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Audits SMTP servers for open relay with the 16 address forms relay checkers use.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SmtpOpenRelay")]
[OutputType(typeof(OpenRelayAuditResult))]
public sealed class TestSmtpOpenRelayCommand : FleetCmdlet<OpenRelayAuditResult>
{
    /// <summary>Host names or IP addresses of the servers to audit.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName", "HostName", "Name")]
    [ValidateNotNullOrEmpty]
    public string[] Server { get; set; } = [];

    /// <summary>The TCP port (25 by default).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>Auto (default): implicit TLS on 465, plain text elsewhere; or None, StartTls, StartTlsWhenAvailable, Tls.</summary>
    [Parameter]
    public SmtpSecurityMode Security { get; set; } = SmtpSecurityMode.Auto;

    /// <summary>The domain the forms try to relay to.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ExternalDomain { get; set; } = "example.com";

    /// <summary>The name to give in EHLO.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HeloName { get; set; }

    /// <summary>The local source address to bind.</summary>
    [Parameter]
    public IPAddress? LocalAddress { get; set; }

    /// <summary>Seconds one audit (all 16 forms) may take.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int Timeout { get; set; } = 60;

    /// <summary>The most audits running at once.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = 32;

    /// <summary>Accept any server certificate.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Include the SMTP transcript in the result.</summary>
    [Parameter]
    public SwitchParameter IncludeTranscript { get; set; }

    /// <inheritdoc />
    protected override int Throttle => ThrottleLimit;

    /// <inheritdoc />
    protected override string Activity => "Test-SmtpOpenRelay";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (string server in Server)
        {
            var request = new OpenRelayAuditRequest
            {
                Server = server.Trim(),
                Port = Port,
                Security = Security,
                ExternalDomain = ExternalDomain,
                HeloName = HeloName,
                LocalAddress = LocalAddress,
                Timeout = TimeSpan.FromSeconds(Timeout),
                SkipCertificateCheck = SkipCertificateCheck,
                IncludeTranscript = IncludeTranscript,
            };
            Queue($"{request.Server}:{Port}", token => OpenRelayAudit.RunAsync(request, token));
        }
    }

    /// <inheritdoc />
    protected override void WriteResult(OpenRelayAuditResult result) => WriteObject(result);

    /// <inheritdoc />
    protected override string Describe(OpenRelayAuditResult result) =>
        $"{result.Server}:{result.Port} {result.Verdict}: {result.Reason} ({result.Elapsed.TotalMilliseconds:0} ms)";
}
