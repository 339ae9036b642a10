namespace RelayTools.Core.Exchange;

/// <summary>The DomainType of an accepted domain, as "Accepted domains in Exchange Server" (exchange/mail-flow/accepted-domains/accepted-domains) lists them.</summary>
public enum ExchangeAcceptedDomainType
{
    /// <summary>Every recipient of the domain is in the organization; mail for unknown recipients is refused.</summary>
    Authoritative,
    /// <summary>Some recipients are in the organization; mail for the others is relayed onward.</summary>
    InternalRelay,
    /// <summary>No recipient is in the organization; the mail is accepted and relayed onward.</summary>
    ExternalRelay,
}
