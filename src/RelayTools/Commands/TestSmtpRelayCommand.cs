using System;
using System.Management.Automation;
using System.Net;
using RelayTools.Core.Smtp;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Probes whether SMTP servers relay for this client and, when they refuse, says why.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SmtpRelay", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SmtpProbeResult))]
public sealed class TestSmtpRelayCommand : SmtpFleetCmdlet
{
    /// <summary>How to secure the session: Auto (default), None, StartTls, StartTlsWhenAvailable, Tls.</summary>
    [Parameter]
    public SmtpSecurityMode Security
    {
        get => (SmtpSecurityMode)_security;
        set => _security = (int)value;
    }

    // An int, not the RelayTools.Core enum: see Loading/ModuleImportHandler.cs.
    private int _security = (int)SmtpSecurityMode.Auto;

    /// <summary>The MAIL FROM address.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string From { get; set; } = SmtpProbeRequest.DefaultSender;

    /// <summary>The RCPT TO address; by default one at a reserved domain, so acceptance means relay.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string To { get; set; } = SmtpProbeRequest.DefaultRecipient;

    /// <summary>The credential for SMTP AUTH.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The SASL mechanism (PLAIN, LOGIN...); by default the best one both sides support.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SaslMechanismCompleter))]
    [ValidateNotNullOrEmpty]
    public string? AuthenticationMechanism { get; set; }

    /// <summary>Seconds one probe may take as a whole.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int Timeout { get; set; } = 30;

    /// <summary>Allow AUTH over a connection that is not encrypted.</summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    /// <summary>When the recipient is accepted, send a small test message (DATA), after confirmation.</summary>
    [Parameter]
    public SwitchParameter SendMessage { get; set; }

    /// <inheritdoc />
    protected override string Activity => "Test-SmtpRelay";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (string server in Server)
        {
            var request = new SmtpProbeRequest
            {
                Server = server.Trim(),
                Port = Port,
                Security = Security,
                From = From,
                To = To,
                // Not GetNetworkCredential(): that splits DOMAIN\user, and SASL wants the name as typed.
                Credential = Credential is null || Credential == PSCredential.Empty ? null : new NetworkCredential(Credential.UserName, Credential.Password),
                AuthenticationMechanism = AuthenticationMechanism,
                HeloName = HeloName,
                LocalAddress = LocalAddress,
                Timeout = TimeSpan.FromSeconds(Timeout),
                SkipCertificateCheck = SkipCertificateCheck,
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                IncludeTranscript = IncludeTranscript,
            };
            string target = $"{request.Server}:{Port}";
            request.SendMessage = SendMessage && ShouldProcess(target, $"Send a test message from <{From}> to <{To}> (SMTP DATA)");
            Queue(target, token => SmtpRelayProbe.RunAsync(request, token), Describe);
        }
    }

    private static string Describe(SmtpProbeResult result) =>
        $"{result.Server}:{result.Port} {result.Status} at {result.Stage} ({result.ReplyCode} {result.EnhancedStatusCode}) in {result.Elapsed.TotalMilliseconds:0} ms";
}
