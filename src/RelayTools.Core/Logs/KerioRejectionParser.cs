using System;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Logs;

/// <summary>
/// Kerio Connect security log lines: <c>[30/Dec/2013 05:27:59] Relay attempt from IP address
/// 64.31.59.75, mail from &lt;s&gt; to &lt;r&gt; rejected</c>.
/// </summary>
public static class KerioRejectionParser
{
    private static readonly Regex Attempt = new(
        @"\GRelay attempt from IP address (?<addr>[^\s,]+), mail from <(?<from>[^>]*)> to <(?<to>[^>]*)> rejected",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>Whether the line looks like a Kerio relay refusal (cheap test before the regex).</summary>
    public static bool IsCandidate(string line) => line.IndexOf("Relay attempt from", StringComparison.Ordinal) >= 0;

    /// <summary>Parses one line; null when it is not a Kerio relay rejection.</summary>
    public static RelayRejection? TryParse(string line, SyslogHeader header, LogParseContext context)
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
        Match m = Attempt.Match(line, i);
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
}
