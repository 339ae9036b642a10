using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace RelayTools.Core.Exchange;

/// <summary>
/// Picks the Receive connector that takes a connection, as "Receive connectors in Exchange Server"
/// (exchange/mail-flow/connectors/receive-connectors, "Receive connector local address bindings" and "Receive connector
/// remote addresses") and "Allow anonymous relay on Exchange servers" (exchange/mail-flow/connectors/allow-anonymous-relay)
/// describe it: only enabled connectors whose binding is the local address and port; a binding to the server's own
/// address before one to every address; then the connector whose RemoteIPRanges entry is the most specific match
/// to the client (a single address beats a smaller range, which beats a larger one).
/// </summary>
public static class ExchangeConnectorSelector
{
    /// <summary>
    /// The connector a client at <paramref name="clientAddress"/> reaches at <paramref name="serverAddress"/>:<paramref name="port"/>.
    /// <paramref name="server"/>, when given, keeps the connectors of that server only.
    /// </summary>
    public static ExchangeConnectorSelection Select(
        IEnumerable<ExchangeReceiveConnector> connectors, string serverAddress, int port, string clientAddress, string server = "")
    {
        var notes = new List<string>();
        var losing = new List<ExchangeConnectorMatch>();
        if (!IPAddress.TryParse((clientAddress ?? "").Trim(), out var client))
            return new ExchangeConnectorSelection { Notes = ["The client address '" + clientAddress + "' is not an IP address; no connector can be matched."] };
        var hasServerAddress = IPAddress.TryParse((serverAddress ?? "").Trim(), out var local);
        if (!hasServerAddress)
            notes.Add("No server address given: a binding to any address of the client's family on port " + port + " is taken to match.");

        var candidates = new List<(ExchangeReceiveConnector Connector, ExchangeBinding Binding, ExchangeIPRange Range)>();
        foreach (var c in connectors)
        {
            if (server.Length > 0 && c.Server.Length > 0 && !string.Equals(c.Server, server, StringComparison.OrdinalIgnoreCase)) continue;
            var binding = c.Bindings
                .Where(b => hasServerAddress ? b.Matches(local!, port) : b.Port == port && b.IsIPv6 == ExchangeIPRange.ToNumber(client).IsIPv6)
                .OrderBy(b => b.IsAnyAddress)
                .FirstOrDefault();
            if (binding == null) continue;
            var range = c.RemoteIPRanges.Where(r => r.Contains(client)).OrderBy(r => r.Size).FirstOrDefault();
            if (range == null) continue;
            if (!c.Enabled)
            {
                losing.Add(Match(c, binding, range, "disabled (Enabled is False): Exchange does not use it"));
                continue;
            }
            candidates.Add((c, binding, range));
        }

        // Each port belongs to one service: the Transport service's Default connector listens on 2525 "so that it doesn't
        // conflict with the Receive connector in the Front End Transport service" ("Allow anonymous relay on Exchange servers").
        var preferred = PreferredRole(port, candidates.Select(x => x.Connector.TransportRole));
        foreach (var x in candidates.Where(x => x.Connector.TransportRole != preferred).ToList())
        {
            losing.Add(Match(x.Connector, x.Binding, x.Range,
                x.Connector.TransportRole + " connector on port " + port + ": that port is the " + preferred + " service's, so this connector's service cannot listen there"));
            candidates.Remove(x);
        }

        if (candidates.Count == 0)
            return new ExchangeConnectorSelection { LosingConnectors = losing.ToArray(), Notes = notes.ToArray() };

        var ordered = candidates.OrderBy(x => x.Binding.IsAnyAddress).ThenBy(x => x.Range.Size).ThenBy(x => x.Connector.CommandIdentity, StringComparer.OrdinalIgnoreCase).ToList();
        var win = ordered[0];
        foreach (var x in ordered.Skip(1))
        {
            string why;
            if (x.Binding.IsAnyAddress && !win.Binding.IsAnyAddress) why = "its binding " + x.Binding.Text + " is every address, " + win.Connector.CommandIdentity + "'s " + win.Binding.Text + " is the server's own";
            else if (x.Range.Size > win.Range.Size) why = "its RemoteIPRanges entry " + x.Range.Text + " (" + x.Range.Size + " addresses) is less specific than " + win.Range.Text + " (" + win.Range.Size + ")";
            else
            {
                why = "its RemoteIPRanges entry " + x.Range.Text + " is as specific as " + win.Connector.CommandIdentity + "'s " + win.Range.Text;
                notes.Add("'" + x.Connector.CommandIdentity + "' and '" + win.Connector.CommandIdentity + "' match " + client + " equally specifically on the same binding; Exchange does not allow that, so which one takes the connection is not known (" + win.Connector.CommandIdentity + " assumed).");
            }
            losing.Add(Match(x.Connector, x.Binding, x.Range, "matched but lost: " + why));
        }

        return new ExchangeConnectorSelection
        {
            Connector = win.Connector,
            Binding = win.Binding.Text,
            RemoteIPRange = win.Range.Text,
            MatchReason = "binding " + win.Binding.Text + (win.Binding.IsAnyAddress ? " (every local address)" : " (the server's own address)")
                + " and RemoteIPRanges entry " + win.Range.Text + (win.Range.IsSingleAddress ? " (the client's own address)" : " (" + win.Range.Size + " addresses)")
                + (ordered.Count > 1 ? ", the most specific of " + ordered.Count + " matching connectors" : ""),
            LosingConnectors = losing.ToArray(),
            Notes = notes.ToArray(),
        };
    }

    /// <summary>The service whose port this is: HubTransport for 2525 and 465, FrontendTransport otherwise (when both have a connector there).</summary>
    static ExchangeTransportRole PreferredRole(int port, IEnumerable<ExchangeTransportRole> roles)
    {
        var set = roles.Distinct().ToList();
        if (set.Count == 1) return set[0];
        return port == 2525 || port == 465 ? ExchangeTransportRole.HubTransport : ExchangeTransportRole.FrontendTransport;
    }

    static ExchangeConnectorMatch Match(ExchangeReceiveConnector c, ExchangeBinding b, ExchangeIPRange r, string reason) =>
        new() { Connector = c.CommandIdentity, Binding = b.Text, RemoteIPRange = r.Text, Reason = reason };
}
