using System;

namespace RelayTools.Core.Logs;

/// <summary>
/// The prefix a logger put before an MTA's message: time, host and program tag. Recognises classic
/// syslog (<c>Nov 24 10:15:02 mx postfix/smtpd[1]: </c>, with an optional <c>&lt;PRI&gt;</c> and an
/// optional <c>&lt;mail.notice&gt;</c> facility tag), RFC 3339 / high-precision rsyslog and journald
/// short-iso, RFC 5424 (<c>&lt;22&gt;1 2026-11-24T10:15:02Z host app pid msgid - msg</c>), a prefix
/// without a time (<c>host exim[1]: </c>) and no prefix at all (a bare message).
/// </summary>
public readonly struct SyslogHeader
{
    private SyslogHeader(DateTimeOffset? timestamp, string? host, string? tag, int messageStart)
    {
        Timestamp = timestamp;
        Host = host;
        Tag = tag;
        MessageStart = messageStart;
    }

    /// <summary>The time of the prefix; null when there is none.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The host name of the prefix; null when there is none.</summary>
    public string? Host { get; }

    /// <summary>The program name without the pid, e.g. <c>postfix/smtpd</c>; null when there is none.</summary>
    public string? Tag { get; }

    /// <summary>Where the MTA's own message starts in the line.</summary>
    public int MessageStart { get; }

    /// <summary>Splits <paramref name="line"/> into prefix and message. Never fails: a line without a prefix is all message.</summary>
    public static SyslogHeader Parse(string line, LogParseContext context)
    {
        int i = 0;
        if (line.Length > 2 && line[0] == '<')
        {
            int close = line.IndexOf('>', 1);
            if (close > 1 && close <= 4 && AllDigits(line, 1, close))
            {
                i = close + 1;
                if (i + 1 < line.Length && line[i] == '1' && line[i + 1] == ' ') return ParseRfc5424(line, i + 2, context);
            }
        }

        DateTimeOffset? timestamp = null;
        if (LogTimestamp.TryParseClassic(line, i, context, out DateTimeOffset classic, out int end) ||
            (LogTimestamp.TryParseIso(line, i, context, out classic, out end) && end < line.Length && line[end] == ' ' && line[i + 10] == 'T'))
        {
            timestamp = classic;
            i = end;
            while (i < line.Length && line[i] == ' ') i++;
            // Some relays insert the facility and severity: "<mail.notice> myhost sm-mta[1]: ..."
            if (i < line.Length && line[i] == '<')
            {
                int close = line.IndexOf('>', i);
                if (close > i && close - i < 32 && line.IndexOf(' ', i, close - i) < 0)
                {
                    i = close + 1;
                    while (i < line.Length && line[i] == ' ') i++;
                }
            }
        }

        if (TryHostAndTag(line, i, out string? host, out string? tag, out int messageStart))
        {
            return new SyslogHeader(timestamp, host, tag, messageStart);
        }
        return new SyslogHeader(timestamp, null, null, timestamp is null ? 0 : i);
    }

    private static SyslogHeader ParseRfc5424(string line, int i, LogParseContext context)
    {
        DateTimeOffset? timestamp = null;
        if (LogTimestamp.TryParseIso(line, i, context, out DateTimeOffset value, out int end)) timestamp = value;
        else end = NextSpace(line, i);
        string? host = Field(line, end + 1, out int next);
        string? app = Field(line, next, out next);
        Field(line, next, out next); // procid
        Field(line, next, out next); // msgid
        // Structured data: "-" or one or more [id param="value"...] elements.
        int j = next;
        if (j < line.Length && line[j] == '-') j++;
        else
        {
            while (j < line.Length && line[j] == '[')
            {
                bool quoted = false;
                for (j++; j < line.Length; j++)
                {
                    char c = line[j];
                    if (c == '\\') j++;
                    else if (c == '"') quoted = !quoted;
                    else if (c == ']' && !quoted) { j++; break; }
                }
            }
        }
        if (j < line.Length && line[j] == ' ') j++;
        if (j + 2 < line.Length && line[j] == '\uFEFF') j++;
        return new SyslogHeader(timestamp, host, app, Math.Min(j, line.Length));
    }

    private static string? Field(string line, int start, out int next)
    {
        if (start >= line.Length)
        {
            next = line.Length;
            return null;
        }
        int space = NextSpace(line, start);
        next = Math.Min(space + 1, line.Length);
        string value = line.Substring(start, space - start);
        return value == "-" ? null : value;
    }

    private static int NextSpace(string line, int start)
    {
        int space = line.IndexOf(' ', Math.Min(start, line.Length));
        return space < 0 ? line.Length : space;
    }

    // "host tag[pid]: " or "host tag: " - the host has no ':' and the tag is followed by ": ".
    private static bool TryHostAndTag(string line, int start, out string? host, out string? tag, out int messageStart)
    {
        host = tag = null;
        messageStart = start;
        int hostEnd = line.IndexOf(' ', start);
        if (hostEnd <= start) return false;
        for (int k = start; k < hostEnd; k++)
        {
            char c = line[k];
            if (c == ':' && !IsIpv6Host(line, start, hostEnd)) return false;
            if (c == '[' || c == '<' || c == '=' || c == '"') return false;
        }
        int t = hostEnd + 1;
        int k2 = t;
        bool letter = false;
        while (k2 < line.Length)
        {
            char c = line[k2];
            if (c == '[' || c == ':' || c == ' ') break;
            if (char.IsLetter(c)) letter = true;
            k2++;
        }
        if (k2 == t || !letter || k2 >= line.Length) return false;
        int tagEnd = k2;
        if (line[k2] == '[')
        {
            int close = line.IndexOf(']', k2);
            if (close < 0 || !AllDigits(line, k2 + 1, close)) return false;
            k2 = close + 1;
        }
        if (k2 + 1 >= line.Length || line[k2] != ':' || line[k2 + 1] != ' ') return false;
        host = line.Substring(start, hostEnd - start);
        tag = line.Substring(t, tagEnd - t);
        messageStart = k2 + 2;
        return true;
    }

    private static bool IsIpv6Host(string line, int start, int end)
    {
        int colons = 0;
        for (int k = start; k < end; k++)
        {
            char c = line[k];
            if (c == ':') colons++;
            else if (!Uri.IsHexDigit(c) && c != '.') return false;
        }
        return colons >= 2;
    }

    private static bool AllDigits(string text, int start, int end)
    {
        if (end <= start) return false;
        for (int k = start; k < end; k++)
        {
            if (text[k] < '0' || text[k] > '9') return false;
        }
        return true;
    }
}
