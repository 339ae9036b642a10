using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RelayTools.Core.Dns.Dkim;
using RelayTools.Core.Dns.Dmarc;
using RelayTools.Core.Dns.ReverseDns;
using RelayTools.Core.Dns.Spf;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Dns.SenderAuthorization;

/// <summary>
/// The error after "Relay access denied": once the relay relays, its egress address sends for the From domain, and
/// receivers check SPF (RFC 7208) for the MAIL FROM domain, DMARC (RFC 7489: SPF or DKIM must pass and align with
/// the From domain), DKIM keys (RFC 6376) and reverse DNS. This joins the four checks into one answer, with the record
/// to publish for each failing point.
/// </summary>
public static class SenderAuthorizationCheck
{
    /// <summary>Runs every check of <paramref name="query"/> over <paramref name="dns"/>.</summary>
    public static SenderAuthorizationResult Run(SenderAuthorizationQuery query, IDnsResolver dns, CancellationToken cancellationToken = default)
    {
        string domain = query.Domain.Trim().TrimEnd('.').ToLowerInvariant();
        string mailFrom = query.MailFrom.Trim().Trim('<', '>');
        if (mailFrom.Length == 0) mailFrom = "postmaster@" + domain;
        string mailFromDomain = mailFrom.Substring(mailFrom.LastIndexOf('@') + 1);
        var notes = new List<string>();
        var findings = new List<SenderAuthorizationFinding>();
        var result = new SenderAuthorizationResult
        {
            Domain = domain,
            SendingAddress = query.SendingAddress.ToString(),
            HeloName = query.HeloName,
            MailFrom = mailFrom,
        };
        if (query.MailFrom.Trim().Length == 0)
            notes.Add("No -MailFrom given: SPF is checked for " + mailFrom + ", as if the relay kept the From domain in the envelope.");

        // SPF, for the domain receivers check: the MAIL FROM domain (RFC 7208 2.4).
        result.Spf = SpfEvaluator.CheckHost(query.SendingAddress, mailFromDomain, mailFrom, query.HeloName, dns, cancellationToken);
        SpfFindings(result.Spf, mailFromDomain, query, findings);

        // DMARC: the policy of the From domain, and whether SPF's domain aligns with it.
        result.Dmarc = new DmarcPolicyDiscovery(dns).Discover(domain, cancellationToken);
        result.SpfAlignment = result.Dmarc.Found
            ? DmarcAlignment.CheckSpf(result.Dmarc, mailFromDomain)
            : DmarcAlignment.CheckSpf(domain, mailFromDomain, DmarcAlignmentMode.Relaxed);
        DmarcFindings(result, findings);

        // DKIM: the keys of the selectors the relay signs with (a signature itself needs a message).
        string dkimDomain = query.DkimDomain.Trim().Length > 0 ? query.DkimDomain.Trim().TrimEnd('.').ToLowerInvariant() : domain;
        var dkimCheck = new DkimKeyCheck(dns);
        result.Dkim = query.DkimSelectors.Where(s => s.Trim().Length > 0).Select(s => dkimCheck.Check(s.Trim(), dkimDomain, cancellationToken)).ToArray();
        if (result.Dkim.Length == 0)
        {
            notes.Add("DKIM is not checked: give -DkimSelector (the s= of the relay's signatures) to check that its key is published.");
        }
        else
        {
            result.DkimAlignment = result.Dmarc.Found
                ? DmarcAlignment.CheckDkim(result.Dmarc, dkimDomain)
                : DmarcAlignment.CheckDkim(domain, dkimDomain, DmarcAlignmentMode.Relaxed);
            foreach (var key in result.Dkim.Where(k => !k.Valid))
            {
                findings.Add(new SenderAuthorizationFinding
                {
                    Check = "Dkim",
                    Severity = key.Status == DkimKeyStatus.TempError ? FindingSeverity.Warning : FindingSeverity.Error,
                    Message = key.Name + ": " + key.Status + (key.Problems.Length > 0 ? " (" + string.Join("; ", key.Problems) + ")" : "")
                        + ": signatures with s=" + key.Selector + " d=" + key.Domain + " fail DKIM verification.",
                    RecordName = key.SuggestedRecordName,
                    RecordType = key.SuggestedRecord.Length > 0 ? "TXT" : "",
                    Record = key.SuggestedRecord,
                });
            }
        }

        // Reverse DNS of the sending address, and whether its name leads back to it.
        result.ReverseDns = new ReverseDnsCheck(dns).Check(query.SendingAddress, query.HeloName.Length > 0 ? query.HeloName : null, cancellationToken);
        if (result.ReverseDns.Status is ReverseDnsStatus.NoPtr or ReverseDnsStatus.NotConfirmed)
        {
            findings.Add(new SenderAuthorizationFinding
            {
                Check = "ReverseDns",
                Severity = FindingSeverity.Warning,
                Message = result.ReverseDns.Status == ReverseDnsStatus.NoPtr
                    ? result.SendingAddress + " has no PTR record: many receivers refuse or score mail from it (Gmail 550-5.7.25), and Sendmail logs \"IP name lookup failed\"."
                    : result.SendingAddress + "'s PTR name (" + string.Join(", ", result.ReverseDns.PtrNames) + ") does not lead back to it (no forward-confirmed reverse DNS).",
                RecordName = result.ReverseDns.ReverseName,
                RecordType = "PTR",
                Record = result.ReverseDns.SuggestedFix,
            });
        }

        result.SpfResult = result.Spf.Result;
        result.DmarcPolicy = result.Dmarc.Found ? result.Dmarc.EffectivePolicy : DmarcPolicy.NotPublished;
        result.ReverseDnsStatus = result.ReverseDns.Status;
        result.DmarcOutcome = Outcome(result);
        result.Findings = findings.OrderByDescending(f => f.Severity).ToArray();
        result.Verdict = Verdict(result);
        result.Notes = notes.Concat(result.Spf.Notes).ToArray();
        return result;
    }

    static void SpfFindings(SpfCheckResult spf, string mailFromDomain, SenderAuthorizationQuery query, List<SenderAuthorizationFinding> findings)
    {
        if (spf.Result == SpfResult.TempError)
        {
            findings.Add(new SenderAuthorizationFinding { Check = "Spf", Severity = FindingSeverity.Warning, Message = "SPF temperror: " + spf.Problem + ". Receivers defer or treat the mail as unauthenticated until DNS answers." });
            return;
        }
        if (spf.Result == SpfResult.Pass)
        {
            if (spf.DecidedBy.TrimStart().StartsWith("+all", System.StringComparison.Ordinal) || spf.DecidedBy == "all")
            {
                findings.Add(new SenderAuthorizationFinding
                {
                    Check = "Spf",
                    Severity = FindingSeverity.Warning,
                    Message = "SPF passes only because the record of " + mailFromDomain + " ends in " + spf.DecidedBy + ", which authorizes every address on the Internet to send for it.",
                    RecordName = mailFromDomain,
                    RecordType = "TXT",
                    Record = SpfRecordAdvisor.Advise(spf.Record.Replace("+all", "-all").Replace(" all", " -all"), query.SendingAddress).RecordToPublish,
                });
            }
            return;
        }

        var advice = SpfRecordAdvisor.Advise(spf.Record, query.SendingAddress, spf);
        string why = spf.Result switch
        {
            SpfResult.Fail => "SPF fails: " + mailFromDomain + "'s record does not authorize " + query.SendingAddress + " (" + spf.DecidedBy + "); receivers that check SPF refuse the mail (Microsoft 550 5.7.23) or count it against DMARC.",
            SpfResult.SoftFail => "SPF softfails (" + spf.DecidedBy + "): " + query.SendingAddress + " is not authorized, and receivers score the mail as suspicious.",
            SpfResult.Neutral => "SPF is neutral (" + spf.DecidedBy + "): the record says nothing about " + query.SendingAddress + ", so SPF cannot count for DMARC.",
            SpfResult.None => mailFromDomain + " publishes no SPF record: SPF cannot pass for any sender.",
            _ => "SPF permerror: " + spf.Problem + " (" + spf.DecidedBy + "); receivers treat the record as broken, so SPF cannot pass.",
        };
        findings.Add(new SenderAuthorizationFinding
        {
            Check = "Spf",
            Severity = spf.Result is SpfResult.Fail or SpfResult.PermError ? FindingSeverity.Error : FindingSeverity.Warning,
            Message = why + (advice.Notes.Length > 0 ? " " + string.Join(" ", advice.Notes) : ""),
            RecordName = mailFromDomain,
            RecordType = "TXT",
            Record = advice.RecordToPublish,
        });
    }

    static void DmarcFindings(SenderAuthorizationResult r, List<SenderAuthorizationFinding> findings)
    {
        var d = r.Dmarc;
        if (d.Status == DmarcRecordStatus.TempError)
        {
            findings.Add(new SenderAuthorizationFinding { Check = "Dmarc", Severity = FindingSeverity.Warning, Message = "The DMARC record of " + r.Domain + " could not be read: " + string.Join("; ", d.Problems) });
            return;
        }
        if (!d.Found)
        {
            findings.Add(new SenderAuthorizationFinding
            {
                Check = "Dmarc",
                Severity = FindingSeverity.Warning,
                Message = (d.Status == DmarcRecordStatus.NotFound ? r.Domain + " publishes no DMARC record" : "The DMARC record of " + r.Domain + " is " + d.Status.ToString().ToLowerInvariant() + (d.Problems.Length > 0 ? " (" + string.Join("; ", d.Problems) + ")" : ""))
                    + ": Gmail and Yahoo require one of bulk senders, and receivers trust the domain's mail less.",
                RecordName = d.SuggestedRecordName,
                RecordType = d.SuggestedRecord.Length > 0 ? "TXT" : "",
                Record = d.SuggestedRecord,
            });
            return;
        }
        bool enforced = d.EffectivePolicy is DmarcPolicy.Reject or DmarcPolicy.Quarantine;
        if (r.Spf.Result == SpfResult.Pass && !r.SpfAlignment.Aligned)
        {
            findings.Add(new SenderAuthorizationFinding
            {
                Check = "Dmarc",
                Severity = enforced ? FindingSeverity.Error : FindingSeverity.Warning,
                Message = r.SpfAlignment.Explanation + ". With p=" + d.EffectivePolicy.ToString().ToLowerInvariant()
                    + (enforced ? ", receivers " + (d.EffectivePolicy == DmarcPolicy.Reject ? "refuse" : "quarantine") + " the mail unless DKIM passes aligned." : ", nothing is refused yet, but reports show the failure."),
            });
        }
    }

    static string Outcome(SenderAuthorizationResult r)
    {
        bool spfCounts = r.Spf.Result == SpfResult.Pass && r.SpfAlignment.Aligned;
        bool dkimCan = r.Dkim.Any(k => k.Valid) && r.DkimAlignment.Aligned;
        string policy = r.Dmarc.Found ? "p=" + r.Dmarc.EffectivePolicy.ToString().ToLowerInvariant() + " (" + r.Dmarc.RecordDomain + ")" : "no DMARC record";
        if (spfCounts) return "DMARC passes through SPF (" + r.Spf.Domain + " passes and aligns with " + r.Domain + "); " + policy + ".";
        if (dkimCan) return "DMARC can pass only through DKIM: SPF " + (r.Spf.Result == SpfResult.Pass ? "passes but does not align" : "does not pass") + ", and the relay must sign with d=" + r.DkimAlignment.AuthenticatedDomain + " (its key is published); " + policy + ".";
        if (!r.Dmarc.Found) return "Neither SPF nor a checked DKIM key authenticates the mail for " + r.Domain + "; there is no DMARC policy, so receivers judge by SPF and reputation.";
        return "DMARC fails unless the relay signs with an aligned DKIM key" + (r.Dkim.Length == 0 ? " (none was checked: give -DkimSelector)" : "") + ": SPF "
            + (r.Spf.Result == SpfResult.Pass ? "passes but does not align" : "is " + r.Spf.Result.ToString().ToLowerInvariant()) + "; " + policy + ".";
    }

    static SenderAuthorizationVerdict Verdict(SenderAuthorizationResult r)
    {
        if (r.Spf.Result == SpfResult.TempError || r.Dmarc.Status == DmarcRecordStatus.TempError || r.ReverseDns.Status == ReverseDnsStatus.TempError
            || r.Dkim.Any(k => k.Status == DkimKeyStatus.TempError))
            return SenderAuthorizationVerdict.TempError;
        bool dmarcFails = r.Dmarc.Found && r.Dmarc.EffectivePolicy is DmarcPolicy.Reject or DmarcPolicy.Quarantine
            && !(r.Spf.Result == SpfResult.Pass && r.SpfAlignment.Aligned) && !(r.Dkim.Any(k => k.Valid) && r.DkimAlignment.Aligned);
        if (dmarcFails || r.Findings.Any(f => f.Severity == FindingSeverity.Error)) return SenderAuthorizationVerdict.Fail;
        return r.Findings.Length > 0 ? SenderAuthorizationVerdict.Warning : SenderAuthorizationVerdict.Pass;
    }
}
