using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Logs;

/// <summary>
/// Postfix smtpd lines: <c>NOQUEUE: reject: RCPT from name[addr]: 554 5.7.1 &lt;rcpt&gt;: Relay access
/// denied; from=&lt;s&gt; to=&lt;r&gt; proto=ESMTP helo=&lt;h&gt;</c> (also the 454 4.7.1 defer form,
/// VRFY, IPv6 and <c>[addr]:port</c> clients, any syslog name) and, for auth failures,
/// <c>warning: name[addr]: SASL LOGIN authentication failed: ...</c>.
/// </summary>
public sealed class PostfixLogFormat : LogLineFormat
{
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    private PostfixLogFormat()
    {
    }

    /// <summary>The declaration.</summary>
    public static PostfixLogFormat Instance { get; } = new();

    /// <inheritdoc />
    public override LogFormat Format => LogFormat.Postfix;

    /// <inheritdoc />
    public override IReadOnlyList<LogAnchor> Anchors { get; } =
    [
        new("Relay access denied", false, "Nov 24 10:15:02 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 554 5.7.1 <a@gmail.com>: Relay access denied; from=<s@corp.example> to=<a@gmail.com> proto=ESMTP helo=<pc1>"),
        new("authentication failed", true, "Nov 24 10:15:02 mx postfix/submission/smtpd[1]: warning: unknown[192.0.2.7]:51000: SASL PLAIN authentication failed: , sasl_username=printer@corp.example"),
    ];

    /// <inheritdoc />
    public override RelayRejection? TryParse(string line, SyslogHeader header, LogParseContext context)
    {
        int start = header.MessageStart;
        RelayRejection? record = TryParseReject(line, start, header);
        if (record is not null) return record;

        if (!context.IncludeAuthFailures) return null;
        Match m = Patterns.Sasl.Match(line, start);
        if (!m.Success) return null;
        var auth = New(header, m);
        string detail = m.Groups["detail"].Value;
        auth.Kind = detail.IndexOf("Connection lost to authentication server", StringComparison.OrdinalIgnoreCase) >= 0
            ? RejectionKind.AuthBackendUnavailable
            : RejectionKind.AuthFailed;
        auth.Reason = "SASL " + m.Groups["mech"].Value + " authentication failed" + (detail.Length > 0 ? ": " + detail : "");
        if (m.Groups["user"].Success && m.Groups["user"].Value.Length > 0) auth.SaslUser = m.Groups["user"].Value;
        return auth;
    }

    // "[QUEUEID: ]reject: CMD from name[addr][:port]: reply[; from=<s> to=<r> proto=P helo=<h>]"
    // Parsed by hand: this runs for every refusal in a large log, and a regex costs ten times more.
    private RelayRejection? TryParseReject(string line, int start, SyslogHeader header)
    {
        int reject = line.IndexOf("reject: ", start, StringComparison.Ordinal);
        if (reject < 0) return null;
        string? queue = null;
        if (reject != start)
        {
            // Only a queue id (or NOQUEUE) may precede it.
            if (reject - start < 3 || line[reject - 2] != ':' || line[reject - 1] != ' ') return null;
            for (int k = start; k < reject - 2; k++)
            {
                if (!char.IsLetterOrDigit(line[k])) return null;
            }
            queue = line.Substring(start, reject - 2 - start);
            if (queue == "NOQUEUE") queue = null;
        }
        int i = reject + 8;
        int from = line.IndexOf(" from ", i, StringComparison.Ordinal);
        if (from <= i || from - i > 20) return null;
        int open = line.IndexOf('[', from + 6);
        if (open < 0) return null;
        int close = line.IndexOf(']', open + 1);
        if (close < 0 || line.IndexOf(' ', from + 6, close - from - 6) >= 0) return null;
        int j = close + 1;
        int? port = null;
        if (j < line.Length && line[j] == ':' && j + 1 < line.Length && char.IsDigit(line[j + 1]))
        {
            int p = 0, k = j + 1;
            while (k < line.Length && char.IsDigit(line[k]) && p <= 65535) p = p * 10 + (line[k++] - '0');
            if (p <= 65535) port = p;
            j = k;
        }
        if (j + 1 >= line.Length || line[j] != ':' || line[j + 1] != ' ') return null;
        int replyStart = j + 2;
        int fields = FieldsStart(line, replyStart);
        string reply = line.Substring(replyStart, (fields < 0 ? line.Length : fields) - replyStart).TrimEnd(';', ' ');
        if (!HasRelayWording(reply)) return null;

        string name = line.Substring(from + 6, open - from - 6);
        var record = new RelayRejection
        {
            Kind = RejectionKind.RelayDenied,
            Mta = "Postfix",
            Timestamp = header.Timestamp,
            Host = header.Host,
            Service = header.Tag,
            QueueId = queue,
            ClientName = name.Length == 0 ? null : name,
            ClientAddress = line.Substring(open + 1, close - open - 1),
            ClientPort = port,
        };
        string text = SmtpReplyText.Apply(reply, record);
        int colon = text.LastIndexOf(">: ", StringComparison.Ordinal);
        record.Reason = colon >= 0 ? text.Substring(colon + 3) : text;
        if (fields >= 0)
        {
            record.Sender = Field(line, fields, "from=");
            record.Recipient = Field(line, fields, "to=");
            record.Protocol = Field(line, fields, "proto=");
            record.Helo = Field(line, fields, "helo=");
        }
        return record;
    }

    // Where "from=", "to=", "proto=" or "helo=" of the "; from=<s> to=<r> ..." tail starts, or -1.
    private static int FieldsStart(string line, int from)
    {
        int i = from;
        while ((i = line.IndexOf("; ", i, StringComparison.Ordinal)) >= 0)
        {
            int k = i + 2;
            if (string.CompareOrdinal(line, k, "from=", 0, 5) == 0 || string.CompareOrdinal(line, k, "to=", 0, 3) == 0 ||
                string.CompareOrdinal(line, k, "proto=", 0, 6) == 0 || string.CompareOrdinal(line, k, "helo=", 0, 5) == 0)
            {
                return k;
            }
            i = k;
        }
        return -1;
    }

    // The value of key= in the field tail: <value> or a bare word up to a space or comma.
    private static string? Field(string line, int from, string key)
    {
        int i = from;
        while (true)
        {
            i = line.IndexOf(key, i, StringComparison.Ordinal);
            if (i < 0) return null;
            if (i == from || line[i - 1] == ' ' || line[i - 1] == ',') break;
            i += key.Length;
        }
        int v = i + key.Length;
        if (v < line.Length && line[v] == '<')
        {
            int close = line.IndexOf('>', v + 1);
            return close < 0 ? line.Substring(v + 1) : line.Substring(v + 1, close - v - 1);
        }
        int end = v;
        while (end < line.Length && line[end] != ' ' && line[end] != ',') end++;
        return line.Substring(v, end - v);
    }

    private static RelayRejection New(SyslogHeader header, Match m)
    {
        string name = m.Groups["name"].Value;
        return new RelayRejection
        {
            Kind = RejectionKind.RelayDenied,
            Mta = "Postfix",
            Timestamp = header.Timestamp,
            Host = header.Host,
            Service = header.Tag,
            ClientName = name.Length == 0 ? null : name,
            ClientAddress = m.Groups["addr"].Value,
            ClientPort = LogFields.Port(m.Groups["port"]),
        };
    }

    // Built on first use, so a log without this format's lines never compiles them.
    private static class Patterns
    {
        public static readonly Regex Sasl = new(
            @"\Gwarning: (?<name>[^\[\s]*)\[(?<addr>[^\]\s]+)\](?::(?<port>\d+))?: SASL (?<mech>[\w-]+) authentication failed:? ?(?<detail>.*?)(?:,? sasl_username=(?<user>\S*))?$",
            Options);
    }
}
