using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RelayTools.Core.Dns.Dmarc;

/// <summary>
/// Reads a DMARC record (RFC 7489 6.3 tags, 6.4 syntax): "tag=value" pairs separated by semicolons, v=DMARC1 first,
/// tag names and keyword values case-insensitive. Unknown tags are ignored (6.3); each syntax problem names its tag.
/// </summary>
public static class DmarcRecordParser
{
    private static readonly string[] KnownTags = ["v", "p", "sp", "adkim", "aspf", "pct", "rua", "ruf", "fo", "rf", "ri"];

    /// <summary>True when <paramref name="text"/> starts with a v=DMARC1 tag: the records policy discovery keeps (RFC 7489 6.6.3 step 2).</summary>
    public static bool StartsWithDmarcVersion(string text)
    {
        string first = (text ?? "").Split(';')[0];
        int equals = first.IndexOf('=');
        return equals > 0
            && first.Substring(0, equals).Trim().Equals("v", StringComparison.OrdinalIgnoreCase)
            && first.Substring(equals + 1).Trim().Equals("DMARC1", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads <paramref name="text"/>; never throws: what cannot be read is in <see cref="DmarcRecord.Problems"/>.</summary>
    public static DmarcRecord Parse(string text)
    {
        var record = new DmarcRecord { Text = text ?? "" };
        var problems = new List<string>();
        var notes = new List<string>();

        bool first = true;
        foreach (string rawPart in record.Text.Split(';'))
        {
            string part = rawPart.Trim();
            if (part.Length == 0)
            {
                continue; // A trailing or doubled ";" is allowed (6.4: dmarc-sep).
            }
            int equals = part.IndexOf('=');
            if (equals <= 0)
            {
                problems.Add($"'{part}' is not a tag=value pair (RFC 7489 6.4)");
                first = false;
                continue;
            }
            string name = part.Substring(0, equals).Trim().ToLowerInvariant();
            string value = part.Substring(equals + 1).Trim();
            if (first)
            {
                first = false;
                if (name == "v" && value.Equals("DMARC1", StringComparison.OrdinalIgnoreCase))
                {
                    record.IsDmarc = true;
                    if (value != "DMARC1")
                    {
                        notes.Add($"v={value}: the version is written DMARC1 (RFC 7489 6.4); some receivers compare it exactly");
                    }
                }
                else if (name == "v")
                {
                    problems.Add($"v={value}: the version must be DMARC1 (RFC 7489 6.3)");
                }
            }
            if (name == "v" && !record.IsDmarc && record.Tags.Count > 0 && value.Equals("DMARC1", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add("v=DMARC1 must be the first tag (RFC 7489 6.3): receivers discard this record");
            }
            if (record.Tags.Any(t => t.Key == name))
            {
                problems.Add($"{name}= is given twice; only the first ({name}={record.Tags.First(t => t.Key == name).Value}) is used here, receivers may differ");
                continue;
            }
            record.Tags.Add(new KeyValuePair<string, string>(name, value));
            if (!KnownTags.Contains(name))
            {
                notes.Add($"{name}= is not a DMARC tag and is ignored (RFC 7489 6.3)");
            }
        }
        if (!record.IsDmarc && !problems.Any(p => p.StartsWith("v=", StringComparison.Ordinal)))
        {
            problems.Add("the record does not start with v=DMARC1 (RFC 7489 6.3): receivers discard it");
        }

        ReadTags(record, problems, notes);
        record.Problems = problems.ToArray();
        record.Notes = notes.ToArray();
        return record;
    }

    private static void ReadTags(DmarcRecord record, List<string> problems, List<string> notes)
    {
        string? p = Value(record, "p");
        if (p is null)
        {
            problems.Add("p= is missing: it is required (RFC 7489 6.3); write p=none to start by only collecting reports");
        }
        else if (TryPolicy(p, out DmarcPolicy policy))
        {
            record.Policy = policy;
            record.HasValidPolicy = true;
        }
        else
        {
            problems.Add($"p={p}: the policy must be none, quarantine or reject (RFC 7489 6.3)");
        }

        string? sp = Value(record, "sp");
        record.SubdomainPolicy = record.Policy;
        if (sp is not null)
        {
            record.HasSubdomainPolicy = true;
            if (TryPolicy(sp, out DmarcPolicy subdomainPolicy))
            {
                record.SubdomainPolicy = subdomainPolicy;
            }
            else
            {
                record.SubdomainPolicyValid = false;
                problems.Add($"sp={sp}: the subdomain policy must be none, quarantine or reject (RFC 7489 6.3)");
            }
        }

        record.DkimAlignment = ReadMode(record, "adkim", problems);
        record.SpfAlignment = ReadMode(record, "aspf", problems);

        string? pct = Value(record, "pct");
        if (pct is not null)
        {
            if (int.TryParse(pct, NumberStyles.None, CultureInfo.InvariantCulture, out int percent) && percent <= 100)
            {
                record.Percent = percent;
                if (percent < 100)
                {
                    notes.Add($"pct={percent}: the policy is applied to {percent}% of failing mail; the rest is treated one step milder (quarantine as none, reject as quarantine; RFC 7489 6.6.4)");
                }
            }
            else
            {
                problems.Add($"pct={pct}: must be a whole number from 0 to 100 (RFC 7489 6.3); receivers use 100");
            }
        }

        record.AggregateReportUris = ReadUris(record, "rua", problems, out bool validRua);
        record.HasValidAggregateReportUri = validRua;
        record.FailureReportUris = ReadUris(record, "ruf", problems, out _);

        string? fo = Value(record, "fo");
        if (fo is not null)
        {
            string[] options = fo.Split(':').Select(o => o.Trim()).ToArray();
            string[] wrong = options.Where(o => o is not ("0" or "1" or "d" or "s")).ToArray();
            if (wrong.Length > 0)
            {
                problems.Add($"fo={fo}: the failure options are 0, 1, d or s, separated by colons (RFC 7489 6.3)");
            }
            else
            {
                record.FailureOptions = string.Join(":", options);
            }
            if (record.FailureReportUris.Length == 0)
            {
                notes.Add("fo= has no effect without ruf= (RFC 7489 6.3)");
            }
        }

        string? rf = Value(record, "rf");
        if (rf is not null)
        {
            string[] formats = rf.Split(':').Select(f => f.Trim().ToLowerInvariant()).ToArray();
            if (formats.Any(f => f != "afrf"))
            {
                problems.Add($"rf={rf}: the only registered report format is afrf (RFC 7489 6.3)");
            }
            else
            {
                record.ReportFormat = string.Join(":", formats);
            }
        }

        string? ri = Value(record, "ri");
        if (ri is not null)
        {
            if (uint.TryParse(ri, NumberStyles.None, CultureInfo.InvariantCulture, out uint interval))
            {
                record.ReportInterval = interval;
            }
            else
            {
                problems.Add($"ri={ri}: the report interval is a number of seconds (RFC 7489 6.3); receivers use 86400");
            }
        }

        // RFC 7489 6.6.3 step 6: no valid p (or an invalid sp) still counts as p=none when a valid rua is present.
        bool policyUsable = record.HasValidPolicy && record.SubdomainPolicyValid;
        record.IsUsable = record.IsDmarc && (policyUsable || record.HasValidAggregateReportUri);
        if (record.IsDmarc && !policyUsable)
        {
            if (record.HasValidAggregateReportUri)
            {
                record.Policy = DmarcPolicy.None;
                record.SubdomainPolicy = DmarcPolicy.None;
                notes.Add("without a valid p= (or with an invalid sp=) receivers act as if the record said p=none, because rua= is valid (RFC 7489 6.6.3 step 6)");
            }
            else
            {
                record.Policy = DmarcPolicy.NotPublished;
                record.SubdomainPolicy = DmarcPolicy.NotPublished;
                notes.Add("without a valid p= (or with an invalid sp=) and without a valid rua=, receivers apply no DMARC at all (RFC 7489 6.6.3 step 6)");
            }
        }
    }

    internal static string? Value(DmarcRecord record, string name)
    {
        foreach (KeyValuePair<string, string> tag in record.Tags)
        {
            if (tag.Key == name)
            {
                return tag.Value;
            }
        }
        return null;
    }

    internal static bool TryPolicy(string value, out DmarcPolicy policy)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "none":
                policy = DmarcPolicy.None;
                return true;
            case "quarantine":
                policy = DmarcPolicy.Quarantine;
                return true;
            case "reject":
                policy = DmarcPolicy.Reject;
                return true;
            default:
                policy = DmarcPolicy.NotPublished;
                return false;
        }
    }

    private static DmarcAlignmentMode ReadMode(DmarcRecord record, string name, List<string> problems)
    {
        string? value = Value(record, name);
        switch (value?.ToLowerInvariant())
        {
            case null:
            case "r":
                return DmarcAlignmentMode.Relaxed;
            case "s":
                return DmarcAlignmentMode.Strict;
            default:
                problems.Add($"{name}={value}: must be r (relaxed) or s (strict) (RFC 7489 6.3); receivers use r");
                return DmarcAlignmentMode.Relaxed;
        }
    }

    private static string[] ReadUris(DmarcRecord record, string name, List<string> problems, out bool anyValid)
    {
        anyValid = false;
        string? value = Value(record, name);
        if (value is null)
        {
            return [];
        }
        string[] uris = value.Split(',').Select(u => u.Trim()).Where(u => u.Length > 0).ToArray();
        if (uris.Length == 0)
        {
            problems.Add($"{name}= is empty: give one or more mailto: URIs (RFC 7489 6.3)");
        }
        foreach (string uri in uris)
        {
            string? why = UriProblem(uri);
            if (why is null)
            {
                anyValid = true;
            }
            else
            {
                problems.Add($"{name}={uri}: {why}");
            }
        }
        return uris;
    }

    /// <summary>Why <paramref name="text"/> is not a DMARC URI (RFC 7489 6.4: URI ["!" size ["k"/"m"/"g"/"t"]]), or null.</summary>
    internal static string? UriProblem(string text)
    {
        string uri = text;
        int bang = text.LastIndexOf('!');
        if (bang >= 0)
        {
            string size = text.Substring(bang + 1);
            string digits = size.TrimEnd('k', 'm', 'g', 't', 'K', 'M', 'G', 'T');
            if (digits.Length == 0 || size.Length - digits.Length > 1 || !digits.All(char.IsDigit))
            {
                return $"'!{size}' is not a size limit such as !10m (RFC 7489 6.4)";
            }
            uri = text.Substring(0, bang);
        }
        if (uri.IndexOf(':') < 0)
        {
            return uri.IndexOf('@') > 0
                ? $"not a URI: write mailto:{uri} (RFC 7489 6.2)"
                : "not a URI such as mailto:dmarc@example.com (RFC 7489 6.2)";
        }
        if (!Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed))
        {
            return "not a valid URI (RFC 7489 6.2)";
        }
        if (parsed.Scheme == "mailto")
        {
            string address = uri.Substring("mailto:".Length);
            int at = address.LastIndexOf('@');
            if (at <= 0 || at == address.Length - 1)
            {
                return "a mailto: URI needs a full address, as in mailto:dmarc@example.com";
            }
        }
        return null;
    }

    /// <summary>The domain of a mailto: report URI, or empty (for RFC 7489 7.1's external destination check).</summary>
    internal static string MailtoDomain(string text)
    {
        string uri = text;
        int bang = uri.LastIndexOf('!');
        if (bang >= 0)
        {
            uri = uri.Substring(0, bang);
        }
        if (!uri.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }
        int at = uri.LastIndexOf('@');
        if (at < 0)
        {
            return "";
        }
        string domain = uri.Substring(at + 1);
        int query = domain.IndexOf('?');
        return DomainNameText.Normalize(query < 0 ? domain : domain.Substring(0, query));
    }
}
