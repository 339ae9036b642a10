using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Exim;

/// <summary>Yes (in the list), No, or Unknown (an item that could match needs DNS, a lookup or an expansion not available offline).</summary>
public enum EximMatch
{
    /// <summary>The subject is in the list.</summary>
    Yes,
    /// <summary>The subject is not in the list.</summary>
    No,
    /// <summary>Not evaluated: the answer depends on something this what-if cannot know.</summary>
    Unknown,
    /// <summary>Exim fails on the list's expansion and defers the command (451).</summary>
    Defer,
}

/// <summary>The outcome of matching one subject against a list, and why.</summary>
public sealed class EximListResult
{
    /// <summary>Creates a result.</summary>
    public EximListResult(EximMatch match, string detail)
    {
        Match = match;
        Detail = detail;
    }

    /// <summary>Yes, No or Unknown.</summary>
    public EximMatch Match { get; }

    /// <summary>Which item matched, or why it is unknown.</summary>
    public string Detail { get; }
}

/// <summary>The session facts list matching needs.</summary>
public sealed class EximMatchContext
{
    /// <summary>The configuration (named lists).</summary>
    public EximConfiguration Config { get; set; } = new();
    /// <summary>The expansion variables.</summary>
    public EximExpansionContext Expansion { get; set; } = new();
    /// <summary>Reads list and lookup files; null when unreadable.</summary>
    public Func<string, string?> ReadFile { get; set; } = EximFileReader.ReadFileOrNull;
    /// <summary>Whether a directory entry exists (dsearch).</summary>
    public Func<string, bool> FileExists { get; set; } = File.Exists;
    /// <summary>The server's own addresses (@[]).</summary>
    public List<IPAddress> LocalAddresses { get; set; } = new();
    /// <summary>primary_hostname (@).</summary>
    public string PrimaryHostname { get; set; } = "";
    /// <summary>The client's verified host name, or null when not known (no reverse DNS offline).</summary>
    public string? ClientName { get; set; }
}

/// <summary>
/// Exim's host, domain, address and local-part lists: the value is expanded, split on its separator
/// (<c>:</c>, or the one after <c>&lt;</c>; a doubled separator is a literal one), and items are tried in
/// order: the first that matches decides (a <c>!</c> item means not in the list); when none matches, the
/// subject is in the list only if the last item was negated.
/// </summary>
public static class EximListMatcher
{
    /// <summary>Splits a list string into items as Exim does.</summary>
    public static List<string> Split(string list)
    {
        var items = new List<string>();
        string s = list.Trim();
        if (s.Length == 0) return items;
        char sep = ':';
        if (s.Length >= 2 && s[0] == '<' && !char.IsLetterOrDigit(s[1]) && !char.IsWhiteSpace(s[1]))
        {
            sep = s[1];
            s = s.Substring(2);
        }
        var current = new System.Text.StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == sep)
            {
                if (i + 1 < s.Length && s[i + 1] == sep) { current.Append(sep); i++; continue; }
                items.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }
            current.Append(s[i]);
        }
        string last = current.ToString().Trim();
        if (last.Length > 0 || items.Count == 0) items.Add(last);
        return items;
    }

    /// <summary>Matches a client host (address, and name when known) against a host list.</summary>
    public static EximListResult MatchHost(string list, IPAddress address, EximMatchContext ctx) =>
        Match(list, "hostlist", item => HostItem(item, address, ctx), ctx, 0);

    /// <summary>Matches a domain against a domain list.</summary>
    public static EximListResult MatchDomain(string list, string domain, EximMatchContext ctx) =>
        Match(list, "domainlist", item => DomainItem(item, domain.ToLowerInvariant(), ctx), ctx, 0);

    /// <summary>Matches an address (empty for the null sender) against an address list.</summary>
    public static EximListResult MatchAddress(string list, string address, EximMatchContext ctx) =>
        Match(list, "addresslist", item => AddressItem(item, address, ctx), ctx, 0);

    /// <summary>Matches a local part against a local-part list.</summary>
    public static EximListResult MatchLocalPart(string list, string localPart, EximMatchContext ctx) =>
        Match(list, "localpartlist", item => LocalPartItem(item, localPart, ctx), ctx, 0);

    /// <summary>Matches a string (an authenticated id, a cipher) against a plain string list: <c>*</c>, <c>^regex</c> or literal.</summary>
    public static EximListResult MatchString(string list, string value, EximMatchContext ctx) =>
        Match(list, "list", item => item == "*" ? (value.Length > 0 ? Yes("*") : No()) :
            item.StartsWith("^", StringComparison.Ordinal) ? (Regex.IsMatch(value, item) ? Yes(item) : No()) :
            item == value ? Yes(item) : No(), ctx, 0);

    static EximListResult Yes(string detail) => new(EximMatch.Yes, detail);
    static EximListResult No() => new(EximMatch.No, "");
    static EximListResult Unknown(string detail) => new(EximMatch.Unknown, detail);

    static EximListResult Match(string list, string kind, Func<string, EximListResult> item, EximMatchContext ctx, int depth)
    {
        string expanded;
        try { expanded = EximExpander.Expand(list, ctx.Expansion); }
        catch (EximNotEvaluatedException ex) { return Unknown("the list \"" + list + "\" needs an expansion not evaluated offline: " + ex.Message); }
        catch (EximExpansionFailedException ex) { return new EximListResult(EximMatch.Defer, "expansion of \"" + list + "\" fails: " + ex.Message); }
        return MatchItems(Split(expanded), kind, item, ctx, depth);
    }

    static EximListResult MatchItems(List<string> items, string kind, Func<string, EximListResult> item, EximMatchContext ctx, int depth)
    {
        bool lastNegated = false;
        EximListResult? unknown = null;
        foreach (string raw in items)
        {
            string text = raw;
            bool negated = false;
            while (text.StartsWith("!", StringComparison.Ordinal)) { negated = !negated; text = text.Substring(1).TrimStart(); }
            lastNegated = negated;
            EximListResult r;
            if (text.StartsWith("+", StringComparison.Ordinal) && text.Length > 1) r = Named(text.Substring(1), kind, item, ctx, depth);
            else if (text.StartsWith("/", StringComparison.Ordinal) && kind != "list") r = FileItems(text, kind, item, ctx, depth);
            else r = item(text);
            if (r.Match == EximMatch.Unknown || r.Match == EximMatch.Defer)
            {
                // A later item cannot rescue an unknown one: Exim would have answered at it.
                unknown ??= r;
                return unknown;
            }
            if (r.Match == EximMatch.Yes)
                return negated ? new EximListResult(EximMatch.No, "matched the negated item !" + text + (r.Detail.Length > 0 && r.Detail != text ? " (" + r.Detail + ")" : ""))
                               : new EximListResult(EximMatch.Yes, "matched " + text + (r.Detail.Length > 0 && r.Detail != text ? " (" + r.Detail + ")" : ""));
        }
        return lastNegated ? new EximListResult(EximMatch.Yes, "no item matched and the list ends with a negated item") : No();
    }

    static EximListResult Named(string name, string kind, Func<string, EximListResult> item, EximMatchContext ctx, int depth)
    {
        if (depth > 20) return Unknown("named lists nest too deep at +" + name);
        if (!ctx.Config.NamedLists.TryGetValue(name, out var list) || (kind != "list" && list.Kind != kind))
            return Unknown("unknown named " + kind + " \"" + name + "\" (Exim defers)");
        string expanded;
        try { expanded = EximExpander.Expand(list.Value, ctx.Expansion); }
        catch (EximNotEvaluatedException ex) { return Unknown("+" + name + " needs an expansion not evaluated offline: " + ex.Message); }
        catch (EximExpansionFailedException ex) { return new EximListResult(EximMatch.Defer, "expansion of +" + name + " fails: " + ex.Message); }
        var r = MatchItems(Split(expanded), kind, item, ctx, depth + 1);
        return r.Match == EximMatch.Yes ? new EximListResult(EximMatch.Yes, "+" + name + " (" + list.Origin + ") " + r.Detail) : r;
    }

    static EximListResult FileItems(string path, string kind, Func<string, EximListResult> item, EximMatchContext ctx, int depth)
    {
        string? text = ctx.ReadFile(path);
        if (text == null) return Unknown("the list file " + path + " cannot be read here");
        var items = text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)).ToList();
        var r = MatchItems(items, kind, item, ctx, depth + 1);
        return r.Match == EximMatch.Yes ? new EximListResult(EximMatch.Yes, path + ": " + r.Detail) : r;
    }

    /// <summary>The keys of an lsearch-style file (the first word of each line, quoted or not; continuation lines skipped).</summary>
    static HashSet<string>? LsearchKeys(string path, EximMatchContext ctx)
    {
        string? text = ctx.ReadFile(path);
        if (text == null) return null;
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.Length == 0 || char.IsWhiteSpace(raw[0]) || raw[0] == '#') continue;
            string line = raw.Trim();
            string key;
            if (line.StartsWith("\"", StringComparison.Ordinal)) { int end = line.IndexOf('"', 1); key = end > 0 ? line.Substring(1, end - 1) : line.Substring(1); }
            else
            {
                int stop = line.IndexOfAny([' ', '\t', ':']);
                // An IPv6 key contains colons; a key ends at white space or a colon followed by white space.
                if (stop >= 0 && line[stop] == ':' && stop + 1 < line.Length && !char.IsWhiteSpace(line[stop + 1])) stop = line.IndexOfAny([' ', '\t']);
                key = stop < 0 ? line : line.Substring(0, stop);
            }
            keys.Add(key);
        }
        return keys;
    }

    static bool TryLookup(string item, out string type, out string file)
    {
        type = ""; file = "";
        int semi = item.IndexOf(';');
        if (semi <= 0) return false;
        string head = item.Substring(0, semi).Trim();
        if (head.Any(c => !(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '*' || c == '@'))) return false;
        type = head;
        file = item.Substring(semi + 1).Trim();
        return true;
    }

    static EximListResult HostItem(string item, IPAddress address, EximMatchContext ctx)
    {
        if (item.Length == 0) return No(); // the empty item matches only a local (non-SMTP) sender
        if (item == "*") return Yes("*");
        if (item == "@[]")
            return ctx.LocalAddresses.Any(a => a.Equals(address)) ? Yes("@[]: a local interface address") : No();
        if (item == "@")
            return ctx.LocalAddresses.Any(a => a.Equals(address)) ? Yes("@: an address of " + ctx.PrimaryHostname) : No();
        if (EximNetwork.IsAddressOrCidr(item)) return EximNetwork.Contains(item, address) ? Yes(item) : No();
        if (TryLookup(item, out string type, out string file))
        {
            var m = Regex.Match(type, @"^net(\d*)-(\w+)$");
            // Without net- a lookup in a host list is keyed by the host name, even iplsearch.
            if (m.Success)
            {
                string lookup = m.Groups[2].Value;
                if (lookup != "lsearch" && lookup != "iplsearch") return Unknown(type + " lookups are not evaluated offline");
                var keys = LsearchKeys(file, ctx);
                if (keys == null) return Unknown("the lookup file " + file + " cannot be read here");
                if (lookup == "iplsearch")
                    return keys.Any(k => EximNetwork.Contains(k, address)) ? Yes(type + " key in " + file) : No();
                string key = m.Groups[1].Value.Length > 0 ? EximNetwork.Masked(address, int.Parse(m.Groups[1].Value)) : address.ToString();
                return keys.Contains(key) ? Yes("key " + key + " in " + file) : No();
            }
            if (ctx.ClientName == null) return Unknown(type + ";" + file + " is keyed by the client's host name, which needs reverse DNS");
            if (type != "lsearch") return Unknown(type + " lookups are not evaluated offline");
            var nameKeys = LsearchKeys(file, ctx);
            if (nameKeys == null) return Unknown("the lookup file " + file + " cannot be read here");
            return nameKeys.Contains(ctx.ClientName) ? Yes("key " + ctx.ClientName + " in " + file) : No();
        }
        if (item.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            if (address.Equals(IPAddress.Loopback)) return Yes("localhost is 127.0.0.1");
            if (address.Equals(IPAddress.IPv6Loopback)) return Unknown("whether localhost is also ::1 depends on the server's /etc/hosts");
            return No();
        }
        if (item.StartsWith("^", StringComparison.Ordinal) || item.StartsWith("*", StringComparison.Ordinal))
        {
            if (ctx.ClientName == null) return Unknown("the item " + item + " matches the client's host name, which needs reverse DNS (give -ClientName)");
            string name = ctx.ClientName.ToLowerInvariant();
            if (item.StartsWith("^", StringComparison.Ordinal)) return Regex.IsMatch(name, item, RegexOptions.IgnoreCase) ? Yes(item) : No();
            return name.EndsWith(item.Substring(1).ToLowerInvariant(), StringComparison.Ordinal) ? Yes(item) : No();
        }
        return Unknown("the host name " + item + " is looked up in DNS by Exim (not evaluated offline)");
    }

    static EximListResult DomainItem(string item, string domain, EximMatchContext ctx)
    {
        if (item == "*") return Yes("*");
        if (item == "@") return domain == ctx.PrimaryHostname.ToLowerInvariant() ? Yes("@ is " + ctx.PrimaryHostname) : No();
        if (item == "@[]")
        {
            if (domain.Length > 2 && domain[0] == '[' && domain[domain.Length - 1] == ']')
            {
                string lit = domain.Substring(1, domain.Length - 2);
                if (lit.StartsWith("ipv6:", StringComparison.OrdinalIgnoreCase)) lit = lit.Substring(5);
                if (EximNetwork.TryParseAddress(lit, out var a) && ctx.LocalAddresses.Any(l => l.Equals(a))) return Yes("@[]");
            }
            return No();
        }
        if (item.StartsWith("@mx_", StringComparison.Ordinal)) return Unknown(item + " needs the domain's MX records (DNS)");
        if (item.StartsWith("^", StringComparison.Ordinal)) return Regex.IsMatch(domain, item, RegexOptions.IgnoreCase) ? Yes(item) : No();
        if (item.StartsWith("*", StringComparison.Ordinal)) return domain.EndsWith(item.Substring(1).ToLowerInvariant(), StringComparison.Ordinal) ? Yes(item) : No();
        if (TryLookup(item, out string type, out string file))
        {
            if (type == "dsearch")
                return ctx.FileExists(Path.Combine(file, domain)) ? Yes("dsearch: " + Path.Combine(file, domain) + " exists") :
                    EximFileReader.DirectoryExists(file) ? No() : Unknown("the dsearch directory " + file + " cannot be read here");
            bool partial = type.StartsWith("partial", StringComparison.Ordinal);
            string bare = partial ? type.Substring(type.IndexOf('-') + 1) : type;
            if (bare != "lsearch") return Unknown(type + " lookups are not evaluated offline");
            var keys = LsearchKeys(file, ctx);
            if (keys == null) return Unknown("the lookup file " + file + " cannot be read here");
            if (keys.Contains(domain)) return Yes("key " + domain + " in " + file);
            if (partial)
            {
                string d = domain;
                while (true)
                {
                    if (keys.Contains("*." + d)) return Yes("key *." + d + " in " + file);
                    int dot = d.IndexOf('.');
                    if (dot < 0) break;
                    d = d.Substring(dot + 1);
                }
                if (keys.Contains("*")) return Yes("key * in " + file);
            }
            return No();
        }
        return string.Equals(item, domain, StringComparison.OrdinalIgnoreCase) ? Yes(item) : No();
    }

    static EximListResult AddressItem(string item, string address, EximMatchContext ctx)
    {
        if (item.Length == 0) return address.Length == 0 ? Yes("the null sender <>") : No();
        if (item == "*") return Yes("*");
        if (item.StartsWith("^", StringComparison.Ordinal)) return Regex.IsMatch(address, item, RegexOptions.IgnoreCase) ? Yes(item) : No();
        if (address.Length == 0) return No();
        int at = address.LastIndexOf('@');
        string local = at < 0 ? address : address.Substring(0, at), domain = at < 0 ? "" : address.Substring(at + 1);
        if (TryLookup(item, out string type, out string file))
        {
            if (type != "lsearch") return Unknown(type + " lookups are not evaluated offline");
            var keys = LsearchKeys(file, ctx);
            if (keys == null) return Unknown("the lookup file " + file + " cannot be read here");
            return keys.Contains(address) ? Yes("key " + address + " in " + file) : keys.Contains("*@" + domain) ? Yes("key *@" + domain + " in " + file) : No();
        }
        int iat = item.LastIndexOf('@');
        if (iat < 0) return DomainItem(item, domain.ToLowerInvariant(), ctx);
        string ilocal = item.Substring(0, iat), idomain = item.Substring(iat + 1);
        bool localOk = ilocal == "*" || string.Equals(ilocal, local, StringComparison.OrdinalIgnoreCase) ||
                       (ilocal.StartsWith("*", StringComparison.Ordinal) && local.EndsWith(ilocal.Substring(1), StringComparison.OrdinalIgnoreCase));
        if (!localOk) return No();
        if (idomain.Length == 0) return Yes(item);
        var d = DomainItem(idomain, domain.ToLowerInvariant(), ctx);
        return d.Match == EximMatch.Yes ? Yes(item) : d;
    }

    static EximListResult LocalPartItem(string item, string localPart, EximMatchContext ctx)
    {
        if (item == "*") return Yes("*");
        if (item.StartsWith("^", StringComparison.Ordinal)) return Regex.IsMatch(localPart, item, RegexOptions.IgnoreCase) ? Yes(item) : No();
        if (TryLookup(item, out string type, out string file))
        {
            if (type != "lsearch") return Unknown(type + " lookups are not evaluated offline");
            var keys = LsearchKeys(file, ctx);
            if (keys == null) return Unknown("the lookup file " + file + " cannot be read here");
            return keys.Contains(localPart) ? Yes("key " + localPart + " in " + file) : No();
        }
        return string.Equals(item, localPart, StringComparison.OrdinalIgnoreCase) ? Yes(item) : No();
    }
}
