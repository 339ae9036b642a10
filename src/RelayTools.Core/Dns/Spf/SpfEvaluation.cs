using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;

namespace RelayTools.Core.Dns.Spf;

/// <summary>
/// One run of check_host() (RFC 7208 4) with the state the limits of 4.6.4 need across includes and redirects:
/// the lookup and void counters, the path, and the PTR answers the ptr mechanism and the p macro share.
/// </summary>
internal sealed class SpfEvaluation
{
    private readonly IDnsResolver _dns;
    private readonly SpfEvaluationOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly IPAddress _ip;
    private readonly bool _ipv6;
    private readonly string _sender;
    private readonly string _localPart;
    private readonly string _senderDomain;
    private readonly string _helo;
    private readonly DateTimeOffset _now;
    private readonly List<SpfStep> _path = new();
    private readonly List<string> _notes = new();
    private int _lookups;
    private int _voids;
    private string _topRecord = "";
    private DnsAnswer<string>? _ptrAnswer;
    private List<string>? _validatedNames;

    public SpfEvaluation(IPAddress ip, string sender, string localPart, string senderDomain, string helo,
        IDnsResolver dns, SpfEvaluationOptions options, CancellationToken cancellationToken)
    {
        _ip = ip;
        _ipv6 = SpfNetwork.IsIPv6(ip);
        _sender = sender;
        _localPart = localPart;
        _senderDomain = senderDomain;
        _helo = helo;
        _dns = dns;
        _options = options;
        _cancellationToken = cancellationToken;
        _now = options.Now ?? DateTimeOffset.UtcNow;
    }

    /// <summary>The outcome of evaluating one domain's record (before include/redirect mapping).</summary>
    private sealed class Outcome
    {
        public SpfResult Result { get; set; }
        public string DecidedBy { get; set; } = "";
        public SpfRecord? Record { get; set; }
        public string Domain { get; set; } = "";
        public string Reason { get; set; } = "";
    }

    public SpfCheckResult Run(string domain, SpfCheckResult result, IEnumerable<string> notes)
    {
        _notes.AddRange(notes);
        try
        {
            Outcome outcome = Evaluate(domain, 0);
            result.Result = outcome.Result;
            result.DecidedBy = SpfText.Visible(outcome.DecidedBy);
            if (outcome.Result == SpfResult.None) _notes.Add("No SPF record: " + outcome.Reason + ".");
            else if (outcome.DecidedBy.Length == 0) _notes.Add("No mechanism matched and there is no redirect: the default result is neutral (RFC 7208 4.7).");
            if (outcome.Result == SpfResult.Fail && outcome.Record?.Explanation != null)
            {
                result.Explanation = Explain(outcome.Record.Explanation, outcome.Domain);
            }
        }
        catch (SpfAbort abort)
        {
            result.Result = abort.Result;
            result.DecidedBy = abort.Term;
            result.Problem = abort.Problem;
            result.ProblemKind = abort.Kind;
        }
        result.Record = _topRecord;
        result.Path = _path.ToArray();
        result.LookupCount = _lookups;
        result.VoidLookupCount = _voids;
        result.Notes = _notes.Distinct().ToArray();
        return result;
    }

    // check_host(<ip>, <domain>, <sender>) for one domain (4.3 to 4.7).
    private Outcome Evaluate(string domain, int depth)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        domain = SpfDomainName.TrimDot(SpfDomainName.ToAscii(domain));
        SpfStep lookup = AddStep(depth, SpfStepKind.Record, domain, "");
        if (!SpfDomainName.IsValidCheckHostDomain(domain, out string invalid))
        {
            lookup.Outcome = "none: " + invalid;
            return new Outcome { Result = SpfResult.None, Domain = domain, Reason = invalid };
        }

        DnsAnswer<string> txt = _dns.Txt(domain, _cancellationToken);
        if (txt.IsTemporaryFailure)
        {
            string problem = DescribeFailure(txt, "TXT", domain);
            lookup.Outcome = "temperror: " + problem;
            throw new SpfAbort(SpfResult.TempError, SpfProblemKind.Dns, "", problem) { Shown = true };
        }
        SpfRecordSelection selection = SpfRecordSelection.From(txt.Status == DnsLookupStatus.NoError ? txt.Records : []);
        if (selection.HasMultiple)
        {
            string problem = domain + " publishes " + selection.SpfRecords.Length + " SPF records; RFC 7208 4.5 allows exactly one";
            lookup.Outcome = "permerror: " + problem;
            throw new SpfAbort(SpfResult.PermError, SpfProblemKind.MultipleRecords, "", problem) { Shown = true };
        }
        if (selection.Record == null)
        {
            string reason = txt.Status == DnsLookupStatus.NameError
                ? domain + " does not exist (NXDOMAIN)"
                : domain + " has no TXT record starting with \"v=spf1\"";
            lookup.Outcome = "none: " + reason;
            return new Outcome { Result = SpfResult.None, Domain = domain, Reason = reason };
        }

        string text = selection.Record;
        if (depth == 0) _topRecord = text;
        lookup.Term = SpfText.Visible(text);
        SpfParseResult parsed = SpfRecordParser.Parse(text);
        if (parsed.Record == null)
        {
            string problem = "syntax error in the record of " + domain + ": " + parsed.Error;
            lookup.Outcome = "permerror: " + parsed.Error;
            throw new SpfAbort(SpfResult.PermError, SpfProblemKind.Syntax, SpfText.Visible(parsed.Term), problem) { Shown = true };
        }
        lookup.Matched = true;
        lookup.Outcome = "record found";
        SpfRecord record = parsed.Record;

        foreach (SpfMechanism mechanism in record.Mechanisms)
        {
            SpfStep step = AddStep(depth, SpfStepKind.Mechanism, domain, mechanism.Text);
            bool matched;
            try
            {
                matched = Matches(mechanism, domain, depth, step);
            }
            catch (SpfAbort abort)
            {
                Show(step, abort);
                throw;
            }
            step.Matched = matched;
            if (matched)
            {
                SpfResult result = mechanism.ResultWhenMatched;
                step.Outcome = "match: " + result.ToString().ToLowerInvariant() + (step.Outcome.Length > 0 ? " (" + step.Outcome + ")" : "");
                return new Outcome { Result = result, DecidedBy = mechanism.Text, Record = record, Domain = domain };
            }
            step.Outcome = step.Outcome.Length == 0 ? "no match" : "no match (" + step.Outcome + ")";
        }

        // 6.1: redirect is used only when no mechanism matched; a record with "all" never gets here.
        SpfModifier? redirect = record.Redirect;
        if (redirect != null)
        {
            SpfStep step = AddStep(depth, SpfStepKind.Modifier, domain, redirect.Text);
            Outcome target;
            try
            {
                CountLookup(redirect.Text);
                string name = ExpandDomain(redirect.Value, domain);
                target = Evaluate(name, depth + 1);
                if (target.Result == SpfResult.None)
                {
                    throw new SpfAbort(SpfResult.PermError, SpfProblemKind.MissingTarget, redirect.Text,
                        "the redirect target " + name + " has no SPF record (" + target.Reason + "); RFC 7208 6.1 makes that a permerror");
                }
            }
            catch (SpfAbort abort)
            {
                Show(step, abort);
                throw;
            }
            step.Matched = true;
            step.Outcome = "redirected: " + target.Result.ToString().ToLowerInvariant();
            return new Outcome
            {
                Result = target.Result,
                DecidedBy = redirect.Text + (target.DecidedBy.Length > 0 ? " > " + target.DecidedBy : ""),
                Record = target.Record,
                Domain = target.Domain,
            };
        }
        return new Outcome { Result = SpfResult.Neutral, Record = record, Domain = domain };
    }

    private bool Matches(SpfMechanism mechanism, string domain, int depth, SpfStep step)
    {
        switch (mechanism.Kind)
        {
            case SpfMechanismKind.All:
                return true;
            case SpfMechanismKind.Ip4:
                return !_ipv6 && SpfNetwork.Contains(mechanism.NetworkAddress!, mechanism.Ip4PrefixLength, _ip);
            case SpfMechanismKind.Ip6:
                return _ipv6 && SpfNetwork.Contains(mechanism.NetworkAddress!, mechanism.Ip6PrefixLength, _ip);
            case SpfMechanismKind.A:
                return MatchesA(mechanism, domain, step);
            case SpfMechanismKind.Mx:
                return MatchesMx(mechanism, domain, step);
            case SpfMechanismKind.Ptr:
                return MatchesPtr(mechanism, domain, step);
            case SpfMechanismKind.Exists:
                return MatchesExists(mechanism, domain, step);
            case SpfMechanismKind.Include:
                return MatchesInclude(mechanism, domain, depth, step);
            default:
                return false;
        }
    }

    private int PrefixLength(SpfMechanism mechanism) => _ipv6 ? mechanism.Ip6PrefixLength : mechanism.Ip4PrefixLength;

    // 5.3: the address is in one of the target's A (IPv4 client) or AAAA (IPv6 client) records.
    private bool MatchesA(SpfMechanism mechanism, string domain, SpfStep step)
    {
        CountLookup(mechanism.Text);
        string target = Target(mechanism, domain);
        if (!Queryable(target, step)) return false;
        DnsAnswer<IPAddress> answer = LookupAddress(target, _ipv6, mechanism.Text);
        if (answer.IsVoid)
        {
            CountVoid(mechanism.Text, target, step);
            return false;
        }
        IPAddress? hit = answer.Records.FirstOrDefault(a => SpfNetwork.Contains(SpfNetwork.Normalize(a), PrefixLength(mechanism), _ip));
        step.Outcome = hit != null ? target + " has " + hit : target + " has " + string.Join(", ", answer.Records);
        return hit != null;
    }

    // 5.4: the address is one of the target's mail exchangers; no MX is no match, never an implicit A lookup.
    private bool MatchesMx(SpfMechanism mechanism, string domain, SpfStep step)
    {
        CountLookup(mechanism.Text);
        string target = Target(mechanism, domain);
        if (!Queryable(target, step)) return false;
        DnsAnswer<DnsMxRecord> mx = _dns.Mx(target, _cancellationToken);
        if (mx.IsTemporaryFailure) throw new SpfAbort(SpfResult.TempError, SpfProblemKind.Dns, mechanism.Text, DescribeFailure(mx, "MX", target));
        if (mx.IsVoid)
        {
            CountVoid(mechanism.Text, target, step);
            return false;
        }
        if (mx.Records.Count > _options.MaxMxRecords)
        {
            throw new SpfAbort(SpfResult.PermError, SpfProblemKind.MxLimit, mechanism.Text,
                target + " has " + mx.Records.Count + " MX records; an \"mx\" term may look at " + _options.MaxMxRecords + " (RFC 7208 4.6.4)");
        }
        foreach (DnsMxRecord exchanger in mx.Records.OrderBy(r => r.Preference))
        {
            string host = SpfDomainName.TrimDot(exchanger.Exchange);
            // RFC 7505 null MX ("."): the domain accepts no mail, so it has no exchanger to match.
            if (host.Length == 0 || host == ".") continue;
            if (!SpfDomainName.IsQueryable(host, out _)) continue;
            DnsAnswer<IPAddress> addresses = LookupAddress(host, _ipv6, mechanism.Text);
            IPAddress? hit = addresses.Records.FirstOrDefault(a => SpfNetwork.Contains(SpfNetwork.Normalize(a), PrefixLength(mechanism), _ip));
            if (hit != null)
            {
                step.Outcome = "MX " + host + " has " + hit;
                return true;
            }
        }
        step.Outcome = "MX " + string.Join(", ", mx.Records.Select(r => SpfDomainName.TrimDot(r.Exchange)));
        return false;
    }

    // 5.5: a validated reverse name of the address is the target or under it. Discouraged: slow, and it puts
    // load on the in-addr.arpa servers of the sender's network.
    private bool MatchesPtr(SpfMechanism mechanism, string domain, SpfStep step)
    {
        _notes.Add("The record uses \"ptr\", which RFC 7208 5.5 says SHOULD NOT be used (slow, unreliable, loads the reverse DNS servers); list the addresses with ip4:/ip6: instead.");
        CountLookup(mechanism.Text);
        string target = Target(mechanism, domain);
        List<string> names = ValidatedNames();
        if (_ptrAnswer!.IsVoid) CountVoid(mechanism.Text, "the reverse name of " + _ip, step);
        string? hit = names.FirstOrDefault(n => SpfDomainName.IsAtOrUnder(n, target));
        if (step.Outcome.Length == 0)
        {
            step.Outcome = hit != null ? "validated name " + hit
                : names.Count == 0 ? "no validated reverse name" : "validated names " + string.Join(", ", names);
        }
        return hit != null;
    }

    // 5.7: the target has an A record; the query is type A whatever the client's family.
    private bool MatchesExists(SpfMechanism mechanism, string domain, SpfStep step)
    {
        CountLookup(mechanism.Text);
        string target = Target(mechanism, domain);
        if (!Queryable(target, step)) return false;
        DnsAnswer<IPAddress> answer = LookupAddress(target, false, mechanism.Text);
        if (answer.IsVoid)
        {
            CountVoid(mechanism.Text, target, step);
            return false;
        }
        step.Outcome = target + " exists";
        return true;
    }

    // 5.2: include matches on pass; fail, softfail and neutral do not match; none is a permerror.
    private bool MatchesInclude(SpfMechanism mechanism, string domain, int depth, SpfStep step)
    {
        CountLookup(mechanism.Text);
        string target = Target(mechanism, domain);
        Outcome inner = Evaluate(target, depth + 1);
        switch (inner.Result)
        {
            case SpfResult.Pass:
                step.Outcome = target + " gave pass";
                return true;
            case SpfResult.None:
                throw new SpfAbort(SpfResult.PermError, SpfProblemKind.MissingTarget, mechanism.Text,
                    "the include target " + target + " has no SPF record (" + inner.Reason + "); RFC 7208 5.2 makes that a permerror");
            default:
                step.Outcome = target + " gave " + inner.Result.ToString().ToLowerInvariant();
                return false;
        }
    }

    private string Target(SpfMechanism mechanism, string domain) =>
        mechanism.DomainSpec.Length == 0 ? domain : ExpandDomain(mechanism.DomainSpec, domain);

    private string ExpandDomain(string spec, string domain)
    {
        SpfDomainSpec.TryParse(spec, out List<SpfMacroToken> tokens, out _);
        if (tokens.Any(t => t.Letter == 'h') && _helo.Length == 0)
        {
            _notes.Add("The record uses %{h}, but no HELO name was given: it expanded to an empty string.");
        }
        return SpfDomainName.FitExpanded(SpfMacroExpander.Expand(tokens, MacroContext(domain)));
    }

    // A target that cannot be a DNS name (empty or over-long label) does not exist, so the mechanism does not match.
    private static bool Queryable(string target, SpfStep step)
    {
        if (SpfDomainName.IsQueryable(target, out string reason)) return true;
        step.Outcome = reason + ", so it cannot exist";
        return false;
    }

    private SpfMacroContext MacroContext(string domain) => new()
    {
        Sender = _sender,
        LocalPart = _localPart,
        SenderDomain = _senderDomain,
        Domain = domain,
        Address = _ip,
        HeloName = _helo,
        ReceiverName = _options.ReceiverName,
        Now = _now,
        ValidatedName = ValidatedNameFor,
    };

    // 7.3 "p": a validated name equal to or under <domain> if there is one, else any validated name, else "unknown".
    private string ValidatedNameFor(string domain)
    {
        _notes.Add("The record uses the %{p} macro, which RFC 7208 7.3 says SHOULD NOT be used.");
        List<string> names = ValidatedNames();
        return names.FirstOrDefault(n => SpfDomainName.SameName(n, domain))
            ?? names.FirstOrDefault(n => SpfDomainName.IsAtOrUnder(n, domain))
            ?? names.FirstOrDefault()
            ?? "unknown";
    }

    // 5.5: the PTR names of the address (at most 10) whose own A/AAAA records include the address. A DNS error on
    // the PTR lookup gives no names; an error on a name's address lookup skips that name.
    private List<string> ValidatedNames()
    {
        if (_validatedNames != null) return _validatedNames;
        _ptrAnswer = _dns.Ptr(_ip, _cancellationToken);
        var names = new List<string>();
        if (_ptrAnswer.Status == DnsLookupStatus.NoError)
        {
            foreach (string ptr in _ptrAnswer.Records.Take(_options.MaxPtrRecords))
            {
                string name = SpfDomainName.TrimDot(ptr);
                if (!SpfDomainName.IsQueryable(name, out _)) continue;
                DnsAnswer<IPAddress> addresses = _dns.Address(name, _ipv6, _cancellationToken);
                if (addresses.Status != DnsLookupStatus.NoError) continue;
                if (addresses.Records.Any(a => SpfNetwork.Normalize(a).Equals(_ip))) names.Add(name);
            }
            if (_ptrAnswer.Records.Count > _options.MaxPtrRecords)
            {
                _notes.Add(_ip + " has " + _ptrAnswer.Records.Count + " PTR records; only the first " + _options.MaxPtrRecords + " were checked (RFC 7208 4.6.4).");
            }
        }
        _validatedNames = names;
        return names;
    }

    // 6.2: the explanation for a fail. Every problem (no TXT, several, a DNS error, bad macro text, non-ASCII) means
    // proceeding as if there were no exp=; its lookup counts against no limit.
    private string Explain(SpfModifier exp, string domain)
    {
        try
        {
            string target = ExpandDomain(exp.Value, domain);
            if (!SpfDomainName.IsQueryable(target, out string reason))
            {
                _notes.Add(exp.Text + " was ignored: " + reason + " (RFC 7208 6.2).");
                return "";
            }
            DnsAnswer<string> txt = _dns.Txt(target, _cancellationToken);
            if (txt.Status != DnsLookupStatus.NoError || txt.Records.Count != 1)
            {
                string why = txt.IsTemporaryFailure ? DescribeFailure(txt, "TXT", target)
                    : txt.Records.Count > 1 ? target + " has " + txt.Records.Count + " TXT records, not one"
                    : target + " has no TXT record";
                _notes.Add(exp.Text + " was ignored: " + why + " (RFC 7208 6.2).");
                return "";
            }
            if (!SpfMacroString.TryParse(txt.Records[0], SpfMacroPlace.Explanation, out List<SpfMacroToken> tokens, out string error))
            {
                _notes.Add(exp.Text + " was ignored: the explanation text of " + target + " is not valid: " + error + " (RFC 7208 6.2).");
                return "";
            }
            return SpfMacroExpander.Expand(tokens, MacroContext(domain));
        }
        catch (SpfAbort abort)
        {
            _notes.Add(exp.Text + " was ignored: " + abort.Problem + ".");
            return "";
        }
    }

    private DnsAnswer<IPAddress> LookupAddress(string name, bool ipv6, string term)
    {
        DnsAnswer<IPAddress> answer = _dns.Address(name, ipv6, _cancellationToken);
        if (answer.IsTemporaryFailure) throw new SpfAbort(SpfResult.TempError, SpfProblemKind.Dns, term, DescribeFailure(answer, ipv6 ? "AAAA" : "A", name));
        return answer;
    }

    private void CountLookup(string term)
    {
        if (_lookups >= _options.MaxDnsLookups)
        {
            throw new SpfAbort(SpfResult.PermError, SpfProblemKind.LookupLimit, term,
                "'" + term + "' would be DNS-querying term " + (_lookups + 1) + "; RFC 7208 4.6.4 allows " + _options.MaxDnsLookups
                + " (include, a, mx, ptr, exists and redirect, counted across every included record)");
        }
        _lookups++;
    }

    private void CountVoid(string term, string name, SpfStep step)
    {
        _voids++;
        step.Outcome = name + " has no records (void lookup " + _voids + ")";
        if (_voids > _options.MaxVoidLookups)
        {
            throw new SpfAbort(SpfResult.PermError, SpfProblemKind.VoidLookupLimit, term,
                "'" + term + "' is void lookup " + _voids + " (" + name + " has no records); RFC 7208 4.6.4 allows " + _options.MaxVoidLookups);
        }
    }

    private static void Show(SpfStep step, SpfAbort abort)
    {
        string result = abort.Result.ToString().ToLowerInvariant();
        if (abort.Shown) step.Outcome = result + " (from the record below)";
        else if (step.Outcome.Length == 0) step.Outcome = result + ": " + abort.Problem;
        else step.Outcome = result + ": " + abort.Problem + " (" + step.Outcome + ")";
        abort.Shown = true;
    }

    private SpfStep AddStep(int depth, SpfStepKind kind, string domain, string term)
    {
        var step = new SpfStep { Depth = depth, Kind = kind, Domain = domain, Term = SpfText.Visible(term) };
        _path.Add(step);
        return step;
    }

    private static string DescribeFailure<T>(DnsAnswer<T> answer, string type, string name)
    {
        string what = answer.Status == DnsLookupStatus.Timeout ? "timeout" : "server failure";
        string server = answer.Server.Length > 0 ? answer.Server : "the resolver";
        return what + " asking " + server + " for the " + type + " records of " + name + (answer.Error.Length > 0 ? " (" + answer.Error + ")" : "");
    }
}
