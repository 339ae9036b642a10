using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Dns.Spf;

/// <summary>Which of a domain's TXT records is its SPF record (RFC 7208 4.5).</summary>
public sealed class SpfRecordSelection
{
    /// <summary>The TXT records that are SPF version 1 records (exactly one for a usable record).</summary>
    public string[] SpfRecords { get; set; } = [];

    /// <summary>The one SPF record, or null when there is none or more than one.</summary>
    public string? Record => SpfRecords.Length == 1 ? SpfRecords[0] : null;

    /// <summary>True when several records start with "v=spf1": a permerror (4.5).</summary>
    public bool HasMultiple => SpfRecords.Length > 1;

    /// <summary>
    /// Keeps the TXT records that start with "v=spf1" (followed by a space or the end, any case); every other TXT
    /// record is none of SPF's business, whatever it holds (4.5, the suite's non-ascii-non-spf).
    /// </summary>
    public static SpfRecordSelection From(IEnumerable<string> txtRecords) =>
        new() { SpfRecords = txtRecords.Where(SpfRecordParser.IsSpfRecord).ToArray() };
}
