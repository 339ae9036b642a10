namespace RelayTools.Core.Smtp;

/// <summary>The protection a probe's session actually had.</summary>
public enum SmtpConnectionSecurity
{
    /// <summary>Plain text.</summary>
    None,

    /// <summary>Upgraded with STARTTLS.</summary>
    StartTls,

    /// <summary>Implicit TLS from the first byte.</summary>
    Tls,
}
