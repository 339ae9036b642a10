using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Diagnosis;

/// <summary>Explains any SMTP reply: parses it, classifies it with the knowledge base, and attaches ranked causes.</summary>
public sealed class ReplyResolver
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    // Host names in the text that name the answering service more precisely than the wording does.
    private static readonly Regex Microsoft365Hint = new(@"\.(?:prod\.)?(?:protection\.)?outlook\.com\b|\boffice365\.com\b|\bmail\.protection\.outlook\.com\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex GmailHint = new(@"\bgsmtp\b|support\.google\.com/mail", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);

    private static readonly Regex LineBreaks = new(@"\s*[\r\n]+\s*", RegexOptions.CultureInvariant, Timeout);

    private readonly KnowledgeBase _knowledgeBase;

    /// <summary>A resolver over <paramref name="knowledgeBase"/> (default: <see cref="KnowledgeBase.Default"/>).</summary>
    public ReplyResolver(KnowledgeBase? knowledgeBase = null) => _knowledgeBase = knowledgeBase ?? KnowledgeBase.Default;

    /// <summary>A resolver over the embedded knowledge base.</summary>
    public static ReplyResolver Default { get; } = new();

    /// <summary>
    /// Explains <paramref name="text"/>. Text the knowledge base cannot classify still gives the parsed codes and
    /// their registry meaning, with Category Other.
    /// </summary>
    /// <exception cref="ArgumentException">The text is null, empty or only white space.</exception>
    public SmtpReplyInfo Resolve(string text) => Resolve(text, null);

    /// <summary>
    /// Explains <paramref name="text"/> as a reply of <paramref name="mta"/> (one of <see cref="KnowledgeBase.KnownMtas"/>):
    /// when the wording does not name its MTA, Check and Fix are that MTA's.
    /// </summary>
    /// <exception cref="ArgumentException">The text is null, empty or only white space.</exception>
    public SmtpReplyInfo Resolve(string text, string? mta)
    {
        if (string.IsNullOrWhiteSpace(text)) { throw new ArgumentException("The reply text is empty.", nameof(text)); }

        ParsedReply parsed = SmtpReplyParser.Parse(text);
        var info = new SmtpReplyInfo
        {
            Text = text,
            ReplyCode = parsed.ReplyCode,
            EnhancedStatusCode = parsed.EnhancedStatusCode,
            ReplyText = parsed.Message,
            Class = ClassOf(parsed).ToString(),
            Meaning = _knowledgeBase.GetStatusMeaning(parsed.EnhancedStatusCode) ?? _knowledgeBase.GetReplyCodeMeaning(parsed.ReplyCode),
        };

        // Wordings are matched on the reply itself (codes and text on one line), so that in a transcript or a
        // log line only the refusal counts; text without any code is matched whole.
        string flat = parsed.ReplyCode is null && parsed.EnhancedStatusCode is null
            ? LineBreaks.Replace(text, " ")
            : $"{parsed.ReplyCode} {parsed.EnhancedStatusCode} {parsed.Message}";
        ReplyPattern? pattern = _knowledgeBase.Patterns.FirstOrDefault(p => p.IsMatch(parsed.ReplyCode, parsed.EnhancedStatusCode, flat));
        info.PatternId = pattern?.Id;
        FailureCategory category = pattern?.Category ?? FailureCategory.Other;
        info.Category = category.ToString();
        info.Mta = ChooseMta(pattern?.Mta, parsed, text) ?? KnowledgeBase.NormalizeMta(mta);

        Diagnosis diagnosis = _knowledgeBase.Diagnose(category, info.Mta, pattern?.CauseIds);
        info.Causes = diagnosis.Causes;
        info.DeadEnds = diagnosis.DeadEnds;
        return info;
    }

    /// <summary>
    /// Explains <paramref name="text"/> when its reply code and enhanced code are known apart from it, as in
    /// Test-SmtpRelay's results (ReplyCode, EnhancedStatusCode, ReplyText): a text without a code of its own
    /// is explained as <c>code enhanced text</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The text is null, empty or only white space.</exception>
    public SmtpReplyInfo Resolve(string text, string? mta, int? replyCode, string? enhancedStatusCode)
    {
        if (replyCode is int code && !string.IsNullOrWhiteSpace(text) && SmtpReplyParser.Parse(text).ReplyCode is null)
        {
            string enhanced = string.IsNullOrWhiteSpace(enhancedStatusCode) ? "" : enhancedStatusCode!.Trim() + " ";
            text = code.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + enhanced + text.Trim();
        }

        return Resolve(text, mta);
    }

    /// <summary>The class of a parsed reply: from the reply code, else from the enhanced code.</summary>
    public static ReplyClass ClassOf(ParsedReply parsed)
    {
        char digit = parsed.ReplyCode is int code ? (char)('0' + code / 100) : parsed.EnhancedStatusCode?[0] ?? ' ';
        return digit switch
        {
            '2' => ReplyClass.Success,
            '3' => ReplyClass.Intermediate,
            '4' => ReplyClass.TransientFailure,
            '5' => ReplyClass.PermanentFailure,
            _ => ReplyClass.Unknown,
        };
    }

    private static string? ChooseMta(string? patternMta, ParsedReply parsed, string text)
    {
        if (patternMta is null or "Exchange" && Microsoft365Hint.IsMatch(text)) { return "Microsoft365"; }
        if (patternMta is null or "Postfix" && GmailHint.IsMatch(text)) { return "Gmail"; }
        if (patternMta is not null) { return patternMta; }
        // A server-side log line names the MTA that refused; a client-side one ("said:") does not.
        return parsed.FromRemote ? null : parsed.LogSource;
    }
}
