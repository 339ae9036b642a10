using System.Net;

namespace RelayTools.Core.Dns.Spf;

/// <summary>One directive of an SPF record: a qualifier and a mechanism with its arguments (RFC 7208 4.6.1, 5).</summary>
public sealed class SpfMechanism
{
    /// <summary>The term as written in the record, e.g. "-all" or "include:_spf.example.com".</summary>
    public string Text { get; set; } = "";

    /// <summary>The qualifier; Pass when none is written (4.6.2).</summary>
    public SpfQualifier Qualifier { get; set; }

    /// <summary>Which mechanism.</summary>
    public SpfMechanismKind Kind { get; set; }

    /// <summary>The domain-spec as written (macros unexpanded); empty when the mechanism uses the current domain.</summary>
    public string DomainSpec { get; set; } = "";

    /// <summary>For ip4 and ip6: the network address as written; empty otherwise.</summary>
    public string Network { get; set; } = "";

    /// <summary>The IPv4 prefix length (a, mx, ip4); 32 unless written.</summary>
    public int Ip4PrefixLength { get; set; } = 32;

    /// <summary>The IPv6 prefix length (a, mx, ip6); 128 unless written.</summary>
    public int Ip6PrefixLength { get; set; } = 128;

    /// <summary>True for the mechanisms that count against the 10-lookup limit (4.6.4): include, a, mx, ptr, exists.</summary>
    public bool CausesDnsLookup => Kind is SpfMechanismKind.Include or SpfMechanismKind.A or SpfMechanismKind.Mx
        or SpfMechanismKind.Ptr or SpfMechanismKind.Exists;

    /// <summary>The parsed network of ip4/ip6 (null for the other mechanisms).</summary>
    internal IPAddress? NetworkAddress { get; set; }

    /// <summary>The result this mechanism gives when it matches.</summary>
    public SpfResult ResultWhenMatched => Qualifier switch
    {
        SpfQualifier.Fail => SpfResult.Fail,
        SpfQualifier.SoftFail => SpfResult.SoftFail,
        SpfQualifier.Neutral => SpfResult.Neutral,
        _ => SpfResult.Pass,
    };

    /// <inheritdoc />
    public override string ToString() => Text;
}
