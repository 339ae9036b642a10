using RelayTools.Core.Postfix;

namespace RelayTools.Core.Dns.SenderAuthorization;

/// <summary>One failing point, with the DNS record to publish that fixes it when one does.</summary>
public sealed class SenderAuthorizationFinding
{
    /// <summary>Spf, Dmarc, Dkim or ReverseDns.</summary>
    public string Check { get; set; } = "";

    /// <summary>Error (receivers refuse), Warning (receivers score or may refuse), Information.</summary>
    public FindingSeverity Severity { get; set; }

    /// <summary>What is wrong and what it does to the relay's mail.</summary>
    public string Message { get; set; } = "";

    /// <summary>The name of the record to publish (for example <c>corp.example</c> or <c>_dmarc.corp.example</c>); empty when no record fixes it.</summary>
    public string RecordName { get; set; } = "";

    /// <summary>TXT or PTR.</summary>
    public string RecordType { get; set; } = "";

    /// <summary>The record text to publish, built from the current record.</summary>
    public string Record { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Severity + " " + Check + ": " + Message;
}
