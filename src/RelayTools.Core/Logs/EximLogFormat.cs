using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Logs;

/// <summary>
/// Exim main/reject log lines: <c>2026-11-24 10:15:02[.mmm] [pid] H=name (helo) [addr]:port I=... Ci=...
/// F=&lt;s&gt; rejected RCPT &lt;r&gt;: relay not permitted</c> (with or without name, helo, port,
/// angle brackets, X=/CV=/SNI= fields, "authentication required") and, for auth failures,
/// <c>login authenticator failed for name (helo) [addr]:port: 535 Incorrect authentication data (set_id=user)</c>.
/// </summary>
public sealed class EximLogFormat : LogLineFormat
{
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    // The client: name, (helo) and [addr]:port - each part optional except the address.
    private const string Client = @"(?:(?<name>[^\s(\[]+) )?(?:\((?<helo>[^)]*)\) )?\[(?<addr>[^\]\s]+)\](?::(?<port>\d+))?";

    private EximLogFormat()
    {
    }

    /// <summary>The declaration.</summary>
    public static EximLogFormat Instance { get; } = new();

    /// <inheritdoc />
    public override LogFormat Format => LogFormat.Exim;

    /// <inheritdoc />
    public override IReadOnlyList<LogAnchor> Anchors { get; } =
    [
        new("relay not permitted", false, "2026-11-24 10:15:02 H=pc1.corp.example (pc1) [203.0.113.5]:50122 I=[192.0.2.1]:25 F=<s@corp.example> rejected RCPT <a@gmail.com>: relay not permitted"),
        new("Relay not permitted", false, "2026-11-24 10:15:02 H=(pc1) [203.0.113.5] F=<s@corp.example> rejected RCPT <a@gmail.com>: Relay not permitted"),
        new("authenticator failed", true, "2026-11-24 10:15:02 login authenticator failed for (pc1) [192.0.2.7]:51000: 535 Incorrect authentication data (set_id=printer@corp.example)"),
    ];

    /// <inheritdoc />
    public override RelayRejection? TryParse(string line, SyslogHeader header, LogParseContext context)
    {
        int i = header.MessageStart;
        DateTimeOffset? timestamp = header.Timestamp;
        if (LogTimestamp.TryParseIso(line, i, context, out DateTimeOffset own, out int end) && line[i + 10] == ' ')
        {
            timestamp = own;
            i = end;
        }
        string message = line.Substring(i);

        Match rcpt = Patterns.Recipient.Match(message);
        if (rcpt.Success)
        {
            string reason = rcpt.Groups["reason"].Value;
            if (!HasRelayWording(reason)) return null;
            Match host = Patterns.Host.Match(message, 0, rcpt.Index);
            if (!host.Success) return null;
            var record = New(header, timestamp, host);
            record.Recipient = rcpt.Groups["r"].Value;
            record.Reason = reason;
            record.ReplyText = reason; // Exim logs the text it sent, not the code.
            Match sender = Patterns.SenderField.Match(message, 0, rcpt.Index);
            if (sender.Success) record.Sender = sender.Groups["s"].Value;
            Match auth = Patterns.AuthField.Match(message, 0, rcpt.Index);
            if (auth.Success && auth.Groups["u"].Success) record.SaslUser = auth.Groups["u"].Value;
            return record;
        }

        if (!context.IncludeAuthFailures) return null;
        Match m = Patterns.Authenticator.Match(message);
        if (!m.Success) return null;
        var failure = New(header, timestamp, m);
        failure.Kind = RejectionKind.AuthFailed;
        string text = SmtpReplyText.Apply(m.Groups["reply"].Value, failure);
        // A temporary (435/454) answer means the authenticator could not check the password at all.
        if (failure.ReplyCode is >= 400 and < 500) failure.Kind = RejectionKind.AuthBackendUnavailable;
        failure.Reason = m.Groups["auth"].Value + " authenticator failed: " + text;
        if (m.Groups["user"].Success) failure.SaslUser = m.Groups["user"].Value;
        return failure;
    }

    private static RelayRejection New(SyslogHeader header, DateTimeOffset? timestamp, Match client)
    {
        string name = client.Groups["name"].Value;
        return new RelayRejection
        {
            Kind = RejectionKind.RelayDenied,
            Mta = "Exim",
            Timestamp = timestamp,
            Host = header.Host,
            Service = header.Tag,
            ClientName = name.Length == 0 ? null : name,
            Helo = client.Groups["helo"].Success ? client.Groups["helo"].Value : null,
            ClientAddress = client.Groups["addr"].Value,
            ClientPort = LogFields.Port(client.Groups["port"]),
        };
    }

    // Built on first use, so a log without this format's lines never compiles them.
    private static class Patterns
    {
        public static readonly Regex Host = new(@"(?:^| )H=" + Client, Options);
        public static readonly Regex SenderField = new(@" F=(?:<(?<s>[^>]*)>|(?<s>[^\s<>]*))", Options);
        public static readonly Regex AuthField = new(@" A=(?<a>[^\s:]+)(?::(?<u>\S+))?", Options);
        public static readonly Regex Recipient = new(@" rejected RCPT (?:<(?<r>[^>]*)>|(?<r>[^\s<>]+)):\s*(?<reason>.*)$", Options);
        public static readonly Regex Authenticator = new(
            @"(?<auth>\S+) authenticator failed for " + Client + @"(?: I=\[[^\]]*\](?::\d+)?)?: (?<reply>[2-5]\d\d\b.*?)(?: \(set_id=(?<user>[^)]*)\))?$",
            Options);
    }
}
