namespace RelayTools.Core.Dns.Spf;

/// <summary>The result of check_host() (RFC 7208 2.6).</summary>
public enum SpfResult
{
    /// <summary>The address is authorized to send for the domain (2.6.3).</summary>
    Pass,

    /// <summary>The domain says the address is not authorized (2.6.4).</summary>
    Fail,

    /// <summary>The domain says the address is probably not authorized, without a strong policy (2.6.5).</summary>
    SoftFail,

    /// <summary>The domain makes no statement about the address (2.6.2); also the default when nothing matches (4.7).</summary>
    Neutral,

    /// <summary>No SPF record, or no valid domain to look one up for (2.6.1, 4.3).</summary>
    None,

    /// <summary>The published records could not be interpreted: a syntax error, a limit exceeded (2.6.7).</summary>
    PermError,

    /// <summary>A transient DNS error (timeout, server failure) stopped the check (2.6.6).</summary>
    TempError,
}
