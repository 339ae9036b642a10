namespace RelayTools.Core.Dns.Spf;

/// <summary>The qualifier in front of a mechanism (RFC 7208 4.6.2): the result the mechanism gives when it matches.</summary>
public enum SpfQualifier
{
    /// <summary>"+" (also the default when no qualifier is written): pass.</summary>
    Pass,

    /// <summary>"-": fail.</summary>
    Fail,

    /// <summary>"~": softfail.</summary>
    SoftFail,

    /// <summary>"?": neutral.</summary>
    Neutral,
}
