using System;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Logs;

/// <summary>
/// Sendmail lines: <c>qid: ruleset=check_rcpt, arg1=&lt;r&gt;, relay=name [addr] (may be forged),
/// reject=550 5.7.1 &lt;r&gt;... Relaying denied. Proper authentication required.</c>, and the temporary
/// <c>450 4.4.0 ... Relaying temporarily denied</c> form.
/// </summary>
public static class SendmailRejectionParser
{
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    private static readonly Regex Reject = new(
        @"\G(?:(?<queue>\w+): )?ruleset=(?<ruleset>\w+), arg1=(?<arg1>[^,]*), (?:arg2=[^,]*, )?relay=(?<relay>.*?), reject=(?<reply>.*)$",
        Options);

    private static readonly Regex Relay = new(@"^(?:(?<name>[^\s\[]+) ?)?(?:\[(?:IPv6:)?(?<addr>[^\]\s]+)\])?", Options);

    /// <summary>Whether the line looks like a Sendmail relay refusal (cheap test before the regex).</summary>
    public static bool IsCandidate(string line) =>
        line.IndexOf("Relaying", StringComparison.Ordinal) >= 0 && line.IndexOf("denied", StringComparison.Ordinal) >= 0;

    /// <summary>Parses one line; null when it is not a Sendmail relay rejection.</summary>
    public static RelayRejection? TryParse(string line, SyslogHeader header, LogParseContext context)
    {
        Match m = Reject.Match(line, header.MessageStart);
        if (!m.Success) return null;
        string reply = m.Groups["reply"].Value;
        if (reply.IndexOf("Relaying", StringComparison.Ordinal) < 0 || reply.IndexOf("denied", StringComparison.Ordinal) < 0) return null;

        var record = new RelayRejection
        {
            Kind = RejectionKind.RelayDenied,
            Mta = "Sendmail",
            Timestamp = header.Timestamp,
            Host = header.Host,
            Service = header.Tag,
            QueueId = m.Groups["queue"].Success ? m.Groups["queue"].Value : null,
            Recipient = SmtpReplyText.Unbracket(m.Groups["arg1"].Value),
        };
        Match relay = Relay.Match(m.Groups["relay"].Value);
        if (relay.Groups["addr"].Success)
        {
            record.ClientAddress = relay.Groups["addr"].Value;
            if (relay.Groups["name"].Success) record.ClientName = relay.Groups["name"].Value;
        }
        else if (relay.Groups["name"].Success)
        {
            record.ClientName = relay.Groups["name"].Value;
        }
        string text = SmtpReplyText.Apply(reply, record);
        int dots = text.IndexOf("... ", StringComparison.Ordinal);
        record.Reason = dots >= 0 ? text.Substring(dots + 4) : text;
        return record;
    }
}
