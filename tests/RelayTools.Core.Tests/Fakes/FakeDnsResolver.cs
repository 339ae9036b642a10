// An in-memory IDnsResolver for tests of everything that reads DNS (SPF, DMARC, DKIM, reverse DNS, MX probing).
//
// Zone data is added with the fluent methods; names are case-insensitive and a trailing dot is ignored:
//
//   var dns = new FakeDnsResolver()
//       .Txt("example.com", "v=spf1 mx -all")
//       .Mx("example.com", 10, "mail.example.com")
//       .A("mail.example.com", "192.0.2.10")
//       .Aaaa("mail.example.com", "2001:db8::10")
//       .Ptr("192.0.2.10", "mail.example.com")          // by address, or by its in-addr.arpa / ip6.arpa name
//       .Cname("www.example.com", "example.com")          // followed for every type, up to 8 links; a loop is SERVFAIL
//       .Timeout("slow.example.com")                      // every type times out ...
//       .ServerFailure("broken.example.com", FakeDnsType.Mx); // ... or only the one named
//
// How a query is answered, as a real resolver would:
//   a failure mark for the name (all types, or the type asked)  -> Timeout / ServerFailure, with Server and Error set;
//   records of the type asked                                   -> NoError with the records, in the order added;
//   a name that has any data (records of another type, or
//   Exists(name))                                                -> NoError with no records ("no data");
//   anything else                                                -> NameError (NXDOMAIN).
// TXT records are strings whose character-strings are already joined (what IDnsResolver.Txt promises).
// Queries lists every lookup made ("TXT example.com", "A mail.example.com", "PTR 10.2.0.192.in-addr.arpa"), for
// tests that count lookups or check that one was never made.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using RelayTools.Core.Dns;

namespace RelayTools.Tests.Fakes;

/// <summary>The record types the fake serves.</summary>
public enum FakeDnsType
{
    /// <summary>TXT.</summary>
    Txt,
    /// <summary>A (IPv4 addresses).</summary>
    A,
    /// <summary>AAAA (IPv6 addresses).</summary>
    Aaaa,
    /// <summary>MX.</summary>
    Mx,
    /// <summary>PTR.</summary>
    Ptr,
}

/// <summary>An in-memory resolver over zone data given by the test; see the file header for how it answers.</summary>
public sealed class FakeDnsResolver : IDnsResolver
{
    private sealed class Node
    {
        public readonly List<string> Txt = new List<string>();
        public readonly List<IPAddress> A = new List<IPAddress>();
        public readonly List<IPAddress> Aaaa = new List<IPAddress>();
        public readonly List<DnsMxRecord> Mx = new List<DnsMxRecord>();
        public readonly List<string> Ptr = new List<string>();
        public string? Cname;
        public readonly Dictionary<FakeDnsType, DnsLookupStatus> Failures = new Dictionary<FakeDnsType, DnsLookupStatus>();
    }

    private readonly Dictionary<string, Node> _zone = new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _queries = new List<string>();

    /// <summary>The server reported in every answer (address:port), as a real resolver reports the one it asked.</summary>
    public string Server { get; set; } = "192.0.2.53:53";

    /// <summary>Every lookup made, in order: type and name, e.g. "MX example.com".</summary>
    public IReadOnlyList<string> Queries => _queries;

    /// <summary>Adds TXT records (each one string, its character-strings joined).</summary>
    public FakeDnsResolver Txt(string name, params string[] records)
    {
        Get(name).Txt.AddRange(records);
        return this;
    }

    /// <summary>Adds A records.</summary>
    public FakeDnsResolver A(string name, params string[] addresses)
    {
        Get(name).A.AddRange(addresses.Select(IPAddress.Parse));
        return this;
    }

    /// <summary>Adds AAAA records.</summary>
    public FakeDnsResolver Aaaa(string name, params string[] addresses)
    {
        Get(name).Aaaa.AddRange(addresses.Select(IPAddress.Parse));
        return this;
    }

    /// <summary>Adds an A or AAAA record, whichever family the address is.</summary>
    public FakeDnsResolver Address(string name, string address)
    {
        IPAddress ip = IPAddress.Parse(address);
        (ip.AddressFamily == AddressFamily.InterNetworkV6 ? Get(name).Aaaa : Get(name).A).Add(ip);
        return this;
    }

    /// <summary>Adds an MX record; "" or "." is a null MX (RFC 7505) and is served as ".".</summary>
    public FakeDnsResolver Mx(string name, int preference, string exchange)
    {
        string host = exchange.Length == 0 || exchange == "." ? "." : Trim(exchange);
        Get(name).Mx.Add(new DnsMxRecord { Preference = preference, Exchange = host });
        return this;
    }

    /// <summary>Adds PTR records; <paramref name="addressOrArpaName"/> is an address or its in-addr.arpa / ip6.arpa name.</summary>
    public FakeDnsResolver Ptr(string addressOrArpaName, params string[] names)
    {
        string owner = IPAddress.TryParse(addressOrArpaName, out IPAddress? ip) ? ReverseName(ip) : addressOrArpaName;
        Get(owner).Ptr.AddRange(names.Select(Trim));
        return this;
    }

    /// <summary>Makes <paramref name="alias"/> a CNAME for <paramref name="target"/>.</summary>
    public FakeDnsResolver Cname(string alias, string target)
    {
        Get(alias).Cname = Trim(target);
        return this;
    }

    /// <summary>Makes the name exist without records (queries answer NoError with no data instead of NXDOMAIN).</summary>
    public FakeDnsResolver Exists(string name)
    {
        Get(name);
        return this;
    }

    /// <summary>Queries for the name time out: every type, or only <paramref name="type"/>.</summary>
    public FakeDnsResolver Timeout(string name, FakeDnsType? type = null) => Fail(name, type, DnsLookupStatus.Timeout);

    /// <summary>Queries for the name get SERVFAIL: every type, or only <paramref name="type"/>.</summary>
    public FakeDnsResolver ServerFailure(string name, FakeDnsType? type = null) => Fail(name, type, DnsLookupStatus.ServerFailure);

    /// <inheritdoc />
    public DnsAnswer<string> Txt(string name, CancellationToken cancellationToken) =>
        Lookup(name, FakeDnsType.Txt, n => n.Txt, cancellationToken);

    /// <inheritdoc />
    public DnsAnswer<IPAddress> Address(string name, bool ipv6, CancellationToken cancellationToken) =>
        ipv6 ? Lookup(name, FakeDnsType.Aaaa, n => n.Aaaa, cancellationToken) : Lookup(name, FakeDnsType.A, n => n.A, cancellationToken);

    /// <inheritdoc />
    public DnsAnswer<DnsMxRecord> Mx(string name, CancellationToken cancellationToken) =>
        Lookup(name, FakeDnsType.Mx, n => n.Mx, cancellationToken);

    /// <inheritdoc />
    public DnsAnswer<string> Ptr(IPAddress address, CancellationToken cancellationToken) =>
        Lookup(ReverseName(address), FakeDnsType.Ptr, n => n.Ptr, cancellationToken);

    /// <summary>The in-addr.arpa or ip6.arpa name of an address (RFC 1035 3.5, RFC 3596 2.5), without the trailing dot.</summary>
    public static string ReverseName(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] b = address.GetAddressBytes();
            return b[3] + "." + b[2] + "." + b[1] + "." + b[0] + ".in-addr.arpa";
        }
        var sb = new StringBuilder();
        byte[] bytes = address.GetAddressBytes();
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            sb.Append("0123456789abcdef"[bytes[i] & 0xF]).Append('.');
            sb.Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
        }
        return sb.Append("ip6.arpa").ToString();
    }

    private FakeDnsResolver Fail(string name, FakeDnsType? type, DnsLookupStatus status)
    {
        Node node = Get(name);
        foreach (FakeDnsType t in type.HasValue ? new[] { type.Value } : (FakeDnsType[])Enum.GetValues(typeof(FakeDnsType)))
        {
            node.Failures[t] = status;
        }
        return this;
    }

    private DnsAnswer<T> Lookup<T>(string name, FakeDnsType type, Func<Node, List<T>> records, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string current = Trim(name);
        _queries.Add(type.ToString().ToUpperInvariant() + " " + current);
        for (int hops = 0; hops <= 8; hops++)
        {
            if (!_zone.TryGetValue(current, out Node? node))
            {
                return new DnsAnswer<T> { Status = DnsLookupStatus.NameError, Server = Server };
            }
            if (node.Failures.TryGetValue(type, out DnsLookupStatus failure))
            {
                return new DnsAnswer<T>
                {
                    Status = failure,
                    Server = Server,
                    Error = failure == DnsLookupStatus.Timeout ? "no answer within the timeout" : "SERVFAIL",
                };
            }
            if (node.Cname != null)
            {
                current = node.Cname;
                continue;
            }
            return new DnsAnswer<T> { Status = DnsLookupStatus.NoError, Records = records(node).ToArray(), Server = Server };
        }
        return new DnsAnswer<T> { Status = DnsLookupStatus.ServerFailure, Server = Server, Error = "CNAME chain too long or a loop at " + Trim(name) };
    }

    private Node Get(string name)
    {
        string key = Trim(name);
        if (!_zone.TryGetValue(key, out Node? node))
        {
            node = new Node();
            _zone[key] = node;
        }
        return node;
    }

    private static string Trim(string name) => name.Length > 1 && name.EndsWith(".", StringComparison.Ordinal) ? name.Substring(0, name.Length - 1) : name;
}
