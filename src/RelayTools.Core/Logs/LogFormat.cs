namespace RelayTools.Core.Logs;

/// <summary>The log formats the relay-rejection parsers understand.</summary>
public enum LogFormat
{
    /// <summary>Recognise the format of each line (and an Exchange CSV log by its header).</summary>
    Auto,

    /// <summary>Postfix smtpd lines (syslog, journald, maillog_file or bare messages).</summary>
    Postfix,

    /// <summary>Exim main log or reject log lines.</summary>
    Exim,

    /// <summary>Sendmail syslog lines.</summary>
    Sendmail,

    /// <summary>Exchange SMTP Receive protocol logs (CSV with a #Fields: header).</summary>
    Exchange,

    /// <summary>Kerio Connect security log lines.</summary>
    Kerio,
}
