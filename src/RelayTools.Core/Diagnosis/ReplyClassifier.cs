using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Diagnosis;

/// <summary>
/// The one reply classifier: reply code, enhanced code and text, the server's greeting, the session facts
/// and the case's context become a failure category, the MTA, and ranked causes whose Check and Fix name
/// the case's values. Test-SmtpRelay, Resolve-SmtpReply and Get-RelayRejection all classify through it, so
/// the same reply gets the same answer everywhere. A pure function over the embedded knowledge base.
/// </summary>
/// <remarks>
/// The category comes from the wording (the knowledge base's patterns, most specific first), else from the
/// session stage the reply answered, else from what was already known (a refused connection). The MTA is the
/// one the peer names (greeting or server host name), else a service the reply names (Gmail's "gsmtp"),
/// else the wording's, else the log's writer, else the context's. Causes are ranked: the cause a definite
/// wording names, the client's own evidence, what the session facts point to, the wording's causes, then
/// the category's causes from the knowledge base.
/// </remarks>
public sealed class ReplyClassifier
{
    private readonly KnowledgeBase _knowledgeBase;
    private readonly MtaRegistry _registry;

    /// <summary>A classifier over <paramref name="knowledgeBase"/> and <paramref name="registry"/> (default: the embedded ones).</summary>
    public ReplyClassifier(KnowledgeBase? knowledgeBase = null, MtaRegistry? registry = null)
    {
        _knowledgeBase = knowledgeBase ?? KnowledgeBase.Default;
        _registry = registry ?? MtaRegistry.Default;
    }

    /// <summary>A classifier over the embedded knowledge base and MTA registry.</summary>
    public static ReplyClassifier Default { get; } = new();

    /// <summary>
    /// Classifies one observation. With <paramref name="context"/>, the causes' Check and Fix name its server,
    /// port, client address, sender and recipient, and its MTA is used when nothing else names one.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="observation"/> is null.</exception>
    public Diagnosis Classify(ReplyObservation observation, DiagnosisContext? context = null)
    {
        Classification c = ClassifyCore(observation, context);
        return Diagnose(c, context);
    }

    /// <summary>Classifies any text (a reply, a client's error message, a log line) within <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">The text is null, empty or only white space.</exception>
    public Diagnosis Classify(string text, DiagnosisContext? context = null)
    {
        if (string.IsNullOrWhiteSpace(text)) { throw new ArgumentException("The reply text is empty.", nameof(text)); }
        return Classify(ReplyObservation.FromText(text), context);
    }

    internal Diagnosis Diagnose(Classification c, DiagnosisContext? context)
    {
        Diagnosis diagnosis = _knowledgeBase.Diagnose(c.Category, c.Mta, c.CauseIds, context);
        diagnosis.PatternId = c.PatternId;
        return diagnosis;
    }

    /// <summary>The category, MTA, matched wording and the causes this case points to, before the category's own list.</summary>
    internal Classification ClassifyCore(ReplyObservation observation, DiagnosisContext? context)
    {
        if (observation is null) { throw new ArgumentNullException(nameof(observation)); }

        ReplyPattern? pattern = observation.HasReply
            ? _knowledgeBase.Patterns.FirstOrDefault(p => p.IsMatch(observation.ReplyCode, observation.EnhancedStatusCode, observation.MatchText))
            : null;
        FailureCategory category = pattern?.Category ?? FailureCategory.Other;
        string[] stageCauses = [];
        if (category == FailureCategory.Other)
        {
            if (SessionEvidence.ForStage(observation.Stage, observation.ReplyCode) is { } staged)
            {
                (category, stageCauses) = staged;
            }
            else if (observation.KnownCategory is FailureCategory known)
            {
                category = known;
            }
        }

        (category, string[] factCauses) = SessionEvidence.ForFacts(category, observation.Stage, observation.Facts);

        var ranked = new List<string>();
        string[] wording = pattern?.CauseIds ?? [];
        if (pattern is { Definite: true } && wording.Length > 0) { ranked.Add(wording[0]); }
        foreach (string id in observation.Evidence.Concat(factCauses).Concat(stageCauses).Concat(wording))
        {
            if (!ranked.Contains(id)) { ranked.Add(id); }
        }

        return new Classification(category, ChooseMta(pattern?.Mta, observation, context), pattern?.Id, ranked.ToArray());
    }

    private string? ChooseMta(string? wordingMta, ReplyObservation observation, DiagnosisContext? context) =>
        _registry.FromPeer(observation.Banner, context?.Server)
        ?? (observation.HasReply ? _registry.FromReplyText(observation.Text, wordingMta) : null)
        ?? wordingMta
        ?? _registry.Normalize(observation.LogSource)
        ?? _registry.Normalize(context?.Mta);

    /// <summary>The classifier's verdict on one observation.</summary>
    internal sealed class Classification
    {
        public Classification(FailureCategory category, string? mta, string? patternId, string[] causeIds)
        {
            Category = category;
            Mta = mta;
            PatternId = patternId;
            CauseIds = causeIds;
        }

        public FailureCategory Category { get; }

        public string? Mta { get; }

        public string? PatternId { get; }

        /// <summary>The causes this case points to, most likely first (the category's own list follows them).</summary>
        public string[] CauseIds { get; }
    }
}
