using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Logs;

/// <summary>
/// Kerio Connect security log lines: <c>[30/Dec/2013 05:27:59] Relay attempt from IP address
/// 64.31.59.75, mail from &lt;s&gt; to &lt;r&gt; rejected</c>.
/// </summary>
public sealed class KerioLogFormat : LogLineFormat
{
    private KerioLogFormat()
    {
    }

    /// <summary>The declaration.</summary>
    public static KerioLogFormat Instance { get; } = new();

    /// <inheritdoc />
    public override LogFormat Format => LogFormat.Kerio;

    /// <inheritdoc />
    public override IReadOnlyList<LogAnchor> Anchors { get; } =
    [
        new("Relay attempt from", false, "[30/Dec/2013 05:27:59] Relay attempt from IP address 64.31.59.75, mail from <s@corp.example> to <a@gmail.com> rejected"),
    ];

    /// <inheritdoc />
    public override RelayRejection? TryParse(string line, SyslogHeader header, LogParseContext context)
    {
        int i = header.MessageStart;
        DateTimeOffset? timestamp = header.Timestamp;
        if (i < line.Length && line[i] == '[' && LogTimestamp.TryParseKerio(line, i + 1, context, out DateTimeOffset own, out int end) &&
            end < line.Length && line[end] == ']')
        {
            timestamp = own;
            i = end + 1;
            while (i < line.Length && line[i] == ' ') i++;
        }
        Match m = Patterns.Attempt.Match(line, i);
        if (!m.Success) return null;
        return new RelayRejection
        {
            Kind = RejectionKind.RelayDenied,
            Mta = "Kerio",
            Timestamp = timestamp,
            Host = header.Host,
            Service = header.Tag,
            ClientAddress = m.Groups["addr"].Value,
            Sender = m.Groups["from"].Value,
            Recipient = m.Groups["to"].Value,
            Reason = m.Value,
        };
    }

    // Built on first use, so a log without this format's lines never compiles them.
    private static class Patterns
    {
        public static readonly Regex Attempt = new(
            @"\GRelay attempt from IP address (?<addr>[^\s,]+), mail from <(?<from>[^>]*)> to <(?<to>[^>]*)> rejected",
            RegexOptions.Compiled | RegexOptions.CultureInvariant);
    }
}
