using System.Collections.Generic;

namespace RelayTools.Core.Dns;

/// <summary>The answer to one DNS lookup: how it ended, the records, and which server was asked.</summary>
public sealed class DnsAnswer<T>
{
    /// <summary>How the lookup ended.</summary>
    public DnsLookupStatus Status { get; set; }

    /// <summary>The records of the type asked (empty unless Status is NoError).</summary>
    public IReadOnlyList<T> Records { get; set; } = [];

    /// <summary>The server that was asked (address:port), for messages such as "timeout asking 127.0.0.1:5353".</summary>
    public string Server { get; set; } = "";

    /// <summary>What went wrong, in a few words (the response code, the timeout); empty for NoError and NameError.</summary>
    public string Error { get; set; } = "";

    /// <summary>True for NXDOMAIN or no records: what RFC 7208 4.6.4 counts as a void lookup.</summary>
    public bool IsVoid => Status == DnsLookupStatus.NameError || (Status == DnsLookupStatus.NoError && Records.Count == 0);

    /// <summary>True for a server failure or a timeout: RFC 7208's temperror.</summary>
    public bool IsTemporaryFailure => Status is DnsLookupStatus.ServerFailure or DnsLookupStatus.Timeout;
}
