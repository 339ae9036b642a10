using System;

namespace RelayTools.Core.Logs;

/// <summary>
/// Parses one line of a syslog-style mail log (Postfix, Exim, Sendmail, Kerio) into a
/// <see cref="RelayRejection"/>, or returns null for every other kind of line. Cheap substring tests
/// run before any regex, so unrelated lines cost almost nothing. Exchange CSV logs need a session
/// state: see <see cref="ExchangeReceiveLogParser"/>.
/// </summary>
public static class RelayLineParser
{
    /// <summary>Parses <paramref name="line"/>; null when it is not a relay rejection (or auth failure, when asked for).</summary>
    public static RelayRejection? TryParse(string line, LogParseContext context)
    {
        if (line is null) throw new ArgumentNullException(nameof(line));
        LogFormat format = context.Format;
        bool auth = context.IncludeAuthFailures;
        bool postfix = (format is LogFormat.Auto or LogFormat.Postfix) && PostfixRejectionParser.IsCandidate(line, auth);
        bool exim = (format is LogFormat.Auto or LogFormat.Exim) && EximRejectionParser.IsCandidate(line, auth);
        bool sendmail = (format is LogFormat.Auto or LogFormat.Sendmail) && SendmailRejectionParser.IsCandidate(line, auth);
        bool kerio = (format is LogFormat.Auto or LogFormat.Kerio) && KerioRejectionParser.IsCandidate(line);
        if (!(postfix || exim || sendmail || kerio)) return null;

        SyslogHeader header = SyslogHeader.Parse(line, context);
        RelayRejection? record = null;
        if (postfix) record = PostfixRejectionParser.TryParse(line, header, context);
        if (record is null && exim) record = EximRejectionParser.TryParse(line, header, context);
        if (record is null && sendmail) record = SendmailRejectionParser.TryParse(line, header, context);
        if (record is null && kerio) record = KerioRejectionParser.TryParse(line, header, context);
        if (record is not null) record.Line = line;
        return record;
    }
}
