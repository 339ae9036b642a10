using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Dns.Dmarc;

/// <summary>
/// The DMARC record text to publish: a starting record when there is none, or the current record with v=DMARC1
/// moved first, broken values replaced or dropped and unknown tags left out, so what the owner meant is kept.
/// </summary>
internal static class DmarcRecordSuggestion
{
    /// <summary>A first record: monitoring only, aggregate reports to dmarc@ the organizational domain.</summary>
    public static string Starting(string organizationalDomain) => $"v=DMARC1; p=none; rua=mailto:dmarc@{organizationalDomain}";

    /// <summary>The current record repaired; equal to the normalized current record when nothing was broken.</summary>
    public static string Repair(DmarcRecord record, string organizationalDomain)
    {
        var tags = new List<string> { "v=DMARC1" };
        string? p = DmarcRecordParser.Value(record, "p");
        tags.Add("p=" + (p is not null && DmarcRecordParser.TryPolicy(p, out DmarcPolicy policy) ? Keyword(policy) : "none"));
        string? sp = DmarcRecordParser.Value(record, "sp");
        if (sp is not null && DmarcRecordParser.TryPolicy(sp, out DmarcPolicy subdomainPolicy))
        {
            tags.Add("sp=" + Keyword(subdomainPolicy));
        }
        foreach (string mode in new[] { "adkim", "aspf" })
        {
            string? value = DmarcRecordParser.Value(record, mode)?.ToLowerInvariant();
            if (value is "r" or "s")
            {
                tags.Add($"{mode}={value}");
            }
        }
        string? pct = DmarcRecordParser.Value(record, "pct");
        if (pct is not null && record.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture) == pct && record.Percent < 100)
        {
            tags.Add("pct=" + pct);
        }
        string[] rua = RepairUris(record.AggregateReportUris);
        if (rua.Length == 0 && !record.IsUsable)
        {
            rua = [$"mailto:dmarc@{organizationalDomain}"];
        }
        if (rua.Length > 0)
        {
            tags.Add("rua=" + string.Join(",", rua));
        }
        string[] ruf = RepairUris(record.FailureReportUris);
        if (ruf.Length > 0)
        {
            tags.Add("ruf=" + string.Join(",", ruf));
            string? fo = DmarcRecordParser.Value(record, "fo");
            if (fo is not null && record.FailureOptions != "0" && !record.Problems.Any(x => x.StartsWith("fo=", StringComparison.Ordinal)))
            {
                tags.Add("fo=" + record.FailureOptions);
            }
        }
        string? ri = DmarcRecordParser.Value(record, "ri");
        if (ri is not null && !record.Problems.Any(x => x.StartsWith("ri=", StringComparison.Ordinal)) && record.ReportInterval != 86400)
        {
            tags.Add("ri=" + ri);
        }
        return string.Join("; ", tags);
    }

    private static string[] RepairUris(string[] uris)
        => uris.Select(u => DmarcRecordParser.UriProblem(u) is null ? u
                : u.IndexOf(':') < 0 && u.IndexOf('@') > 0 && DmarcRecordParser.UriProblem("mailto:" + u) is null ? "mailto:" + u
                : "")
            .Where(u => u.Length > 0)
            .ToArray();

    private static string Keyword(DmarcPolicy policy) => policy.ToString().ToLowerInvariant();
}
