namespace RelayTools.Core.Dns.ReverseDns;

/// <summary>How the reverse DNS of an address stands, as receivers check it (forward-confirmed reverse DNS, FCrDNS).</summary>
public enum ReverseDnsStatus
{
    /// <summary>A PTR name whose A/AAAA records include the address.</summary>
    Confirmed,

    /// <summary>PTR names, but none of them resolves back to the address.</summary>
    NotConfirmed,

    /// <summary>No PTR record (NXDOMAIN or no data).</summary>
    NoPtr,

    /// <summary>A lookup timed out or failed, so nothing is confirmed yet; receivers defer.</summary>
    TempError,
}
