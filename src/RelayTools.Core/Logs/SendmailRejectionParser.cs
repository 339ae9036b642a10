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

    private static readonly Regex AuthFailure = new(
        @"\G(?:(?<queue>\w+): )?AUTH failure \((?<mech>[^)]*)\): (?<detail>.*?)(?:, user=(?<user>[^,]*))?, relay=(?<relay>.*?)(?:, .*)?$",
        Options);

    private static readonly Regex Relay = new(@"^(?:(?<name>[^\s\[]+) ?)?(?:\[(?:IPv6:)?(?<addr>[^\]\s]+)\])?", Options);

    /// <summary>Whether the line looks like a Sendmail relay refusal (or, when asked for, an AUTH failure) (cheap test before the regex).</summary>
    public static bool IsCandidate(string line, bool includeAuthFailures) =>
        (line.IndexOf("Relaying", StringComparison.Ordinal) >= 0 && line.IndexOf("denied", StringComparison.Ordinal) >= 0) ||
        (includeAuthFailures && line.IndexOf("AUTH failure (", StringComparison.Ordinal) >= 0);

    /// <summary>Parses one line; null when it is not a Sendmail relay rejection.</summary>
    public static RelayRejection? TryParse(string line, SyslogHeader header, LogParseContext context)
    {
        Match m = Reject.Match(line, header.MessageStart);
        if (!m.Success) return context.IncludeAuthFailures ? TryParseAuthFailure(line, header) : null;
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

    // "qid: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): ... user=bob, relay=name [addr]"
    private static RelayRejection? TryParseAuthFailure(string line, SyslogHeader header)
    {
        Match m = AuthFailure.Match(line, header.MessageStart);
        if (!m.Success) return null;
        var record = new RelayRejection
        {
            Kind = RejectionKind.AuthFailed,
            Mta = "Sendmail",
            Timestamp = header.Timestamp,
            Host = header.Host,
            Service = header.Tag,
            QueueId = m.Groups["queue"].Success ? m.Groups["queue"].Value : null,
            Reason = "AUTH failure (" + m.Groups["mech"].Value + "): " + m.Groups["detail"].Value,
            SaslUser = m.Groups["user"].Success && m.Groups["user"].Value.Length > 0 ? m.Groups["user"].Value : null,
        };
        Match relay = Relay.Match(m.Groups["relay"].Value);
        if (relay.Groups["addr"].Success) record.ClientAddress = relay.Groups["addr"].Value;
        if (relay.Groups["name"].Success) record.ClientName = relay.Groups["name"].Value;
        // A SASL back end that cannot be reached (saslauthd down) is SASL(-1) "generic failure".
        if (m.Groups["detail"].Value.IndexOf("SASL(-1)", StringComparison.Ordinal) >= 0) record.Kind = RejectionKind.AuthBackendUnavailable;
        return record;
    }
}
