using System;
using KbDiagnosis = RelayTools.Core.Diagnosis.Diagnosis;

namespace RelayTools.Core.Smtp;

/// <summary>The result of probing one server: how far the dialog got, what the server answered, and why.</summary>
public sealed class SmtpProbeResult : IMxProbeOrigin
{
    /// <summary>The server as given.</summary>
    public string Server { get; set; } = "";

    /// <summary>The TCP port.</summary>
    public int Port { get; set; }

    /// <summary>The path of a Debug-SmtpRelay probe matrix this probe took (<c>587 STARTTLS + AUTH</c>); null for Test-SmtpRelay.</summary>
    public string? Path { get; set; }

    /// <summary>The IP address connected to (or last tried).</summary>
    public string? RemoteAddress { get; set; }

    /// <summary>The domain whose MX hosts were probed (-Domain); null when the server was given by name.</summary>
    public string? Domain { get; set; }

    /// <summary>The MX host this address belongs to (the domain itself for an implicit MX); null without -Domain.</summary>
    public string? MxHost { get; set; }

    /// <summary>The MX preference of <see cref="MxHost"/> (0 for an implicit MX); null without -Domain.</summary>
    public int? MxPreference { get; set; }

    /// <summary>The local source address of the connection.</summary>
    public string? LocalAddress { get; set; }

    /// <summary>The 220 greeting text.</summary>
    public string? Banner { get; set; }

    /// <summary>The protection the session had when the outcome was decided.</summary>
    public SmtpConnectionSecurity Security { get; set; }

    /// <summary>The TLS protocol version, e.g. Tls13; null without TLS.</summary>
    public string? TlsProtocol { get; set; }

    /// <summary>The server certificate as seen during the handshake.</summary>
    public CertificateSummary? Certificate { get; set; }

    /// <summary>True when the (first) EHLO reply offered STARTTLS.</summary>
    public bool StartTlsOffered { get; set; }

    /// <summary>The AUTH mechanisms offered in clear text, before any STARTTLS.</summary>
    public string[] AuthMechanismsBeforeTls { get; set; } = [];

    /// <summary>The AUTH mechanisms offered in the last EHLO reply (after STARTTLS when it was used).</summary>
    public string[] AuthMechanisms { get; set; } = [];

    /// <summary>
    /// True when the EHLO reply (the one XCLIENT was decided on, else the last) offered XCLIENT. Postfix
    /// offers it only to the hosts in smtpd_authorized_xclient_hosts.
    /// </summary>
    public bool XclientOffered { get; set; }

    /// <summary>The client address sent in XCLIENT ADDR; null when no XCLIENT was sent.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>The client name sent in XCLIENT NAME; null when no XCLIENT was sent or it named no client.</summary>
    public string? ClientName { get; set; }

    /// <summary>
    /// The SHA-1 thumbprint of the client certificate offered for the TLS handshake (when the server asks
    /// for one); null without a client certificate or without TLS. Nothing of the private key is ever kept.
    /// </summary>
    public string? ClientCertificateThumbprint { get; set; }

    /// <summary>True when AUTH succeeded.</summary>
    public bool Authenticated { get; set; }

    /// <summary>The user name of the credential, when one was given (never the password).</summary>
    public string? UserName { get; set; }

    /// <summary>The SASL mechanism AUTH was tried with (PLAIN, LOGIN, SCRAM-SHA-256...); null when no AUTH was sent.</summary>
    public string? AuthenticationMechanism { get; set; }

    /// <summary>The MAIL FROM address.</summary>
    public string From { get; set; } = "";

    /// <summary>The RCPT TO address.</summary>
    public string To { get; set; } = "";

    /// <summary>How far the dialog got; on failure, the step that failed.</summary>
    public SmtpProbeStage Stage { get; set; }

    /// <summary>The outcome.</summary>
    public SmtpRelayStatus Status { get; set; }

    /// <summary>The reply code that decided the outcome; null when no server reply decided it.</summary>
    public int? ReplyCode { get; set; }

    /// <summary>The enhanced status code of that reply, e.g. 5.7.1.</summary>
    public string? EnhancedStatusCode { get; set; }

    /// <summary>The reply text, or the reason when the outcome was decided without a reply.</summary>
    public string? ReplyText { get; set; }

    /// <summary>Cause ids (of the knowledge base) that what the probe observed points to, most likely first.</summary>
    public string[] Evidence { get; set; } = [];

    /// <summary>
    /// What the knowledge base says about this outcome: the category, the ranked causes (those the probe
    /// saw evidence for first) with Check and Fix for the MTA when it was recognised, and the dead ends.
    /// </summary>
    public KbDiagnosis? Diagnosis { get; set; }

    /// <summary>Wall-clock time of the probe.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>The redacted transcript (only with -IncludeTranscript).</summary>
    public string[]? Transcript { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Server}:{Port} {Status} {ReplyCode} {EnhancedStatusCode}".TrimEnd();
}
