using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Exchange;

namespace RelayTools.Core.Tests.Exchange;

/// <summary>
/// Exchange objects as Get-ReceiveConnector, Get-AcceptedDomain and Get-ADPermission export them, built from
/// Microsoft's documentation only (there is no Exchange server here). Each fixture names the document it follows.
/// </summary>
static class ExchangeFixtures
{
    public const string Server = "EX01";

    static readonly string[] AllRanges = ["::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"];

    static Dictionary<string, object?> Connector(string name, string role, int port, string[] auth, string[] groups, string[]? ranges = null) => new()
    {
        ["Name"] = name,
        ["Identity"] = Server + "\\" + name,
        ["Server"] = Server,
        ["TransportRole"] = role,
        ["Bindings"] = new[] { "[::]:" + port, "0.0.0.0:" + port },
        ["RemoteIPRanges"] = ranges ?? AllRanges,
        ["AuthMechanism"] = string.Join(", ", auth),
        ["PermissionGroups"] = string.Join(", ", groups),
        ["Enabled"] = true,
        ["Fqdn"] = "ex01.contoso.com",
    };

    /// <summary>
    /// The five Receive connectors setup creates on an Exchange 2016/2019 Mailbox server, as the tables "Default Receive
    /// connectors in the Front End Transport service on Mailbox servers" and "... in the Transport service on Mailbox
    /// servers" of "Receive connectors in Exchange Server" (exchange/mail-flow/connectors/receive-connectors) list them.
    /// </summary>
    public static List<Dictionary<string, object?>> DefaultConnectorBags() =>
    [
        Connector("Default " + Server, "HubTransport", 2525, ["Tls", "BasicAuth", "ExchangeServer", "Integrated"], ["ExchangeLegacyServers", "ExchangeServers", "ExchangeUsers"]),
        Connector("Client Proxy " + Server, "HubTransport", 465, ["Tls", "BasicAuth", "BasicAuthRequireTLS", "ExchangeServer", "Integrated"], ["ExchangeServers", "ExchangeUsers"]),
        Connector("Default Frontend " + Server, "FrontendTransport", 25, ["Tls", "BasicAuth", "BasicAuthRequireTLS", "ExchangeServer", "Integrated"], ["AnonymousUsers", "ExchangeLegacyServers", "ExchangeServers"]),
        Connector("Outbound Proxy Frontend " + Server, "FrontendTransport", 717, ["Tls", "BasicAuth", "BasicAuthRequireTLS", "ExchangeServer", "Integrated"], ["ExchangeServers"]),
        Connector("Client Frontend " + Server, "FrontendTransport", 587, ["Tls", "BasicAuth", "BasicAuthRequireTLS", "Integrated"], ["ExchangeUsers"]),
    ];

    /// <summary>
    /// The dedicated connector of "Allow anonymous relay on Exchange servers" (exchange/mail-flow/connectors/allow-anonymous-relay):
    /// New-ReceiveConnector -Name "Anonymous Relay" -TransportRole FrontendTransport -Custom -Bindings 0.0.0.0:25
    /// -RemoteIpRanges 192.168.5.10,192.168.5.11, then Set-ReceiveConnector -PermissionGroups AnonymousUsers (the Custom
    /// usage type gives TLS only).
    /// </summary>
    public static Dictionary<string, object?> AnonymousRelayBag() => new()
    {
        ["Name"] = "Anonymous Relay",
        ["Identity"] = Server + "\\Anonymous Relay",
        ["Server"] = Server,
        ["TransportRole"] = "FrontendTransport",
        ["Bindings"] = new[] { "0.0.0.0:25" },
        ["RemoteIPRanges"] = new[] { "192.168.5.10", "192.168.5.11" },
        ["AuthMechanism"] = "Tls",
        ["PermissionGroups"] = "AnonymousUsers",
        ["Enabled"] = true,
    };

    /// <summary>
    /// The permission the same document's "Configure the connections as anonymous" adds:
    /// Get-ReceiveConnector "Anonymous Relay" | Add-ADPermission -User "NT AUTHORITY\ANONYMOUS LOGON" -ExtendedRights "Ms-Exch-SMTP-Accept-Any-Recipient".
    /// </summary>
    public static Dictionary<string, object?> AnonymousRelayPermissionBag() => new()
    {
        ["Identity"] = Server + "\\Anonymous Relay",
        ["User"] = @"NT AUTHORITY\ANONYMOUS LOGON",
        ["ExtendedRights"] = new[] { "ms-Exch-SMTP-Accept-Any-Recipient" },
        ["Deny"] = false,
        ["IsInherited"] = false,
    };

    /// <summary>contoso.com, the authoritative domain of Microsoft's examples ("Accepted domains in Exchange Server", exchange/mail-flow/accepted-domains/accepted-domains).</summary>
    public static Dictionary<string, object?> ContosoBag() => new() { ["Name"] = "contoso.com", ["DomainName"] = "contoso.com", ["DomainType"] = "Authoritative" };

    public static ExchangeReceiveConnector ReadConnector(Dictionary<string, object?> bag) => ExchangeObjectReader.ReadConnector(bag, "fixture", new List<string>());

    public static List<ExchangeReceiveConnector> Defaults() => DefaultConnectorBags().Select(ReadConnector).ToList();

    public static List<ExchangeReceiveConnector> DefaultsWithRelay() => [.. Defaults(), ReadConnector(AnonymousRelayBag())];

    public static ExchangePermission RelayPermission() => ExchangeObjectReader.ReadPermission(AnonymousRelayPermissionBag(), "fixture", new List<string>());

    public static ExchangeAcceptedDomain Contoso() => ExchangeObjectReader.ReadAcceptedDomain(ContosoBag(), "fixture", new List<string>());

    /// <summary>A connector from a few fields, for selection tables.</summary>
    public static ExchangeReceiveConnector Make(string name, string bindings, string ranges, string groups = "AnonymousUsers", string role = "FrontendTransport", bool enabled = true, string auth = "Tls") =>
        ReadConnector(new Dictionary<string, object?>
        {
            ["Name"] = name,
            ["Server"] = Server,
            ["TransportRole"] = role,
            ["Bindings"] = bindings,
            ["RemoteIPRanges"] = ranges,
            ["PermissionGroups"] = groups,
            ["AuthMechanism"] = auth,
            ["Enabled"] = enabled,
        });
}
