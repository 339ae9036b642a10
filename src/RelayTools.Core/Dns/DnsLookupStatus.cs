namespace RelayTools.Core.Dns;

/// <summary>How a DNS lookup ended.</summary>
public enum DnsLookupStatus
{
    /// <summary>The name exists; Records holds the records of the type asked (none: "no data", a void lookup in SPF terms).</summary>
    NoError,

    /// <summary>NXDOMAIN: the name does not exist (also a void lookup in SPF terms).</summary>
    NameError,

    /// <summary>The server answered with an error (SERVFAIL, REFUSED...) or an answer that could not be read.</summary>
    ServerFailure,

    /// <summary>The server did not answer within the timeout.</summary>
    Timeout,
}
