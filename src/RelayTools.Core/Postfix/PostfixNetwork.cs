using System;
using System.Net;
using System.Net.Sockets;

namespace RelayTools.Core.Postfix;

/// <summary>What a mynetworks-style entry is.</summary>
public enum PostfixNetworkKind
{
    /// <summary>A single address (<c>192.0.2.1</c>, <c>[::1]</c>).</summary>
    Address,
    /// <summary>An address block (<c>10.0.0.0/8</c>, <c>[2001:db8::]/32</c>, <c>[::ffff:127.0.0.0]/104</c>).</summary>
    Cidr,
    /// <summary>A <c>/file</c> name whose lines hold more entries.</summary>
    File,
    /// <summary>A <c>type:table</c> lookup table.</summary>
    Table,
    /// <summary>A host or domain name pattern (matched against the client name).</summary>
    Name,
    /// <summary>Not a valid entry (Postfix refuses it).</summary>
    Invalid,
}

/// <summary>One entry of mynetworks (or another Postfix network list), parsed.</summary>
public sealed class PostfixNetwork
{
    /// <summary>The entry as written.</summary>
    public string Text { get; set; } = "";

    /// <summary>Address, Cidr, File, Table, Name or Invalid.</summary>
    public PostfixNetworkKind Kind { get; set; }

    /// <summary>True for a <c>!entry</c> (an exclusion).</summary>
    public bool Negated { get; set; }

    /// <summary>The network address (normalised, without brackets), for Address and Cidr.</summary>
    public string Network { get; set; } = "";

    /// <summary>The prefix length (32 or 128 for a single address).</summary>
    public int PrefixLength { get; set; }

    /// <summary><c>IPv4</c> or <c>IPv6</c> for Address and Cidr, else empty.</summary>
    public string AddressFamily { get; set; } = "";

    /// <summary>True for an IPv4-mapped IPv6 block such as <c>[::ffff:127.0.0.0]/104</c>.</summary>
    public bool IsIPv4Mapped { get; set; }

    /// <summary>Why an entry is Invalid.</summary>
    public string Problem { get; set; } = "";

    /// <summary>Parses one entry.</summary>
    public static PostfixNetwork Parse(string text)
    {
        var n = new PostfixNetwork { Text = text };
        string t = text;
        if (t.StartsWith("!", StringComparison.Ordinal)) { n.Negated = true; t = t.Substring(1); }
        if (t.StartsWith("/", StringComparison.Ordinal)) { n.Kind = PostfixNetworkKind.File; n.Network = t; return n; }
        int colon = t.IndexOf(':');
        if (colon > 0 && !t.StartsWith("[", StringComparison.Ordinal) && !IPAddress.TryParse(t.Split('/')[0], out _))
        {
            n.Kind = PostfixNetworkKind.Table; n.Network = t; return n;
        }
        string address = t, prefix = "";
        int slash = t.LastIndexOf('/');
        if (slash > 0) { address = t.Substring(0, slash); prefix = t.Substring(slash + 1); }
        if (address.StartsWith("[", StringComparison.Ordinal) && address.EndsWith("]", StringComparison.Ordinal))
            address = address.Substring(1, address.Length - 2);
        if (!IPAddress.TryParse(address, out IPAddress? ip) || address.Contains("%"))
        {
            if (slash < 0 && !t.Contains("[")) { n.Kind = PostfixNetworkKind.Name; n.Network = t; return n; }
            return Invalid(n, "not an IP address: " + address);
        }
        bool v6 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (v6 && !text.Contains("[") && !address.Contains(":")) return Invalid(n, "bad address");
        int max = v6 ? 128 : 32;
        int length = max;
        if (prefix.Length > 0 && (!int.TryParse(prefix, out length) || length < 0 || length > max))
            return Invalid(n, "bad prefix length /" + prefix);
        byte[] bytes = ip.GetAddressBytes();
        for (int bit = length; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
                return Invalid(n, "non-null host address bits in " + t + ", perhaps you should use " + Mask(ip, length) + "/" + length + " instead");
        }
        n.Kind = prefix.Length > 0 ? PostfixNetworkKind.Cidr : PostfixNetworkKind.Address;
        n.Network = ip.ToString();
        n.PrefixLength = length;
        n.AddressFamily = v6 ? "IPv6" : "IPv4";
        n.IsIPv4Mapped = v6 && ip.IsIPv4MappedToIPv6;
        return n;
    }

    static PostfixNetwork Invalid(PostfixNetwork n, string problem)
    {
        n.Kind = PostfixNetworkKind.Invalid;
        n.Problem = problem;
        return n;
    }

    static string Mask(IPAddress ip, int length)
    {
        byte[] b = ip.GetAddressBytes();
        for (int bit = length; bit < b.Length * 8; bit++) b[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPAddress(b).ToString();
    }

    /// <summary>
    /// True when <paramref name="client"/> is inside this Address or Cidr entry. Like Postfix, the
    /// families must agree: an IPv4 client never matches an IPv6 (even IPv4-mapped) block.
    /// </summary>
    public bool Contains(IPAddress client)
    {
        if (Kind is not (PostfixNetworkKind.Address or PostfixNetworkKind.Cidr)) return false;
        IPAddress net = IPAddress.Parse(Network);
        if (net.AddressFamily != client.AddressFamily) return false;
        byte[] a = net.GetAddressBytes(), c = client.GetAddressBytes();
        for (int bit = 0; bit < PrefixLength; bit++)
        {
            int mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (c[bit / 8] & mask)) return false;
        }
        return true;
    }

    /// <summary>The number of addresses in the block as a power of two (host bits), for width checks.</summary>
    public int HostBits => Kind is PostfixNetworkKind.Address or PostfixNetworkKind.Cidr ? (AddressFamily == "IPv6" ? 128 : 32) - PrefixLength : 0;

    /// <summary>Normalises a client address as smtpd does: <c>::ffff:a.b.c.d</c> becomes <c>a.b.c.d</c>.</summary>
    public static IPAddress NormaliseClient(IPAddress ip) =>
        ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

    /// <inheritdoc />
    public override string ToString() => Text;
}
