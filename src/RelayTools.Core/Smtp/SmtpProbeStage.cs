namespace RelayTools.Core.Smtp;

/// <summary>How far an SMTP probe got; on failure, the step that failed.</summary>
public enum SmtpProbeStage
{
    /// <summary>Name resolution and the TCP connection (and the TLS handshake on an implicit-TLS port).</summary>
    Connect,

    /// <summary>Waiting for the 220 greeting.</summary>
    Greeting,

    /// <summary>EHLO (or HELO).</summary>
    Ehlo,

    /// <summary>STARTTLS and its handshake.</summary>
    StartTls,

    /// <summary>XCLIENT, sent with -ClientAddress or -ClientName after EHLO and TLS (the EHLO said again after it is Ehlo).</summary>
    Xclient,

    /// <summary>SMTP AUTH.</summary>
    Auth,

    /// <summary>MAIL FROM.</summary>
    MailFrom,

    /// <summary>RCPT TO.</summary>
    RcptTo,

    /// <summary>DATA (only with -SendMessage).</summary>
    Data,

    /// <summary>The dialog completed.</summary>
    Done,
}
