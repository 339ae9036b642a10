namespace RelayTools.Core.Exchange;

/// <summary>
/// The transport service a Receive connector belongs to (its TransportRole), as "Receive connectors in Exchange Server"
/// (learn.microsoft.com exchange/mail-flow/connectors/receive-connectors) describes them.
/// </summary>
public enum ExchangeTransportRole
{
    /// <summary>The Front End Transport service: the connectors clients and other servers reach (25, 587, 717).</summary>
    FrontendTransport,
    /// <summary>The Transport service: connectors for other transport services and Exchange servers (2525, 465).</summary>
    HubTransport,
}
