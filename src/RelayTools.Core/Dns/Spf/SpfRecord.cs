using System.Linq;

namespace RelayTools.Core.Dns.Spf;

/// <summary>A parsed "v=spf1" record: its mechanisms in order and its modifiers.</summary>
public sealed class SpfRecord
{
    /// <summary>The record text as published.</summary>
    public string Text { get; set; } = "";

    /// <summary>The mechanisms, in the order check_host() tries them (4.6.2).</summary>
    public SpfMechanism[] Mechanisms { get; set; } = [];

    /// <summary>Every modifier, known or not, in record order.</summary>
    public SpfModifier[] Modifiers { get; set; } = [];

    /// <summary>The redirect modifier, or null (6.1: at most one).</summary>
    public SpfModifier? Redirect => Modifiers.FirstOrDefault(m => m.Name == "redirect");

    /// <summary>The exp modifier, or null (6.2: at most one).</summary>
    public SpfModifier? Explanation => Modifiers.FirstOrDefault(m => m.Name == "exp");

    /// <summary>True when the record has an "all" mechanism, which makes redirect unused (6.1).</summary>
    public bool HasAll => Mechanisms.Any(m => m.Kind == SpfMechanismKind.All);

    /// <summary>The terms that count against the 10-lookup limit in this record alone (4.6.4), not counting nested records.</summary>
    public int DnsLookupTerms => Mechanisms.Count(m => m.CausesDnsLookup) + (Redirect != null && !HasAll ? 1 : 0);

    /// <inheritdoc />
    public override string ToString() => Text;
}
