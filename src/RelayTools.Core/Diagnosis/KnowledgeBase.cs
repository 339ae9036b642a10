using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace RelayTools.Core.Diagnosis;

/// <summary>
/// The relay-denial knowledge base: the enhanced status code registry, the reply wordings of each MTA, and
/// the ranked causes (with per-MTA Check and Fix) and dead ends of each failure category. Data, not code:
/// it is loaded once from the JSON resources embedded in RelayTools.Core (Diagnosis/Data/*.json).
/// </summary>
public sealed class KnowledgeBase
{
    /// <summary>The MTA names the advice is written for: the names of the <see cref="MtaRegistry"/>.</summary>
    public static IReadOnlyList<string> KnownMtas => MtaRegistry.Default.Names;

    private static readonly Lazy<KnowledgeBase> LazyDefault = new(LoadEmbedded);

    private readonly Dictionary<string, StatusCodeEntry> _statusCodes;
    private readonly Dictionary<int, ReplyCodeEntry> _replyCodes;
    private readonly Dictionary<string, CauseEntry> _causes;
    private readonly Dictionary<FailureCategory, CategoryEntry> _categories;
    private readonly MtaRegistry _mtas;

    internal KnowledgeBase(RegistryFile registry, CausesFile causes, PatternsFile patterns, MtaRegistry mtas)
    {
        _mtas = mtas;
        _statusCodes = (registry.StatusCodes ?? []).ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        _replyCodes = (registry.ReplyCodes ?? []).ToDictionary(r => r.Code);
        _causes = (causes.Causes ?? []).ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (CauseEntry cause in _causes.Values)
        {
            foreach (string mta in (cause.AppliesTo ?? []).Concat((cause.Advice ?? []).Select(a => a.Mta)))
            {
                if (mta != "Any" && !mtas.Names.Contains(mta)) { throw new InvalidDataException($"Cause {cause.Id} names unknown MTA '{mta}'."); }
            }

            foreach (AdviceEntry advice in cause.Advice ?? [])
            {
                AdviceText.Validate(advice.Check + " " + advice.Fix, $"Cause {cause.Id} ({advice.Mta})");
            }
        }

        _categories = (causes.Categories ?? []).ToDictionary(c => ParseCategory(c.Category, "category " + c.Category));
        foreach (CategoryEntry category in _categories.Values)
        {
            foreach (string id in category.Causes ?? [])
            {
                if (!_causes.ContainsKey(id)) { throw new InvalidDataException($"Category {category.Category} names unknown cause '{id}'."); }
            }
        }

        Patterns = (patterns.Patterns ?? []).Select(p => new ReplyPattern(p, ParseCategory(p.Category, "pattern " + p.Id))).ToArray();
        foreach (ReplyPattern pattern in Patterns)
        {
            foreach (string id in pattern.CauseIds)
            {
                if (!_causes.ContainsKey(id)) { throw new InvalidDataException($"Pattern {pattern.Id} names unknown cause '{id}'."); }
            }

            if (pattern.Mta is not null && !mtas.Names.Contains(pattern.Mta)) { throw new InvalidDataException($"Pattern {pattern.Id} names unknown MTA '{pattern.Mta}'."); }
        }
    }

    /// <summary>The knowledge base embedded in RelayTools.Core, loaded on first use.</summary>
    public static KnowledgeBase Default => LazyDefault.Value;

    /// <summary>Every cause id, in file order.</summary>
    public IReadOnlyList<string> CauseIds => _causes.Keys.ToArray();

    /// <summary>Every enhanced status code of the registry ("2.X.X", "X.7.X", "X.7.1", "5.7.54"...).</summary>
    public IReadOnlyList<string> StatusCodes => _statusCodes.Keys.ToArray();

    /// <summary>Every basic reply code of the registry.</summary>
    public IReadOnlyList<int> ReplyCodes => _replyCodes.Keys.ToArray();

    /// <summary>The reply wordings, in the order they are tried.</summary>
    internal IReadOnlyList<ReplyPattern> Patterns { get; }

    /// <summary>
    /// The ranked causes and dead ends of a category. With <paramref name="mta"/> (one of
    /// <see cref="KnownMtas"/>), causes that do not apply to it are left out and Check/Fix are that MTA's.
    /// Causes named in <paramref name="preferCauseIds"/> move to the top in that order (also when the
    /// category does not list them); Rank is then renumbered from 1. With <paramref name="context"/>, the
    /// placeholders of Check and Fix ({ClientAddress}, {Server}, ...) are filled with its values.
    /// </summary>
    public Diagnosis Diagnose(FailureCategory category, string? mta = null, IEnumerable<string>? preferCauseIds = null, DiagnosisContext? context = null)
    {
        string? knownMta = _mtas.Normalize(mta);
        _categories.TryGetValue(category, out CategoryEntry? entry);
        var ordered = new List<string>();
        foreach (string id in preferCauseIds ?? [])
        {
            if (_causes.TryGetValue(id, out CauseEntry? cause) && AppliesTo(cause, knownMta) && !ordered.Contains(id)) { ordered.Add(id); }
        }

        foreach (string id in entry?.Causes ?? [])
        {
            if (!ordered.Contains(id) && AppliesTo(_causes[id], knownMta)) { ordered.Add(id); }
        }

        Cause[] causes = ordered.Select((id, index) => MakeCause(_causes[id], knownMta ?? mta, index + 1, context)).ToArray();
        return new Diagnosis
        {
            Category = category,
            Mta = knownMta ?? (string.IsNullOrWhiteSpace(mta) ? null : mta),
            Causes = causes,
            DeadEnds = (entry?.DeadEnds ?? []).ToArray(),
        };
    }

    /// <summary>
    /// One cause by id, with that MTA's Check and Fix when <paramref name="mta"/> is given (their placeholders
    /// filled from <paramref name="context"/>); null when unknown.
    /// </summary>
    public Cause? FindCause(string id, string? mta = null, DiagnosisContext? context = null) =>
        id is not null && _causes.TryGetValue(id, out CauseEntry? entry) ? MakeCause(entry, _mtas.Normalize(mta) ?? mta, 1, context) : null;

    /// <summary>
    /// The registry meaning of an enhanced status code such as "5.7.1": the exact code (vendor codes like
    /// 5.7.54), then the detail for any class ("X.7.1"), then the subject ("X.7.X"); null when not a code.
    /// </summary>
    public string? GetStatusMeaning(string? enhancedStatusCode)
    {
        if (string.IsNullOrWhiteSpace(enhancedStatusCode)) { return null; }
        string[] parts = enhancedStatusCode!.Trim().Split('.');
        if (parts.Length != 3) { return null; }
        if (_statusCodes.TryGetValue(string.Join(".", parts), out StatusCodeEntry? exact)) { return exact.Meaning; }
        if (_statusCodes.TryGetValue($"X.{parts[1]}.{parts[2]}", out StatusCodeEntry? detail)) { return detail.Meaning; }
        if (_statusCodes.TryGetValue($"X.{parts[1]}.X", out StatusCodeEntry? subject)) { return subject.Meaning + " (unregistered detail code)"; }
        return null;
    }

    /// <summary>The meaning of a basic reply code (RFC 5321, 4954, 3207, 7504); null when not registered.</summary>
    public string? GetReplyCodeMeaning(int? replyCode) =>
        replyCode is int code && _replyCodes.TryGetValue(code, out ReplyCodeEntry? entry) ? entry.Meaning : null;

    /// <summary>The MTA name as the knowledge base spells it ("postfix" -> "Postfix"), or null when not one of <see cref="KnownMtas"/>.</summary>
    public static string? NormalizeMta(string? mta) => MtaRegistry.Default.Normalize(mta);

    private static bool AppliesTo(CauseEntry cause, string? knownMta) =>
        knownMta is null || cause.AppliesTo is null || cause.AppliesTo.Any(a => a == "Any" || a == knownMta);

    private static Cause MakeCause(CauseEntry entry, string? mta, int rank, DiagnosisContext? context)
    {
        AdviceEntry[] advice = entry.Advice ?? [];
        AdviceEntry? chosen = (mta is null ? null : advice.FirstOrDefault(a => string.Equals(a.Mta, mta, StringComparison.OrdinalIgnoreCase)))
            ?? advice.FirstOrDefault(a => a.Mta == "Any")
            ?? advice.FirstOrDefault();
        return new Cause
        {
            Id = entry.Id,
            Rank = rank,
            Summary = entry.Summary,
            Check = AdviceText.Fill(chosen?.Check ?? "", context),
            Fix = AdviceText.Fill(chosen?.Fix ?? "", context),
            AppliesTo = (entry.AppliesTo ?? ["Any"]).ToArray(),
            AdviceFor = chosen is null || chosen.Mta == "Any" ? null : chosen.Mta,
        };
    }

    private static FailureCategory ParseCategory(string name, string where) =>
        Enum.TryParse(name, ignoreCase: false, out FailureCategory category) && Enum.IsDefined(typeof(FailureCategory), category)
            ? category
            : throw new InvalidDataException($"Unknown failure category '{name}' in {where}.");

    private static KnowledgeBase LoadEmbedded()
    {
        Assembly assembly = typeof(KnowledgeBase).Assembly;
        T Read<T>(string name)
        {
            using Stream stream = assembly.GetManifestResourceStream("RelayTools.Core.Diagnosis.Data." + name)
                ?? throw new InvalidOperationException($"The embedded knowledge base resource {name} is missing.");
            return KnowledgeBaseData.Read<T>(stream);
        }

        return new KnowledgeBase(Read<RegistryFile>("registry.json"), Read<CausesFile>("causes.json"), Read<PatternsFile>("patterns.json"), MtaRegistry.Default);
    }
}
