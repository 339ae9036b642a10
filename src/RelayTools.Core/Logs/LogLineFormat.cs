using System.Collections.Generic;

namespace RelayTools.Core.Logs;

/// <summary>
/// One line-oriented log format (Postfix, Exim, Sendmail, Kerio) declared in one place: the wordings
/// its refusals contain (<see cref="Anchors"/>, which the scanner searches for and the candidate test
/// looks for), and its parser. A new wording is one more anchor in the format's declaration.
/// The formats are listed in <see cref="LogFormats"/>.
/// </summary>
public abstract class LogLineFormat
{
    /// <summary>The format this declaration stands for.</summary>
    public abstract LogFormat Format { get; }

    /// <summary>The wordings of its relay refusals and, marked as such, of its auth failures.</summary>
    public abstract IReadOnlyList<LogAnchor> Anchors { get; }

    /// <summary>Whether <paramref name="line"/> holds one of the anchors (auth failures only when asked for): worth parsing.</summary>
    public bool IsCandidate(string line, bool includeAuthFailures)
    {
        foreach (LogAnchor anchor in Anchors)
        {
            if ((includeAuthFailures || !anchor.IsAuthFailure) && anchor.In(line)) return true;
        }
        return false;
    }

    /// <summary>Parses one line; null when it is not one of this format's relay rejections (or auth failures, when asked for).</summary>
    /// <param name="line">The cleaned line.</param>
    /// <param name="header">Its syslog prefix (parsed once for every format).</param>
    /// <param name="context">The options.</param>
    public abstract RelayRejection? TryParse(string line, SyslogHeader header, LogParseContext context);

    /// <summary>Whether <paramref name="text"/> (a parsed reply or reason) holds one of the relay-refusal wordings.</summary>
    protected bool HasRelayWording(string text)
    {
        foreach (LogAnchor anchor in Anchors)
        {
            if (!anchor.IsAuthFailure && anchor.In(text)) return true;
        }
        return false;
    }
}
