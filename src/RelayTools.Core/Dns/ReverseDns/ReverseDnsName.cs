using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RelayTools.Core.Dns.ReverseDns;

/// <summary>The name a PTR record lives at: in-addr.arpa for IPv4 (RFC 1035 3.5), ip6.arpa nibbles for IPv6 (RFC 3596 2.5).</summary>
public static class ReverseDnsName
{
    /// <summary>The address as receivers see it: an IPv4-mapped IPv6 address becomes the IPv4 address.</summary>
    public static IPAddress Canonical(IPAddress address)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }
        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>E.g. 25.113.0.203.in-addr.arpa for 203.0.113.25.</summary>
    public static string For(IPAddress address)
    {
        IPAddress canonical = Canonical(address);
        byte[] bytes = canonical.GetAddressBytes();
        if (canonical.AddressFamily == AddressFamily.InterNetwork)
        {
            return string.Join(".", bytes.Reverse()) + ".in-addr.arpa";
        }
        var name = new StringBuilder();
        foreach (byte b in bytes.Reverse())
        {
            name.Append("0123456789abcdef"[b & 0xf]).Append('.').Append("0123456789abcdef"[b >> 4]).Append('.');
        }
        return name.Append("ip6.arpa").ToString();
    }
}
