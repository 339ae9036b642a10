using System;
using System.Net;
using System.Net.Sockets;

namespace RelayTools.Core.Exim;

/// <summary>IP addresses and CIDR blocks as Exim's host lists write them (IPv4, IPv6, IPv4-mapped IPv6).</summary>
public static class EximNetwork
{
    /// <summary>Parses an address, turning an IPv4-mapped IPv6 address into IPv4.</summary>
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (!IPAddress.TryParse(text.Trim(), out var a) || a == null) return false;
        if (a.AddressFamily == AddressFamily.InterNetworkV6 && a.IsIPv4MappedToIPv6) a = a.MapToIPv4();
        address = a;
        return true;
    }

    /// <summary>True when the text is an IP address or an address/prefix.</summary>
    public static bool IsAddressOrCidr(string text)
    {
        int slash = text.IndexOf('/');
        string ip = slash < 0 ? text : text.Substring(0, slash);
        if (!ip.Contains(".") && !ip.Contains(":")) return false;
        return IPAddress.TryParse(ip, out _) && (slash < 0 || int.TryParse(text.Substring(slash + 1), out _));
    }

    /// <summary>True when <paramref name="address"/> is in <paramref name="cidr"/> (an address, or address/prefix).</summary>
    public static bool Contains(string cidr, IPAddress address)
    {
        int slash = cidr.IndexOf('/');
        if (!TryParseAddress(slash < 0 ? cidr : cidr.Substring(0, slash), out var network)) return false;
        int bits = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int prefix = bits;
        if (slash >= 0 && (!int.TryParse(cidr.Substring(slash + 1), out prefix) || prefix < 0 || prefix > bits)) return false;
        if (network.AddressFamily != address.AddressFamily) return false;
        byte[] a = network.GetAddressBytes(), b = address.GetAddressBytes();
        for (int i = 0; i < a.Length; i++)
        {
            int take = Math.Min(8, Math.Max(0, prefix - i * 8));
            if (take == 0) break;
            int mask = (0xFF << (8 - take)) & 0xFF;
            if ((a[i] & mask) != (b[i] & mask)) return false;
        }
        return true;
    }

    /// <summary>The address masked to <paramref name="prefix"/> bits, as Exim's netNN- lookups key it (<c>192.168.1.0/24</c>, IPv6 with dots for colons).</summary>
    public static string Masked(IPAddress address, int prefix)
    {
        byte[] b = address.GetAddressBytes();
        int bits = b.Length * 8;
        if (prefix > bits) prefix = bits;
        for (int i = 0; i < b.Length; i++)
        {
            int keep = Math.Min(8, Math.Max(0, prefix - i * 8));
            b[i] = (byte)(b[i] & ((0xFF << (8 - keep)) & 0xFF));
        }
        var masked = new IPAddress(b);
        if (address.AddressFamily == AddressFamily.InterNetwork) return masked + "/" + prefix;
        // Exim writes IPv6 keys in full, colons as dots (so they survive in lsearch keys).
        var parts = new string[8];
        for (int i = 0; i < 8; i++) parts[i] = ((b[2 * i] << 8) | b[2 * i + 1]).ToString("x4");
        return string.Join(".", parts) + "/" + prefix;
    }
}
