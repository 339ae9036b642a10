using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace RelayTools.Core.Postfix;

/// <summary>
/// The what-if: evaluates the restriction lists of one smtpd service for one RCPT TO the way Postfix
/// 3.7 does (smtpd_delay_reject, smtpd_relay_before_recipient_restrictions, permit ending a list,
/// reject ending everything) and words the reply as Postfix does. A restriction that needs DNS, a
/// policy server or a table it cannot read makes the answer Unknown, never a guess.
/// </summary>
public static class PostfixRelayEvaluator
{
    /// <summary>Evaluates <paramref name="query"/> (Decision Unavailable when smtpd would not even start); <paramref name="readFile"/> reads table sources and /file lists (null: cannot).</summary>
    /// <exception cref="PostfixSyntaxException">A list cannot be expanded or split.</exception>
    /// <exception cref="FormatException">The client address is not an IP address.</exception>
    public static PostfixRelayResult Evaluate(PostfixConfiguration config, MasterService service, PostfixRelayQuery query, Func<string, string?> readFile)
    {
        if (!IPAddress.TryParse(query.ClientAddress.Trim('[', ']'), out IPAddress? client))
            throw new FormatException("The client address '" + query.ClientAddress + "' is not an IPv4 or IPv6 address.");
        client = PostfixNetwork.NormaliseClient(client);
        var run = new Run(config, service, query, client, readFile);
        return run.Evaluate();
    }

    sealed class Run(PostfixConfiguration config, MasterService service, PostfixRelayQuery query, IPAddress client, Func<string, string?> readFile)
    {
        readonly List<PostfixTraceStep> _trace = [];
        readonly List<string> _notes = [];
        readonly HashSet<string> _classes = new(PostfixRestrictionReader.Classes(config, service), StringComparer.Ordinal);
        readonly PostfixDomainMatcher _domains = new(config, service, readFile);
        MyNetworks? _nets;
        bool _authenticated;
        PostfixTraceStep? _lastOk;

        string ClientNameAddr => (query.ClientName.Length == 0 ? "unknown" : query.ClientName) + "[" + client + "]";

        public PostfixRelayResult Evaluate()
        {
            _authenticated = (query.Authenticated || query.SaslUser.Length > 0) && CanAuthenticate();
            bool relayFirst = config.GetBool("smtpd_relay_before_recipient_restrictions", service);
            var recipientCtx = new ReplyContext(query.Recipient, "Recipient address");
            var lists = new List<(string, ReplyContext)>
            {
                ("smtpd_client_restrictions", new ReplyContext(ClientNameAddr, "Client host")),
                ("smtpd_helo_restrictions", new ReplyContext(query.Helo, "Helo command")),
                ("smtpd_sender_restrictions", new ReplyContext(query.Sender, "Sender address")),
            };
            if (!config.GetBool("smtpd_delay_reject", service))
                _notes.Add("smtpd_delay_reject = no: client, helo and sender restrictions run at connect, HELO and MAIL FROM; a rejection there comes before RCPT TO.");
            if (relayFirst) { lists.Add(("smtpd_relay_restrictions", recipientCtx)); lists.Add(("smtpd_recipient_restrictions", recipientCtx)); }
            else { lists.Add(("smtpd_recipient_restrictions", recipientCtx)); lists.Add(("smtpd_relay_restrictions", recipientCtx)); }

            if (!RelayGuard.Present(config, service))
            {
                // smtpd checks this when it starts and exits (fatal): the master throttles the service and
                // clients wait for a greeting that never comes.
                return new PostfixRelayResult
                {
                    Service = service.Name, ClientAddress = client.ToString(), ClientName = query.ClientName, Sender = query.Sender,
                    Recipient = query.Recipient, Authenticated = _authenticated, SaslUser = _authenticated ? query.SaslUser : "",
                    Decision = RelayDecision.Unavailable, DecidedBy = "(relay guard)", DecidedByList = "smtpd_relay_restrictions, smtpd_recipient_restrictions",
                    DecidedByOrigin = config.GetParameter("smtpd_relay_restrictions", service)?.Origin ?? "default",
                    ReplyText = "no reply: smtpd exits at start with \"fatal: in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or check_relay_domains\"; clients connect but never get a greeting",
                    Notes = _notes.ToArray(),
                };
            }

            foreach (var (list, ctx) in lists)
            {
                if (list == "smtpd_helo_restrictions" && query.Helo.Length == 0 && config.GetList(list, service).Length > 0)
                    _notes.Add("no -Helo given: smtpd_helo_restrictions evaluated with an empty HELO name");
                var restrictions = PostfixRestrictionReader.Read(config, service, list);
                var outcome = EvalList(list, restrictions.Select(r => (r.Name, r.Argument, r.Position)).ToList(), ctx, restrictions.FirstOrDefault()?.Origin ?? "", 0);
                if (outcome.Verdict is Verdict.Reject or Verdict.Defer or Verdict.Unknown) return Finish(outcome, _trace.LastOrDefault(), list);
            }
            return Finish(new RestrictionOutcome { Verdict = Verdict.Ok, Code = 250, Dsn = "2.1.5", Text = "Ok" }, _lastOk, _lastOk?.List ?? "");
        }

        bool CanAuthenticate()
        {
            if (!config.GetBool("smtpd_sasl_auth_enable", service))
            {
                _notes.Add("the service " + service.Name + " does not offer AUTH (smtpd_sasl_auth_enable = no): the client is evaluated as not authenticated");
                return false;
            }
            string level = config.Expand("smtpd_tls_security_level", service).Trim().ToLowerInvariant();
            bool tls = config.GetBool("smtpd_tls_wrappermode", service) || level is "may" or "encrypt" || (level.Length == 0 && config.GetBool("smtpd_use_tls", service)) || config.GetBool("smtpd_enforce_tls", service);
            if (config.GetBool("smtpd_tls_auth_only", service) && !tls)
            {
                _notes.Add("smtpd_tls_auth_only = yes but the service " + service.Name + " has no TLS: AUTH is never offered, so the client is evaluated as not authenticated");
                return false;
            }
            return true;
        }

        RestrictionOutcome EvalList(string list, List<(string Name, string Arg, int Pos)> items, ReplyContext ctx, string origin, int depth)
        {
            foreach (var (name, arg, pos) in items)
            {
                var step = new PostfixTraceStep { List = list, Position = pos, Restriction = arg.Length > 0 ? name + " " + arg : name, Origin = origin };
                _trace.Add(step);
                RestrictionOutcome o = depth > 10 ? RestrictionOutcome.Unknown("restriction nesting too deep") : One(name, arg, ctx, depth);
                step.Result = o.Verdict switch { Verdict.Ok => "OK", Verdict.Dunno => "DUNNO", Verdict.Reject => "REJECT", Verdict.Defer => "DEFER", _ => "NOT EVALUATED" };
                step.Detail = o.Detail;
                if (o.Verdict == Verdict.Ok) { _lastOk = step; return o; }
                if (o.Verdict != Verdict.Dunno) return o;
            }
            return RestrictionOutcome.Dunno("end of list");
        }

        RestrictionOutcome One(string name, string arg, ReplyContext ctx, int depth)
        {
            int Code(string p) => int.TryParse(config.Expand(p, service), out int c) ? c : 0;
            string Generic(string text) => "<" + ctx.Name + ">: " + ctx.Class + " rejected: " + text;
            if (_classes.Contains(name))
            {
                var members = PostfixRestrictionReader.Read(config, service, name);
                return Nested(EvalList(name, members.Select(r => (r.Name, r.Argument, r.Position)).ToList(), ctx, members.FirstOrDefault()?.Origin ?? "", depth + 1), "restriction class " + name);
            }
            switch (name)
            {
                case "permit": return RestrictionOutcome.Ok("unconditional permit");
                case "reject": return RestrictionOutcome.Reply(Code("reject_code"), "5.7.1", Generic("Access denied"), "unconditional reject");
                case "defer": return RestrictionOutcome.Reply(Code("defer_code"), "4.3.2", Generic("Try again later"), "unconditional defer");
                case "permit_mynetworks":
                    _nets ??= MyNetworks.Resolve(config, service, readFile);
                    bool? m = _nets.Match(client, query.ClientName, out string d);
                    return m == true ? RestrictionOutcome.Ok(d) : m == false ? RestrictionOutcome.Dunno(d) : RestrictionOutcome.Unknown(d);
                case "permit_sasl_authenticated":
                    return _authenticated ? RestrictionOutcome.Ok("authenticated" + (query.SaslUser.Length > 0 ? " as " + query.SaslUser : ""))
                        : RestrictionOutcome.Dunno("the client did not authenticate");
                case "permit_tls_clientcerts": case "permit_tls_all_clientcerts":
                    return RestrictionOutcome.Dunno("no client certificate in this what-if");
                case "reject_unauth_pipelining":
                    return RestrictionOutcome.Dunno("no-op for a client that waits for each reply");
                case "sleep":
                    return RestrictionOutcome.Dunno("pauses " + arg + " s, then goes on");
                case "permit_auth_destination": case "reject_unauth_destination": case "defer_unauth_destination": case "check_relay_domains": case "permit_mx_backup":
                    return Destination(name, ctx);
                case "reject_non_fqdn_recipient":
                    return NonFqdn(query.Recipient, "Recipient address", Code("non_fqdn_reject_code"));
                case "reject_non_fqdn_sender":
                    return query.Sender.Length == 0 ? RestrictionOutcome.Dunno("null sender") : NonFqdn(query.Sender, "Sender address", Code("non_fqdn_reject_code"));
                case "warn_if_reject":
                    string[] parts = arg.Split(' ');
                    var w = One(parts[0], string.Join(" ", parts.Skip(1)), ctx, depth + 1);
                    return w.Verdict is Verdict.Reject or Verdict.Defer ? RestrictionOutcome.Dunno("would answer " + w.Code + " " + w.Dsn + " " + w.Text + ", but only logs a warning") : w.Verdict == Verdict.Ok ? RestrictionOutcome.Dunno(w.Detail) : w;
                case "check_client_access": case "check_helo_access": case "check_sender_access": case "check_recipient_access":
                    return Access(name, arg, depth);
            }
            if (!RestrictionCatalog.IsKnown(name))
                return RestrictionOutcome.Reply(451, "4.3.5", "Server configuration error", "unknown restriction \"" + name + "\": Postfix logs a configuration error and answers 451 4.3.5");
            return RestrictionOutcome.Unknown("not evaluated: " + name + " needs " + Needs(name) + ", which this what-if cannot know");
        }

        static string Needs(string name) =>
            name.Contains("rbl") || name.Contains("rhs") || name.Contains("dnswl") || name.Contains("_unknown_") || name.Contains("_mx_") || name.Contains("_ns_") || name.Contains("_a_access") ? "DNS lookups"
            : name == "check_policy_service" ? "a policy server"
            : name.Contains("unverified") ? "address verification probes"
            : name.Contains("login_mismatch") ? "smtpd_sender_login_maps lookups"
            : name.Contains("unlisted") ? "recipient/sender table lookups"
            : "session state (" + name + ")";

        RestrictionOutcome Nested(RestrictionOutcome o, string what) =>
            o.Verdict == Verdict.Dunno ? RestrictionOutcome.Dunno(what + ": no decision") : o;

        RestrictionOutcome NonFqdn(string address, string cls, int code)
        {
            int at = address.LastIndexOf('@');
            string domain = at < 0 ? "" : address.Substring(at + 1);
            bool fqdn = domain.StartsWith("[", StringComparison.Ordinal) || (domain.Contains(".") && !domain.EndsWith(".", StringComparison.Ordinal));
            return fqdn ? RestrictionOutcome.Dunno(domain + " is fully qualified")
                : RestrictionOutcome.Reply(code, "5.5.2", "<" + address + ">: " + cls + " rejected: need fully-qualified address", "not a fully-qualified domain");
        }

        RestrictionOutcome Destination(string name, ReplyContext ctx)
        {
            string rcpt = query.Recipient;
            int at = rcpt.LastIndexOf('@');
            string local = at < 0 ? rcpt : rcpt.Substring(0, at);
            string domain = at < 0 ? config.Expand("myorigin", service) : rcpt.Substring(at + 1);
            var cls = _domains.Classify(domain, out string detail);
            bool routed = local.IndexOfAny(['%', '!', '@']) >= 0;
            bool? authorized = cls switch
            {
                DomainClass.Local or DomainClass.VirtualAlias or DomainClass.VirtualMailbox => routed ? null : true,
                DomainClass.Relay => !routed,
                DomainClass.Other => false,
                _ => null,
            };
            if (routed && cls != DomainClass.Relay && cls != DomainClass.Other) detail += "; the local part has sender-specified routing (% ! @): not evaluated";
            else if (routed && cls == DomainClass.Relay) detail += "; but the local part has sender-specified routing (% ! @)";
            if (authorized == null) return RestrictionOutcome.Unknown(detail.StartsWith("not evaluated", StringComparison.Ordinal) ? detail : "not evaluated: " + detail);
            switch (name)
            {
                case "permit_auth_destination":
                    return authorized.Value ? RestrictionOutcome.Ok(detail) : RestrictionOutcome.Dunno(detail);
                case "permit_mx_backup":
                    return authorized.Value ? RestrictionOutcome.Ok(detail) : RestrictionOutcome.Unknown("not evaluated: permit_mx_backup needs the MX records of " + domain + " (DNS)");
                case "check_relay_domains":
                    return RestrictionOutcome.Unknown("not evaluated: check_relay_domains (deprecated) also permits by client name");
            }
            if (authorized.Value) return RestrictionOutcome.Dunno(detail);
            return name == "defer_unauth_destination"
                ? RestrictionOutcome.Reply(454, "4.7.1", "<" + ctx.Name + ">: Relay access denied", detail)
                : RestrictionOutcome.Reply(int.TryParse(config.Expand("relay_domains_reject_code", service), out int c) ? c : 554, "5.7.1", "<" + ctx.Name + ">: Relay access denied", detail);
        }

        RestrictionOutcome Access(string name, string arg, int depth)
        {
            var table = AccessTable.TryLoad(arg, readFile);
            if (table == null)
                return RestrictionOutcome.Unknown("not evaluated: the table " + arg + " cannot be read here (only the text sources of hash/btree/lmdb/cdb tables, texthash, cidr, regexp, pcre, inline and static are read)");
            if (table.Type is "hash" or "btree" or "lmdb" or "cdb" or "dbm" or "sdbm")
                _notes.Add(arg + " was read from its source file " + table.Source + ": correct only if postmap was run after its last change");
            bool parent = _domains.ParentMatches("smtpd_access_maps");
            string nullKey = config.Expand("smtpd_null_access_lookup_key", service);
            ReplyContext ctx;
            (string Value, string Key)? hit;
            switch (name)
            {
                case "check_client_access":
                    ctx = new ReplyContext(ClientNameAddr, "Client host");
                    var keys = (query.ClientName is "" or "unknown" ? [] : PostfixAccessCheck.DomainKeys(query.ClientName.ToLowerInvariant(), parent)).Concat(PostfixAccessCheck.AddressKeys(client));
                    hit = PostfixAccessCheck.Lookup(table, keys, client);
                    break;
                case "check_helo_access":
                    ctx = new ReplyContext(query.Helo, "Helo command");
                    hit = query.Helo.Length == 0 ? null : PostfixAccessCheck.Lookup(table, PostfixAccessCheck.DomainKeys(query.Helo.ToLowerInvariant(), parent), null);
                    break;
                case "check_sender_access":
                    ctx = new ReplyContext(query.Sender, "Sender address");
                    hit = PostfixAccessCheck.Lookup(table, PostfixAccessCheck.AddressMailKeys(query.Sender, parent, nullKey), null);
                    break;
                default:
                    ctx = new ReplyContext(query.Recipient, "Recipient address");
                    hit = PostfixAccessCheck.Lookup(table, PostfixAccessCheck.AddressMailKeys(query.Recipient, parent, nullKey), null);
                    break;
            }
            if (hit == null) return RestrictionOutcome.Dunno("no key matches in " + arg);
            string detail = arg + " has " + hit.Value.Key + " " + hit.Value.Value;
            var o = PostfixAccessCheck.Action(hit.Value.Value, ctx, config, service, detail, out string[]? nested);
            if (o != null) return o;
            var items = new List<(string, string, int)>();
            for (int i = 0; i < nested!.Length; i++)
            {
                string n = nested[i];
                int count = n == "warn_if_reject" ? 1 : RestrictionCatalog.ArgumentCount(n);
                string a = string.Join(" ", nested.Skip(i + 1).Take(count));
                items.Add((n, a, items.Count + 1));
                i += count;
            }
            return Nested(EvalList(name + " result", items, ctx, detail, depth + 1), detail);
        }

        PostfixRelayResult Finish(RestrictionOutcome o, PostfixTraceStep? by, string list)
        {
            var r = new PostfixRelayResult
            {
                Service = service.Name, ClientAddress = client.ToString(), ClientName = query.ClientName, Sender = query.Sender,
                Recipient = query.Recipient, SaslUser = _authenticated ? query.SaslUser : "", Authenticated = _authenticated,
                Trace = _trace.ToArray(), Notes = _notes.Distinct().ToArray(),
                DecidedBy = by?.Restriction ?? (o.Verdict == Verdict.Ok ? "" : list), DecidedByList = by?.List ?? list, DecidedByOrigin = by?.Origin ?? "",
            };
            switch (o.Verdict)
            {
                case Verdict.Ok: r.Decision = RelayDecision.Permit; break;
                case Verdict.Reject: r.Decision = RelayDecision.Reject; break;
                case Verdict.Defer: r.Decision = RelayDecision.Defer; break;
                default:
                    r.Decision = RelayDecision.Unknown;
                    r.ReplyText = o.Detail;
                    return r;
            }
            r.ReplyCode = o.Code;
            r.EnhancedStatusCode = o.Dsn;
            r.ReplyText = o.Text;
            r.Reply = o.Code + " " + o.Dsn + " " + o.Text;
            if (by == null && o.Verdict != Verdict.Ok) r.DecidedBy = o.Detail;
            return r;
        }
    }
}
