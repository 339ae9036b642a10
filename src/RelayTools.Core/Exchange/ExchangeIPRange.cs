using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace RelayTools.Core.Exchange;

/// <summary>
/// One entry of a Receive connector's RemoteIPRanges: a single address, a range <c>a-b</c>, a CIDR block
/// <c>a/n</c> or an address with a mask <c>a(mask)</c>, IPv4 or IPv6. "Allow anonymous relay on Exchange servers"
/// (exchange/mail-flow/connectors/allow-anonymous-relay) lists the first three forms.
/// </summary>
public sealed class ExchangeIPRange
{
    ExchangeIPRange(string text, bool ipv6, BigInteger first, BigInteger last)
    {
        Text = text;
        IsIPv6 = ipv6;
        First = first;
        Last = last;
    }

    /// <summary>The entry as written.</summary>
    public string Text { get; }

    /// <summary>True for an IPv6 entry.</summary>
    public bool IsIPv6 { get; }

    /// <summary>The first address, as a number.</summary>
    public BigInteger First { get; }

    /// <summary>The last address, as a number.</summary>
    public BigInteger Last { get; }

    /// <summary>How many addresses the entry covers (1 for a single address).</summary>
    public BigInteger Size => Last - First + 1;

    /// <summary>True when the entry is a single address.</summary>
    public bool IsSingleAddress => First == Last;

    /// <summary>True when the entry covers every address of its family (<c>0.0.0.0-255.255.255.255</c>, <c>::-ffff:...</c>, <c>0.0.0.0/0</c>).</summary>
    public bool IsAll => First.IsZero && Last == MaxOf(IsIPv6);

    /// <summary>Reads one entry; null when it is none of the forms Exchange takes.</summary>
    public static ExchangeIPRange? TryParse(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0) return null;
        try
        {
            var dash = t.IndexOf('-');
            if (dash > 0)
            {
                if (!TryNumber(t.Substring(0, dash), out var a, out var v6a) || !TryNumber(t.Substring(dash + 1), out var b, out var v6b)) return null;
                if (v6a != v6b || b < a) return null;
                return new ExchangeIPRange(t, v6a, a, b);
            }
            var slash = t.IndexOf('/');
            if (slash > 0)
            {
                if (!TryNumber(t.Substring(0, slash), out var n, out var v6) || !int.TryParse(t.Substring(slash + 1), out var prefix)) return null;
                return Block(t, n, v6, prefix);
            }
            var paren = t.IndexOf('(');
            if (paren > 0 && t.EndsWith(")", StringComparison.Ordinal))
            {
                if (!TryNumber(t.Substring(0, paren), out var n, out var v6) || v6) return null;
                if (!TryNumber(t.Substring(paren + 1, t.Length - paren - 2), out var mask, out var maskV6) || maskV6) return null;
                var prefix = PrefixOfMask(mask);
                return prefix < 0 ? null : Block(t, n, false, prefix);
            }
            if (!TryNumber(t, out var single, out var v6s)) return null;
            return new ExchangeIPRange(t, v6s, single, single);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="address"/> is inside the entry (an IPv4-mapped IPv6 address counts as IPv4).</summary>
    public bool Contains(IPAddress address)
    {
        var (n, v6) = ToNumber(address);
        return v6 == IsIPv6 && n >= First && n <= Last;
    }

    /// <summary>True when every address of <paramref name="other"/> is inside this entry.</summary>
    public bool Covers(ExchangeIPRange other) => other.IsIPv6 == IsIPv6 && other.First >= First && other.Last <= Last;

    /// <summary>True when the two entries share at least one address.</summary>
    public bool Overlaps(ExchangeIPRange other) => other.IsIPv6 == IsIPv6 && other.First <= Last && First <= other.Last;

    /// <summary>The address as a number and whether it is IPv6 (IPv4-mapped IPv6 addresses are IPv4).</summary>
    public static (BigInteger Number, bool IsIPv6) ToNumber(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var big = new BigInteger(bytes.Reverse().Concat(new byte[] { 0 }).ToArray());
        return (big, address.AddressFamily == AddressFamily.InterNetworkV6);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    static bool TryNumber(string text, out BigInteger number, out bool ipv6)
    {
        number = BigInteger.Zero;
        ipv6 = false;
        var t = text.Trim().Trim('[', ']');
        if (t.Length == 0 || !IPAddress.TryParse(t, out var address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork && t.Count(c => c == '.') != 3) return false;
        (number, ipv6) = ToNumber(address);
        return true;
    }

    static ExchangeIPRange? Block(string text, BigInteger network, bool ipv6, int prefix)
    {
        var bits = ipv6 ? 128 : 32;
        if (prefix < 0 || prefix > bits) return null;
        var hostMask = (BigInteger.One << (bits - prefix)) - 1;
        var first = network & (MaxOf(ipv6) ^ hostMask);
        return new ExchangeIPRange(text, ipv6, first, first | hostMask);
    }

    static int PrefixOfMask(BigInteger mask)
    {
        for (var prefix = 0; prefix <= 32; prefix++)
            if (mask == (MaxOf(false) ^ ((BigInteger.One << (32 - prefix)) - 1))) return prefix;
        return -1;
    }

    static BigInteger MaxOf(bool ipv6) => (BigInteger.One << (ipv6 ? 128 : 32)) - 1;
}
