using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Postfix;

internal sealed partial class PostfixCheckRun
{
    /// <summary>Loads a table; null (with the Unknown outcome) when it cannot be read here.</summary>
    AccessTable? Load(string spec, out RestrictionOutcome? unknown)
    {
        unknown = null;
        var table = AccessTable.TryLoad(spec, _readFile);
        if (table == null)
        {
            unknown = RestrictionOutcome.Unknown("not evaluated: the table " + spec + " cannot be read here (only the text sources of hash/btree/lmdb/cdb tables, texthash, cidr, regexp, pcre, inline and static are read)");
            return null;
        }
        if (table.Type is "hash" or "btree" or "lmdb" or "cdb" or "dbm" or "sdbm")
            _notes.Add(spec + " was read from its source file " + table.Source + ": correct only if postmap was run after its last change");
        return table;
    }

    bool AccessParent => _smtpdDomains.ParentMatches("smtpd_access_maps");

    /// <summary>check_namadr_access: the client name and its parent domains, then the address and its parent networks.</summary>
    RestrictionOutcome ClientAccess(string spec, string name, string replyName, string replyClass, string defaultAcl)
    {
        var table = Load(spec, out var unknown);
        if (table == null) return unknown!;
        // A name that is found (even as DUNNO) ends the lookup before the address is tried.
        if (DomainLookup(table, name.ToLowerInvariant()) is { } byName) return TableResult(spec, byName.Value, byName.Key, replyName, replyClass, defaultAcl);
        if (AddressLookup(table) is { } byAddress) return TableResult(spec, byAddress.Value, byAddress.Key, replyName, replyClass, defaultAcl);
        return RestrictionOutcome.Dunno("no key matches in " + spec);
    }

    /// <summary>check_domain_access (HELO).</summary>
    RestrictionOutcome DomainAccess(string spec, string domain, string replyName, string replyClass, string defaultAcl)
    {
        var table = Load(spec, out var unknown);
        if (table == null) return unknown!;
        return DomainLookup(table, domain.ToLowerInvariant()) is { } hit
            ? TableResult(spec, hit.Value, hit.Key, replyName, replyClass, defaultAcl)
            : RestrictionOutcome.Dunno("no key matches in " + spec);
    }

    /// <summary>The name, then (not for pattern tables, not for a numeric name) its parent domains.</summary>
    (string Value, string Key)? DomainLookup(AccessTable table, string name)
    {
        if (table.IsCidr) return null;
        if (table.Lookup(name) is { } full) return (full, name);
        if (table.IsPattern || PostfixHostSyntax.ValidHostAddress(name)) return null;
        return ParentLookup(table, name);
    }

    /// <summary>The first parent-domain key of <paramref name="domain"/> the table holds, in Postfix's order.</summary>
    (string Value, string Key)? ParentLookup(AccessTable table, string domain)
    {
        foreach (string key in PostfixDomainMatcher.ParentKeys(domain, AccessParent))
            if (table.Lookup(key) is { } v) return (v, key);
        return null;
    }

    /// <summary>check_addr_access: the address, then shorter prefixes split at the last '.' or ':' (cidr and pattern tables see only the address).</summary>
    (string Value, string Key)? AddressLookup(AccessTable table)
    {
        string a = _client.ToString();
        if (table.IsCidr) return table.LookupCidr(_client) is { } c ? (c, a) : null;
        if (table.Lookup(a) is { } full) return (full, a);
        if (table.IsPattern) return null;
        char delim = a.IndexOf(':') >= 0 ? ':' : '.';
        int i;
        while ((i = a.LastIndexOf(delim)) > 0)
        {
            a = a.Substring(0, i);
            if (table.Lookup(a) is { } v) return (v, a);
        }
        return null;
    }

    /// <summary>check_mail_access: the resolved address; then user@domain without extension, the domain and its parents, user@.</summary>
    RestrictionOutcome MailAccess(string spec, string address, string replyClass, string defaultAcl)
    {
        var table = Load(spec, out var unknown);
        if (table == null) return unknown!;
        var r = _resolver.Resolve(address);
        if (r.Class == DomainClass.Unknown && r.Detail.Contains(PostfixDefaults.HostDependent)) return RestrictionOutcome.Unknown("not evaluated: " + r.Detail);
        string key = r.Address;
        var hit = MailLookup(table, key);
        if (hit == null) return RestrictionOutcome.Dunno("no key matches " + key + " in " + spec);
        var o = TableResult(spec, hit.Value.Value, hit.Value.Key, address, replyClass, defaultAcl);
        // A source-routed recipient is too suspicious for OK.
        if (o.Verdict == Verdict.Ok && replyClass == "Recipient address" && r.Routed && !Flag("allow_untrusted_routing"))
            return RestrictionOutcome.Dunno(o.Detail + "; but OK is ignored for a recipient with sender-specified routing");
        return o;
    }

    (string Value, string Key)? MailLookup(AccessTable table, string address)
    {
        if (table.IsCidr) return null;
        if (table.Lookup(address) is { } full) return (full, address);
        if (table.IsPattern) return null;
        int at = address.LastIndexOf('@');
        if (at < 0) return null;
        string local = address.Substring(0, at), domain = address.Substring(at + 1);
        string delimiters = Param("recipient_delimiter");
        int ext = delimiters.Length == 0 ? -1 : local.IndexOfAny(delimiters.ToCharArray());
        if (ext > 0 && table.Lookup(local.Substring(0, ext) + "@" + domain) is { } bare) return (bare, local.Substring(0, ext) + "@" + domain);
        if (table.Lookup(domain) is { } dv) return (dv, domain);
        if (ParentLookup(table, domain) is { } parent) return parent;
        if (table.Lookup(local + "@") is { } lv) return (lv, local + "@");
        if (ext > 0 && table.Lookup(local.Substring(0, ext) + "@") is { } bv) return (bv, local.Substring(0, ext) + "@");
        return null;
    }

    RestrictionOutcome NullSenderAccess(string spec, string defaultAcl)
    {
        var table = Load(spec, out var unknown);
        if (table == null) return unknown!;
        string key = Param("smtpd_null_access_lookup_key");
        return table.Lookup(key) is { } v ? TableResult(spec, v, key, "", "Sender address", defaultAcl) : RestrictionOutcome.Dunno("no " + key + " key in " + spec);
    }

    RestrictionOutcome SaslAccess(string spec, string defaultAcl)
    {
        if (!Flag("smtpd_sasl_auth_enable")) return RestrictionOutcome.Dunno("ignored: SASL is off on this service");
        if (!_authenticatedNow) return RestrictionOutcome.Dunno("the client is not authenticated");
        if (_query.SaslUser.Length == 0) return RestrictionOutcome.Unknown("not evaluated: check_sasl_access needs the SASL login name (give -SaslUser)");
        var table = Load(spec, out var unknown);
        if (table == null) return unknown!;
        return table.Lookup(_query.SaslUser) is { } v ? TableResult(spec, v, _query.SaslUser, ClientNameAddr, "Client host", defaultAcl) : RestrictionOutcome.Dunno("no key " + _query.SaslUser + " in " + spec);
    }

    /// <summary>check_table_result: what a table's answer does (access(5)), or the restriction list it holds.</summary>
    RestrictionOutcome TableResult(string spec, string value, string key, string replyName, string replyClass, string defaultAcl)
    {
        string detail = spec + " has " + key + " " + value;
        string v = value.Trim();
        int space = v.IndexOfAny([' ', '\t']);
        string word = space < 0 ? v : v.Substring(0, space);
        string text = space < 0 ? "" : v.Substring(space).TrimStart();
        string upper = word.ToUpperInvariant();
        string Reply(string t) => "<" + replyName + ">: " + replyClass + " rejected: " + t;
        switch (upper)
        {
            case "DUNNO": return RestrictionOutcome.Dunno(detail);
            case "REJECT":
                {
                    var (dsn, t) = DsnSplit("5.7.1", text);
                    return Reject(Code("access_map_reject_code"), DsnFix(dsn, replyClass), Reply(t.Length > 0 ? t : "Access denied"), detail);
                }
            case "DEFER":
                {
                    var (dsn, t) = DsnSplit("4.7.1", text);
                    return Reject(Code("access_map_defer_code"), DsnFix(dsn, replyClass), Reply(t.Length > 0 ? t : "Access denied"), detail);
                }
            case "INFO":
            case "WARN":
            case "FILTER":
            case "HOLD":
            case "REDIRECT":
            case "BCC":
            case "PREPEND":
                return RestrictionOutcome.Dunno(detail + " (" + upper + ": a side effect only; evaluation goes on)");
            case "DISCARD":
                return RestrictionOutcome.Ok(detail + " (DISCARD: accepted, then thrown away)");
            case "DEFER_IF_PERMIT":
                {
                    var (dsn, t) = DsnSplit("4.7.1", text);
                    string reply = Reply(t.Length > 0 ? t : "Service unavailable");
                    return _warnIfReject == 0
                        ? DeferIf(_deferIfPermit, Code("access_map_defer_code"), DsnFix(dsn, replyClass), reply, detail + ": a later permit becomes a deferral")
                        : Reject(Code("access_map_defer_code"), DsnFix(dsn, replyClass), reply, detail);
                }
            case "DEFER_IF_REJECT":
                {
                    var (dsn, t) = DsnSplit("4.7.1", text);
                    return DeferIf(_deferIfReject, Code("access_map_defer_code"), DsnFix(dsn, replyClass), Reply(t.Length > 0 ? t : "Service unavailable"), detail + ": a later rejection in this stage becomes a deferral");
                }
        }
        if (v.Length > 0 && v.All(char.IsDigit)) return RestrictionOutcome.Ok(detail + " (an all-numeric result means OK)");
        if (word.Length == 3 && text.Length > 0 && word[0] is '4' or '5' && char.IsDigit(word[1]) && char.IsDigit(word[2]))
        {
            var (dsn, t) = DsnSplit(word[0] + ".7.1", text);
            return Reject(int.Parse(word), DsnFix(dsn, replyClass), Reply(t.Length > 0 ? t : "Access denied"), detail);
        }
        if (upper is "OK" or "RELAY") return RestrictionOutcome.Ok(detail);
        if (v.IndexOf(':') >= 0) return ServerError(detail + ": a lookup table inside an access table result is a configuration error");
        string[] nested = PostfixList.Split(v);
        if (nested.Length == 0) return RestrictionOutcome.Ok(detail + " (an empty result means OK)");
        var o = Generic(spec + " result", nested, detail, replyName, replyClass, defaultAcl);
        return o.Verdict == Verdict.Dunno ? RestrictionOutcome.Dunno(detail + ": no decision") : o;
    }

    /// <summary>dsn_split: an optional enhanced status code at the start of the text, else the default.</summary>
    static (string Dsn, string Text) DsnSplit(string defaultDsn, string text)
    {
        string t = text.TrimStart();
        int end = t.IndexOfAny([' ', '\t']);
        string first = end < 0 ? t : t.Substring(0, end);
        if (first.Length > 0 && DsnValid(first)) return (first, end < 0 ? "" : t.Substring(end).TrimStart());
        return (defaultDsn, t);
    }

    /// <summary>smtpd_dsn_fix: an address DSN (x.1.y) is mapped to the class being refused.</summary>
    static string DsnFix(string dsn, string replyClass)
    {
        if (dsn.Length < 5 || dsn.Substring(1, 3) != ".1.") return dsn;
        string micro = dsn.Substring(4);
        if (replyClass == "Sender address")
            return micro switch { "1" or "4" or "6" => "4.1.0", "2" => "4.1.8", "3" => "4.1.7", "5" => "4.1.0", "7" => "4.1.7", "8" => "4.1.8", _ => "4.1.0" };
        if (replyClass == "Recipient address")
            return micro switch { "1" => "4.1.1", "2" => "4.1.2", "3" => "4.1.3", "4" => "4.1.4", "5" => "4.1.5", "6" => "4.1.6", "7" => "4.1.3", "8" => "4.1.2", _ => "4.1.0" };
        return "4.0.0";
    }

    /// <summary>
    /// check_rcpt_maps (reject_unlisted_recipient, on by default): an address in a virtual alias domain
    /// must be in virtual_alias_maps; a local, virtual mailbox or relay domain address in its recipient
    /// table when that table is set.
    /// </summary>
    RestrictionOutcome RecipientMaps(string address, string replyClass, string why)
    {
        if (_warnIfReject == 0 && replyClass == "Recipient address") _recipientMapsChecked = true;
        var r = _resolver.Resolve(address);
        if (r.Class == DomainClass.Unknown) return Unvalidated(why, "the address class of " + address + " (" + r.Detail + ")");
        string d = replyClass == "Sender address" ? "5.1.0" : "5.1.1";
        foreach (string maps in new[] { "recipient_canonical_maps", "canonical_maps", "virtual_alias_maps" }.Concat(replyClass == "Sender address" ? ["sender_canonical_maps"] : []))
        {
            bool? found = InMaps(maps, r.Address, out string unknown);
            if (found == null) return Unvalidated(why, unknown);
            if (found == true) return RestrictionOutcome.Dunno(r.Address + " is in " + maps);
        }
        (string Maps, string Code, string Table)? check = r.Class switch
        {
            DomainClass.VirtualAlias => (null!, "unknown_virtual_alias_reject_code", "virtual alias table"),
            DomainClass.Local => ("local_recipient_maps", "unknown_local_recipient_reject_code", "local recipient table"),
            DomainClass.VirtualMailbox => ("virtual_mailbox_maps", "unknown_virtual_mailbox_reject_code", "virtual mailbox table"),
            DomainClass.Relay => ("relay_recipient_maps", "unknown_relay_recipient_reject_code", "relay recipient table"),
            _ => null,
        };
        if (check == null) return RestrictionOutcome.Dunno(r.Address + ": no recipient table applies");
        string table = Flag("show_user_unknown_table_name") ? " in " + check.Value.Table : "";
        string text = "<" + address + ">: " + replyClass + " rejected: User unknown" + table;
        if (check.Value.Maps == null)
            return Reject(Code(check.Value.Code), d, text, r.Address + " is in a virtual alias domain but not in virtual_alias_maps (" + why + ")");
        if (Param(check.Value.Maps).Trim().Length == 0) return RestrictionOutcome.Dunno(check.Value.Maps + " is empty: every address is accepted");
        string local = r.Address.Substring(0, r.Address.LastIndexOf('@'));
        if (r.Class == DomainClass.Local && local is "postmaster" or "mailer-daemon" || r.Class == DomainClass.Local && local == Param("double_bounce_sender").ToLowerInvariant())
            return RestrictionOutcome.Dunno(local + " is always accepted");
        bool? listed = InMaps(check.Value.Maps, r.Address, out string cannot);
        if (listed == null) return Unvalidated(why, cannot);
        return listed == true ? RestrictionOutcome.Dunno(r.Address + " is in " + check.Value.Maps)
            : Reject(Code(check.Value.Code), d, text, r.Address + " is not in " + check.Value.Maps + " (" + why + ")");
    }

    /// <summary>
    /// Recipient validation that needs a table this host cannot read (the default local_recipient_maps asks
    /// the system's passwd): the relay answer does not depend on it, so the evaluation goes on and says so.
    /// </summary>
    RestrictionOutcome Unvalidated(string why, string table)
    {
        _notes.Add(why + " was not checked: it needs " + table + "; the reply assumes the address exists (else Postfix answers 550 5.1.1 User unknown)");
        return RestrictionOutcome.Dunno("recipient validation not checked (" + table + ")");
    }

    /// <summary>mail_addr_find for *_maps: the address, without its extension, the local part when the domain is local, then @domain.</summary>
    bool MapsLookup(AccessTable table, string address)
    {
        if (table.IsCidr) return false;
        if (table.Lookup(address) != null) return true;
        if (table.IsPattern) return false;
        int at = address.LastIndexOf('@');
        if (at < 0) return false;
        string local = address.Substring(0, at), domain = address.Substring(at + 1);
        string delimiters = Param("recipient_delimiter");
        int ext = delimiters.Length == 0 ? -1 : local.IndexOfAny(delimiters.ToCharArray());
        string bare = ext > 0 ? local.Substring(0, ext) : local;
        if (ext > 0 && table.Lookup(bare + "@" + domain) != null) return true;
        if (_resolver.IsLocalDomain(domain) && (table.Lookup(local) != null || (ext > 0 && table.Lookup(bare) != null))) return true;
        return table.Lookup("@" + domain) != null;
    }

    /// <summary>Whether an address is in the tables of a *_maps parameter (mail_addr_find); null when one cannot be read.</summary>
    bool? InMaps(string parameter, string address, out string unknown)
    {
        unknown = "";
        foreach (string spec in PostfixList.Split(Param(parameter)))
        {
            var table = AccessTable.TryLoad(spec, _readFile);
            if (table == null) { unknown = "the table " + spec + " (" + parameter + "), which cannot be read here"; return null; }
            if (MapsLookup(table, address)) return true;
        }
        return false;
    }
}
