using System;
using System.Net;
using RelayTools.Core.Smtp;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Core.OpenRelay;

/// <summary>What to audit and how.</summary>
public sealed class OpenRelayAuditRequest
{
    /// <summary>Host name or IP address of the server.</summary>
    public string Server { get; set; } = "";

    /// <summary>TCP port.</summary>
    public int Port { get; set; } = 25;

    /// <summary>Auto: implicit TLS on 465, plain text elsewhere (as an unauthenticated outsider connects).</summary>
    public SmtpSecurityMode Security { get; set; } = SmtpSecurityMode.Auto;

    /// <summary>The EHLO name; null for MailKit's default.</summary>
    public string? HeloName { get; set; }

    /// <summary>The local source address to bind.</summary>
    public IPAddress? LocalAddress { get; set; }

    /// <summary>
    /// The address to connect to, when DNS already gave it (an MX host's address resolved through -DnsServer);
    /// <see cref="Server"/> then stays the host name the TLS certificate is checked against. Null: Server is resolved.
    /// </summary>
    public IPAddress? ConnectAddress { get; set; }

    /// <summary>Bounds the whole audit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The pause before reconnecting after the server ended a session or its error limit was reached (no hammering).</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Accept any server certificate.</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>Keep the transcript.</summary>
    public bool IncludeTranscript { get; set; }

    /// <summary>D: the external domain the forms try to relay to (reserved by RFC 2606 by default).</summary>
    public string ExternalDomain { get; set; } = "example.com";

    /// <summary>F: the local part of the probe's sender.</summary>
    public string SenderLocalPart { get; set; } = "relaytest";

    /// <summary>T: the local part of the target recipient.</summary>
    public string TargetLocalPart { get; set; } = "relaytest";

    /// <summary>The security mode actually used.</summary>
    public SmtpSecurityMode EffectiveSecurity =>
        Security != SmtpSecurityMode.Auto ? Security : Port == 465 ? SmtpSecurityMode.Tls : SmtpSecurityMode.None;

    /// <summary>
    /// Checks every value that becomes part of an SMTP command (server, EHLO name, the domain and local
    /// parts of the forms) and puts the server in its plain form. The forms themselves are the audit's
    /// own deliberate abuses of the grammar; only their parts from the caller are checked.
    /// </summary>
    /// <exception cref="SmtpArgumentException">A value is refused; nothing has been sent.</exception>
    public void Validate()
    {
        SmtpEndpoint endpoint = SmtpEndpoint.Parse(Server, nameof(Server));
        Server = endpoint.Host;
        Port = endpoint.Port ?? Port;
        if (HeloName is not null)
        {
            HeloName = SmtpSyntax.HeloName(HeloName, nameof(HeloName));
        }

        ExternalDomain = SmtpSyntax.Domain(ExternalDomain, nameof(ExternalDomain));
        SmtpSyntax.Mailbox(SenderLocalPart + "@" + ExternalDomain, nameof(SenderLocalPart));
        SmtpSyntax.Mailbox(TargetLocalPart + "@" + ExternalDomain, nameof(TargetLocalPart));
    }
}
