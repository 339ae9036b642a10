namespace RelayTools.Core.Diagnosis;

/// <summary>What an SMTP reply (or a failed attempt) means for the admin: the kind of failure.</summary>
public enum FailureCategory
{
    /// <summary>The server accepted the command (2xx).</summary>
    Success,

    /// <summary>The server refuses to relay: the recipient is not local and the client is not trusted.</summary>
    RelayDenied,

    /// <summary>The server wants SMTP AUTH before it accepts the mail.</summary>
    AuthenticationRequired,

    /// <summary>SMTP AUTH was attempted and failed (credentials, mechanism, backend, AUTH not enabled).</summary>
    AuthenticationFailed,

    /// <summary>The server wants TLS (STARTTLS or implicit TLS) first.</summary>
    EncryptionRequired,

    /// <summary>The envelope sender (MAIL FROM) is refused.</summary>
    SenderRejected,

    /// <summary>The recipient is refused for a reason other than relaying (unknown user, full mailbox).</summary>
    RecipientRejected,

    /// <summary>No SMTP session: refused, unreachable, timed out, or the service is not offered.</summary>
    ConnectionRefused,

    /// <summary>A transient failure that is not about relaying or AUTH (greylisting, load, rate limits).</summary>
    TemporaryFailure,

    /// <summary>The TLS handshake failed (certificate, protocol version, cipher).</summary>
    TlsFailed,

    /// <summary>The client broke the protocol (command sequence, syntax, unsupported parameter).</summary>
    ProtocolError,

    /// <summary>Anything the knowledge base cannot classify.</summary>
    Other,

    /// <summary>The client host itself is refused (blocklist, reverse DNS, HELO, rate limit).</summary>
    ClientRejected,

    /// <summary>
    /// The receiving side refuses the message because the sender's domain does not authenticate it: SPF fails
    /// for the sending address, no DKIM signature verifies, DMARC finds no aligned pass.
    /// </summary>
    SenderUnauthenticated,
}
