using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Diagnosis;

/// <summary>
/// Finds the reply code, enhanced status code and text of an SMTP reply inside any text: a bare reply
/// (<c>550 5.7.1 ...</c>, with or without enhanced code), a multi-line reply (<c>250-...</c> / <c>250 ...</c>),
/// a client's error message with the reply inside it, or a whole Postfix / Exim / Sendmail log line.
/// A pure function: no I/O, no state.
/// </summary>
public static class SmtpReplyParser
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    // One line of a (multi-line) reply: code, separator, text.
    private static readonly Regex ReplyLine = new(@"^\s*([2-5][0-9][0-9])([ -]|$)(.*)$", RegexOptions.CultureInvariant, Timeout);

    // A reply code inside text: not part of a number, address, pid ("[123]"), port (":25") or date.
    private static readonly Regex CodeInText = new(
        @"(?<![\w.:\[/#=+-])([2-5][0-9][0-9])(?:\s|-(?!\d\d)|$|(?=['""\]]))\s*(?:([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![\w]|\.\d))?",
        RegexOptions.CultureInvariant, Timeout);

    // Contexts that announce a reply: Sendmail "reject=", Postfix "said:", clients "responded:", "response was:".
    private static readonly Regex AnnouncedCode = new(
        @"(?:reject=|said:\s*|respon(?:ded|se)(?: was)?:?\s*|returned\s*'?|error:?\s*|server:?\s*|\]:\s+)([2-5][0-9][0-9])(?:[ -]|$)\s*(?:([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![\w]|\.\d))?",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Timeout);

    private static readonly Regex TranscriptReplyLine = new(@"^(?:(?:[<>~*-]{1,3}\s*)?[2-5][0-9][0-9](?:[ -]|$)|(?:->|~>|\*\*>|C:|>>>)\s)", RegexOptions.CultureInvariant, Timeout);

    // Python's smtplib: (554, b'5.7.1 <x@gmail.com>: Relay access denied').
    private static readonly Regex TupleCode = new(
        @"\(([2-5][0-9][0-9]),\s*b?['""]\s*(?:([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![\w]|\.\d))?",
        RegexOptions.CultureInvariant, Timeout);

    private static readonly Regex EnhancedCode = new(@"(?<![\w.])([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![\w]|\.\d)", RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex LeadingEnhanced = new(@"^\s*([245]\.[0-9]{1,3}\.[0-9]{1,3})(?=\s|$)\s*", RegexOptions.CultureInvariant, Timeout);

    private static readonly Regex PostfixLog = new(@"\bpostfix(?:-[\w.-]+)?(?:/[\w.-]+)*\[\d+\]:|^\s*NOQUEUE: reject:|\bNOQUEUE: reject: \w+ from ", RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex SendmailLog = new(@"\b(?:sm-mta|sendmail|sm-acceptingconnections|sm-msp-queue)\[\d+\]:|\bruleset=check_\w+,", RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex EximLog = new(
        @"\bexim\d?\[\d+\]:|^\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: [+-]\d{4})? (?:\[\d+\] )?(?:H=|\S+ authenticator failed|SMTP protocol|no MAIL|SMTP connection|[\w-]{6}-[\w-]{6,11}-[\w-]{2,4} )",
        RegexOptions.CultureInvariant, Timeout);

    private static readonly Regex SyslogPrefix = new(
        @"^(?:\w{3} +\d{1,2} \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\S+)\s+(?:<[\w.]+>\s+)?\S+\s+[\w./-]+\[\d+\]:\s*",
        RegexOptions.CultureInvariant, Timeout);

    // Where the reply text ends in a log line.
    private static readonly Regex LogTail = new(@";\s*from=<|\s\(in reply to |;\s*to=<| proto=E?SMTP", RegexOptions.CultureInvariant, Timeout);

    /// <summary>Parses <paramref name="text"/>; never throws for any string (an empty one gives an empty result).</summary>
    public static ParsedReply Parse(string? text)
    {
        var result = new ParsedReply();
        if (string.IsNullOrWhiteSpace(text)) { return result; }

        string[] lines = text!.Split(new[] { "\r\n", "\n", "\r" }, StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (TryParseMultiline(lines, result)) { return result; }

        string flat = string.Join(" ", lines);
        result.LogSource = DetectLogSource(flat);
        result.FromRemote = result.LogSource is not null && flat.IndexOf(" said: ", StringComparison.Ordinal) >= 0;

        Match? code = FindCode(flat);
        if (code is not null)
        {
            result.ReplyCode = int.Parse(code.Groups[1].Value, CultureInfo.InvariantCulture);
            string rest = flat.Substring(code.Index + code.Length);
            if (code.Groups[2].Success)
            {
                result.EnhancedStatusCode = code.Groups[2].Value;
            }
            else
            {
                // qmail writes the enhanced code at the end: "553 sorry, ... (#5.7.1)".
                Match late = EnhancedCode.Match(rest);
                if (late.Success && late.Value[0] == code.Groups[1].Value[0]) { result.EnhancedStatusCode = late.Value; }
            }

            rest = CutAtNextReply(lines, code.Index + code.Length, rest);
            result.Message = CutLogTail(CutAtClosingQuote(flat, code, rest)).Trim();
        }
        else
        {
            Match enhanced = EnhancedCode.Match(flat);
            if (enhanced.Success)
            {
                result.EnhancedStatusCode = enhanced.Value;
                result.Message = CutLogTail(flat.Substring(enhanced.Index + enhanced.Length)).Trim();
            }
            else
            {
                // A log line without a reply: its message, without the syslog time, host and program[pid].
                result.Message = result.LogSource is null ? flat : SyslogPrefix.Replace(flat, "", 1);
            }
        }

        if (result.Message.Length == 0) { result.Message = flat; }
        return result;
    }

    private static bool TryParseMultiline(string[] lines, ParsedReply result)
    {
        if (lines.Length < 2) { return false; }
        var matches = lines.Select(l => ReplyLine.Match(l)).ToArray();
        if (matches.Any(m => !m.Success)) { return false; }
        string code = matches[0].Groups[1].Value;
        if (matches.Any(m => m.Groups[1].Value != code)) { return false; }

        var texts = new List<string>();
        foreach (Match m in matches)
        {
            string lineText = m.Groups[3].Value;
            Match enhanced = LeadingEnhanced.Match(lineText);
            if (enhanced.Success)
            {
                result.EnhancedStatusCode ??= enhanced.Groups[1].Value;
                lineText = lineText.Substring(enhanced.Length);
            }

            texts.Add(lineText.Trim());
        }

        result.ReplyCode = int.Parse(code, CultureInfo.InvariantCulture);
        result.Message = string.Join(" ", texts.Where(t => t.Length > 0));
        result.IsMultiline = true;
        return true;
    }

    private static Match? FindCode(string flat)
    {
        // Candidates: codes announced by their context (reject=, said:, "responded:", "]: " in log lines, a
        // Python (554, b'...') tuple) and any other code-like number. The best is a failure (4xx/5xx: in a
        // transcript the refusal matters, not the 250s before it), then one followed by an enhanced code of
        // its class, then an announced one; the earliest wins a tie.
        Match? best = null;
        int bestScore = -1;
        foreach (Match m in Candidates(flat))
        {
            if (IsPortOrCount(flat, m.Groups[1].Index)) { continue; }
            char replyClass = m.Groups[1].Value[0];
            bool paired = m.Groups[2].Success && m.Groups[2].Value[0] == replyClass;
            bool announced = m.Index < m.Groups[1].Index;
            int score = (replyClass is '4' or '5' ? 4 : 0) + (paired ? 2 : 0) + (announced ? 1 : 0);
            if (score > bestScore || (score == bestScore && m.Groups[1].Index < best!.Groups[1].Index))
            {
                best = m;
                bestScore = score;
            }
        }

        return best;
    }

    private static IEnumerable<Match> Candidates(string flat)
    {
        for (Match m = AnnouncedCode.Match(flat); m.Success; m = m.NextMatch()) { yield return m; }
        for (Match m = TupleCode.Match(flat); m.Success; m = m.NextMatch()) { yield return m; }
        for (Match m = CodeInText.Match(flat); m.Success; m = m.NextMatch()) { yield return m; }
    }

    // In a transcript the reply ends where the next line starts with a reply code or a client command
    // (swaks "<~ 250", "-> QUIT").
    private static string CutAtNextReply(string[] lines, int restStart, string rest)
    {
        int offset = 0;
        foreach (string line in lines)
        {
            if (offset >= restStart && TranscriptReplyLine.IsMatch(line))
            {
                return rest.Substring(0, Math.Max(0, offset - 1 - restStart));
            }

            offset += line.Length + 1;
        }

        return rest;
    }

    // The message of a reply quoted in prose ends at the closing quote: Server Response: '550 ...', Port: 25.
    private static string CutAtClosingQuote(string flat, Match code, string rest)
    {
        int before = code.Groups[1].Index - 1;
        while (before >= 0 && flat[before] == ' ') { before--; }
        char quote = before >= 0 && (flat[before] == '\'' || flat[before] == '"') ? flat[before] : '\0';
        if (quote == '\0')
        {
            Match tuple = TupleCode.Match(code.Value);
            if (!tuple.Success || code.Value.IndexOf("(", StringComparison.Ordinal) != 0) { return rest; }
            quote = code.Value.IndexOf('"') >= 0 ? '"' : '\'';
        }

        Match closing = new Regex(Regex.Escape(quote.ToString()) + @"(?=[,;)\]}]|\s|$)", RegexOptions.RightToLeft | RegexOptions.CultureInvariant, Timeout).Match(rest);
        return closing.Success ? rest.Substring(0, closing.Index) : rest;
    }

    private static bool IsPortOrCount(string text, int index)
    {
        string before = text.Substring(0, index).TrimEnd();
        return before.EndsWith("port", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("line", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("size", StringComparison.OrdinalIgnoreCase);
    }

    private static string CutLogTail(string rest)
    {
        Match tail = LogTail.Match(rest);
        string message = tail.Success ? rest.Substring(0, tail.Index) : rest;
        message = message.TrimEnd();
        // The closing half of a quote or parenthesis opened before the reply ("returned '550 ...'").
        foreach (char closing in new[] { ')', '\'', '"' })
        {
            char opening = closing == ')' ? '(' : closing;
            if (message.Length > 0 && message[message.Length - 1] == closing && Count(message, opening) < (opening == closing ? 2 : 1))
            {
                message = message.Substring(0, message.Length - 1);
            }
        }

        return message;
    }

    private static int Count(string text, char c) => text.Count(x => x == c);

    private static string? DetectLogSource(string flat)
    {
        if (PostfixLog.IsMatch(flat)) { return "Postfix"; }
        if (SendmailLog.IsMatch(flat)) { return "Sendmail"; }
        if (EximLog.IsMatch(flat)) { return "Exim"; }
        return null;
    }
}
