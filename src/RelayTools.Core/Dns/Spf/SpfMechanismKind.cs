namespace RelayTools.Core.Dns.Spf;

/// <summary>The mechanisms of RFC 7208 section 5.</summary>
public enum SpfMechanismKind
{
    /// <summary>"all" (5.1): always matches.</summary>
    All,

    /// <summary>"include:domain" (5.2): matches when the other domain's check_host() passes.</summary>
    Include,

    /// <summary>"a[:domain][/cidr4][//cidr6]" (5.3): the address is one of the domain's A/AAAA records.</summary>
    A,

    /// <summary>"mx[:domain][/cidr4][//cidr6]" (5.4): the address is one of the domain's mail exchangers.</summary>
    Mx,

    /// <summary>"ptr[:domain]" (5.5): the address's validated reverse name is in the domain. Discouraged.</summary>
    Ptr,

    /// <summary>"ip4:network[/cidr]" (5.6).</summary>
    Ip4,

    /// <summary>"ip6:network[/cidr]" (5.6).</summary>
    Ip6,

    /// <summary>"exists:domain" (5.7): the domain has an A record.</summary>
    Exists,
}
