using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Exchange;

/// <summary>What Exchange answers to one RCPT TO according to its exported Receive connectors, accepted domains and permissions, in the shape every what-if shares.</summary>
public sealed class ExchangeRelayResult : RelayWhatIfResult
{
    /// <summary>The Receive connector that takes the connection (<c>SERVER\Name</c>); empty when none does.</summary>
    public string Connector { get; set; } = "";

    /// <summary>Why that connector: its binding and its most specific RemoteIPRanges entry.</summary>
    public string MatchReason { get; set; } = "";

    /// <summary>Connectors that matched the connection but lost, with why.</summary>
    public ExchangeConnectorMatch[] LosingConnectors { get; set; } = [];

    /// <summary>The session's principals, for example <c>NT AUTHORITY\ANONYMOUS LOGON</c>.</summary>
    public string[] Principals { get; set; } = [];

    /// <summary>The extended rights the session has on the connector.</summary>
    public string[] EffectiveRights { get; set; } = [];

    /// <summary>The narrowest Exchange Management Shell commands that make this client's mail go through.</summary>
    public string[] Fix { get; set; } = [];
}
