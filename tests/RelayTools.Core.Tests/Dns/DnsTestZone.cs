using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using RelayTools.Core.Dns;

namespace RelayTools.Core.Tests.Dns;

/// <summary>
/// A zone in memory for the DMARC, DKIM and reverse-DNS tests: records by name and type, names that time out or
/// fail, and the queries asked in order. No network. Names not given answer NXDOMAIN.
/// </summary>
internal sealed class DnsTestZone : IDnsResolver
{
    public const string ServerName = "192.0.2.53:53";

    private readonly Dictionary<(string Name, string Type), List<object>> _records = [];
    private readonly Dictionary<(string Name, string Type), DnsLookupStatus> _failures = [];

    public List<string> Queries { get; } = [];

    public DnsTestZone Txt(string name, params string[] texts)
    {
        Add(name, "TXT", texts);
        return this;
    }

    public DnsTestZone A(string name, params string[] addresses)
    {
        Add(name, "A", addresses.Select(IPAddress.Parse));
        return this;
    }

    public DnsTestZone Aaaa(string name, params string[] addresses)
    {
        Add(name, "AAAA", addresses.Select(IPAddress.Parse));
        return this;
    }

    public DnsTestZone Ptr(string address, params string[] names)
    {
        Add(PtrKey(IPAddress.Parse(address)), "PTR", names);
        return this;
    }

    /// <summary>Makes a lookup of <paramref name="type"/> at <paramref name="name"/> end with <paramref name="status"/>.</summary>
    public DnsTestZone Fail(string name, string type, DnsLookupStatus status = DnsLookupStatus.Timeout)
    {
        _failures[(Key(name), type)] = status;
        return this;
    }

    public DnsTestZone FailPtr(string address, DnsLookupStatus status = DnsLookupStatus.Timeout)
        => Fail(PtrKey(IPAddress.Parse(address)), "PTR", status);

    public DnsAnswer<string> Txt(string name, CancellationToken cancellationToken) => Answer<string>(name, "TXT");

    public DnsAnswer<IPAddress> Address(string name, bool ipv6, CancellationToken cancellationToken)
        => Answer<IPAddress>(name, ipv6 ? "AAAA" : "A");

    public DnsAnswer<DnsMxRecord> Mx(string name, CancellationToken cancellationToken) => Answer<DnsMxRecord>(name, "MX");

    public DnsAnswer<string> Ptr(IPAddress address, CancellationToken cancellationToken) => Answer<string>(PtrKey(address), "PTR");

    private void Add<T>(string name, string type, IEnumerable<T> values)
    {
        var key = (Key(name), type);
        if (!_records.TryGetValue(key, out List<object>? list))
        {
            _records[key] = list = [];
        }
        list.AddRange(values.Cast<object>());
    }

    private DnsAnswer<T> Answer<T>(string name, string type)
    {
        string key = Key(name);
        Queries.Add(type + " " + key);
        if (_failures.TryGetValue((key, type), out DnsLookupStatus failure))
        {
            return new DnsAnswer<T> { Status = failure, Server = ServerName, Error = failure == DnsLookupStatus.Timeout ? "no answer in 5 s" : "SERVFAIL" };
        }
        if (_records.TryGetValue((key, type), out List<object>? list))
        {
            return new DnsAnswer<T> { Status = DnsLookupStatus.NoError, Records = list.Cast<T>().ToList(), Server = ServerName };
        }
        bool nameExists = _records.Keys.Any(k => k.Name == key);
        return new DnsAnswer<T> { Status = nameExists ? DnsLookupStatus.NoError : DnsLookupStatus.NameError, Server = ServerName };
    }

    private static string Key(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    private static string PtrKey(IPAddress address) => "ptr:" + address;
}
