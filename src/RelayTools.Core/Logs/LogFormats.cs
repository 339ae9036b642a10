using System.Collections.Generic;

namespace RelayTools.Core.Logs;

/// <summary>
/// The registry of declared log formats: every line format with its anchors, in the order their
/// parsers are tried, and the anchors a read searches for. Exchange protocol logs are CSV with a
/// session state: they are recognised by <see cref="ExchangeReceiveLogParser.HeaderSignatures"/> and read line by line.
/// </summary>
public static class LogFormats
{
    /// <summary>Every line format, in the order their parsers are tried.</summary>
    public static IReadOnlyList<LogLineFormat> Lines { get; } =
    [
        PostfixLogFormat.Instance,
        EximLogFormat.Instance,
        SendmailLogFormat.Instance,
        KerioLogFormat.Instance,
    ];

    /// <summary>The line formats <paramref name="format"/> selects: all for Auto, none for Exchange.</summary>
    public static IReadOnlyList<LogLineFormat> For(LogFormat format)
    {
        if (format == LogFormat.Auto) return Lines;
        var selected = new List<LogLineFormat>(1);
        foreach (LogLineFormat line in Lines)
        {
            if (line.Format == format) selected.Add(line);
        }
        return selected;
    }

    /// <summary>The anchors a read of <paramref name="format"/> searches for (auth-failure anchors only when asked for).</summary>
    public static IReadOnlyList<LogAnchor> AnchorsFor(LogFormat format, bool includeAuthFailures)
    {
        var anchors = new List<LogAnchor>();
        foreach (LogLineFormat line in For(format))
        {
            foreach (LogAnchor anchor in line.Anchors)
            {
                if (includeAuthFailures || !anchor.IsAuthFailure) anchors.Add(anchor);
            }
        }
        return anchors;
    }
}
