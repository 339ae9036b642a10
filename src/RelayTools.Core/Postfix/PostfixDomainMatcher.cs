using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace RelayTools.Core.Postfix;

/// <summary>The address class trivial-rewrite gives a recipient domain.</summary>
internal enum DomainClass { Local, VirtualAlias, VirtualMailbox, Relay, Other, Unknown }

/// <summary>
/// Domain membership as trivial-rewrite decides it. mydestination, virtual_alias_domains and
/// virtual_mailbox_domains are string lists: exact, case-insensitive names (no subdomains), <c>!name</c>,
/// <c>/file</c> and exact table keys. relay_domains is a domain list: <c>.domain</c> matches subdomains, or
/// - when parent_domain_matches_subdomains names relay_domains - <c>domain</c> does, and tables are asked
/// for parent domains too. This host's own addresses (inet_interfaces, proxy_interfaces) are local as
/// <c>[ip]</c> literals. <paramref name="service"/> is the view of the service that decides: trivial-rewrite's
/// for the address class, smtpd's for check_relay_domains.
/// </summary>
internal sealed class PostfixDomainMatcher(PostfixConfiguration config, MasterService? service, Func<string, string?> readFile)
{
    /// <summary>True when parent_domain_matches_subdomains lists <paramref name="feature"/>.</summary>
    public bool ParentMatches(string feature) =>
        PostfixList.Split(config.Expand("parent_domain_matches_subdomains", service)).Contains(feature, StringComparer.OrdinalIgnoreCase);

    /// <summary>Local when the domain is in mydestination or is a literal of this host's address; Other, or Unknown when it cannot be told.</summary>
    public DomainClass ClassifyLocal(string domain, out string detail)
    {
        string d = domain.ToLowerInvariant();
        if (d.EndsWith(".", StringComparison.Ordinal)) d = d.Substring(0, d.Length - 1);
        if (d.Length == 0 || d.EndsWith(".", StringComparison.Ordinal)) { detail = domain + " is not a domain"; return DomainClass.Other; }
        bool? m = MatchList("mydestination", d, hostMatch: false, out detail);
        if (m == true) return DomainClass.Local;
        string unknown = m == null ? detail : "";
        if (d.StartsWith("[", StringComparison.Ordinal) && d.EndsWith("]", StringComparison.Ordinal))
        {
            var literal = Literal(d, out detail);
            if (literal != DomainClass.Other) return literal;
        }
        if (unknown.Length > 0) { detail = unknown; return DomainClass.Unknown; }
        detail = d + " is not in mydestination";
        return DomainClass.Other;
    }

    /// <summary>The class of a domain that is not local: virtual alias, virtual mailbox, relay, other (or Unknown).</summary>
    public DomainClass ClassifyRemote(string domain, out string detail)
    {
        string d = domain.ToLowerInvariant();
        (string Param, DomainClass Class, bool HostMatch)[] order =
        [
            ("virtual_alias_domains", DomainClass.VirtualAlias, false),
            ("virtual_mailbox_domains", DomainClass.VirtualMailbox, false),
            ("relay_domains", DomainClass.Relay, true),
        ];
        foreach (var (param, cls, hostMatch) in order)
        {
            bool? m = MatchList(param, d, hostMatch, out detail);
            if (m == true) return cls;
            // trivial-rewrite stops at a lookup error: the class cannot be known.
            if (m == null) return DomainClass.Unknown;
        }
        detail = d + " is not in mydestination, virtual_alias_domains, virtual_mailbox_domains or relay_domains";
        return DomainClass.Other;
    }

    /// <summary>Matches a host name against relay_domains (check_relay_domains' client name test).</summary>
    public bool? MatchesRelayDomains(string name, out string detail) => MatchList("relay_domains", name.ToLowerInvariant(), hostMatch: true, out detail);

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
            if (ip.Equals(IPAddress.Loopback) || ip.Equals(IPAddress.IPv6Loopback))
            { detail = literal + " is a loopback address of this host (inet_interfaces = all)"; return DomainClass.Local; }
            detail = "not evaluated: inet_interfaces = all, so whether " + literal + " is this host depends on its interfaces";
            return DomainClass.Unknown;
        }
        detail = literal + " is not one of this host's addresses (inet_interfaces = " + config.Expand("inet_interfaces", service) + ")";
        return DomainClass.Other;
    }

    /// <summary>Matches a list parameter: true, false, or null when an entry that could match cannot be read.</summary>
    bool? MatchList(string param, string domain, bool hostMatch, out string detail)
    {
        bool parent = hostMatch && ParentMatches(param);
        detail = "";
        foreach (string item in PostfixList.Split(config.Expand(param, service)))
        {
            bool? m = MatchItem(item.TrimStart('!'), domain, hostMatch, parent, param, 0, out string d);
            if (m == null) { detail = d; return null; }
            if (m == true)
            {
                detail = d;
                return !item.StartsWith("!", StringComparison.Ordinal);
            }
        }
        return false;
    }

    bool? MatchItem(string entry, string domain, bool hostMatch, bool parent, string param, int depth, out string detail)
    {
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
            foreach (string line in text.Replace("\r", "").Split('\n'))
            {
                string l = line.Trim();
                if (l.Length == 0 || l.StartsWith("#", StringComparison.Ordinal)) continue;
                foreach (string sub in PostfixList.Split(l))
                {
                    bool? m = MatchItem(sub.TrimStart('!'), domain, hostMatch, parent, param, depth + 1, out detail);
                    if (m != false) return m == true ? !sub.StartsWith("!", StringComparison.Ordinal) : null;
                }
            }
            return false;
        }
        int colon = entry.IndexOf(':');
        if (colon > 0 && entry[0] != '[')
        {
            var table = AccessTable.TryLoad(entry, readFile);
            if (table == null) { detail = "not evaluated: " + param + " uses the table " + entry + ", which cannot be read here"; return null; }
            // Pattern tables (regexp, pcre) only see the whole name; others also parent domains in a domain list.
            IEnumerable<string> keys = hostMatch && !table.IsPattern ? Keys(domain, parent) : [domain];
            foreach (string key in keys)
                if (table.Lookup(key) != null) { detail = domain + " found as " + key + " in " + entry + " (" + param + ")"; return true; }
            return false;
        }
        string name = entry.ToLowerInvariant();
        if (name == domain) { detail = domain + " is in " + param; return true; }
        if (!hostMatch) return false;
        // Postfix: with parent_domain_matches_subdomains on for this list, "example.com" also matches its
        // subdomains and ".example.com" matches nothing more; with it off, only ".example.com" matches subdomains.
        if (!parent && name.StartsWith(".", StringComparison.Ordinal) && domain.Length > name.Length && domain.EndsWith(name, StringComparison.Ordinal)) { detail = domain + " matches " + name + " in " + param; return true; }
        if (parent && domain.EndsWith("." + name, StringComparison.Ordinal)) { detail = domain + " is a subdomain of " + name + " in " + param + " (parent_domain_matches_subdomains)"; return true; }
        return false;
    }

    static IEnumerable<string> Keys(string domain, bool parent) => new[] { domain }.Concat(ParentKeys(domain, parent));

    /// <summary>
    /// The parent-domain keys Postfix looks up after the name itself: <c>example.com</c>, <c>com</c> when
    /// parent_domain_matches_subdomains lists the feature, else <c>.example.com</c>, <c>.com</c>.
    /// </summary>
    internal static IEnumerable<string> ParentKeys(string domain, bool parent)
    {
        string d = domain;
        int dot;
        while ((dot = d.IndexOf('.', 1)) > 0)
        {
            d = d.Substring(dot + 1);
            yield return parent ? d : "." + d;
        }
    }
}
