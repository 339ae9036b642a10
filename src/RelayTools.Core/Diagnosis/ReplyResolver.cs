using System;
using System.Globalization;

namespace RelayTools.Core.Diagnosis;

/// <summary>
/// Explains any SMTP reply for Resolve-SmtpReply: parses it, classifies it with the one
/// <see cref="ReplyClassifier"/>, and returns the codes, their registry meaning, the category, the MTA and
/// the ranked causes.
/// </summary>
public sealed class ReplyResolver
{
    private readonly KnowledgeBase _knowledgeBase;
    private readonly ReplyClassifier _classifier;

    /// <summary>A resolver over <paramref name="knowledgeBase"/> (default: <see cref="KnowledgeBase.Default"/>).</summary>
    public ReplyResolver(KnowledgeBase? knowledgeBase = null)
    {
        _knowledgeBase = knowledgeBase ?? KnowledgeBase.Default;
        _classifier = knowledgeBase is null ? ReplyClassifier.Default : new ReplyClassifier(knowledgeBase);
    }

    /// <summary>A resolver over the embedded knowledge base.</summary>
    public static ReplyResolver Default { get; } = new();

    /// <summary>
    /// Explains <paramref name="text"/>. Text the knowledge base cannot classify still gives the parsed codes and
    /// their registry meaning, with Category Other.
    /// </summary>
    /// <exception cref="ArgumentException">The text is null, empty or only white space.</exception>
    public SmtpReplyInfo Resolve(string text) => Resolve(text, null, null, null, null);

    /// <summary>
    /// Explains <paramref name="text"/> as a reply of <paramref name="mta"/> (one of <see cref="KnowledgeBase.KnownMtas"/>):
    /// when neither the wording nor a host name in it names its MTA, Check and Fix are that MTA's.
    /// </summary>
    /// <exception cref="ArgumentException">The text is null, empty or only white space.</exception>
    public SmtpReplyInfo Resolve(string text, string? mta) => Resolve(text, mta, null, null, null);

    /// <summary>
    /// Explains <paramref name="text"/> when its reply code and enhanced code are known apart from it, as in
    /// Test-SmtpRelay's results (ReplyCode, EnhancedStatusCode, ReplyText): a text without a code of its own
    /// is explained as <c>code enhanced text</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The text is null, empty or only white space.</exception>
    public SmtpReplyInfo Resolve(string text, string? mta, int? replyCode, string? enhancedStatusCode) =>
        Resolve(text, mta, replyCode, enhancedStatusCode, null);

    /// <summary>
    /// Explains <paramref name="text"/> within <paramref name="context"/>: Check and Fix name its server, port,
    /// client address, sender and recipient; <paramref name="mta"/> (else the context's MTA) is the fallback MTA.
    /// </summary>
    /// <exception cref="ArgumentException">The text is null, empty or only white space.</exception>
    public SmtpReplyInfo Resolve(string text, string? mta, int? replyCode, string? enhancedStatusCode, DiagnosisContext? context)
    {
        if (string.IsNullOrWhiteSpace(text)) { throw new ArgumentException("The reply text is empty.", nameof(text)); }
        if (replyCode is int code && SmtpReplyParser.Parse(text).ReplyCode is null)
        {
            string enhanced = string.IsNullOrWhiteSpace(enhancedStatusCode) ? "" : enhancedStatusCode!.Trim() + " ";
            text = code.ToString(CultureInfo.InvariantCulture) + " " + enhanced + text.Trim();
        }

        ParsedReply parsed = SmtpReplyParser.Parse(text);
        DiagnosisContext? effective = mta is null ? context : (context ?? new DiagnosisContext()).WithMta(mta);
        Diagnosis diagnosis = _classifier.Classify(ReplyObservation.FromParsed(parsed, text), effective);
        return new SmtpReplyInfo
        {
            Text = text,
            ReplyCode = parsed.ReplyCode,
            EnhancedStatusCode = parsed.EnhancedStatusCode,
            ReplyText = parsed.Message,
            Class = ClassOf(parsed).ToString(),
            Meaning = _knowledgeBase.GetStatusMeaning(parsed.EnhancedStatusCode) ?? _knowledgeBase.GetReplyCodeMeaning(parsed.ReplyCode),
            PatternId = diagnosis.PatternId,
            Category = diagnosis.Category.ToString(),
            Mta = diagnosis.Mta,
            Causes = diagnosis.Causes,
            DeadEnds = diagnosis.DeadEnds,
        };
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
}
