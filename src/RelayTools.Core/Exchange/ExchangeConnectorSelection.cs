namespace RelayTools.Core.Exchange;

/// <summary>Which Receive connector takes a connection, and which others matched but lost.</summary>
public sealed class ExchangeConnectorSelection
{
    /// <summary>The connector that takes the connection; null when none does (the client is refused at connect).</summary>
    public ExchangeReceiveConnector? Connector { get; set; }

    /// <summary>Why it was chosen: the binding and the most specific RemoteIPRanges entry.</summary>
    public string MatchReason { get; set; } = "";

    /// <summary>The binding the connection reached.</summary>
    public string Binding { get; set; } = "";

    /// <summary>The RemoteIPRanges entry that matched.</summary>
    public string RemoteIPRange { get; set; } = "";

    /// <summary>Connectors that matched the connection but lost to a more specific one (or were disabled, or of the other service), with why.</summary>
    public ExchangeConnectorMatch[] LosingConnectors { get; set; } = [];

    /// <summary>What the selection could not settle (two connectors equally specific, no server address...).</summary>
    public string[] Notes { get; set; } = [];
}
