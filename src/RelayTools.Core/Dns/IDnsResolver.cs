using System.Net;
using System.Threading;

namespace RelayTools.Core.Dns;

/// <summary>
/// The DNS lookups RelayTools makes: MX hosts to probe, and the TXT, A/AAAA, MX and PTR records that SPF, DMARC,
/// DKIM and reverse DNS checks read. Everything that evaluates records works over this interface, so xunit feeds it
/// fixtures and the module answers it with DnsClient. A lookup never throws for a DNS outcome: NXDOMAIN, no data,
/// SERVFAIL and timeouts are answers (<see cref="DnsAnswer{T}.Status"/>); only cancellation throws.
/// </summary>
public interface IDnsResolver
{
    /// <summary>The TXT records of <paramref name="name"/>, each record's character-strings joined without a separator (RFC 7208 3.3).</summary>
    DnsAnswer<string> Txt(string name, CancellationToken cancellationToken);

    /// <summary>The A (<paramref name="ipv6"/> false) or AAAA (true) records of <paramref name="name"/>.</summary>
    DnsAnswer<IPAddress> Address(string name, bool ipv6, CancellationToken cancellationToken);

    /// <summary>The MX records of <paramref name="name"/>.</summary>
    DnsAnswer<DnsMxRecord> Mx(string name, CancellationToken cancellationToken);

    /// <summary>The PTR records of <paramref name="address"/> (its in-addr.arpa or ip6.arpa name).</summary>
    DnsAnswer<string> Ptr(IPAddress address, CancellationToken cancellationToken);
}
