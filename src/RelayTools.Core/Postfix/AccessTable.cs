using System;
using System.Collections.Generic;
using System.Net;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Postfix;

/// <summary>
/// A Postfix lookup table read from its readable source: the postmap source file of
/// hash:/btree:/lmdb:/cdb:/dbm:/sdbm: tables (the path without <c>.db</c>), texthash:, cidr:,
/// regexp: and pcre: files (plain patterns, no if/endif), inline:{ } and static:. Anything else
/// (ldap:, mysql:, proxy:, tcp:, socketmap:...) cannot be read offline: <see cref="TryLoad"/> gives null.
/// </summary>
public sealed class AccessTable
{
    readonly Dictionary<string, string> _exact = new(StringComparer.OrdinalIgnoreCase);
    readonly List<(PostfixNetwork Net, string Value)> _cidr = [];
    readonly List<(Regex Pattern, bool Negated, string Value)> _regex = [];
    string? _static;

    /// <summary>The table as written, for example <c>hash:/etc/postfix/access</c>.</summary>
    public string Spec { get; private set; } = "";

    /// <summary>The table type: <c>hash</c>, <c>cidr</c>, <c>regexp</c>...</summary>
    public string Type { get; private set; } = "";

    /// <summary>The file read (the source of a hash table, or the table itself).</summary>
    public string Source { get; private set; } = "";

    /// <summary>Loads a table; null when its type cannot be read offline or the file cannot be read.</summary>
    public static AccessTable? TryLoad(string spec, Func<string, string?>? readFile)
    {
        readFile ??= MyNetworks.ReadFileOrNull;
        int colon = spec.IndexOf(':');
        if (colon <= 0) return null;
        string type = spec.Substring(0, colon).ToLowerInvariant(), arg = spec.Substring(colon + 1);
        var table = new AccessTable { Spec = spec, Type = type, Source = arg };
        switch (type)
        {
            case "static":
                table._static = arg.Trim('{', '}', ' ');
                return table;
            case "inline":
                foreach (string item in PostfixList.Split(arg.Trim().TrimStart('{').TrimEnd('}')))
                {
                    int eq = item.IndexOf('=');
                    if (eq > 0) table._exact[item.Substring(0, eq).Trim()] = item.Substring(eq + 1).Trim();
                }
                return table;
            case "hash":
            case "btree":
            case "lmdb":
            case "cdb":
            case "dbm":
            case "sdbm":
            case "texthash":
            case "cidr":
            case "regexp":
            case "pcre":
                string? text = readFile(arg);
                if (text == null) return null;
                foreach (var (key, value) in Entries(text))
                {
                    if (type == "cidr")
                    {
                        var net = PostfixNetwork.Parse(key);
                        if (net.Kind is PostfixNetworkKind.Address or PostfixNetworkKind.Cidr) table._cidr.Add((net, value));
                        else return null;
                    }
                    else if (type is "regexp" or "pcre")
                    {
                        var m = Regex.Match(key, @"^(!?)/(.*)/([a-zA-Z]*)$");
                        if (!m.Success) return null;
                        var options = m.Groups[3].Value.Contains("i") || !m.Groups[3].Value.Contains("I") ? RegexOptions.IgnoreCase : RegexOptions.None;
                        try { table._regex.Add((new Regex(m.Groups[2].Value, options | RegexOptions.CultureInvariant), m.Groups[1].Value == "!", value)); }
                        catch (ArgumentException) { return null; }
                    }
                    else if (!table._exact.ContainsKey(key)) table._exact[key] = value;
                }
                return table;
            default:
                return null;
        }
    }

    static IEnumerable<(string Key, string Value)> Entries(string text)
    {
        foreach (var line in PostfixLines.Read(text))
        {
            string t = line.Text;
            if (t.StartsWith("/", StringComparison.Ordinal) || t.StartsWith("!/", StringComparison.Ordinal))
            {
                int end = t.LastIndexOf('/');
                int space = end;
                while (space < t.Length && !char.IsWhiteSpace(t[space])) space++;
                yield return (t.Substring(0, space), space < t.Length ? t.Substring(space).Trim() : "");
                continue;
            }
            int ws = 0;
            while (ws < t.Length && !char.IsWhiteSpace(t[ws])) ws++;
            yield return (t.Substring(0, ws), ws < t.Length ? t.Substring(ws).Trim() : "");
        }
    }

    /// <summary>An exact-key lookup (case-insensitive, as Postfix folds access-map keys); regexp/pcre/static tables match their own way.</summary>
    public string? Lookup(string key)
    {
        if (_static != null) return _static;
        if (_regex.Count > 0)
        {
            foreach (var (pattern, negated, value) in _regex)
                if (pattern.IsMatch(key) != negated) return value;
            return null;
        }
        return _exact.TryGetValue(key, out string? v) ? v : null;
    }

    /// <summary>True for tables matched against the whole string (regexp, pcre) instead of key by key.</summary>
    public bool IsPattern => _regex.Count > 0 || Type is "regexp" or "pcre";

    /// <summary>True for cidr: tables (looked up by address).</summary>
    public bool IsCidr => Type == "cidr";

    /// <summary>The first cidr: entry that contains the address, or null.</summary>
    public string? LookupCidr(IPAddress address)
    {
        foreach (var (net, value) in _cidr)
            if (net.Contains(address)) return value;
        return null;
    }
}
