namespace RelayTools.Core.Exchange;

/// <summary>A Receive connector a connection could use, the binding and remote range it matched by, and why it won or lost.</summary>
public sealed class ExchangeConnectorMatch
{
    /// <summary>The connector's identity.</summary>
    public string Connector { get; set; } = "";

    /// <summary>The binding the connection reached (empty when none).</summary>
    public string Binding { get; set; } = "";

    /// <summary>The RemoteIPRanges entry that matched the client (empty when none).</summary>
    public string RemoteIPRange { get; set; } = "";

    /// <summary>Why it matched, or why it lost or was not considered.</summary>
    public string Reason { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Connector + ": " + Reason;
}
