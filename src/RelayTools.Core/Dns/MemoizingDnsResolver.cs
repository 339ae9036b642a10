using System.Collections.Generic;
using System.Net;
using System.Threading;

namespace RelayTools.Core.Dns;

/// <summary>
/// Remembers every answer of an inner resolver for the life of one check, so the SPF, DMARC, DKIM and reverse-DNS
/// parts of it see the same DNS, and a name that timed out costs its wait once, not once per part that asks it.
/// Not thread-safe: one per check.
/// </summary>
public sealed class MemoizingDnsResolver : IDnsResolver
{
    private readonly IDnsResolver _inner;
    private readonly Dictionary<string, object> _answers = new();

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public MemoizingDnsResolver(IDnsResolver inner) => _inner = inner;

    /// <inheritdoc />
    public DnsAnswer<string> Txt(string name, CancellationToken cancellationToken) =>
        Remember("TXT " + name.ToLowerInvariant(), () => _inner.Txt(name, cancellationToken));

    /// <inheritdoc />
    public DnsAnswer<IPAddress> Address(string name, bool ipv6, CancellationToken cancellationToken) =>
        Remember((ipv6 ? "AAAA " : "A ") + name.ToLowerInvariant(), () => _inner.Address(name, ipv6, cancellationToken));

    /// <inheritdoc />
    public DnsAnswer<DnsMxRecord> Mx(string name, CancellationToken cancellationToken) =>
        Remember("MX " + name.ToLowerInvariant(), () => _inner.Mx(name, cancellationToken));

    /// <inheritdoc />
    public DnsAnswer<string> Ptr(IPAddress address, CancellationToken cancellationToken) =>
        Remember("PTR " + address, () => _inner.Ptr(address, cancellationToken));

    private DnsAnswer<T> Remember<T>(string key, System.Func<DnsAnswer<T>> lookup)
    {
        if (_answers.TryGetValue(key, out object? known)) return (DnsAnswer<T>)known;
        DnsAnswer<T> answer = lookup();
        _answers[key] = answer;
        return answer;
    }
}
