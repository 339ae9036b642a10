using System;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Logs;

/// <summary>
/// Postfix smtpd lines: <c>NOQUEUE: reject: RCPT from name[addr]: 554 5.7.1 &lt;rcpt&gt;: Relay access
/// denied; from=&lt;s&gt; to=&lt;r&gt; proto=ESMTP helo=&lt;h&gt;</c> (also the 454 4.7.1 defer form,
/// VRFY, IPv6 and <c>[addr]:port</c> clients, any syslog name) and, for auth failures,
/// <c>warning: name[addr]: SASL LOGIN authentication failed: ...</c>.
/// </summary>
public static class PostfixRejectionParser
{
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    private static readonly Regex Reject = new(
        @"\G(?:(?<queue>[0-9A-Za-z]+): )?reject: (?<cmd>[A-Z][A-Z-]*) from (?<name>[^\[\s]*)\[(?<addr>[^\]\s]+)\](?::(?<port>\d+))?: (?<reply>.*?)(?:;? (?<fields>(?:from|to|proto|helo)=.*))?$",
        Options);

    private static readonly Regex Field = new(@"(?:^|[ ,])(?<key>from|to|proto|helo)=(?:<(?<value>[^>]*)>|(?<value>[^\s,]*))", Options);

    private static readonly Regex Sasl = new(
        @"\Gwarning: (?<name>[^\[\s]*)\[(?<addr>[^\]\s]+)\](?::(?<port>\d+))?: SASL (?<mech>[\w-]+) authentication failed:? ?(?<detail>.*?)(?:,? sasl_username=(?<user>\S*))?$",
        Options);

    /// <summary>Whether the message looks like Postfix's relay refusal (cheap test before the regex).</summary>
    public static bool IsCandidate(string line, bool includeAuthFailures) =>
        line.IndexOf("Relay access denied", StringComparison.Ordinal) >= 0 ||
        (includeAuthFailures && line.IndexOf("authentication failed", StringComparison.Ordinal) >= 0 && line.IndexOf("SASL", StringComparison.Ordinal) >= 0);

    /// <summary>Parses one line; null when it is not a Postfix relay rejection (or auth failure, when asked for).</summary>
    public static RelayRejection? TryParse(string line, SyslogHeader header, LogParseContext context)
    {
        int start = header.MessageStart;
        Match m = Reject.Match(line, start);
        if (m.Success)
        {
            string reply = m.Groups["reply"].Value;
            if (reply.IndexOf("Relay access denied", StringComparison.Ordinal) < 0) return null;
            var record = New(header, m);
            string text = SmtpReplyText.Apply(reply, record);
            int colon = text.LastIndexOf(">: ", StringComparison.Ordinal);
            record.Reason = colon >= 0 ? text.Substring(colon + 3) : text;
            string queue = m.Groups["queue"].Value;
            record.QueueId = queue.Length == 0 || queue == "NOQUEUE" ? null : queue;
            foreach (Match f in Field.Matches(m.Groups["fields"].Value))
            {
                string value = f.Groups["value"].Value;
                switch (f.Groups["key"].Value)
                {
                    case "from": record.Sender = value; break;
                    case "to": record.Recipient = value; break;
                    case "proto": record.Protocol = value; break;
                    case "helo": record.Helo = value; break;
                }
            }
            return record;
        }

        if (!context.IncludeAuthFailures) return null;
        m = Sasl.Match(line, start);
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
}
