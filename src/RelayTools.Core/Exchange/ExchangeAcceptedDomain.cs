using System;

namespace RelayTools.Core.Exchange;

/// <summary>An accepted domain as Get-AcceptedDomain exports it ("Accepted domains in Exchange Server", exchange/mail-flow/accepted-domains/accepted-domains).</summary>
public sealed class ExchangeAcceptedDomain
{
    /// <summary>The accepted domain's name (Name), for commands.</summary>
    public string Name { get; set; } = "";

    /// <summary>The domain, for example <c>contoso.com</c>, or <c>*.contoso.com</c> for the domain's subdomains.</summary>
    public string DomainName { get; set; } = "";

    /// <summary>Authoritative, InternalRelay or ExternalRelay.</summary>
    public ExchangeAcceptedDomainType DomainType { get; set; }

    /// <summary>Where the object came from.</summary>
    public string Origin { get; set; } = "";

    /// <summary>True when the DomainName is a wildcard (<c>*.contoso.com</c> or <c>*</c>).</summary>
    public bool IsWildcard => DomainName.StartsWith("*", StringComparison.Ordinal);

    /// <summary>
    /// True when mail for <paramref name="domain"/> is in this accepted domain: the same name, or for <c>*.contoso.com</c>
    /// contoso.com and any of its subdomains (the New-AcceptedDomain reference: a wildcard specifies all subdomains),
    /// and for <c>*</c> every domain.
    /// </summary>
    public bool Matches(string domain)
    {
        var d = (domain ?? "").Trim().TrimEnd('.');
        var name = DomainName.Trim().TrimEnd('.');
        if (d.Length == 0 || name.Length == 0) return false;
        if (name == "*") return true;
        if (name.StartsWith("*.", StringComparison.Ordinal))
        {
            var parent = name.Substring(2);
            return string.Equals(d, parent, StringComparison.OrdinalIgnoreCase) || d.EndsWith("." + parent, StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(d, name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>How specific the match is: longer names win, and an exact name beats a wildcard of the same name.</summary>
    public int Specificity => DomainName.TrimStart('*', '.').Length * 2 + (IsWildcard ? 0 : 1);

    /// <inheritdoc />
    public override string ToString() => DomainName + " (" + DomainType + ")";
}
