using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace RelayTools.Core.Dns.Dmarc;

/// <summary>
/// Finds the DMARC record that governs a From domain (RFC 7489 6.6.3): TXT at _dmarc.&lt;domain&gt;, keeping only
/// records that start with v=DMARC1; if none, TXT at _dmarc.&lt;organizational domain&gt;; several records or none
/// mean no DMARC. Then reads it, works out the policy for the domain, what alignment needs, and what to publish.
/// </summary>
public sealed class DmarcPolicyDiscovery
{
    private readonly IDnsResolver _resolver;
    private readonly PublicSuffixList _suffixes;

    /// <summary>Discovery over <paramref name="resolver"/>, with organizational domains from <paramref name="suffixes"/> (default: the built-in subset).</summary>
    public DmarcPolicyDiscovery(IDnsResolver resolver, PublicSuffixList? suffixes = null)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _suffixes = suffixes ?? PublicSuffixList.Builtin;
    }

    /// <summary>Discovers and reads the DMARC record for <paramref name="domain"/> (a domain or an address whose domain is taken).</summary>
    public DmarcCheckResult Discover(string domain, CancellationToken cancellationToken = default)
    {
        string value = (domain ?? "").Trim();
        int at = value.LastIndexOf('@');
        string name = DomainNameText.Normalize(at >= 0 ? value.Substring(at + 1) : value);
        var result = new DmarcCheckResult { Domain = name, OrganizationalDomain = _suffixes.GetOrganizationalDomain(name) };
        var problems = new List<string>();
        var notes = new List<string>();
        var lookups = new List<string>();
        try
        {
            Run(result, problems, notes, lookups, cancellationToken);
        }
        finally
        {
            result.Problems = problems.ToArray();
            result.Notes = notes.ToArray();
            result.Lookups = lookups.ToArray();
        }
        return result;
    }

    private void Run(DmarcCheckResult result, List<string> problems, List<string> notes, List<string> lookups, CancellationToken cancellationToken)
    {
        string domain = result.Domain;
        string organization = result.OrganizationalDomain;
        if (!DomainNameText.IsValidName(domain))
        {
            problems.Add($"'{domain}' is not a domain name");
            result.Status = DmarcRecordStatus.NotFound;
            return;
        }
        if (_suffixes.IsPublicSuffix(domain))
        {
            notes.Add($"{domain} is a public suffix, not an organization's domain (RFC 7489 3.2)");
        }
        else if (_suffixes.IsBuiltinSubset && organization != domain)
        {
            notes.Add($"organizational domain {organization} taken from RelayTools' built-in partial public suffix list, not the full list");
        }

        // Steps 1-2: the From domain itself.
        string recordDomain = domain;
        if (!TryLookup(domain, lookups, problems, notes, out List<string> records, cancellationToken))
        {
            result.Status = DmarcRecordStatus.TempError;
            return;
        }
        // Steps 3-4: the organizational domain, only when the first set is empty.
        if (records.Count == 0 && organization != domain)
        {
            recordDomain = organization;
            if (!TryLookup(organization, lookups, problems, notes, out records, cancellationToken))
            {
                result.Status = DmarcRecordStatus.TempError;
                return;
            }
        }

        // Step 5: none or several records end discovery.
        if (records.Count == 0)
        {
            result.Status = DmarcRecordStatus.NotFound;
            problems.Add(organization == domain
                ? $"no DMARC record at _dmarc.{domain}: receivers apply no DMARC policy"
                : $"no DMARC record at _dmarc.{domain} nor at _dmarc.{organization}: receivers apply no DMARC policy");
            result.SuggestedRecord = DmarcRecordSuggestion.Starting(organization);
            result.SuggestedRecordName = "_dmarc." + organization;
            notes.Add("start with p=none and read the aggregate reports; move to p=quarantine, then p=reject, once all your mail passes aligned SPF or DKIM");
            Explain(result, usable: false);
            return;
        }
        result.RecordDomain = recordDomain;
        result.Records = records.ToArray();
        if (records.Count > 1)
        {
            result.Status = DmarcRecordStatus.Multiple;
            problems.Add($"{records.Count} DMARC records at _dmarc.{recordDomain}: with more than one, receivers apply no DMARC policy (RFC 7489 6.6.3 step 5); keep one");
            DmarcRecord keep = records.Select(DmarcRecordParser.Parse).FirstOrDefault(r => r.IsUsable) ?? DmarcRecordParser.Parse(records[0]);
            result.SuggestedRecord = DmarcRecordSuggestion.Repair(keep, organization);
            result.SuggestedRecordName = "_dmarc." + recordDomain;
            Explain(result, usable: false);
            return;
        }

        // Step 6: read the one record.
        result.Found = true;
        result.Record = records[0];
        DmarcRecord record = DmarcRecordParser.Parse(records[0]);
        problems.AddRange(record.Problems);
        notes.AddRange(record.Notes);
        result.Policy = record.Policy;
        result.SubdomainPolicy = record.SubdomainPolicy;
        result.AdkimMode = record.DkimAlignment;
        result.AspfMode = record.SpfAlignment;
        result.Pct = record.Percent;
        result.Rua = record.AggregateReportUris;
        result.Ruf = record.FailureReportUris;
        result.Status = record.IsUsable ? DmarcRecordStatus.Found : DmarcRecordStatus.Unusable;
        if (record.IsUsable)
        {
            result.EffectivePolicy = recordDomain == domain ? record.Policy : record.SubdomainPolicy;
            if (recordDomain != domain)
            {
                notes.Add($"no record at _dmarc.{domain}: the record of the organizational domain {organization} applies, with its "
                    + (record.HasSubdomainPolicy ? "sp=" : "p= (there is no sp=)") + " policy (RFC 7489 6.6.3 step 3)");
            }
            else if (record.HasSubdomainPolicy && organization == domain)
            {
                notes.Add($"subdomains of {domain} without their own record get sp={Keyword(record.SubdomainPolicy)}");
            }
            if (result.EffectivePolicy == DmarcPolicy.None)
            {
                notes.Add("p=none: failing mail is delivered as usual; the policy only asks for reports");
            }
            if (record.AggregateReportUris.Length == 0)
            {
                notes.Add("no rua=: nobody receives the aggregate reports that show which senders fail");
            }
            CheckReportDestinations(record, recordDomain, lookups, notes, cancellationToken);
        }
        if (record.Problems.Length > 0 || !record.IsUsable)
        {
            result.SuggestedRecord = DmarcRecordSuggestion.Repair(record, organization);
            result.SuggestedRecordName = "_dmarc." + recordDomain;
        }
        Explain(result, record.IsUsable);
    }

    /// <summary>TXT at _dmarc.&lt;domain&gt;, keeping the v=DMARC1 records; false on a temporary failure (with the problem noted).</summary>
    private bool TryLookup(string domain, List<string> lookups, List<string> problems, List<string> notes, out List<string> records, CancellationToken cancellationToken)
    {
        string name = "_dmarc." + domain;
        lookups.Add(name);
        DnsAnswer<string> answer = _resolver.Txt(name, cancellationToken);
        records = [];
        if (answer.IsTemporaryFailure)
        {
            string how = answer.Status == DnsLookupStatus.Timeout ? "timeout" : "server failure";
            problems.Add($"TXT {name}: {how} asking {Server(answer)}{(answer.Error.Length > 0 ? " (" + answer.Error + ")" : "")}; "
                + "receivers meeting this defer or skip DMARC (temperror); check the domain's name servers");
            return false;
        }
        foreach (string text in answer.Records)
        {
            if (DmarcRecordParser.StartsWithDmarcVersion(text))
            {
                records.Add(text);
            }
            else
            {
                notes.Add($"TXT at {name} ignored: it does not start with v=DMARC1 (RFC 7489 6.6.3 step 2): \"{text}\"");
            }
        }
        return true;
    }

    /// <summary>RFC 7489 7.1: reports to another organization's domain are sent only if that domain authorizes them.</summary>
    private void CheckReportDestinations(DmarcRecord record, string recordDomain, List<string> lookups, List<string> notes, CancellationToken cancellationToken)
    {
        string organization = _suffixes.GetOrganizationalDomain(recordDomain);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string uri in record.AggregateReportUris.Concat(record.FailureReportUris))
        {
            string target = DmarcRecordParser.MailtoDomain(uri);
            if (target.Length == 0 || _suffixes.GetOrganizationalDomain(target) == organization || !seen.Add(target))
            {
                continue;
            }
            string name = $"{recordDomain}._report._dmarc.{target}";
            lookups.Add(name);
            DnsAnswer<string> answer = _resolver.Txt(name, cancellationToken);
            if (answer.IsTemporaryFailure)
            {
                notes.Add($"could not check that {target} accepts reports for {recordDomain}: TXT {name} failed asking {Server(answer)}");
            }
            else if (!answer.Records.Any(DmarcRecordParser.StartsWithDmarcVersion))
            {
                notes.Add($"reports go to {target}, another organization, which does not publish TXT {name} \"v=DMARC1\": receivers will not send it reports (RFC 7489 7.1)");
            }
        }
    }

    private void Explain(DmarcCheckResult result, bool usable)
    {
        if (!usable)
        {
            result.SpfAlignment = "no DMARC policy applies, so receivers do not check SPF alignment for " + result.Domain;
            result.DkimAlignment = "no DMARC policy applies, so receivers do not check DKIM alignment for " + result.Domain;
            return;
        }
        result.SpfAlignment = DmarcAlignment.ExplainSpf(result.Domain, result.AspfMode, _suffixes);
        result.DkimAlignment = DmarcAlignment.ExplainDkim(result.Domain, result.AdkimMode, _suffixes);
    }

    private static string Server(DnsAnswer<string> answer) => answer.Server.Length > 0 ? answer.Server : "the DNS server";

    private static string Keyword(DmarcPolicy policy) => policy.ToString().ToLowerInvariant();
}
