using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Postfix;

/// <summary>
/// check_client_access, check_helo_access, check_sender_access and check_recipient_access against a
/// table whose source can be read: Postfix's key order, and the access(5) actions.
/// </summary>
internal static class PostfixAccessCheck
{
    /// <summary>
    /// The lookup keys in Postfix's order for a domain: the name, then each parent domain - as
    /// <c>example.com</c> when parent_domain_matches_subdomains lists smtpd_access_maps, else as <c>.example.com</c>.
    /// </summary>
    public static IEnumerable<string> DomainKeys(string domain, bool parent)
    {
        yield return domain;
        string d = domain;
        int dot;
        while ((dot = d.IndexOf('.')) > 0)
        {
            d = d.Substring(dot + 1);
            yield return parent ? d : "." + d;
        }
    }

    /// <summary>The keys for a client address: the address, then shorter networks (1.2.3, 1.2, 1).</summary>
    public static IEnumerable<string> AddressKeys(IPAddress ip)
    {
        string a = ip.ToString();
        char sep = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? ':' : '.';
        yield return a;
        int i;
        while ((i = a.LastIndexOf(sep)) > 0)
        {
            a = a.Substring(0, i).TrimEnd(':');
            if (a.Length > 0) yield return a;
        }
    }

    /// <summary>The keys for an e-mail address: the whole address, the domain and its parents, then <c>user@</c>.</summary>
    public static IEnumerable<string> AddressMailKeys(string address, bool parent, string nullKey)
    {
        if (address.Length == 0) { yield return nullKey; yield break; }
        yield return address;
        int at = address.LastIndexOf('@');
        if (at < 0) yield break;
        foreach (string k in DomainKeys(address.Substring(at + 1).ToLowerInvariant(), parent)) yield return k;
        yield return address.Substring(0, at + 1);
    }

    /// <summary>Looks the keys up; returns the action text and the key that matched, or null.</summary>
    public static (string Value, string Key)? Lookup(AccessTable table, IEnumerable<string> keys, IPAddress? address)
    {
        if (table.IsCidr) return address != null && table.LookupCidr(address) is { } v ? (v, address.ToString()) : null;
        if (table.IsPattern)
        {
            // regexp/pcre tables see the whole string once (the name or address), not the key sequence.
            foreach (string k in keys.Take(1).Concat(address != null ? new[] { address.ToString() } : []))
                if (table.Lookup(k) is { } r) return (r, k);
            return null;
        }
        foreach (string k in keys)
            if (table.Lookup(k) is { } r) return (r, k);
        return null;
    }

    static readonly Regex Numeric = new(@"^([45])(\d\d)(\s+(\d\.\d{1,3}\.\d{1,3}))?\s*(.*)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Interprets an access(5) action. A restriction list as result (for example <c>permit_mynetworks, reject</c>)
    /// is handed back through <paramref name="nested"/> for the caller to evaluate.
    /// </summary>
    public static RestrictionOutcome? Action(string action, ReplyContext ctx, PostfixConfiguration config, MasterService service, string detail, out string[]? nested)
    {
        nested = null;
        string a = action.Trim();
        string word = a.Split([' ', '\t'], 2)[0];
        string rest = a.Length > word.Length ? a.Substring(word.Length).Trim() : "";
        string upper = word.ToUpperInvariant();
        int Code(string p) => int.TryParse(config.Expand(p, service), out int c) ? c : 0;
        if (upper == "OK" || Regex.IsMatch(word, @"^\d+$") && !Numeric.IsMatch(a)) return RestrictionOutcome.Ok(detail + ": " + a);
        if (upper == "DUNNO") return RestrictionOutcome.Dunno(detail + ": DUNNO");
        if (upper is "WARN" or "INFO" or "PREPEND" or "HOLD" or "FILTER" or "REDIRECT" or "BCC")
            return RestrictionOutcome.Dunno(detail + ": " + a + " (side effect only; evaluation goes on)");
        // access(5) actions are case-insensitive: "reject" in a table is the REJECT action, not the restriction.
        if (upper == "REJECT")
            return RestrictionOutcome.Reply(Code("access_map_reject_code"), "5.7.1", Text(ctx, rest), detail + ": " + a);
        if (upper == "DEFER")
            return RestrictionOutcome.Reply(Code("access_map_defer_code"), "4.7.1", Text(ctx, rest), detail + ": " + a);
        Match m = Numeric.Match(a);
        if (m.Success)
        {
            int code = int.Parse(m.Groups[1].Value + m.Groups[2].Value);
            string dsn = m.Groups[4].Success && m.Groups[4].Value[0] == m.Groups[1].Value[0] ? m.Groups[4].Value : m.Groups[1].Value + ".7.1";
            return RestrictionOutcome.Reply(code, dsn, Text(ctx, m.Groups[5].Value), detail + ": " + a);
        }
        if (upper is "DISCARD" or "DEFER_IF_REJECT" or "DEFER_IF_PERMIT")
            return RestrictionOutcome.Unknown("not evaluated: " + detail + " gives " + a + ", which this what-if does not model");
        nested = PostfixList.Split(a);
        return null;
    }

    static string Text(ReplyContext ctx, string text) =>
        "<" + ctx.Name + ">: " + ctx.Class + " rejected: " + (text.Length > 0 ? text : "Access denied");
}
