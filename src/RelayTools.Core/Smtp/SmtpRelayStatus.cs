namespace RelayTools.Core.Smtp;

/// <summary>The outcome of one relay probe.</summary>
public enum SmtpRelayStatus
{
    /// <summary>The server accepted the external recipient: it relays for this client.</summary>
    RelayPermitted,

    /// <summary>The server refused the recipient (for example <c>554 5.7.1 Relay access denied</c>).</summary>
    RelayDenied,

    /// <summary>The server wants SMTP AUTH before it accepts the transaction (<c>530 5.7.0</c>).</summary>
    AuthenticationRequired,

    /// <summary>AUTH was refused (<c>535 5.7.8</c>), or the server offers no usable mechanism.</summary>
    AuthenticationFailed,

    /// <summary>Encryption is needed first: the server hides or refuses AUTH before TLS, or the probe refused to send AUTH in clear text.</summary>
    EncryptionRequired,

    /// <summary>TLS could not be set up: handshake failure, untrusted certificate, or STARTTLS required but not offered.</summary>
    TlsFailed,

    /// <summary>MAIL FROM was refused.</summary>
    SenderRejected,

    /// <summary>The server answered with a 4xx reply (try again later), including a 421 greeting.</summary>
    TemporaryFailure,

    /// <summary>No TCP connection: refused, unreachable, or the name does not resolve.</summary>
    ConnectionFailed,

    /// <summary>The probe did not finish within its timeout.</summary>
    Timeout,

    /// <summary>The server broke the protocol: garbage, over-long lines, or a dropped connection.</summary>
    ProtocolError,

    /// <summary>
    /// The recipient was accepted, but its domain is the server's own (the domain of the name it
    /// announces): ordinary inbound mail, not relay.
    /// </summary>
    Accepted,

    /// <summary>
    /// XCLIENT was asked for (-ClientAddress, -ClientName) but the server does not offer it to this host,
    /// or refused it (<c>550 5.7.0 Error: insufficient authorization</c>): the probe did not go on as that client.
    /// </summary>
    XclientRefused,
}
