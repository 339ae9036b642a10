using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RelayTools.Core.Dns.Spf;

/// <summary>Addresses and networks as SPF reads and compares them (RFC 7208 5.6, 5 on IPv4-mapped addresses).</summary>
internal static class SpfNetwork
{
    /// <summary>
    /// The address check_host() works with: an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is IPv4 (RFC 7208 5,
    /// item 9 of the processing notes: such a connection matches ip4 and A records only); scope ids are dropped.
    /// </summary>
    public static IPAddress Normalize(IPAddress ip)
    {
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv4MappedToIPv6) return ip.MapToIPv4();
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.ScopeId != 0) return new IPAddress(ip.GetAddressBytes());
        return ip;
    }

    /// <summary>True for an IPv6 address (after <see cref="Normalize"/>).</summary>
    public static bool IsIPv6(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>
    /// ip4-network = qnum "." qnum "." qnum "." qnum, each 0-255 without leading zeros (RFC 7208 5.6); stricter than
    /// IPAddress.TryParse, which takes "1.2.3" and "010.1.1.1".
    /// </summary>
    public static bool TryParseIPv4(string text, out IPAddress? address)
    {
        address = null;
        string[] parts = text.Split('.');
        if (parts.Length != 4) return false;
        var bytes = new byte[4];
        for (int i = 0; i < 4; i++)
        {
            string p = parts[i];
            if (p.Length == 0 || p.Length > 3 || !p.All(c => c >= '0' && c <= '9')) return false;
            if (p.Length > 1 && p[0] == '0') return false;
            int value = int.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
            if (value > 255) return false;
            bytes[i] = (byte)value;
        }
        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>ip6-network (RFC 4291 2.2 text forms): hex digits, colons and an embedded dotted quad only; no zone id.</summary>
    public static bool TryParseIPv6(string text, out IPAddress? address)
    {
        address = null;
        if (text.IndexOf(':') < 0) return false;
        if (!text.All(c => c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
        if (!IPAddress.TryParse(text, out IPAddress? parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6) return false;
        address = parsed;
        return true;
    }

    /// <summary>A prefix length: decimal digits without a leading zero, 0 to <paramref name="max"/> (RFC 7208 5.6; the suite's cidr4-032).</summary>
    public static bool TryParsePrefixLength(string digits, int max, out int length)
    {
        length = 0;
        if (digits.Length == 0 || digits.Length > 3 || !digits.All(c => c >= '0' && c <= '9')) return false;
        if (digits.Length > 1 && digits[0] == '0') return false;
        length = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return length <= max;
    }

    /// <summary>True when <paramref name="ip"/> is in <paramref name="network"/>/<paramref name="prefixLength"/>; never across families.</summary>
    public static bool Contains(IPAddress network, int prefixLength, IPAddress ip)
    {
        if (network.AddressFamily != ip.AddressFamily) return false;
        byte[] a = network.GetAddressBytes();
        byte[] b = ip.GetAddressBytes();
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++)
        {
            if (a[i] != b[i]) return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) return true;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (b[full] & mask);
    }

    /// <summary>
    /// The "i" macro's form (RFC 7208 7.3): dotted quad for IPv4, and for IPv6 the 32 nibbles in lower-case hex
    /// separated by dots, as in the RFC's own example ("1.0.b.c.d.b.0.0...").
    /// </summary>
    public static string DottedForm(IPAddress ip)
    {
        if (!IsIPv6(ip)) return ip.ToString();
        var sb = new StringBuilder(63);
        foreach (byte b in ip.GetAddressBytes())
        {
            if (sb.Length > 0) sb.Append('.');
            sb.Append("0123456789abcdef"[b >> 4]).Append('.').Append("0123456789abcdef"[b & 0xF]);
        }
        return sb.ToString();
    }

    /// <summary>The "c" macro's form (7.3): dotted quad, or the compressed IPv6 text of RFC 5952.</summary>
    public static string ReadableForm(IPAddress ip) => ip.ToString();
}
