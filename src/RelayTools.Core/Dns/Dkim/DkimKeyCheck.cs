using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace RelayTools.Core.Dns.Dkim;

/// <summary>
/// Looks up the key record of a DKIM selector (TXT at &lt;selector&gt;._domainkey.&lt;domain&gt;, RFC 6376 3.6.2.1) and says
/// whether signatures made with it can verify. Records starting with a v= other than DKIM1 are discarded (3.6.1);
/// several records leave the choice to each verifier (6.1.2), so they are reported.
/// </summary>
public sealed class DkimKeyCheck
{
    private readonly IDnsResolver _resolver;

    /// <summary>A check over <paramref name="resolver"/>.</summary>
    public DkimKeyCheck(IDnsResolver resolver)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
    }

    /// <summary>Checks the key that <paramref name="selector"/> publishes for <paramref name="domain"/>.</summary>
    public DkimKeyCheckResult Check(string selector, string domain, CancellationToken cancellationToken = default)
    {
        string sel = DomainNameText.Normalize(selector);
        string dom = DomainNameText.Normalize(domain);
        string name = $"{sel}._domainkey.{dom}";
        var result = new DkimKeyCheckResult { Selector = sel, Domain = dom, Name = name };
        var problems = new List<string>();
        var notes = new List<string>();
        try
        {
            Run(result, problems, notes, cancellationToken);
        }
        finally
        {
            result.Problems = problems.ToArray();
            result.Notes = notes.ToArray();
        }
        return result;
    }

    private void Run(DkimKeyCheckResult result, List<string> problems, List<string> notes, CancellationToken cancellationToken)
    {
        // RFC 6376 3.1: the selector is one or more labels, as the domain is.
        if (result.Selector.Length == 0 || !DomainNameText.IsValidName(result.Selector) || !DomainNameText.IsValidName(result.Domain))
        {
            problems.Add($"'{result.Selector}' and '{result.Domain}' must be a selector and a domain name (RFC 6376 3.1)");
            result.Status = DkimKeyStatus.NotFound;
            return;
        }

        DnsAnswer<string> answer = _resolver.Txt(result.Name, cancellationToken);
        if (answer.IsTemporaryFailure)
        {
            string server = answer.Server.Length > 0 ? answer.Server : "the DNS server";
            string how = answer.Status == DnsLookupStatus.Timeout ? "timeout" : "server failure";
            problems.Add($"TXT {result.Name}: {how} asking {server}{(answer.Error.Length > 0 ? " (" + answer.Error + ")" : "")}; verifiers give a temporary error (RFC 6376 6.1.2)");
            result.Status = DkimKeyStatus.TempError;
            return;
        }

        foreach (string discarded in answer.Records.Where(DkimKeyRecordParser.HasOtherVersion))
        {
            notes.Add($"TXT at {result.Name} ignored: its v= is not DKIM1 (RFC 6376 3.6.1): \"{discarded}\"");
        }
        string[] records = answer.Records.Where(r => !DkimKeyRecordParser.HasOtherVersion(r)).ToArray();
        result.Records = records;
        if (records.Length == 0)
        {
            result.Status = DkimKeyStatus.NotFound;
            problems.Add(answer.Status == DnsLookupStatus.NameError
                ? $"no key record: {result.Name} does not exist; signatures with s={result.Selector} d={result.Domain} fail (permerror, RFC 6376 6.1.2)"
                : $"no key record at {result.Name}; signatures with s={result.Selector} d={result.Domain} fail (permerror, RFC 6376 6.1.2)");
            result.SuggestedRecord = DkimRecordSuggestion.Template();
            result.SuggestedRecordName = result.Name;
            notes.Add("publish the public key from your signing software (OpenDKIM, Exchange or a provider's console) as one TXT record; a 2048-bit key is longer than 255 characters and goes in as several quoted strings of that record");
            return;
        }

        DkimKeyRecord record = DkimKeyRecordParser.Parse(records[0]);
        result.Found = true;
        result.Record = records[0];
        result.KeyType = record.KeyType;
        result.KeyBits = record.KeyBits;
        result.Revoked = record.Revoked;
        result.Testing = record.Testing;
        result.StrictSubdomains = record.StrictSubdomains;
        result.HashAlgorithms = record.HashAlgorithms;
        problems.AddRange(record.Problems);
        notes.AddRange(record.Notes);
        bool valid = record.Valid;
        if (records.Length > 1)
        {
            valid = false;
            problems.Add($"{records.Length} key records at {result.Name}: each verifier picks one or tries them in turn (RFC 6376 6.1.2); keep one");
        }
        result.Valid = valid;
        result.Status = record.Revoked ? DkimKeyStatus.Revoked : valid ? DkimKeyStatus.Valid : DkimKeyStatus.Invalid;
        if (record.Revoked)
        {
            result.SuggestedRecord = DkimRecordSuggestion.Template(record.KeyType);
            result.SuggestedRecordName = result.Name;
            notes.Add($"if you still sign with s={result.Selector}, publish the current public key here, or sign with a selector whose key is published");
        }
        else if (!valid)
        {
            result.SuggestedRecord = DkimRecordSuggestion.Repair(record);
            result.SuggestedRecordName = result.Name;
        }
    }
}
