using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Postfix;

/// <summary>
/// One smtpd session as smtpd_check.c runs it: the restriction lists at their stages (connect, HELO,
/// MAIL FROM, RCPT TO; all at RCPT TO under smtpd_delay_reject = yes), with the session state Postfix
/// keeps between them: warn_if_reject, defer_if_permit (carried from stage to stage), defer_if_reject
/// (per stage), and every reply passed through one place (<see cref="Reject"/>) that applies
/// defer_if_reject, soft_bounce and the reply-code/DSN consistency rules.
/// </summary>
internal sealed partial class PostfixCheckRun
{
    readonly PostfixConfiguration _config;
    readonly MasterService _service;
    readonly PostfixRelayQuery _query;
    readonly IPAddress _client;
    readonly Func<string, string?> _readFile;
    readonly HashSet<string> _classes;
    readonly PostfixDomainMatcher _smtpdDomains;
    readonly PostfixAddressResolver _resolver;
    readonly List<RelayTraceStep> _trace = [];
    readonly List<string> _notes = [];
    MyNetworks? _nets;

    // The session: what the client has said so far (null: not yet, or never).
    readonly string? _helo;
    string? _sender;
    string? _recipient;
    bool _authenticatedNow;
    readonly bool _authenticated;

    // smtpd_check.c's state between restrictions and stages.
    int _recursion;
    int _warnIfReject;
    readonly Deferral _deferIfPermit = new();
    readonly Deferral _deferIfReject = new();
    bool _deferIfPermitClient, _deferIfPermitHelo, _deferIfPermitSender;
    bool _recipientMapsChecked;
    RelayTraceStep? _lastOk;

    public PostfixCheckRun(PostfixConfiguration config, MasterService service, PostfixRelayQuery query, IPAddress client, Func<string, string?> readFile)
    {
        _config = config;
        _service = service;
        _query = query;
        _client = client;
        _readFile = readFile;
        _classes = new HashSet<string>(PostfixRestrictionReader.Classes(config, service), StringComparer.Ordinal);
        _smtpdDomains = new PostfixDomainMatcher(config, service, readFile);
        // The address class comes from trivial-rewrite, which reads main.cf (and its own master.cf -o
        // overrides), not smtpd's: an smtpd -o mydestination does not change what is local.
        MasterService? rewrite = config.Services.FirstOrDefault(s => s.Command == "trivial-rewrite" && s.Name == "rewrite");
        _resolver = new PostfixAddressResolver(config, rewrite, new PostfixDomainMatcher(config, rewrite, readFile));
        _helo = query.Helo.Length > 0 ? query.Helo : null;
        _authenticated = (query.Authenticated || query.SaslUser.Length > 0) && CanAuthenticate();
    }

    string Param(string name) => _config.Expand(name, _service);
    bool Flag(string name) => _config.GetBool(name, _service);
    int Code(string name) => int.TryParse(Param(name).Trim(), out int c) ? c : 0;
    string ClientNameAddr => _query.ClientName + "[" + _client + "]";

    /// <summary>Runs the session to its RCPT TO (or to the stage that refuses first).</summary>
    public PostfixRelayResult Evaluate()
    {
        if (!RelayGuard.Present(_config, _service)) return Unavailable();
        bool delay = Flag("smtpd_delay_reject");
        if (!delay)
        {
            _notes.Add("smtpd_delay_reject = no: the client, HELO and sender restrictions run at connect, at EHLO and at MAIL FROM, before AUTH (for the client and HELO lists), and a refusal there comes at that stage.");
            if (CheckClient() is { } connect) return Finish(connect, SmtpProbeStage.Connect);
            if (CheckHelo() is { } helo) return Finish(helo, SmtpProbeStage.Ehlo);
        }
        if (_helo == null && Flag("smtpd_helo_required"))
        {
            _notes.Add("no -Helo given: the client is taken to send no HELO/EHLO, and smtpd_helo_required = yes refuses MAIL FROM without one (give -Helo to evaluate a client that greets)");
            return Finish(Reject(503, "5.5.1", "Error: send HELO/EHLO first", "smtpd_helo_required = yes and no HELO/EHLO was given"), SmtpProbeStage.MailFrom);
        }
        _authenticatedNow = _authenticated;
        _sender = WithoutSourceRoute(_query.Sender);
        if (!delay && CheckMail() is { } mail) return Finish(mail, SmtpProbeStage.MailFrom);
        return Finish(CheckRcpt(delay), SmtpProbeStage.RcptTo);
    }

    /// <summary>smtpd_check_client: the client list, defer_if_permit starting afresh.</summary>
    RestrictionOutcome? CheckClient()
    {
        _deferIfPermit.Active = false;
        Reset();
        var o = Generic("smtpd_client_restrictions", ClientNameAddr, "Client host", "check_client_access");
        _deferIfPermitClient = _deferIfPermit.Active;
        return Refuses(o) ? o : null;
    }

    /// <summary>smtpd_check_helo: skipped entirely when the client sent no HELO/EHLO.</summary>
    RestrictionOutcome? CheckHelo()
    {
        if (_helo == null)
        {
            if (_config.GetList("smtpd_helo_restrictions", _service).Length > 0)
                _notes.Add("no -Helo given: the client is taken to send no HELO/EHLO, so smtpd_helo_restrictions do not run (give -Helo to evaluate them)");
            return null;
        }
        _deferIfPermit.Active = _deferIfPermitClient;
        Reset();
        var o = Generic("smtpd_helo_restrictions", _helo, "Helo command", "check_helo_access");
        _deferIfPermitHelo = _deferIfPermit.Active;
        return Refuses(o) ? o : null;
    }

    /// <summary>smtpd_check_mail.</summary>
    RestrictionOutcome? CheckMail()
    {
        _deferIfPermit.Active = _deferIfPermitClient || _deferIfPermitHelo;
        Reset();
        var o = Generic("smtpd_sender_restrictions", _sender!, "Sender address", "check_sender_access");
        _deferIfPermitSender = _deferIfPermit.Active;
        if (!Refuses(o) && Flag("smtpd_reject_unlisted_sender") && _sender!.Length > 0)
        {
            var v = RecipientMaps(_sender, "Sender address", "smtpd_reject_unlisted_sender");
            if (v.Verdict != Verdict.Dunno) o = v;
        }
        return Refuses(o) ? o : null;
    }

    /// <summary>smtpd_check_rcpt: the delayed lists, then the relay and recipient lists, then defer_if_permit and recipient validation.</summary>
    RestrictionOutcome CheckRcpt(bool delay)
    {
        if (string.Equals(_query.Recipient, "postmaster", StringComparison.OrdinalIgnoreCase))
        {
            _notes.Add("RCPT TO:<postmaster> is always accepted (RFC 5321 section 4.5.1): smtpd skips every restriction for it");
            return Accept("postmaster is exempt from all restrictions");
        }
        _recipient = WithoutSourceRoute(_query.Recipient);
        if (delay && (CheckClient() ?? CheckHelo() ?? CheckMail()) is { } early) return early;
        _deferIfPermit.Active = _deferIfPermitSender;
        Reset();
        bool relayFirst = Flag("smtpd_relay_before_recipient_restrictions");
        string[] lists = relayFirst ? ["smtpd_relay_restrictions", "smtpd_recipient_restrictions"] : ["smtpd_recipient_restrictions", "smtpd_relay_restrictions"];
        RestrictionOutcome status = RestrictionOutcome.Dunno("");
        foreach (string list in lists)
        {
            status = Generic(list, _recipient, "Recipient address", "check_recipient_access");
            if (Refuses(status)) break;
        }
        if (!Refuses(status) && _deferIfPermit.Active)
            status = Reject(_deferIfPermit.Code, _deferIfPermit.Dsn, _deferIfPermit.Text, "defer_if_permit raised earlier (" + _deferIfPermit.Detail + ") turns this permit into a deferral", _deferIfPermit.Step);
        if (!Refuses(status) && Flag("smtpd_reject_unlisted_recipient") && !_recipientMapsChecked)
        {
            var v = RecipientMaps(_recipient, "Recipient address", "smtpd_reject_unlisted_recipient");
            if (v.Verdict != Verdict.Dunno) status = v;
        }
        return Refuses(status) ? status : Accept(status.Detail);
    }

    /// <summary>smtpd drops an RFC 5321 source route (<c>@hop1,@hop2:user@domain</c>) when it reads the address.</summary>
    static string WithoutSourceRoute(string address)
    {
        int colon = address.IndexOf(':');
        return address.StartsWith("@", StringComparison.Ordinal) && colon > 0 && colon < address.Length - 1 ? address.Substring(colon + 1) : address;
    }

    static RestrictionOutcome Accept(string detail) => new() { Verdict = Verdict.Ok, Code = 250, Dsn = "2.1.5", Text = "Ok", Detail = detail };

    static bool Refuses(RestrictionOutcome o) => o.Verdict is Verdict.Reject or Verdict.Defer or Verdict.Unknown;

    void Reset()
    {
        _recursion = 0;
        _warnIfReject = 0;
        _deferIfReject.Active = false;
    }

    /// <summary>
    /// smtpd_check_reject: the one place a refusal is made. Under warn_if_reject it only logs (DUNNO);
    /// an earlier defer_if_reject turns a 5xx into that deferral; soft_bounce turns 5xx into 4xx; the
    /// DSN class follows the reply code.
    /// </summary>
    RestrictionOutcome Reject(int code, string dsn, string text, string detail, RelayTraceStep? step = null, bool software = false)
    {
        if (code < 400 || code > 599 || !DsnValid(dsn))
        {
            detail += "; the reply " + code + " " + dsn + " is invalid, so Postfix logs a configuration error and sends 450 4.7.1 Service unavailable";
            code = 450; dsn = "4.7.1"; text = "Service unavailable";
        }
        bool warn = _warnIfReject != 0 && !software;
        if (!warn && _deferIfReject.Active && code / 100 == 5)
        {
            _warnIfReject = 0;
            _deferIfReject.Active = false;
            return Reject(_deferIfReject.Code, _deferIfReject.Dsn, _deferIfReject.Text,
                detail + "; defer_if_reject raised earlier (" + _deferIfReject.Detail + ") turns the rejection into a deferral", _deferIfReject.Step);
        }
        if (Flag("soft_bounce") && code / 100 == 5)
        {
            code -= 100;
            detail += "; soft_bounce = yes turns 5xx into 4xx";
        }
        dsn = (char)('0' + code / 100) + dsn.Substring(1);
        if (warn) return RestrictionOutcome.Dunno("would answer " + code + " " + dsn + " " + text + ", but warn_if_reject only logs it (reject_warning)");
        var o = RestrictionOutcome.Reply(code, dsn, text, detail);
        o.DecidingStep = step;
        return o;
    }

    /// <summary>reject_server_error: 451 4.3.5 for the whole stage, whatever warn_if_reject says.</summary>
    RestrictionOutcome ServerError(string why) => Reject(451, "4.3.5", "Server configuration error", why, software: true);

    /// <summary>defer_if: remembers the first reason of its kind; the restriction itself gives no decision.</summary>
    RestrictionOutcome DeferIf(Deferral deferral, int code, string dsn, string text, string detail)
    {
        if (!deferral.Active)
        {
            deferral.Active = true;
            deferral.Code = code;
            deferral.Dsn = dsn;
            deferral.Text = text;
            deferral.Detail = detail;
            deferral.Step = _trace.LastOrDefault();
        }
        return RestrictionOutcome.Dunno(detail);
    }

    /// <summary>dsn_valid: d.ddd.ddd with a 2, 4 or 5 first.</summary>
    internal static bool DsnValid(string dsn)
    {
        var parts = dsn.Split('.');
        return parts.Length == 3 && parts[0] is "2" or "4" or "5" && parts[1].Length is >= 1 and <= 3 && parts[2].Length is >= 1 and <= 3
            && parts[1].All(char.IsDigit) && parts[2].All(char.IsDigit);
    }

    bool CanAuthenticate()
    {
        if (!Flag("smtpd_sasl_auth_enable"))
        {
            _notes.Add("the service " + _service.Name + " does not offer AUTH (smtpd_sasl_auth_enable = no): the client is evaluated as not authenticated");
            return false;
        }
        if (Flag("smtpd_tls_auth_only") && !OffersTls())
        {
            _notes.Add("smtpd_tls_auth_only = yes but the service " + _service.Name + " has no TLS: AUTH is never offered, so the client is evaluated as not authenticated");
            return false;
        }
        return true;
    }

    bool OffersTls()
    {
        string level = Param("smtpd_tls_security_level").Trim().ToLowerInvariant();
        return Flag("smtpd_tls_wrappermode") || level is "may" or "encrypt" || (level.Length == 0 && Flag("smtpd_use_tls")) || Flag("smtpd_enforce_tls");
    }

    PostfixRelayResult Unavailable() => new()
    {
        Service = _service.Name,
        ClientAddress = _client.ToString(),
        ClientName = _query.ClientName,
        Sender = _query.Sender,
        Recipient = _query.Recipient,
        Authenticated = _authenticated,
        SaslUser = _authenticated ? _query.SaslUser : "",
        Decision = RelayDecision.Unavailable,
        Stage = SmtpProbeStage.Greeting,
        DecidedBy = "(relay guard)",
        DecidedByList = "smtpd_relay_restrictions, smtpd_recipient_restrictions",
        DecidedByOrigin = _config.GetParameter("smtpd_relay_restrictions", _service)?.Origin ?? "default",
        ReplyText = "no reply: smtpd exits at start with \"fatal: in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or check_relay_domains\"; clients connect but never get a greeting",
        Notes = _notes.ToArray(),
    };

    PostfixRelayResult Finish(RestrictionOutcome o, SmtpProbeStage stage)
    {
        RelayTraceStep? by = o.Verdict == Verdict.Ok ? _lastOk : o.DecidingStep ?? _trace.LastOrDefault();
        var r = new PostfixRelayResult
        {
            Service = _service.Name,
            ClientAddress = _client.ToString(),
            ClientName = _query.ClientName,
            Sender = _query.Sender,
            Recipient = _query.Recipient,
            SaslUser = _authenticated ? _query.SaslUser : "",
            Authenticated = _authenticated,
            Trace = _trace.ToArray(),
            Notes = _notes.Distinct().ToArray(),
            Stage = stage,
            DecidedBy = by?.Rule ?? "",
            DecidedByList = by?.List ?? "",
            DecidedByOrigin = by?.Origin ?? "",
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
        if (by == null && o.Verdict != Verdict.Ok) r.DecidedBy = o.Detail;
        r.ReplyCode = o.Code;
        r.EnhancedStatusCode = o.Dsn;
        r.ReplyText = o.Text;
        r.Reply = o.Code + " " + o.Dsn + " " + o.Text;
        return r;
    }

    /// <summary>A remembered defer_if_permit or defer_if_reject reply.</summary>
    sealed class Deferral
    {
        public bool Active;
        public int Code;
        public string Dsn = "";
        public string Text = "";
        public string Detail = "";
        public RelayTraceStep? Step;
    }
}
