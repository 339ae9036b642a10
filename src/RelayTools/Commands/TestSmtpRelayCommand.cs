using System;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using RelayTools.Core.Smtp;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Probes whether SMTP servers relay for this client and, when they refuse, says why.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SmtpRelay", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ServerSet)]
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

    /// <summary>The MAIL FROM address; '' or '&lt;&gt;' for the null sender of bounces.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Sender")]
    [AllowEmptyString]
    public string From { get; set; } = SmtpProbeRequest.DefaultSender;

    /// <summary>The RCPT TO address; by default one at a reserved domain, so acceptance means relay.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Recipient")]
    [AllowEmptyString]
    public string To { get; set; } = SmtpProbeRequest.DefaultRecipient;

    /// <summary>The credential for SMTP AUTH.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>
    /// An OAuth 2.0 access token for SMTP AUTH (XOAUTH2, or OAUTHBEARER with -AuthenticationMechanism), for
    /// the account in -UserName or -Credential. RelayTools does not fetch tokens: get one with your own tools.
    /// </summary>
    [Parameter]
    public SecureString? AccessToken { get; set; }

    /// <summary>The account an -AccessToken is for (by default the user name of -Credential).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UserName { get; set; }

    /// <summary>
    /// The SASL mechanism (PLAIN, LOGIN...); by default the best one both sides support. With -AccessToken:
    /// XOAUTH2 (the default) or OAUTHBEARER.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SaslMechanism")]
    [ArgumentCompleter(typeof(SaslMechanismCompleter))]
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

    /// <summary>
    /// The client address the server is to believe (XCLIENT ADDR), to test another client's rights from
    /// a host the server authorizes for XCLIENT; binds from a ClientAddress property (Get-RelayRejection).
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ClientAddress { get; set; }

    /// <summary>The client host name sent with XCLIENT NAME: a domain, [UNAVAILABLE] or [TEMPUNAVAIL] ('unknown' means [UNAVAILABLE]).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ClientName { get; set; }

    /// <summary>A TLS client certificate: an X509Certificate2, a Cert:\ path, or the path of a .pfx/.p12 or .pem (certificate and key) file.</summary>
    [Parameter]
    [ClientCertificateTransformation]
    public object? ClientCertificate { get; set; }

    /// <summary>The password of a -ClientCertificate PFX file (or of an encrypted PEM key).</summary>
    [Parameter]
    public SecureString? ClientCertificatePassword { get; set; }

    private X509Certificate2? _certificate;
    private bool _ownsCertificate;

    /// <inheritdoc />
    protected override string Activity => "Test-SmtpRelay";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        SmtpRelayProbe.BeginWarmUp();
        if (AccessToken is null && UserName is not null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-UserName names the account of an -AccessToken; for a password use -Credential."),
                "UserNameWithoutAccessToken", ErrorCategory.InvalidArgument, UserName));
        }

        if (AccessToken is not null && UserName is null && (Credential is null || Credential == PSCredential.Empty))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-AccessToken needs the account it was issued for: give -UserName (or -Credential, whose user name is used)."),
                "AccessTokenWithoutUserName", ErrorCategory.InvalidArgument, null));
        }

        if (AccessToken is not null && Credential is not null && Credential != PSCredential.Empty)
        {
            if (UserName is not null)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give the account of -AccessToken once: -UserName or -Credential, not both."),
                    "AccessTokenAccountTwice", ErrorCategory.InvalidArgument, UserName));
            }

            WriteVerbose($"-AccessToken is sent for {Credential.UserName}, the user name of -Credential; its password is not used.");
        }
        switch (ClientCertificate)
        {
            case string path:
                try
                {
                    _certificate = ClientCertificateFile.Load(path, ClientCertificatePassword);
                    _ownsCertificate = true;
                }
                catch (ClientCertificateException ex)
                {
                    ThrowTerminatingError(ErrorIds.ClientCertificate(ex));
                }

                break;
            case X509Certificate2 certificate:
                _certificate = certificate;
                if (!certificate.HasPrivateKey)
                {
                    ThrowTerminatingError(ErrorIds.ClientCertificate(new ClientCertificateException(ClientCertificateProblem.NoPrivateKey, certificate.Subject,
                        $"The client certificate {certificate.Subject} ({certificate.Thumbprint}) has no private key, so it cannot be offered in a TLS handshake.")));
                }

                if (ClientCertificatePassword is not null)
                {
                    WriteWarning("-ClientCertificatePassword is not used: -ClientCertificate is a certificate object, not a file.");
                }

                break;
            case null when ClientCertificatePassword is not null:
                WriteWarning("-ClientCertificatePassword is not used without -ClientCertificate.");
                break;
        }

        if (_certificate is not null)
        {
            WriteVerbose($"Client certificate: {_certificate.Subject} (SHA-1 {_certificate.Thumbprint}).");
        }
    }

    /// <inheritdoc />
    protected override void ValidateRecord()
    {
        base.ValidateRecord();
        ClientAddress = string.IsNullOrEmpty(ClientAddress) ? null : XclientSyntax.ClientAddress(ClientAddress, nameof(ClientAddress));
        ClientName = string.IsNullOrEmpty(ClientName) ? null : XclientSyntax.ClientName(ClientName, nameof(ClientName));
        From = SmtpSyntax.Mailbox(From, nameof(From), allowNullPath: true);
        To = SmtpSyntax.Mailbox(To, nameof(To), allowPostmaster: true);
        if (AuthenticationMechanism is not null)
        {
            AuthenticationMechanism = SmtpSyntax.SaslMechanism(AuthenticationMechanism, nameof(AuthenticationMechanism));
        }
    }

    /// <inheritdoc />
    protected override void QueueProbe(string host, int port, MxProbeTarget? mx)
    {
        var request = new SmtpProbeRequest
        {
            Server = host,
            Port = port,
            Security = Security,
            From = From,
            To = To,
            Credential = AccessToken is null ? SaslCredential.From(Credential) : null,
            AccessToken = SaslCredential.FromToken(AccessToken, UserName, Credential),
            AuthenticationMechanism = AuthenticationMechanism,
            HeloName = HeloName,
            LocalAddress = LocalAddress,
            Timeout = TimeSpan.FromSeconds(Timeout),
            SkipCertificateCheck = SkipCertificateCheck,
            AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
            IncludeTranscript = IncludeTranscript,
            ClientAddress = ClientAddress,
            ClientName = ClientName,
            ClientCertificate = _certificate,
            ConnectAddress = mx?.Address,
        };
        string target = TargetName(host, port, mx);
        request.SendMessage = SendMessage;
        if (!TryValidate(request.Validate))
        {
            return;
        }

        request.SendMessage = SendMessage && ShouldProcess(target, $"Send a test message from <{From}> to <{To}> (SMTP DATA)");

        Queue(target, async token =>
        {
            SmtpProbeResult result = await SmtpRelayProbe.RunAsync(request, token).ConfigureAwait(false);
            return DomainProbing.Stamp(result, mx);
        }, Describe);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsCertificate)
        {
            // On Windows this also removes the temporary key container of a certificate read from a file.
            _certificate?.Dispose();
            _certificate = null;
        }
    }

    private static string Describe(SmtpProbeResult result) =>
        $"{result.Server}:{result.Port} {result.Status} at {result.Stage} ({result.ReplyCode} {result.EnhancedStatusCode}) in {result.Elapsed.TotalMilliseconds:0} ms";
}
