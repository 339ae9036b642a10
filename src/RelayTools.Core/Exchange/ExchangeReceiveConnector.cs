using System;
using System.Linq;

namespace RelayTools.Core.Exchange;

/// <summary>
/// A Receive connector as Get-ReceiveConnector exports it: the properties "Receive connectors in Exchange Server"
/// (exchange/mail-flow/connectors/receive-connectors) says decide who may use it and what they get.
/// </summary>
public sealed class ExchangeReceiveConnector
{
    /// <summary>The connector name, for example <c>Default Frontend EX01</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The identity, <c>SERVER\Name</c> (the name alone when the export has no server).</summary>
    public string Identity { get; set; } = "";

    /// <summary>The server the connector is on, for example <c>EX01</c>.</summary>
    public string Server { get; set; } = "";

    /// <summary>FrontendTransport or HubTransport.</summary>
    public ExchangeTransportRole TransportRole { get; set; } = ExchangeTransportRole.FrontendTransport;

    /// <summary>The local address bindings.</summary>
    public ExchangeBinding[] Bindings { get; set; } = [];

    /// <summary>The remote addresses the connector accepts connections from.</summary>
    public ExchangeIPRange[] RemoteIPRanges { get; set; } = [];

    /// <summary>The permission groups.</summary>
    public ExchangePermissionGroups PermissionGroups { get; set; }

    /// <summary>The authentication mechanisms.</summary>
    public ExchangeAuthMechanisms AuthMechanism { get; set; }

    /// <summary>False for a disabled connector (Exchange does not use it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>True when the connector requires TLS.</summary>
    public bool RequireTLS { get; set; }

    /// <summary>The FQDN the connector gives in its banner and EHLO reply.</summary>
    public string Fqdn { get; set; } = "";

    /// <summary>Where the object came from (file and row, or the fixture's document).</summary>
    public string Origin { get; set; } = "";

    /// <summary>True when the connector's identity is <paramref name="identity"/> (<c>SERVER\Name</c>, the name, or a <c>CN=Name,...</c> DN).</summary>
    public bool IsNamed(string identity)
    {
        var id = (identity ?? "").Trim();
        if (id.StartsWith("CN=", StringComparison.OrdinalIgnoreCase))
        {
            var end = id.IndexOf(",CN=", StringComparison.OrdinalIgnoreCase);
            id = end > 0 ? id.Substring(3, end - 3) : id.Substring(3);
        }
        if (string.Equals(id, Identity, StringComparison.OrdinalIgnoreCase)) return true;
        var slash = id.LastIndexOf('\\');
        var name = slash >= 0 ? id.Substring(slash + 1) : id;
        var server = slash >= 0 ? id.Substring(0, slash) : "";
        return string.Equals(name, Name, StringComparison.OrdinalIgnoreCase)
            && (server.Length == 0 || Server.Length == 0 || string.Equals(server, Server, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The identity to put in an Exchange Management Shell command: Identity, else the name.</summary>
    public string CommandIdentity => Identity.Length > 0 ? Identity : Name;

    /// <inheritdoc />
    public override string ToString() => CommandIdentity + " (" + TransportRole + ", " + string.Join(", ", Bindings.Select(b => b.Text)) + ")";
}
