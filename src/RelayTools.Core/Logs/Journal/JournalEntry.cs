using System;
using System.Globalization;
using System.Text;

namespace RelayTools.Core.Logs.Journal;

/// <summary>
/// The fields of one systemd journal entry that a mail log line is made of: the time
/// (<c>__REALTIME_TIMESTAMP</c>, microseconds since the epoch, UTC), the host (<c>_HOSTNAME</c>),
/// the program (<c>SYSLOG_IDENTIFIER</c>, else <c>_COMM</c>), its pid (<c>SYSLOG_PID</c>, else
/// <c>_PID</c>) and the message (<c>MESSAGE</c>).
/// </summary>
public sealed class JournalEntry
{
    /// <summary>When the entry was logged (UTC); null when it has no <c>__REALTIME_TIMESTAMP</c>.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The host name; null when absent.</summary>
    public string? Host { get; set; }

    /// <summary>The program name, e.g. <c>postfix/smtpd</c>; null when absent.</summary>
    public string? Identifier { get; set; }

    /// <summary>The process id as logged; null when absent.</summary>
    public string? Pid { get; set; }

    /// <summary>The message; null when the entry has none.</summary>
    public string? Message { get; set; }

    /// <summary>
    /// Takes one field of the entry (others are ignored). Field names are case-sensitive, as in the
    /// journal; the first value of a repeated field wins.
    /// </summary>
    public void Set(string name, string value)
    {
        switch (name)
        {
            case "MESSAGE": Message ??= value; break;
            case "_HOSTNAME": Host ??= value; break;
            case "SYSLOG_IDENTIFIER": Identifier = value; break;
            case "_COMM": Identifier ??= value; break;
            case "SYSLOG_PID": Pid = value; break;
            case "_PID": Pid ??= value; break;
            case "__REALTIME_TIMESTAMP":
                if (Timestamp is null && TryMicroseconds(value, out DateTimeOffset time)) Timestamp = time;
                break;
        }
    }

    /// <summary>
    /// The entry as the classic syslog line it stands for, with an RFC 3339 UTC time to the
    /// microsecond: <c>2026-12-01T19:07:29.123456+00:00 mx postfix/smtpd[123]: message</c>.
    /// </summary>
    public string ToSyslogLine()
    {
        var text = new StringBuilder(64 + (Message?.Length ?? 0));
        if (Timestamp is DateTimeOffset time) text.Append(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)).Append("+00:00 ");
        text.Append(string.IsNullOrEmpty(Host) ? "localhost" : Host).Append(' ');
        text.Append(string.IsNullOrEmpty(Identifier) ? "unknown" : Identifier);
        if (!string.IsNullOrEmpty(Pid)) text.Append('[').Append(Pid).Append(']');
        text.Append(": ").Append(Message);
        return text.ToString();
    }

    /// <summary>Parses microseconds since the Unix epoch into a UTC time.</summary>
    public static bool TryMicroseconds(string value, out DateTimeOffset time)
    {
        time = default;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long micro)) return false;
        const long MaxMicro = 253402300799L * 1000000L; // 9999-12-31T23:59:59Z
        if (micro > MaxMicro) return false;
        time = new DateTimeOffset(621355968000000000L + micro * 10, TimeSpan.Zero);
        return true;
    }
}
