namespace RelayTools.Core.Logs;

/// <summary>
/// Whether a text line that gave no rejection is still a line of a known log format: a syslog or
/// journald prefix (time, or host and program tag), an Exim time, a Kerio <c>[time]</c> or an
/// Exchange CSV header. Used only to count lines in no known format; never on the fast path's
/// skipped lines.
/// </summary>
public static class LogLineShape
{
    /// <summary>Whether <paramref name="line"/> (non-blank) has the shape of a known log format.</summary>
    public static bool IsKnown(string line, LogParseContext context)
    {
        if (line.Length > 0 && line[0] == '#') return ExchangeReceiveLogParser.IsHeader(line);
        if (line.Length > 1 && line[0] == '[' && LogTimestamp.TryParseKerio(line, 1, context, out _, out _)) return true;
        if (LogTimestamp.TryParseIso(line, 0, context, out _, out _)) return true;
        SyslogHeader header = SyslogHeader.Parse(line, context);
        return header.Timestamp is not null || header.Tag is not null;
    }
}
