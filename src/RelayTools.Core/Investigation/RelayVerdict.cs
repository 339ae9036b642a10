namespace RelayTools.Core.Investigation;

/// <summary>
/// The verdict of a relay diagnosis for the client's path today. Strings, not an enum: a deserialized
/// enum is only a number, and <c>Where-Object Verdict -eq Denied</c> must work after remoting.
/// </summary>
public static class RelayVerdict
{
    /// <summary>The server relays for this client on the path it uses.</summary>
    public const string Relays = "Relays";

    /// <summary>The recipient is refused (Relay access denied and its kin).</summary>
    public const string Denied = "Denied";

    /// <summary>AUTH was tried and refused (wrong password, account not allowed).</summary>
    public const string AuthenticationFailed = "AuthenticationFailed";

    /// <summary>The server wants AUTH before it relays, and no credential was given.</summary>
    public const string AuthenticationRequired = "AuthenticationRequired";

    /// <summary>AUTH or mail needs TLS first (smtpd_tls_auth_only, smtpd_tls_security_level=encrypt).</summary>
    public const string EncryptionRequired = "EncryptionRequired";

    /// <summary>The TLS handshake failed (certificate, protocol).</summary>
    public const string TlsFailed = "TlsFailed";

    /// <summary>Nothing answered on the port (refused, dropped, or no such host).</summary>
    public const string Unreachable = "Unreachable";

    /// <summary>A 4xx answer: try again later (greylisting, a backend down, rate limits).</summary>
    public const string TemporaryFailure = "TemporaryFailure";

    /// <summary>The server broke the dialog (closed the connection, answered garbage).</summary>
    public const string ProtocolError = "ProtocolError";

    /// <summary>The sender was refused at MAIL FROM.</summary>
    public const string SenderRejected = "SenderRejected";
}
