using System;
using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Postfix;

internal sealed partial class PostfixCheckRun
{
    /// <summary>Runs a top-level list (or nothing when it is empty).</summary>
    RestrictionOutcome Generic(string list, string replyName, string replyClass, string defaultAcl)
    {
        string[] tokens = _config.GetList(list, _service);
        string origin = PostfixRestrictionReader.Read(_config, _service, list).FirstOrDefault()?.Origin ?? "";
        return tokens.Length == 0 ? RestrictionOutcome.Dunno("") : Generic(list, tokens, origin, replyName, replyClass, defaultAcl);
    }

    /// <summary>
    /// generic_checks: each restriction in turn until one decides. warn_if_reject softens the next
    /// restriction (and all it nests); a bare <c>type:table</c> means the list's own check_*_access; the loop
    /// also stops once both defer_if_permit and defer_if_reject are raised.
    /// </summary>
    RestrictionOutcome Generic(string list, string[] tokens, string origin, string replyName, string replyClass, string defaultAcl)
    {
        int saved = _recursion++;
        RestrictionOutcome status = RestrictionOutcome.Dunno("end of list");
        int position = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            string name = tokens[i];
            if (name.Equals("warn_if_reject", StringComparison.OrdinalIgnoreCase))
            {
                if (_warnIfReject == 0) _warnIfReject = _recursion;
                continue;
            }
            position++;
            var args = new List<string>();
            if (name.IndexOf(':') > 0)
            {
                // "hash:/etc/postfix/access" alone is short for the list's check_*_access.
                args.Add(name);
                name = defaultAcl;
            }
            else if (!_classes.Contains(name) || RestrictionCatalog.IsKnown(name))
            {
                int n = RestrictionCatalog.ArgumentCount(name);
                for (int k = 0; k < n && i + 1 < tokens.Length; k++) args.Add(tokens[++i]);
            }
            bool warned = _warnIfReject != 0;
            var step = new RelayTraceStep
            {
                List = list,
                Position = position,
                Origin = origin,
                Rule = (warned && _warnIfReject == _recursion ? "warn_if_reject " : "") + (args.Count > 0 ? name + " " + string.Join(" ", args) : name),
            };
            _trace.Add(step);
            status = _recursion > 100 ? ServerError("unreasonable recursion") : One(name, args, replyName, replyClass, defaultAcl);
            step.Result = status.Verdict switch { Verdict.Ok => "OK", Verdict.Dunno => "DUNNO", Verdict.Reject => "REJECT", Verdict.Defer => "DEFER", _ => "NOT EVALUATED" };
            step.Detail = status.Detail;
            if (status.Verdict == Verdict.Ok) _lastOk = step;
            if (_warnIfReject >= _recursion) _warnIfReject = 0;
            if (status.Verdict != Verdict.Dunno) break;
            if (_deferIfPermit.Active && _deferIfReject.Active) break;
        }
        _recursion = saved;
        if (_warnIfReject >= _recursion) _warnIfReject = 0;
        return status;
    }

    RestrictionOutcome One(string name, List<string> args, string replyName, string replyClass, string defaultAcl)
    {
        string Refusal(string text) => "<" + replyName + ">: " + replyClass + " rejected: " + text;
        string arg = args.Count > 0 ? args[0] : "";
        bool needsTable = RestrictionCatalog.KindOf(name) == RestrictionKind.Lookup && !name.Equals("check_policy_service", StringComparison.OrdinalIgnoreCase);
        if (needsTable && arg.IndexOf(':') <= 0)
            return ServerError("restriction " + name + ": bad argument \"" + arg + "\": need maptype:mapname");
        switch (name.ToLowerInvariant())
        {
            case "permit": return RestrictionOutcome.Ok("unconditional permit");
            case "defer": return Reject(Code("defer_code"), "4.3.2", Refusal("Try again later"), "unconditional defer");
            case "reject": return Reject(Code("reject_code"), "5.7.1", Refusal("Access denied"), "unconditional reject");
            case "reject_unauth_pipelining": return RestrictionOutcome.Dunno("no-op for a client that waits for each reply");
            case "check_policy_service": return RestrictionOutcome.Unknown("not evaluated: check_policy_service " + arg + " asks a policy server, which this what-if cannot know");
            case "defer_if_permit":
                return _warnIfReject == 0
                    ? DeferIf(_deferIfPermit, 450, "4.7.0", Refusal("defer_if_permit requested"), "defer_if_permit: a later permit becomes 450 4.7.0")
                    : Reject(450, "4.7.0", Refusal("defer_if_permit requested"), "defer_if_permit under warn_if_reject");
            case "defer_if_reject":
                return DeferIf(_deferIfReject, 450, "4.7.0", Refusal("defer_if_reject requested"), "defer_if_reject: a later rejection in this stage becomes 450 4.7.0");
            case "sleep": return RestrictionOutcome.Dunno("pauses " + arg + " s, then goes on");
            case "reject_plaintext_session":
                return OffersTls() ? RestrictionOutcome.Dunno("the client uses the TLS this service offers")
                    : Reject(Code("plaintext_reject_code"), "4.7.1", "Session encryption is required", "no TLS on this service");

            // Client restrictions.
            case "permit_mynetworks":
                _nets ??= MyNetworks.Resolve(_config, _service, _readFile);
                bool? m = _nets.Match(_client, _query.ClientName, out string d);
                return m == true ? RestrictionOutcome.Ok(d) : m == false ? RestrictionOutcome.Dunno(d) : RestrictionOutcome.Unknown(d);
            case "permit_inet_interfaces": return PermitInetInterfaces();
            case "check_client_access":
                return ClientAccess(arg, _query.ClientName, ClientNameAddr, "Client host", defaultAcl);
            case "check_reverse_client_hostname_access":
                return ClientAccess(arg, _query.ClientName, _query.ClientName, "Unverified Client host", defaultAcl);
            case "reject_unknown_client_hostname":
            case "reject_unknown_client":
            case "reject_unknown_reverse_client_hostname":
            case "reject_maps_rbl":
            case "reject_rbl_client":
            case "reject_rbl":
            case "permit_dnswl_client":
                return Dns(name + (arg.Length > 0 ? " " + arg : ""));
            case "reject_rhsbl_client":
            case "permit_rhswl_client":
            case "reject_rhsbl_reverse_client":
            case "check_client_ns_access":
            case "check_client_mx_access":
            case "check_client_a_access":
            case "check_reverse_client_hostname_ns_access":
            case "check_reverse_client_hostname_mx_access":
            case "check_reverse_client_hostname_a_access":
                return _query.ClientName.Equals("unknown", StringComparison.OrdinalIgnoreCase) ? RestrictionOutcome.Dunno("the client has no name") : Dns(name + " " + arg);
            case "check_ccert_access":
            case "permit_tls_clientcerts":
            case "permit_tls_all_clientcerts":
                return RestrictionOutcome.Dunno("no client certificate in this what-if");
            case "check_sasl_access": return SaslAccess(arg, defaultAcl);
            case "permit_sasl_authenticated":
                if (!Flag("smtpd_sasl_auth_enable")) return RestrictionOutcome.Dunno("SASL is off on this service");
                return _authenticatedNow ? RestrictionOutcome.Ok("authenticated" + (_query.SaslUser.Length > 0 ? " as " + _query.SaslUser : ""))
                    : RestrictionOutcome.Dunno(_authenticated ? "not authenticated yet at this stage (AUTH comes after EHLO)" : "the client did not authenticate");

            // HELO restrictions.
            case "check_helo_access":
                return _helo == null ? RestrictionOutcome.Dunno("no HELO") : DomainAccess(arg, _helo, _helo, "Helo command", defaultAcl);
            case "reject_invalid_helo_hostname":
            case "reject_invalid_hostname":
                if (_helo == null) return RestrictionOutcome.Dunno("no HELO");
                return _helo[0] == '[' ? InvalidHostAddress(_helo) : InvalidHostname(_helo);
            case "reject_non_fqdn_helo_hostname":
            case "reject_non_fqdn_hostname":
                if (_helo == null) return RestrictionOutcome.Dunno("no HELO");
                return _helo[0] == '[' ? InvalidHostAddress(_helo) : NonFqdnHostname(_helo);
            case "reject_unknown_helo_hostname":
            case "reject_unknown_hostname":
                if (_helo == null) return RestrictionOutcome.Dunno("no HELO");
                return _helo[0] == '[' ? InvalidHostAddress(_helo) : Dns(name);
            case "permit_naked_ip_address":
                if (_helo == null || _helo.Trim('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ':').Length > 0) return RestrictionOutcome.Dunno("the HELO is not a bare address");
                var naked = InvalidHostAddress(_helo);
                return naked.Verdict == Verdict.Dunno ? RestrictionOutcome.Ok("the HELO is a bare IP address") : naked;
            case "check_helo_ns_access":
            case "check_helo_mx_access":
            case "check_helo_a_access":
            case "reject_rhsbl_helo":
                return _helo == null ? RestrictionOutcome.Dunno("no HELO") : Dns(name + " " + arg);

            // Sender restrictions.
            case "check_sender_access":
                if (_sender == null) return RestrictionOutcome.Dunno("no MAIL FROM yet");
                return _sender.Length > 0 ? MailAccess(arg, _sender, "Sender address", defaultAcl) : NullSenderAccess(arg, defaultAcl);
            case "reject_unknown_address":
            case "reject_unknown_sender_domain":
                return _sender is null or "" ? RestrictionOutcome.Dunno("null sender") : UnknownAddress(_sender, "Sender address");
            case "reject_unverified_sender":
                return _sender is null or "" ? RestrictionOutcome.Dunno("null sender") : RestrictionOutcome.Unknown("not evaluated: reject_unverified_sender needs address verification probes");
            case "reject_non_fqdn_sender":
                return _sender is null or "" ? RestrictionOutcome.Dunno("null sender") : NonFqdnAddress(_sender, "Sender address");
            case "reject_authenticated_sender_login_mismatch":
            case "reject_known_sender_login_mismatch":
            case "reject_unauthenticated_sender_login_mismatch":
            case "reject_sender_login_mismatch":
                if (!Flag("smtpd_sasl_auth_enable")) return RestrictionOutcome.Dunno("ignored: SASL is off on this service");
                return _sender is null or "" ? RestrictionOutcome.Dunno("null sender") : RestrictionOutcome.Unknown("not evaluated: " + name + " needs smtpd_sender_login_maps lookups");
            case "check_sender_ns_access":
            case "check_sender_mx_access":
            case "check_sender_a_access":
            case "reject_rhsbl_sender":
                return _sender is null or "" ? RestrictionOutcome.Dunno("null sender") : Dns(name + " " + arg);
            case "reject_unlisted_sender":
                return _sender is null or "" ? RestrictionOutcome.Dunno("null sender") : RecipientMaps(_sender, "Sender address", name);

            // Recipient restrictions.
            case "check_recipient_access":
                return _recipient == null ? RestrictionOutcome.Dunno("no RCPT TO yet") : MailAccess(arg, _recipient, "Recipient address", defaultAcl);
            case "permit_mx_backup":
                if (_recipient == null) return RestrictionOutcome.Dunno("no RCPT TO yet");
                var mx = _resolver.Resolve(_recipient);
                if (mx.Class == DomainClass.Unknown) return RestrictionOutcome.Unknown("not evaluated: " + mx.Detail);
                if (mx.Routed && !Flag("allow_untrusted_routing")) return RestrictionOutcome.Dunno(mx.Address + ": sender-specified routing");
                if (mx.IsFinal || mx.Class == DomainClass.Relay) return RestrictionOutcome.Ok(mx.Detail);
                if (mx.Domain.StartsWith("[", StringComparison.Ordinal)) return RestrictionOutcome.Dunno(mx.Domain + " is not this host");
                return RestrictionOutcome.Unknown("not evaluated: permit_mx_backup needs the MX records of " + mx.Domain + " (DNS)");
            case "permit_auth_destination":
                if (_recipient == null) return RestrictionOutcome.Dunno("no RCPT TO yet");
                return PermitAuthDestination(_recipient, out string why) switch
                {
                    true => RestrictionOutcome.Ok(why),
                    false => RestrictionOutcome.Dunno(why),
                    null => RestrictionOutcome.Unknown("not evaluated: " + why),
                };
            case "reject_unauth_destination":
            case "defer_unauth_destination":
                if (_recipient == null) return RestrictionOutcome.Dunno("no RCPT TO yet");
                bool? auth = PermitAuthDestination(_recipient, out string reason);
                if (auth == null) return RestrictionOutcome.Unknown("not evaluated: " + reason);
                if (auth == true) return RestrictionOutcome.Dunno(reason);
                // The reply names the recipient whatever list (or table result) the restriction sits in.
                return name.Equals("defer_unauth_destination", StringComparison.OrdinalIgnoreCase)
                    ? Reject(Code("relay_domains_reject_code") - 100, "4.7.1", "<" + _recipient + ">: Relay access denied", reason)
                    : Reject(Code("relay_domains_reject_code"), "5.7.1", "<" + _recipient + ">: Relay access denied", reason);
            case "check_relay_domains":
                if (_recipient == null) return RestrictionOutcome.Dunno("no RCPT TO yet");
                bool? clientIn = _smtpdDomains.MatchesRelayDomains(_query.ClientName, out string cd);
                if (clientIn == true) return RestrictionOutcome.Ok("the client name " + _query.ClientName + " matches relay_domains");
                bool? dest = PermitAuthDestination(_recipient, out string dd);
                if (dest == true) return RestrictionOutcome.Ok(dd);
                if (clientIn == null || dest == null) return RestrictionOutcome.Unknown("not evaluated: " + (clientIn == null ? cd : dd));
                return Reject(Code("relay_domains_reject_code"), "5.7.1", Refusal("Relay access denied"), dd);
            case "reject_unknown_recipient_domain":
                return _recipient == null ? RestrictionOutcome.Dunno("no RCPT TO yet") : UnknownAddress(_recipient, "Recipient address");
            case "reject_non_fqdn_recipient":
                return _recipient == null ? RestrictionOutcome.Dunno("no RCPT TO yet") : NonFqdnAddress(_recipient, "Recipient address");
            case "check_recipient_ns_access":
            case "check_recipient_mx_access":
            case "check_recipient_a_access":
            case "reject_rhsbl_recipient":
                return _recipient is null or "" ? RestrictionOutcome.Dunno("no RCPT TO yet") : Dns(name + " " + arg);
            case "check_recipient_maps":
            case "reject_unlisted_recipient":
                return _recipient is null or "" ? RestrictionOutcome.Dunno("no RCPT TO yet") : RecipientMaps(_recipient, "Recipient address", name);
            case "reject_multi_recipient_bounce":
                return RestrictionOutcome.Dunno("the first recipient of a transaction is never a multi-recipient bounce");
            case "reject_unverified_recipient":
                return _recipient is null or "" ? RestrictionOutcome.Dunno("no RCPT TO yet") : RestrictionOutcome.Unknown("not evaluated: reject_unverified_recipient needs address verification probes");
            case "check_etrn_access":
                return RestrictionOutcome.Dunno("not an ETRN command");
        }
        if (_classes.Contains(name))
        {
            string[] members = _config.GetList(name, _service);
            string origin = _config.GetParameter(name, _service)?.Origin ?? "undefined";
            var o = Generic(name, members, origin, replyName, replyClass, defaultAcl);
            return o.Verdict == Verdict.Dunno ? RestrictionOutcome.Dunno("restriction class " + name + ": no decision") : o;
        }
        return ServerError("unknown smtpd restriction \"" + name + "\": Postfix logs a warning and answers 451 4.3.5");
    }

    static RestrictionOutcome Dns(string what) =>
        RestrictionOutcome.Unknown("not evaluated: " + what + " needs DNS lookups, which this what-if does not make");

    RestrictionOutcome PermitInetInterfaces()
    {
        foreach (string i in PostfixList.Split(Param("inet_interfaces")))
        {
            string a = i.Trim('[', ']');
            if (a is "loopback-only" or "localhost") a = "127.0.0.1";
            if (a.Equals("all", StringComparison.OrdinalIgnoreCase))
                return System.Net.IPAddress.IsLoopback(_client) ? RestrictionOutcome.Ok(_client + " is a loopback address of this host")
                    : RestrictionOutcome.Unknown("not evaluated: inet_interfaces = all, so whether " + _client + " is this host depends on its interfaces");
            if (System.Net.IPAddress.TryParse(a, out var ip) && ip.Equals(_client)) return RestrictionOutcome.Ok(_client + " is in inet_interfaces");
        }
        return RestrictionOutcome.Dunno(_client + " is not in inet_interfaces");
    }

    /// <summary>permit_auth_destination on the resolved address: true (final or relay domain), false, or null (cannot tell).</summary>
    bool? PermitAuthDestination(string recipient, out string detail)
    {
        var r = _resolver.Resolve(recipient);
        detail = r.Detail;
        if (r.Class == DomainClass.Unknown) return null;
        if (r.Routed && !Flag("allow_untrusted_routing"))
        {
            detail = recipient + " resolves to " + r.Address + " with sender-specified routing (% ! @ in the local part): not an authorized destination";
            return false;
        }
        if (r.IsFinal || r.Class == DomainClass.Relay)
        {
            if (!string.Equals(r.Address, recipient, StringComparison.OrdinalIgnoreCase)) detail = recipient + " resolves to " + r.Address + ": " + r.Detail;
            return true;
        }
        if (!string.Equals(r.Address, recipient, StringComparison.OrdinalIgnoreCase)) detail = recipient + " resolves to " + r.Address + ": " + r.Detail;
        return false;
    }

    RestrictionOutcome InvalidHostname(string name)
    {
        string test = PostfixHostSyntax.TruncateDot(name);
        return PostfixHostSyntax.ValidHostname(test) || PostfixHostSyntax.ValidHostAddress(test)
            ? RestrictionOutcome.Dunno(name + " is a valid host name")
            : Reject(Code("invalid_hostname_reject_code"), "5.5.2", "<" + name + ">: Helo command rejected: Invalid name", name + " is not a valid host name");
    }

    RestrictionOutcome InvalidHostAddress(string literal)
    {
        string test = literal.Length > 2 && literal[0] == '[' && literal[literal.Length - 1] == ']' ? literal.Substring(1, literal.Length - 2) : literal;
        return PostfixHostSyntax.ValidMailhostAddress(test)
            ? RestrictionOutcome.Dunno(literal + " is a valid address literal")
            : Reject(Code("invalid_hostname_reject_code"), "5.5.2", "<" + literal + ">: Helo command rejected: invalid ip address", literal + " is not a valid address");
    }

    RestrictionOutcome NonFqdnHostname(string name)
    {
        string test = PostfixHostSyntax.TruncateDot(name);
        return PostfixHostSyntax.ValidHostname(test) && test.IndexOf('.') >= 0
            ? RestrictionOutcome.Dunno(name + " is fully qualified")
            : Reject(Code("non_fqdn_reject_code"), "5.5.2", "<" + name + ">: Helo command rejected: need fully-qualified hostname", name + " is not a fully-qualified host name");
    }

    RestrictionOutcome NonFqdnAddress(string address, string replyClass)
    {
        int at = address.LastIndexOf('@');
        string domain = at < 0 ? "" : address.Substring(at + 1);
        if (domain.Length > 1 && domain[0] == '[' && domain[domain.Length - 1] == ']') return RestrictionOutcome.Dunno(domain + " is an address literal");
        string test = PostfixHostSyntax.TruncateDot(domain);
        return test.Length > 0 && PostfixHostSyntax.ValidHostname(test) && test.IndexOf('.') >= 0
            ? RestrictionOutcome.Dunno(domain + " is fully qualified")
            : Reject(Code("non_fqdn_reject_code"), "4.5.2", "<" + address + ">: " + replyClass + " rejected: need fully-qualified address", "not a fully-qualified domain");
    }

    RestrictionOutcome UnknownAddress(string address, string replyClass)
    {
        var r = _resolver.Resolve(address);
        if (r.Class == DomainClass.Unknown) return RestrictionOutcome.Unknown("not evaluated: " + r.Detail);
        if (r.IsFinal) return RestrictionOutcome.Dunno(r.Domain + " is a final destination here: no DNS check");
        if (r.Domain.StartsWith("[", StringComparison.Ordinal)) return RestrictionOutcome.Dunno(r.Domain + " is an address literal");
        return Dns("reject_unknown_" + (replyClass == "Sender address" ? "sender" : "recipient") + "_domain for " + r.Domain);
    }
}
