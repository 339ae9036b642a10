using System;
using System.Linq;
using System.Net;

namespace RelayTools.Core.Postfix;

/// <summary>The address class trivial-rewrite gives a recipient domain.</summary>
internal enum DomainClass { Local, VirtualAlias, VirtualMailbox, Relay, Other, Unknown }

/// <summary>
/// Domain membership as Postfix decides it: mydestination (and the host's own [ip] literals),
/// virtual_alias_domains, virtual_mailbox_domains, relay_domains (with parent_domain_matches_subdomains),
/// case-insensitive, <c>.domain</c> and <c>!domain</c> entries, <c>/file</c> and readable tables.
/// </summary>
internal sealed class PostfixDomainMatcher(PostfixConfiguration config, MasterService service, Func<string, string?> readFile)
{
    public bool ParentMatches(string feature) =>
        PostfixList.Split(config.Expand("parent_domain_matches_subdomains", service)).Contains(feature, StringComparer.OrdinalIgnoreCase);

    public DomainClass Classify(string domain, out string detail)
    {
        domain = domain.ToLowerInvariant().TrimEnd('.');
        if (domain.StartsWith("[", StringComparison.Ordinal) && domain.EndsWith("]", StringComparison.Ordinal))
            return Literal(domain, out detail);
        bool unknown = false;
        string why = "";
        (string Param, DomainClass Class, bool Parent)[] order =
        [
            ("mydestination", DomainClass.Local, false),
            ("virtual_alias_domains", DomainClass.VirtualAlias, false),
            ("virtual_mailbox_domains", DomainClass.VirtualMailbox, false),
            ("relay_domains", DomainClass.Relay, ParentMatches("relay_domains")),
        ];
        foreach (var (param, cls, parent) in order)
        {
            bool? m = MatchList(config.Expand(param, service), domain, parent, param, out string d);
            if (m == true) { detail = d; return cls; }
            if (m == null) { unknown = true; why = d; }
        }
        if (unknown) { detail = why; return DomainClass.Unknown; }
        detail = domain + " is not in mydestination, virtual_alias_domains, virtual_mailbox_domains or relay_domains";
        return DomainClass.Other;
    }

    DomainClass Literal(string literal, out string detail)
    {
        string text = literal.Substring(1, literal.Length - 2);
        if (text.StartsWith("ipv6:", StringComparison.OrdinalIgnoreCase)) text = text.Substring(5);
        if (!IPAddress.TryParse(text, out IPAddress? ip)) { detail = literal + " is not an address literal"; return DomainClass.Other; }
        var own = PostfixList.Split(config.Expand("inet_interfaces", service)).Concat(PostfixList.Split(config.Expand("proxy_interfaces", service))).ToList();
        foreach (string i in own)
        {
            string a = i.Trim('[', ']');
            if (a is "loopback-only" or "localhost") a = "127.0.0.1";
            if (IPAddress.TryParse(a, out IPAddress? x) && x.Equals(ip)) { detail = literal + " is this host's address (inet_interfaces/proxy_interfaces)"; return DomainClass.Local; }
        }
        if (own.Any(i => i.Equals("all", StringComparison.OrdinalIgnoreCase)))
        {
            if (IPAddress.IsLoopback(ip) && (ip.Equals(IPAddress.Loopback) || ip.Equals(IPAddress.IPv6Loopback)))
            { detail = literal + " is a loopback address of this host (inet_interfaces = all)"; return DomainClass.Local; }
            detail = "not evaluated: inet_interfaces = all, so whether " + literal + " is this host depends on its interfaces";
            return DomainClass.Unknown;
        }
        detail = literal + " is not one of this host's addresses (inet_interfaces = " + config.Expand("inet_interfaces", service) + ")";
        return DomainClass.Other;
    }

    /// <summary>Matches a domain list value: true, false, or null when an entry that could match cannot be read.</summary>
    public bool? MatchList(string value, string domain, bool parent, string param, out string detail)
    {
        bool unknown = false;
        string why = "";
        foreach (string item in PostfixList.Split(value))
        {
            bool? m = MatchItem(item, domain, parent, param, 0, out string d);
            if (m == true) { detail = d; return !item.StartsWith("!", StringComparison.Ordinal); }
            if (m == null) { unknown = true; why = d; }
        }
        detail = unknown ? why : "";
        return unknown ? null : false;
    }

    bool? MatchItem(string item, string domain, bool parent, string param, int depth, out string detail)
    {
        string entry = item.TrimStart('!');
        detail = "";
        if (entry.Contains(PostfixDefaults.HostDependent))
        {
            detail = "not evaluated: " + param + " holds $myhostname or $mydomain, which Postfix takes from the host's name here (set myhostname and mydomain to evaluate it)";
            return null;
        }
        if (entry.StartsWith("/", StringComparison.Ordinal))
        {
            string? text = depth < 5 ? readFile(entry) : null;
            if (text == null) { detail = "not evaluated: " + param + " names the file " + entry + ", which cannot be read here"; return null; }
            bool unknown = false;
            foreach (string line in text.Replace("\r", "").Split('\n'))
            {
                string l = line.Trim();
                if (l.Length == 0 || l.StartsWith("#", StringComparison.Ordinal)) continue;
                foreach (string sub in PostfixList.Split(l))
                {
                    bool? m = MatchItem(sub, domain, parent, param, depth + 1, out detail);
                    if (m == true) return true;
                    if (m == null) unknown = true;
                }
            }
            return unknown ? null : false;
        }
        int colon = entry.IndexOf(':');
        if (colon > 0)
        {
            var table = AccessTable.TryLoad(entry, readFile);
            if (table == null) { detail = "not evaluated: " + param + " uses the table " + entry + ", which cannot be read here"; return null; }
            foreach (string key in Keys(domain, parent))
                if (table.Lookup(key) != null) { detail = domain + " found as " + key + " in " + entry + " (" + param + ")"; return true; }
            return false;
        }
        string name = entry.ToLowerInvariant();
        if (name == domain) { detail = domain + " is in " + param; return true; }
        // Postfix: with parent_domain_matches_subdomains on for this list, "example.com" also matches its
        // subdomains and ".example.com" matches nothing; with it off, only ".example.com" matches subdomains.
        if (!parent && name.StartsWith(".", StringComparison.Ordinal) && domain.EndsWith(name, StringComparison.Ordinal)) { detail = domain + " matches " + name + " in " + param; return true; }
        if (parent && domain.EndsWith("." + name, StringComparison.Ordinal)) { detail = domain + " is a subdomain of " + name + " in " + param + " (parent_domain_matches_subdomains)"; return true; }
        return false;
    }

    static string[] Keys(string domain, bool parent)
    {
        var keys = new System.Collections.Generic.List<string> { domain };
        string d = domain;
        int dot;
        while ((dot = d.IndexOf('.')) > 0)
        {
            d = d.Substring(dot + 1);
            keys.Add(parent ? d : "." + d);
        }
        return keys.Distinct().ToArray();
    }
}
