namespace RelayTools.Core.Smtp;

/// <summary>How a probe secures its connection.</summary>
public enum SmtpSecurityMode
{
    /// <summary>Implicit TLS on port 465; elsewhere STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>Never encrypt.</summary>
    None,

    /// <summary>STARTTLS, and fail (TlsFailed) when the server does not offer it.</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it, plain text otherwise.</summary>
    StartTlsWhenAvailable,

    /// <summary>Implicit TLS from the first byte (SMTPS).</summary>
    Tls,
}
