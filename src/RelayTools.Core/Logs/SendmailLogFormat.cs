using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Logs;

/// <summary>
/// Sendmail lines: <c>qid: ruleset=check_rcpt, arg1=&lt;r&gt;, relay=name [addr] (may be forged),
/// reject=550 5.7.1 &lt;r&gt;... Relaying denied. Proper authentication required.</c>, and the temporary
/// <c>450 4.4.0 ... Relaying temporarily denied</c> form.
/// </summary>
public sealed class SendmailLogFormat : LogLineFormat
{
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    private SendmailLogFormat()
    {
    }

    /// <summary>The declaration.</summary>
    public static SendmailLogFormat Instance { get; } = new();

    /// <inheritdoc />
    public override LogFormat Format => LogFormat.Sendmail;

    /// <inheritdoc />
    public override IReadOnlyList<LogAnchor> Anchors { get; } =
    [
        new("Relaying denied", false, "Nov 24 10:15:02 mx sm-mta[6519]: s1N7vR47006519: ruleset=check_rcpt, arg1=<a@gmail.com>, relay=pc1.corp.example [203.0.113.5] (may be forged), reject=550 5.7.1 <a@gmail.com>... Relaying denied. Proper authentication required."),
        new("Relaying temporarily denied", false, "Nov 24 10:15:02 mx sm-mta[6519]: s1N7vR47006519: ruleset=check_rcpt, arg1=<a@gmail.com>, relay=[203.0.113.5], reject=450 4.4.0 <a@gmail.com>... Relaying temporarily denied. Cannot resolve PTR record for 203.0.113.5"),
        new("AUTH failure (", true, "Nov 24 10:15:02 mx sendmail[6519]: s1N7vR47006519: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=printer, relay=pc1.corp.example [192.0.2.7]"),
    ];

    /// <inheritdoc />
    public override RelayRejection? TryParse(string line, SyslogHeader header, LogParseContext context)
    {
        Match m = Patterns.Reject.Match(line, header.MessageStart);
        if (!m.Success) return context.IncludeAuthFailures ? TryParseAuthFailure(line, header) : null;
        string reply = m.Groups["reply"].Value;
        if (!HasRelayWording(reply)) return null;

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
        Match relay = Patterns.Relay.Match(m.Groups["relay"].Value);
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
        Match m = Patterns.AuthFailure.Match(line, header.MessageStart);
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
        Match relay = Patterns.Relay.Match(m.Groups["relay"].Value);
        if (relay.Groups["addr"].Success) record.ClientAddress = relay.Groups["addr"].Value;
        if (relay.Groups["name"].Success) record.ClientName = relay.Groups["name"].Value;
        // A SASL back end that cannot be reached (saslauthd down) is SASL(-1) "generic failure".
        if (m.Groups["detail"].Value.IndexOf("SASL(-1)", StringComparison.Ordinal) >= 0) record.Kind = RejectionKind.AuthBackendUnavailable;
        return record;
    }

    // Built on first use, so a log without this format's lines never compiles them.
    private static class Patterns
    {
        public static readonly Regex Reject = new(
            @"\G(?:(?<queue>\w+): )?ruleset=(?<ruleset>\w+), arg1=(?<arg1>[^,]*), (?:arg2=[^,]*, )?relay=(?<relay>.*?), reject=(?<reply>.*)$",
            Options);
        public static readonly Regex AuthFailure = new(
            @"\G(?:(?<queue>\w+): )?AUTH failure \((?<mech>[^)]*)\): (?<detail>.*?)(?:, user=(?<user>[^,]*))?, relay=(?<relay>.*?)(?:, .*)?$",
            Options);
        public static readonly Regex Relay = new(@"^(?:(?<name>[^\s\[]+) ?)?(?:\[(?:IPv6:)?(?<addr>[^\]\s]+)\])?", Options);
    }
}
