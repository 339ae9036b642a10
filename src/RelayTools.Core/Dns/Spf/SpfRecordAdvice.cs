namespace RelayTools.Core.Dns.Spf;

/// <summary>The SPF record to publish so an address passes, built from the record the domain has now.</summary>
public sealed class SpfRecordAdvice
{
    /// <summary>The record the domain publishes now; empty when it has none.</summary>
    public string CurrentRecord { get; set; } = "";

    /// <summary>The record text to publish (the current one when nothing needs adding).</summary>
    public string RecordToPublish { get; set; } = "";

    /// <summary>The term added, e.g. "ip4:203.0.113.25"; empty when the record already lists the address.</summary>
    public string AddedTerm { get; set; } = "";

    /// <summary>True when <see cref="RecordToPublish"/> differs from <see cref="CurrentRecord"/>.</summary>
    public bool Changed { get; set; }

    /// <summary>What else to fix or know: +all / ?all, the 10-lookup limit, a syntax error, the 255-character string limit.</summary>
    public string[] Notes { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => RecordToPublish;
}
