using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Core.Smtp;

/// <summary>What to probe and how: one server, one sender, one recipient.</summary>
public sealed class SmtpProbeRequest
{
    /// <summary>The recipient used when none is given: a reserved domain (RFC 2606), so acceptance means relay.</summary>
    public const string DefaultRecipient = "relay-probe@example.com";

    /// <summary>The sender used when none is given.</summary>
    public const string DefaultSender = "relay-probe@example.net";

    /// <summary>Host name or IP address of the server.</summary>
    public string Server { get; set; } = "";

    /// <summary>TCP port; 465 means implicit TLS under <see cref="SmtpSecurityMode.Auto"/>.</summary>
    public int Port { get; set; } = 25;

    /// <summary>How to secure the session.</summary>
    public SmtpSecurityMode Security { get; set; } = SmtpSecurityMode.Auto;

    /// <summary>The MAIL FROM address; empty for the null sender <c>&lt;&gt;</c>.</summary>
    public string From { get; set; } = DefaultSender;

    /// <summary>The RCPT TO address.</summary>
    public string To { get; set; } = DefaultRecipient;

    /// <summary>The credential for SMTP AUTH, or null to probe unauthenticated. Read only at AUTH time.</summary>
    public NetworkCredential? Credential { get; set; }

    /// <summary>
    /// The account (<see cref="NetworkCredential.UserName"/>) and its OAuth 2.0 access token (as
    /// <see cref="NetworkCredential.SecurePassword"/>) for AUTH XOAUTH2 or OAUTHBEARER, or null. The token
    /// is a secret like a password: read only at AUTH time, never kept in the result or the transcript.
    /// RelayTools does not fetch tokens. Not together with <see cref="Credential"/>.
    /// </summary>
    public NetworkCredential? AccessToken { get; set; }

    /// <summary>
    /// The SASL mechanism to use (PLAIN, LOGIN...); null lets the client pick the best offered. With an
    /// <see cref="AccessToken"/>: XOAUTH2 (null means XOAUTH2) or OAUTHBEARER.
    /// </summary>
    public string? AuthenticationMechanism { get; set; }

    /// <summary>The EHLO name; null for MailKit's default (the local address literal).</summary>
    public string? HeloName { get; set; }

    /// <summary>The local source address to bind, to test a trusted-network entry.</summary>
    public IPAddress? LocalAddress { get; set; }

    /// <summary>
    /// The address to connect to, when DNS already gave it (an MX host's address resolved through -DnsServer);
    /// <see cref="Server"/> then stays the host name the TLS certificate is checked against. Null: Server is resolved.
    /// </summary>
    public IPAddress? ConnectAddress { get; set; }

    /// <summary>
    /// The client address the server is to believe, sent in XCLIENT ADDR after EHLO and TLS (Postfix
    /// XCLIENT_README); null or empty for none. The server must offer XCLIENT to this host.
    /// </summary>
    public string? ClientAddress { get; set; }

    /// <summary>
    /// The client host name sent in XCLIENT NAME: a domain, [UNAVAILABLE] or [TEMPUNAVAIL] (Postfix's log
    /// word <c>unknown</c> becomes [UNAVAILABLE]); null or empty for none.
    /// </summary>
    public string? ClientName { get; set; }

    /// <summary>The TLS client certificate (with its private key) to offer when the server asks for one; null for none.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Bounds the whole probe, from DNS to QUIT.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Accept any server certificate.</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>Allow AUTH over a connection that is not encrypted.</summary>
    public bool AllowUnencryptedAuthentication { get; set; }

    /// <summary>Keep the (redacted) transcript in the result.</summary>
    public bool IncludeTranscript { get; set; }

    /// <summary>After an accepted RCPT, send a small test message (DATA). Off by default: DATA is never sent otherwise.</summary>
    public bool SendMessage { get; set; }

    /// <summary>The security mode actually used, with Auto resolved by port.</summary>
    public SmtpSecurityMode EffectiveSecurity =>
        Security != SmtpSecurityMode.Auto ? Security : Port == 465 ? SmtpSecurityMode.Tls : SmtpSecurityMode.StartTlsWhenAvailable;

    /// <summary>
    /// Checks every value that becomes part of an SMTP command (server, EHLO name, sender, recipient,
    /// mechanism, XCLIENT address and name) and puts them in the form sent: addresses without angle
    /// brackets, the mechanism in upper case, the server as a plain host, the client address plain, an
    /// empty client address or name as none. Idempotent; the probe runs it again before connecting.
    /// </summary>
    /// <exception cref="SmtpArgumentException">A value is refused; nothing has been sent.</exception>
    /// <exception cref="ClientCertificateException">The client certificate has no private key.</exception>
    public void Validate()
    {
        SmtpEndpoint endpoint = SmtpEndpoint.Parse(Server, nameof(Server));
        Server = endpoint.Host;
        Port = endpoint.Port ?? Port;
        if (HeloName is not null)
        {
            HeloName = SmtpSyntax.HeloName(HeloName, nameof(HeloName));
        }

        From = SmtpSyntax.Mailbox(From, nameof(From), allowNullPath: true);
        To = SmtpSyntax.Mailbox(To, nameof(To), allowPostmaster: true);
        if (AuthenticationMechanism is not null)
        {
            AuthenticationMechanism = SmtpSyntax.SaslMechanism(AuthenticationMechanism, nameof(AuthenticationMechanism));
        }

        if (AccessToken is null && AuthenticationMechanism is not null && Array.IndexOf(OAuthSyntax.Mechanisms, AuthenticationMechanism.ToUpperInvariant()) >= 0)
        {
            // MailKit would send the password itself as the bearer token: a secret in a form nobody asked for.
            throw SmtpSyntax.Fail(SmtpArgumentKind.SaslMechanism, SmtpArgumentProblem.Syntax, nameof(AuthenticationMechanism), AuthenticationMechanism, -1,
                "XOAUTH2 and OAUTHBEARER carry an OAuth access token: give -AccessToken (a password is never sent as a token)");
        }

        if (AccessToken is not null)
        {
            if (Credential is not null)
            {
                throw new ArgumentException("A probe authenticates with a password credential or an access token, not both.", nameof(AccessToken));
            }

            AuthenticationMechanism = OAuthSyntax.Mechanism(AuthenticationMechanism, nameof(AuthenticationMechanism));
            AccessToken.UserName = OAuthSyntax.UserName(AccessToken.UserName, "UserName");
            OAuthSyntax.CheckToken(AccessToken.SecurePassword, nameof(AccessToken));
        }

        ClientAddress = string.IsNullOrEmpty(ClientAddress) ? null : XclientSyntax.ClientAddress(ClientAddress, nameof(ClientAddress));
        ClientName = string.IsNullOrEmpty(ClientName) ? null : XclientSyntax.ClientName(ClientName, nameof(ClientName));
        if (ClientCertificate is { HasPrivateKey: false } certificate)
        {
            // SslStream would silently offer nothing: a certificate is only usable with its key.
            throw new ClientCertificateException(ClientCertificateProblem.NoPrivateKey, certificate.Subject,
                $"The client certificate {certificate.Subject} ({certificate.Thumbprint}) has no private key, so it cannot be offered in a TLS handshake.");
        }

        if (SendMessage && From.Length == 0)
        {
            throw new SmtpArgumentException(SmtpArgumentKind.SmtpAddress, SmtpArgumentProblem.Empty, nameof(From), From, -1,
                "a test message (-SendMessage) needs a real sender, not the null sender <>");
        }
    }
}
