using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RelayTools.Core.Dns.Dmarc;

/// <summary>
/// Public suffix rules and the algorithm that applies them (the publicsuffix.org format: one rule a line,
/// "*." wildcards, "!" exceptions, "//" comments; an unlisted name falls under the implicit "*" rule).
/// <para>
/// <see cref="Builtin"/> is NOT the full Public Suffix List: no package serving that list was available to this
/// project, so it holds a short, hand-picked set of rules (see <see cref="BuiltinRules"/>): the common generic TLDs,
/// a number of country TLDs with the second-level registries mail administrators meet most (co.uk, com.au,
/// co.jp, com.br...) and the *.ck / !www.ck pair that shows the wildcard and exception rules. Any other TLD is a
/// public suffix by the implicit "*" rule, so "corp.example" and "mail.example.net" work, but a private registry
/// under a listed TLD (for example a second-level "xx.com" registry) is not known. <see cref="Parse"/> reads the
/// full list when one is given.
/// </para>
/// </summary>
public sealed class PublicSuffixList
{
    /// <summary>The rules of <see cref="Builtin"/>: a subset of the public suffix list, written here by hand.</summary>
    public static readonly string[] BuiltinRules =
    [
        // Generic TLDs.
        "com", "net", "org", "edu", "gov", "mil", "int", "arpa", "info", "biz", "name", "pro", "mobi",
        "app", "dev", "io", "xyz", "online", "site", "tech", "shop", "cloud", "email",
        // Country TLDs with second-level registries.
        "uk", "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "net.uk", "sch.uk", "nhs.uk",
        "au", "com.au", "net.au", "org.au", "edu.au", "gov.au", "id.au", "asn.au",
        "nz", "co.nz", "org.nz", "net.nz", "govt.nz", "ac.nz",
        "jp", "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ad.jp",
        "br", "com.br", "net.br", "org.br", "gov.br",
        "cn", "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn",
        "za", "co.za", "in", "co.in", "net.in", "org.in", "kr", "co.kr", "il", "co.il", "tr", "com.tr",
        "hk", "com.hk", "sg", "com.sg", "tw", "com.tw", "ar", "com.ar", "mx", "com.mx",
        // Country TLDs registering directly at the second level.
        "de", "fr", "nl", "be", "at", "ch", "li", "se", "no", "dk", "fi", "is", "ie", "it", "es", "pt", "pl",
        "cz", "sk", "hu", "ro", "gr", "ru", "ua", "eu", "us", "ca", "co", "me", "tv", "cc",
        // The wildcard and exception rules, as the list has them for .ck.
        "ck", "*.ck", "!www.ck",
    ];

    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);

    private PublicSuffixList(IEnumerable<string> lines)
    {
        foreach (string raw in lines)
        {
            // The list's format: the rule is the line up to the first white space; "//" starts a comment.
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            int space = line.IndexOfAny([' ', '\t']);
            string rule = space < 0 ? line : line.Substring(0, space);
            if (rule.StartsWith("!", StringComparison.Ordinal))
            {
                _exceptions.Add(DomainNameText.Normalize(rule.Substring(1)));
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                _wildcards.Add(DomainNameText.Normalize(rule.Substring(2)));
            }
            else
            {
                _rules.Add(DomainNameText.Normalize(rule));
            }
        }
        RuleCount = _rules.Count + _wildcards.Count + _exceptions.Count;
    }

    /// <summary>The built-in subset (see the class summary: not the full list).</summary>
    public static PublicSuffixList Builtin { get; } = new(BuiltinRules);

    /// <summary>How many rules the list holds.</summary>
    public int RuleCount { get; }

    /// <summary>True for the built-in subset, false for a list read with <see cref="Parse"/>.</summary>
    public bool IsBuiltinSubset => ReferenceEquals(this, Builtin);

    /// <summary>Reads a list in the publicsuffix.org format (for example the full public_suffix_list.dat).</summary>
    public static PublicSuffixList Parse(string text)
    {
        var lines = new List<string>();
        using var reader = new StringReader(text ?? "");
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lines.Add(line);
        }
        return new PublicSuffixList(lines);
    }

    /// <summary>
    /// The public suffix of <paramref name="domain"/>: the longest matching rule, an exception rule winning over
    /// the others (and standing for itself less its first label), the implicit "*" rule when nothing matches.
    /// </summary>
    public string GetPublicSuffix(string domain)
    {
        string[] labels = DomainNameText.Normalize(domain).Split('.');
        if (labels.Length == 0 || labels.Any(l => l.Length == 0))
        {
            return "";
        }
        int longest = 1; // The implicit "*" rule.
        for (int count = 1; count <= labels.Length; count++)
        {
            string candidate = string.Join(".", labels, labels.Length - count, count);
            if (_exceptions.Contains(candidate))
            {
                return string.Join(".", labels, labels.Length - count + 1, count - 1);
            }
            if (_rules.Contains(candidate))
            {
                longest = Math.Max(longest, count);
            }
            // "*.ck" matches any label followed by "ck": a name of count labels whose last count-1 labels are listed.
            if (count >= 2 && _wildcards.Contains(string.Join(".", labels, labels.Length - count + 1, count - 1)))
            {
                longest = Math.Max(longest, count);
            }
        }
        return string.Join(".", labels, labels.Length - longest, longest);
    }

    /// <summary>
    /// The organizational domain of <paramref name="domain"/> (RFC 7489 3.2): its public suffix with one more
    /// label in front. A name that is itself a public suffix has none; it is returned as it is.
    /// </summary>
    public string GetOrganizationalDomain(string domain)
    {
        string name = DomainNameText.Normalize(domain);
        string suffix = GetPublicSuffix(name);
        if (suffix.Length == 0 || suffix == name)
        {
            return name;
        }
        string rest = name.Substring(0, name.Length - suffix.Length - 1);
        int dot = rest.LastIndexOf('.');
        return (dot < 0 ? rest : rest.Substring(dot + 1)) + "." + suffix;
    }

    /// <summary>True when <paramref name="domain"/> is itself a public suffix (nobody's organizational domain).</summary>
    public bool IsPublicSuffix(string domain)
    {
        string name = DomainNameText.Normalize(domain);
        return name.Length > 0 && GetPublicSuffix(name) == name;
    }
}
