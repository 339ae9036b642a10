using System;
using System.Net;
using System.Net.Sockets;

namespace RelayTools.Core.Exchange;

/// <summary>
/// One local address binding of a Receive connector: <c>0.0.0.0:25</c>, <c>[::]:25</c>, <c>10.0.0.5:25</c>. As
/// "Receive connectors in Exchange Server" (exchange/mail-flow/connectors/receive-connectors, "Receive connector local
/// address bindings") says, <c>0.0.0.0</c> and <c>[::]</c> stand for every local IPv4 and IPv6 address.
/// </summary>
public sealed class ExchangeBinding
{
    /// <summary>The binding as written.</summary>
    public string Text { get; set; } = "";

    /// <summary>The local address (<c>0.0.0.0</c> or <c>::</c> for every address of the family).</summary>
    public string Address { get; set; } = "";

    /// <summary>The TCP port.</summary>
    public int Port { get; set; }

    /// <summary>True when the binding is every local address of its family (<c>0.0.0.0</c> or <c>[::]</c>).</summary>
    public bool IsAnyAddress => IPAddress.TryParse(Address, out var a) && (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any));

    /// <summary>True for an IPv6 binding.</summary>
    public bool IsIPv6 => IPAddress.TryParse(Address, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Reads <c>address:port</c> (an IPv6 address in brackets); null when it is not that form.</summary>
    public static ExchangeBinding? TryParse(string? text)
    {
        var t = (text ?? "").Trim();
        var colon = t.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(t.Substring(colon + 1), out var port) || port < 1 || port > 65535) return null;
        var host = t.Substring(0, colon);
        if (host.StartsWith("[", StringComparison.Ordinal) && host.EndsWith("]", StringComparison.Ordinal)) host = host.Substring(1, host.Length - 2);
        else if (host.Contains(":")) return null;
        if (!IPAddress.TryParse(host, out var address)) return null;
        return new ExchangeBinding { Text = t, Address = address.ToString(), Port = port };
    }

    /// <summary>
    /// True when a connection to <paramref name="serverAddress"/>:<paramref name="port"/> reaches this binding: the
    /// same port, and the same address or the any-address of the server address's family.
    /// </summary>
    public bool Matches(IPAddress serverAddress, int port)
    {
        if (port != Port || !IPAddress.TryParse(Address, out var bound)) return false;
        if (serverAddress.IsIPv4MappedToIPv6) serverAddress = serverAddress.MapToIPv4();
        if (bound.AddressFamily != serverAddress.AddressFamily) return false;
        return IsAnyAddress || bound.Equals(serverAddress);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
