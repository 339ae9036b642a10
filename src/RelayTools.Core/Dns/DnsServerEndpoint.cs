using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RelayTools.Core.Dns;

/// <summary>
/// A DNS server to ask, as -DnsServer names it: an IP address with an optional port. "127.0.0.1",
/// "127.0.0.1:5390", "::1" and "[::1]:5390" are accepted; host names are not (finding the resolver would need a
/// resolver), nor the shorthand IPv4 forms that <see cref="IPAddress.Parse(string)"/> lets through ("127.1").
/// </summary>
public sealed class DnsServerEndpoint : IEquatable<DnsServerEndpoint>
{
    /// <summary>The DNS port (RFC 1035 4.2).</summary>
    public const int DefaultPort = 53;

    /// <summary>A server at <paramref name="address"/>:<paramref name="port"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 1 to 65535.</exception>
    public DnsServerEndpoint(IPAddress address, int port = DefaultPort)
    {
        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "A DNS server's port is 1 to 65535.");
        }
        Address = address ?? throw new ArgumentNullException(nameof(address));
        Port = port;
    }

    /// <summary>The server's IP address.</summary>
    public IPAddress Address { get; }

    /// <summary>The server's port (53 unless given).</summary>
    public int Port { get; }

    /// <summary>The address and port as an <see cref="IPEndPoint"/>.</summary>
    public IPEndPoint ToIPEndPoint() => new(Address, Port);

    /// <summary>Reads a -DnsServer value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">It is not an IP address with an optional port; the message says what is wrong.</exception>
    public static DnsServerEndpoint Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }
        if (TryParse(text, out DnsServerEndpoint? endpoint, out string error))
        {
            return endpoint!;
        }
        throw new FormatException(error);
    }

    /// <summary>Reads a -DnsServer value; false with the reason in <paramref name="error"/> when it is not one.</summary>
    public static bool TryParse(string? text, out DnsServerEndpoint? endpoint, out string error)
    {
        endpoint = null;
        string value = (text ?? "").Trim();
        if (value.Length == 0)
        {
            error = "A DNS server is an IP address, optionally with a port (127.0.0.1, 127.0.0.1:5390, ::1, [::1]:5390); the value is empty.";
            return false;
        }
        string addressText = value;
        string? portText = null;
        if (value[0] == '[')
        {
            // [IPv6] or [IPv6]:port
            int close = value.IndexOf(']');
            if (close < 0)
            {
                return Fail(value, "the '[' of an IPv6 address has no ']'", out error);
            }
            addressText = value.Substring(1, close - 1);
            string rest = value.Substring(close + 1);
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return Fail(value, "after ']' only ':port' may follow", out error);
                }
                portText = rest.Substring(1);
            }
            if (!IsIPv6(addressText, out IPAddress? v6))
            {
                return Fail(value, "'" + addressText + "' in brackets is not an IPv6 address", out error);
            }
            return Finish(value, v6!, portText, out endpoint, out error);
        }
        int colons = CountColons(value);
        if (colons >= 2)
        {
            // A bare IPv6 address: a port needs the brackets, as in URLs (RFC 3986 3.2.2).
            if (!IsIPv6(value, out IPAddress? v6))
            {
                return Fail(value, "it is neither an IPv4 address nor an IPv6 address (write an IPv6 address with a port as [::1]:5390)", out error);
            }
            return Finish(value, v6!, null, out endpoint, out error);
        }
        if (colons == 1)
        {
            int colon = value.IndexOf(':');
            addressText = value.Substring(0, colon);
            portText = value.Substring(colon + 1);
        }
        if (!IsDottedQuad(addressText, out IPAddress? v4))
        {
            return Fail(value, "'" + addressText + "' is not an IPv4 address in dotted-quad form (a resolver is given by its address, never by a host name)", out error);
        }
        return Finish(value, v4!, portText, out endpoint, out error);
    }

    private static bool Finish(string value, IPAddress address, string? portText, out DnsServerEndpoint? endpoint, out string error)
    {
        endpoint = null;
        int port = DefaultPort;
        if (portText is not null && !TryParsePort(portText, out port))
        {
            return Fail(value, "the port '" + portText + "' is not a number from 1 to 65535", out error);
        }
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IsMulticast(address) || address.Equals(IPAddress.Broadcast))
        {
            return Fail(value, address + " is not the address of a server", out error);
        }
        endpoint = new DnsServerEndpoint(address, port);
        error = "";
        return true;
    }

    private static bool Fail(string value, string why, out string error)
    {
        error = "'" + value + "' is not a DNS server: " + why + ". Give an IP address, optionally with a port: 127.0.0.1, 127.0.0.1:5390, ::1, [::1]:5390.";
        return false;
    }

    private static int CountColons(string value)
    {
        int count = 0;
        foreach (char c in value)
        {
            if (c == ':')
            {
                count++;
            }
        }
        return count;
    }

    private static bool TryParsePort(string text, out int port)
    {
        port = 0;
        if (text.Length is 0 or > 5)
        {
            return false;
        }
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        port = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return port is >= 1 and <= 65535;
    }

    // Four decimal parts of 0-255: IPAddress.TryParse alone would take "127.1", "0x7f.1" or "2130706433".
    private static bool IsDottedQuad(string text, out IPAddress? address)
    {
        address = null;
        string[] parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }
        foreach (string part in parts)
        {
            if (part.Length is 0 or > 3)
            {
                return false;
            }
            foreach (char c in part)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }
            if (int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }
        return IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetwork;
    }

    private static bool IsIPv6(string text, out IPAddress? address)
    {
        address = null;
        return text.IndexOf(':') >= 0 && IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static bool IsMulticast(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6Multicast;
        }
        byte first = address.GetAddressBytes()[0];
        return first is >= 224 and <= 239;
    }

    /// <summary>"127.0.0.1:53", "[::1]:5390": the form of <see cref="DnsAnswer{T}.Server"/>.</summary>
    public override string ToString() => Format(Address, Port);

    /// <summary>"address:port", with brackets around an IPv6 address.</summary>
    public static string Format(IPAddress address, int port) =>
        (address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString()) + ":" + port.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool Equals(DnsServerEndpoint? other) => other is not null && Port == other.Port && Address.Equals(other.Address);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DnsServerEndpoint);

    /// <inheritdoc />
    public override int GetHashCode() => Address.GetHashCode() ^ (Port * 397);
}
