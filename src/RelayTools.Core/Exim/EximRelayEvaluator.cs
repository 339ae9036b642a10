using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Exim;

/// <summary>
/// The Exim what-if: runs a session through acl_smtp_connect, acl_smtp_helo, AUTH, acl_smtp_mail and
/// acl_smtp_rcpt the way Exim 4.96 does, and returns its reply to RCPT TO (or the earlier refusal),
/// worded as Exim words it. Conditions it cannot evaluate offline make the answer Unknown.
/// </summary>
public static class EximRelayEvaluator
{
    /// <summary>Evaluates one RCPT TO.</summary>
    /// <exception cref="FormatException">The client address is not an IP address.</exception>
    public static RelayWhatIfResult Evaluate(EximConfiguration config, EximRelayQuery query, Func<string, string?>? readFile = null)
    {
        if (!EximNetwork.TryParseAddress(query.ClientAddress, out var ip))
            throw new FormatException("'" + query.ClientAddress + "' is not an IP address.");
        var run = new EximAclRun(config, query, ip, readFile ?? EximFileReader.ReadFileOrNull);
        return run.Run();
    }
}

/// <summary>One what-if session: the ACL interpreter and its state.</summary>
internal sealed class EximAclRun
{
    const string AdminProhibition = "Administrative prohibition";
    const string TemporaryProblem = "Temporary local problem - please try later";

    readonly EximConfiguration _config;
    readonly EximRelayQuery _query;
    readonly IPAddress _ip;
    readonly EximMatchContext _ctx;
    readonly List<RelayTraceStep> _trace = new();
    readonly List<string> _notes = new();
    int _depth;

    internal EximAclRun(EximConfiguration config, EximRelayQuery query, IPAddress ip, Func<string, string?> readFile)
    {
        _config = config;
        _query = query;
        _ip = ip;
        string primary = config.Get("primary_hostname");
        if (primary.Length == 0)
        {
            primary = query.DefaultPrimaryHostname;
            _notes.Add("primary_hostname is not set: Exim takes the host's name; assumed " + (primary.Length > 0 ? primary : "(none given)") + ".");
        }
        var exp = new EximExpansionContext();
        exp.FileExists = path => readFile(path) != null || EximFileReader.DirectoryExists(path);
        _ctx = new EximMatchContext
        {
            Config = config,
            Expansion = exp,
            ReadFile = readFile,
            PrimaryHostname = primary,
            ClientName = query.ClientName.Length > 0 && query.ClientName != "unknown" ? query.ClientName : null,
            FileExists = path => readFile(path) != null,
        };
        _ctx.LocalAddresses = LocalAddresses();
        var v = exp.Variables;
        string sender = query.Sender;
        int at = sender.LastIndexOf('@');
        string rcpt = query.Recipient;
        int rat = rcpt.LastIndexOf('@');
        // As the client gives it: exim -bh writes an IPv6 address in full, a daemon compressed.
        v["sender_host_address"] = query.ClientAddress.Trim();
        v["host"] = "";
        v["sender_helo_name"] = query.Helo;
        v["sender_address"] = sender;
        v["sender_address_domain"] = at < 0 ? "" : sender.Substring(at + 1);
        v["sender_address_local_part"] = at < 0 ? sender : sender.Substring(0, at);
        v["local_part"] = rat < 0 ? rcpt : rcpt.Substring(0, rat);
        v["domain"] = rat < 0 ? "" : rcpt.Substring(rat + 1).ToLowerInvariant();
        v["authenticated_id"] = query.AuthenticatedId;
        v["authenticated_sender"] = "";
        v["sender_host_authenticated"] = query.AuthenticatedId.Length > 0 ? "plaintext" : "";
        v["rcpt_count"] = "1";
        v["recipients_count"] = "0";
        v["primary_hostname"] = primary;
        v["qualify_domain"] = config.IsSet("qualify_domain") ? config.Get("qualify_domain") : primary;
        v["tls_in_cipher"] = query.Tls ? "TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256" : "";
        v["tls_cipher"] = v["tls_in_cipher"];
        v["received_protocol"] = (query.Tls ? "esmtps" : "esmtp") + (query.AuthenticatedId.Length > 0 ? "a" : "");
        v["max_received_linelength"] = "0";
        v["smtp_command"] = "RCPT TO:<" + rcpt + ">";
        v["acl_verify_message"] = "";
        if (_ctx.ClientName != null) v["sender_host_name"] = _ctx.ClientName;
    }

    List<IPAddress> LocalAddresses()
    {
        var list = new List<IPAddress>();
        string li = _config.Get("local_interfaces");
        var items = EximListMatcher.Split(li).Select(i => Regex.Replace(i, @"\.\d+$|\]:\d+$", m => m.Value.StartsWith("]") ? "]" : "").Trim('[', ']')).ToList();
        bool wildcard = items.Count == 0 || items.Any(i => i is "0.0.0.0" or "::0" or "::");
        if (!wildcard) foreach (string i in items) if (EximNetwork.TryParseAddress(i, out var a)) list.Add(a);
        foreach (string s in _query.LocalAddresses) if (EximNetwork.TryParseAddress(s, out var a) && !list.Contains(a)) list.Add(a);
        if (list.Count == 0)
        {
            list.Add(IPAddress.Loopback);
            list.Add(IPAddress.IPv6Loopback);
        }
        return list;
    }

    internal RelayWhatIfResult Run()
    {
        var result = new RelayWhatIfResult
        {
            Mta = "Exim",
            ClientAddress = _query.ClientAddress,
            ClientName = _query.ClientName.Length > 0 ? _query.ClientName : "unknown",
            Sender = _query.Sender,
            Recipient = _query.Recipient,
            SaslUser = _query.AuthenticatedId,
            Authenticated = _query.AuthenticatedId.Length > 0,
        };
        var stages = new (string Option, SmtpProbeStage Stage)[]
        {
            ("acl_smtp_connect", SmtpProbeStage.Connect), ("acl_smtp_helo", SmtpProbeStage.Ehlo),
        };
        foreach (var (option, stage) in stages)
        {
            if (RunStage(option, stage, result, rcptStage: false)) return Finish(result);
        }
        if (_query.AuthenticatedId.Length > 0 && !AuthOffered(out string why, out bool unknownAuth))
        {
            if (unknownAuth)
            {
                result.Stage = SmtpProbeStage.Auth;
                result.Decision = RelayDecision.Unknown;
                result.ReplyText = "not evaluated: " + why;
                return Finish(result);
            }
            result.Stage = SmtpProbeStage.Auth;
            Reply(result, RelayDecision.Reject, 503, "AUTH command used when not advertised");
            result.DecidedBy = why;
            return Finish(result);
        }
        if (RunStage("acl_smtp_mail", SmtpProbeStage.MailFrom, result, rcptStage: false)) return Finish(result);
        if (_query.Recipient.IndexOf('@') < 0)
            _notes.Add("The recipient has no domain: Exim refuses it (or qualifies it for recipient_unqualified_hosts) before the RCPT ACL; evaluated as written.");
        string rcptAcl = _config.Get("acl_smtp_rcpt");
        if (rcptAcl.Length == 0)
        {
            // Without acl_smtp_rcpt Exim accepts no recipient from another host.
            Reply(result, RelayDecision.Reject, 550, AdminProhibition);
            result.DecidedBy = "acl_smtp_rcpt is not set (no recipients are accepted over SMTP)";
            result.DecidedByOrigin = "default";
            return Finish(result);
        }
        RunStage("acl_smtp_rcpt", SmtpProbeStage.RcptTo, result, rcptStage: true);
        return Finish(result);
    }

    RelayWhatIfResult Finish(RelayWhatIfResult result)
    {
        result.Trace = _trace.ToArray();
        result.Notes = _notes.Distinct().ToArray();
        return result;
    }

    bool AuthOffered(out string why, out bool unknown)
    {
        unknown = false;
        var servers = _config.Authenticators.Where(a => a.IsServer).ToList();
        if (servers.Count == 0) { why = "no server authenticator is configured, so AUTH is never advertised"; return false; }
        var adv = EximListMatcher.MatchHost(_config.Get("auth_advertise_hosts"), _ip, _ctx);
        if (adv.Match is EximMatch.Unknown or EximMatch.Defer) { why = "whether AUTH is offered: auth_advertise_hosts " + adv.Detail; unknown = true; return false; }
        if (adv.Match == EximMatch.No) { why = "auth_advertise_hosts (" + _config.OriginOf("auth_advertise_hosts") + ") does not include this client" + (_query.Tls ? "" : " without TLS"); return false; }
        foreach (var a in servers)
        {
            if (a.ServerAdvertiseCondition.Length == 0) { why = ""; return true; }
            try { if (EximExpander.IsTrue(a.ServerAdvertiseCondition, _ctx.Expansion)) { why = ""; return true; } }
            catch (Exception ex) when (ex is EximNotEvaluatedException or EximExpansionFailedException)
            {
                why = "whether AUTH is offered: server_advertise_condition of " + a.Name + " is not evaluated (" + ex.Message + ")";
                unknown = true;
                return false;
            }
        }
        why = "every authenticator's server_advertise_condition is false for this session" + (_query.Tls ? "" : " (no TLS)");
        return false;
    }

    /// <summary>Runs one stage's ACL; true when it ends the session before RCPT (a refusal or Unknown).</summary>
    bool RunStage(string option, SmtpProbeStage stage, RelayWhatIfResult result, bool rcptStage)
    {
        string name = _config.Get(option);
        if (name.Length == 0) return false;
        var outcome = RunAcl(name, rcptStage, option);
        result.Stage = stage;
        result.DecidedByList = outcome.Acl;
        result.DecidedBy = outcome.Statement?.Text ?? (outcome.Verdict == "unknown" ? "" : "implicit deny at the end of ACL " + outcome.Acl);
        result.DecidedByOrigin = outcome.Statement?.Origin ?? "";
        switch (outcome.Verdict)
        {
            case "accept":
            case "discard":
                if (!rcptStage) { result.Stage = SmtpProbeStage.RcptTo; ClearDecision(result); return false; }
                Message(result, RelayDecision.Permit, 250, "Accepted", outcome);
                if (outcome.Verdict == "discard") _notes.Add("discard: Exim answers 250 and throws the recipient away.");
                return true;
            case "defer":
                Message(result, RelayDecision.Defer, 451, TemporaryProblem, outcome);
                return true;
            case "unknown":
                result.Decision = RelayDecision.Unknown;
                result.ReplyCode = 0;
                result.ReplyText = "not evaluated: " + outcome.Why;
                result.Reply = "";
                result.DecidedBy = outcome.Statement?.Text ?? "";
                return true;
            default: // deny, drop, require failed, implicit deny
                Message(result, RelayDecision.Reject, 550, AdminProhibition, outcome);
                if (outcome.Verdict == "drop") _notes.Add("drop: Exim closes the connection after this reply.");
                return true;
        }
    }

    static void ClearDecision(RelayWhatIfResult r)
    {
        r.DecidedBy = ""; r.DecidedByList = ""; r.DecidedByOrigin = "";
    }

    void Message(RelayWhatIfResult result, RelayDecision decision, int code, string defaultText, AclOutcome outcome)
    {
        string text = defaultText;
        if (outcome.Message != null)
        {
            try { text = EximExpander.Expand(outcome.Message, _ctx.Expansion); }
            catch (Exception ex) when (ex is EximNotEvaluatedException or EximExpansionFailedException)
            {
                _notes.Add("The message \"" + outcome.Message + "\" was not expanded: " + ex.Message + ".");
                text = outcome.Message;
            }
            var m = Regex.Match(text, @"^([2-5]\d\d)(?: |$)");
            if (m.Success)
            {
                // A code of the verb's class is used; any other is dropped (Exim logs it) and the default kept.
                int given = int.Parse(m.Groups[1].Value);
                if (given / 100 == code / 100) code = given;
                text = text.Substring(m.Length);
            }
            if (decision == RelayDecision.Permit && text.Length == 0) text = defaultText;
        }
        if (text.Length > 75)
            _notes.Add("Exim splits a reply longer than 75 characters at a space into several lines (the code repeated on each); Reply holds the text unsplit.");
        Reply(result, decision, code, text);
    }

    static void Reply(RelayWhatIfResult result, RelayDecision decision, int code, string text)
    {
        result.Decision = decision;
        result.ReplyCode = code;
        var e = Regex.Match(text, @"^([245]\.\d{1,3}\.\d{1,3})(?: |$)");
        result.EnhancedStatusCode = e.Success ? e.Groups[1].Value : "";
        result.ReplyText = e.Success ? text.Substring(e.Length) : text;
        result.Reply = code + " " + text;
    }

    internal sealed class AclOutcome
    {
        public string Acl = "";
        public string Verdict = "deny";
        public EximAclStatement? Statement;
        public string? Message;
        public string Why = "";
    }

    AclOutcome RunAcl(string name, bool rcptStage, string list)
    {
        string acl = name;
        var outcome = new AclOutcome { Acl = acl };
        if (!_config.Acls.TryGetValue(acl, out var statements))
        {
            // An inline ACL or a file name: Exim reads it as ACL text; not an ACL of the acl section here.
            outcome.Verdict = "unknown";
            outcome.Why = list + " = " + name + " names no ACL of the acl section";
            return outcome;
        }
        if (++_depth > 20) { _depth--; outcome.Verdict = "unknown"; outcome.Why = "ACLs nest too deep at " + acl; return outcome; }
        try
        {
            foreach (var s in statements)
            {
                string? message = null;
                bool failed = false, afterEndpass = false, failedAfterEndpass = false;
                string unknown = "";
                string detail = "";
                foreach (var c in s.Items)
                {
                    if (c.Name == "endpass") { afterEndpass = true; continue; }
                    if (c.IsModifier)
                    {
                        if (c.Name == "message") message = c.Value;
                        else if (c.Name == "set" && unknown.Length == 0) Set(c.Value);
                        continue;
                    }
                    var r = Condition(c, rcptStage);
                    if (r.Match == EximMatch.Defer && unknown.Length == 0)
                    {
                        _trace.Add(new RelayTraceStep { List = acl, Position = s.Position, Rule = s.Text, Origin = s.Origin, Result = "DEFER", Detail = c + ": " + r.Detail });
                        outcome.Verdict = "defer"; outcome.Statement = s; outcome.Message = null;
                        return outcome;
                    }
                    if (r.Match is EximMatch.Unknown or EximMatch.Defer)
                    {
                        if (unknown.Length == 0) unknown = c + ": " + r.Detail;
                        continue;
                    }
                    if (r.Match == EximMatch.No)
                    {
                        failed = true;
                        failedAfterEndpass = afterEndpass;
                        detail = c + " is false" + (r.Detail.Length > 0 ? " (" + r.Detail + ")" : "");
                        break;
                    }
                    detail = Append(detail, c + (r.Detail.Length > 0 ? ": " + r.Detail : ""));
                }
                var step = new RelayTraceStep { List = acl, Position = s.Position, Rule = s.Text, Origin = s.Origin, Detail = detail };
                _trace.Add(step);
                if (!failed && unknown.Length > 0)
                {
                    step.Result = "NOT EVALUATED";
                    step.Detail = unknown;
                    if (s.Verb == "warn") continue;
                    outcome.Verdict = "unknown";
                    outcome.Statement = s;
                    outcome.Why = unknown;
                    return outcome;
                }
                string verb = s.Verb;
                if (failed)
                {
                    if (verb == "require" || (verb == "accept" && failedAfterEndpass))
                    {
                        step.Result = "DENY";
                        outcome.Verdict = "deny"; outcome.Statement = s; outcome.Message = message;
                        return outcome;
                    }
                    step.Result = "next";
                    continue;
                }
                if (verb is "require" or "warn") { step.Result = "next"; step.Detail = Append(step.Detail, verb == "require" ? "every condition is true" : "warn never decides"); continue; }
                step.Result = verb.ToUpperInvariant();
                outcome.Verdict = verb; outcome.Statement = s; outcome.Message = message;
                return outcome;
            }
            outcome.Verdict = "deny";
            outcome.Statement = null;
            _trace.Add(new RelayTraceStep { List = acl, Position = statements.Count + 1, Rule = "(end of ACL)", Origin = "", Result = "DENY", Detail = "an ACL that ends without a verdict denies" });
            return outcome;
        }
        finally { _depth--; }
    }

    static string Append(string a, string b) => a.Length == 0 ? b : a + "; " + b;

    void Set(string value)
    {
        int eq = value.IndexOf('=');
        if (eq <= 0) return;
        string name = value.Substring(0, eq).Trim();
        try { _ctx.Expansion.Variables[name] = EximExpander.Expand(value.Substring(eq + 1).Trim(), _ctx.Expansion); }
        catch (EximNotEvaluatedException) { _ctx.Expansion.Variables.Remove(name); }
    }

    EximListResult Condition(EximAclCondition c, bool rcptStage)
    {
        var r = RawCondition(c, rcptStage);
        if (!c.Negated || r.Match is EximMatch.Unknown or EximMatch.Defer) return r;
        return new EximListResult(r.Match == EximMatch.Yes ? EximMatch.No : EximMatch.Yes, r.Detail);
    }

    EximListResult RawCondition(EximAclCondition c, bool rcptStage)
    {
        var v = _ctx.Expansion.Variables;
        switch (c.Name)
        {
            case "hosts": return EximListMatcher.MatchHost(c.Value, _ip, _ctx);
            case "domains":
                if (!rcptStage) return new EximListResult(EximMatch.Unknown, "domains is not allowed in this ACL (Exim refuses the configuration)");
                return EximListMatcher.MatchDomain(c.Value, v["domain"], _ctx);
            case "local_parts":
                if (!rcptStage) return new EximListResult(EximMatch.Unknown, "local_parts is not allowed in this ACL");
                return EximListMatcher.MatchLocalPart(c.Value, v["local_part"], _ctx);
            case "recipients":
                if (!rcptStage) return new EximListResult(EximMatch.Unknown, "recipients is not allowed in this ACL");
                return EximListMatcher.MatchAddress(c.Value, _query.Recipient, _ctx);
            case "senders": return EximListMatcher.MatchAddress(c.Value, _query.Sender, _ctx);
            case "sender_domains": return EximListMatcher.MatchDomain(c.Value, v["sender_address_domain"], _ctx);
            case "authenticated":
                if (_query.AuthenticatedId.Length == 0) return new EximListResult(EximMatch.No, "the client did not authenticate");
                return EximListMatcher.MatchString(c.Value, _query.AuthenticatedId, _ctx);
            case "encrypted":
                if (!_query.Tls) return new EximListResult(EximMatch.No, "the session is not encrypted");
                return EximListMatcher.MatchString(c.Value, v["tls_in_cipher"], _ctx);
            case "condition":
                try { return EximExpander.IsTrue(c.Value, _ctx.Expansion) ? new EximListResult(EximMatch.Yes, "true") : new EximListResult(EximMatch.No, "expands to false"); }
                catch (EximNotEvaluatedException ex) { return new EximListResult(EximMatch.Unknown, ex.Message); }
                catch (EximExpansionFailedException ex) { return new EximListResult(EximMatch.Defer, ex.Message); }
            case "acl":
                {
                    string name;
                    try { name = EximExpander.Expand(c.Value, _ctx.Expansion).Trim(); }
                    catch (EximNotEvaluatedException ex) { return new EximListResult(EximMatch.Unknown, ex.Message); }
                    var inner = RunAcl(name, rcptStage, "acl");
                    return inner.Verdict switch
                    {
                        "accept" or "discard" => new EximListResult(EximMatch.Yes, "ACL " + name + " accepts"),
                        "unknown" => new EximListResult(EximMatch.Unknown, "ACL " + name + ": " + inner.Why),
                        "defer" => new EximListResult(EximMatch.Unknown, "ACL " + name + " defers (Exim defers the command)"),
                        _ => new EximListResult(EximMatch.No, "ACL " + name + " denies"),
                    };
                }
            case "verify":
                {
                    string what = c.Value.Trim();
                    if (what.StartsWith("certificate", StringComparison.Ordinal) && !_query.Tls) return new EximListResult(EximMatch.No, "no TLS client certificate without TLS");
                    return new EximListResult(EximMatch.Unknown, "verify = " + what + " runs Exim's routers" + (what.Contains("callout") ? " and a callout" : "") + " (not evaluated offline)");
                }
            case "dnslists": return new EximListResult(EximMatch.Unknown, "dnslists queries DNS (not evaluated offline)");
            case "ratelimit": return new EximListResult(EximMatch.Unknown, "ratelimit depends on the server's hints database (not evaluated offline)");
            default:
                return new EximListResult(EximMatch.Unknown, "the condition " + c.Name + " is not evaluated offline");
        }
    }
}
