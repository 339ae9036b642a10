namespace RelayTools.Core.Dns.Spf;

/// <summary>What <see cref="SpfRecordParser.Parse"/> made of a record: the record, or the term at fault and why.</summary>
public sealed class SpfParseResult
{
    /// <summary>The parsed record; null when the text has a syntax error.</summary>
    public SpfRecord? Record { get; set; }

    /// <summary>The term at fault, as written (empty when the fault is not in one term, e.g. no "v=spf1").</summary>
    public string Term { get; set; } = "";

    /// <summary>What is wrong, citing RFC 7208; empty when the record parsed.</summary>
    public string Error { get; set; } = "";

    /// <summary>True when the record parsed.</summary>
    public bool IsValid => Record != null;
}
