using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace RelayTools.Core.Exchange;

/// <summary>
/// The narrowest Exchange Management Shell commands that let one client relay: the client's own address, never a
/// whole range, on a dedicated Front End Transport connector, as "Allow anonymous relay on Exchange servers"
/// (exchange/mail-flow/connectors/allow-anonymous-relay) does it ("Err on the side of being too specific").
/// </summary>
public static class ExchangeRelayFix
{
    /// <summary>The name the fixes give a new connector for one client: <c>Relay 10.20.1.5</c>.</summary>
    public static string ConnectorName(string clientAddress) => "Relay " + clientAddress;

    /// <summary>
    /// Commands for an anonymous client that needs ms-Exch-SMTP-Accept-Any-Recipient (<paramref name="relay"/>) or only to be
    /// let in (<paramref name="relay"/> false): remove a Deny entry on its connector; grant the right on a connector that is
    /// already the client's own; add the client to an existing anonymous-relay connector; else a new connector for it.
    /// </summary>
    public static string[] ForAnonymous(
        IReadOnlyList<ExchangeReceiveConnector> connectors, IReadOnlyList<ExchangePermission> permissions,
        ExchangeReceiveConnector? chosen, ExchangeRelayQuery q, bool relay)
    {
        var client = q.ClientAddress.Trim();
        if (chosen != null)
        {
            var deny = permissions.FirstOrDefault(p => p.Deny && chosen.IsNamed(p.Identity) && ExchangeRights.IsPrincipal(p.User, ExchangeRights.AnonymousLogon)
                && p.ExtendedRights.Any(r => IsRight(r, ExchangeRights.AcceptAnyRecipient) || IsRight(r, ExchangeRights.Submit)));
            if (deny != null && (chosen.PermissionGroups & ExchangePermissionGroups.AnonymousUsers) != 0)
                return [Pipe(chosen.CommandIdentity) + "Remove-ADPermission -User \"" + deny.User + "\" -ExtendedRights " + string.Join(",", deny.ExtendedRights) + " -Deny"];
            var own = chosen.RemoteIPRanges.Length > 0 && chosen.RemoteIPRanges.All(r => r.IsSingleAddress)
                && chosen.RemoteIPRanges.Any(r => IPAddress.TryParse(client, out var a) && r.Contains(a))
                && chosen.TransportRole == ExchangeTransportRole.FrontendTransport;
            if (own)
            {
                var fix = new List<string>();
                if ((chosen.PermissionGroups & ExchangePermissionGroups.AnonymousUsers) == 0)
                    fix.Add("Set-ReceiveConnector \"" + chosen.CommandIdentity + "\" -PermissionGroups " + Groups(chosen.PermissionGroups | ExchangePermissionGroups.AnonymousUsers));
                if (relay) fix.Add(Pipe(chosen.CommandIdentity) + GrantAnonymous);
                if (fix.Count > 0) return fix.ToArray();
            }
        }

        var port = q.Port == 2525 || q.Port == 465 ? 25 : q.Port;
        if (relay)
        {
            var existing = connectors.FirstOrDefault(c => c.Enabled && c.TransportRole == ExchangeTransportRole.FrontendTransport
                && c != chosen && c.Bindings.Any(b => b.Port == port) && IsAnonymousRelay(c, permissions));
            if (existing != null)
                return ["Set-ReceiveConnector \"" + existing.CommandIdentity + "\" -RemoteIPRanges @{Add=\"" + client + "\"}"];
        }

        var name = ConnectorName(client);
        var v6 = IPAddress.TryParse(client, out var ca) && ca.AddressFamily == AddressFamily.InterNetworkV6 && !ca.IsIPv4MappedToIPv6;
        var create = "New-ReceiveConnector -Name \"" + name + "\"" + (q.Server.Length > 0 ? " -Server " + q.Server : "")
            + " -TransportRole FrontendTransport -Bindings " + (v6 ? "[::]" : "0.0.0.0") + ":" + port + " -RemoteIPRanges " + client + " -PermissionGroups AnonymousUsers";
        var id = q.Server.Length > 0 ? q.Server + "\\" + name : name;
        return relay ? [create, Pipe(id) + GrantAnonymous] : [create];
    }

    /// <summary>
    /// Commands for an authenticated user without ms-Exch-SMTP-Accept-Any-Recipient: submit to a connector that grants
    /// it to Exchange users (Client Frontend on 587) when one takes the client, else grant the right to that user only.
    /// </summary>
    public static string[] ForAuthenticated(IReadOnlyList<ExchangeReceiveConnector> connectors, ExchangeReceiveConnector chosen, ExchangeRelayQuery q)
    {
        if (q.Port != 587)
        {
            var submission = ExchangeConnectorSelector.Select(connectors, q.ServerAddress, 587, q.ClientAddress, q.Server).Connector;
            if (submission != null && (submission.PermissionGroups & ExchangePermissionGroups.ExchangeUsers) != 0 && (submission.AuthMechanism & ExchangeSessionRights.UserAuth) != 0)
                return ["Submit to port 587 with STARTTLS and AUTH: '" + submission.CommandIdentity + "' gives Exchange users (NT AUTHORITY\\Authenticated Users) ms-Exch-SMTP-Accept-Any-Recipient"];
        }
        var user = q.AuthenticatedUser.Length > 0 ? q.AuthenticatedUser : ExchangeRights.AuthenticatedUsers;
        return [Pipe(chosen.CommandIdentity) + "Add-ADPermission -User \"" + user + "\" -ExtendedRights " + ExchangeRights.AcceptAnyRecipient];
    }

    /// <summary>True when anonymous sessions can relay through the connector (Accept-Any-Recipient for ANONYMOUS LOGON, or externally secured).</summary>
    public static bool IsAnonymousRelay(ExchangeReceiveConnector c, IEnumerable<ExchangePermission> permissions)
    {
        if (ExchangeSessionRights.IsExternallySecured(c)) return true;
        var grants = ExchangeSessionRights.Grants(c, permissions, [ExchangeRights.AnonymousLogon]);
        return ExchangeSessionRights.Effective(grants).Contains(ExchangeRights.AcceptAnyRecipient, StringComparer.OrdinalIgnoreCase);
    }

    const string GrantAnonymous = "Add-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights " + ExchangeRights.AcceptAnyRecipient;

    static string Pipe(string identity) => "Get-ReceiveConnector \"" + identity + "\" | ";

    static bool IsRight(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    static string Groups(ExchangePermissionGroups g) => g.ToString().Replace(" ", "");
}
