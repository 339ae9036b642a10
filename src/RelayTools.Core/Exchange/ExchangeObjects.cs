namespace RelayTools.Core.Exchange;

/// <summary>The Exchange objects read from exported property bags, with what could not be read.</summary>
public sealed class ExchangeObjects
{
    /// <summary>The Receive connectors.</summary>
    public ExchangeReceiveConnector[] Connectors { get; set; } = [];

    /// <summary>The accepted domains.</summary>
    public ExchangeAcceptedDomain[] Domains { get; set; } = [];

    /// <summary>The Receive connector permissions.</summary>
    public ExchangePermission[] Permissions { get; set; } = [];

    /// <summary>One line per value that could not be read, naming the object and the field.</summary>
    public string[] Notes { get; set; } = [];
}
