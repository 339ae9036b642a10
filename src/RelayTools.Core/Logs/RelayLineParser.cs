using System;
using System.Collections.Generic;

namespace RelayTools.Core.Logs;

/// <summary>
/// Parses one line of a syslog-style mail log (Postfix, Exim, Sendmail, Kerio) into a
/// <see cref="RelayRejection"/>, or returns null for every other kind of line. Each declared
/// <see cref="LogLineFormat"/> of the context's format tests its anchors first, so unrelated lines
/// cost almost nothing; the syslog prefix is parsed once for all of them. Exchange CSV logs need a
/// session state: see <see cref="ExchangeReceiveLogParser"/>.
/// </summary>
public static class RelayLineParser
{
    /// <summary>Parses <paramref name="line"/>; null when it is not a relay rejection (or auth failure, when asked for).</summary>
    public static RelayRejection? TryParse(string line, LogParseContext context)
    {
        if (line is null) throw new ArgumentNullException(nameof(line));
        if (context is null) throw new ArgumentNullException(nameof(context));
        IReadOnlyList<LogLineFormat> formats = LogFormats.For(context.Format);
        bool header = false;
        SyslogHeader prefix = default;
        foreach (LogLineFormat format in formats)
        {
            if (!format.IsCandidate(line, context.IncludeAuthFailures)) continue;
            if (!header)
            {
                prefix = SyslogHeader.Parse(line, context);
                header = true;
            }
            RelayRejection? record = format.TryParse(line, prefix, context);
            if (record is null) continue;
            record.Line = line;
            return record;
        }
        return null;
    }
}
