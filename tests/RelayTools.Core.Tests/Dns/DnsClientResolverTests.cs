using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.Dns;

namespace RelayTools.Core.Tests.Dns;

// The resolver without a DNS server: a loopback UDP socket that reads nothing stands for a server that never
// answers. Answers from a real server are checked by tests/RelayTools.Tests/DnsLab.Tests.ps1 (NSD on loopback).
public class DnsClientResolverTests
{
    private static (UdpClient Silent, DnsServerEndpoint Endpoint) SilentServer()
    {
        var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return (silent, new DnsServerEndpoint(IPAddress.Loopback, ((IPEndPoint)silent.Client.LocalEndPoint!).Port));
    }

    [Fact]
    public void A_server_that_never_answers_is_a_timeout_within_the_bound_naming_the_server()
    {
        (UdpClient silent, DnsServerEndpoint endpoint) = SilentServer();
        using (silent)
        {
            var resolver = new DnsClientResolver(endpoint, TimeSpan.FromMilliseconds(300), retries: 1);
            Assert.Equal(TimeSpan.FromMilliseconds(600), resolver.MaximumWait);

            var clock = Stopwatch.StartNew();
            DnsAnswer<string> answer = resolver.Txt("silent.relaytools.test", CancellationToken.None);
            clock.Stop();

            Assert.Equal(DnsLookupStatus.Timeout, answer.Status);
            Assert.True(answer.IsTemporaryFailure);
            Assert.False(answer.IsVoid);
            Assert.Empty(answer.Records);
            Assert.Equal(endpoint.ToString(), answer.Server);
            Assert.Contains(endpoint.ToString(), answer.Error);
            Assert.Contains("TXT silent.relaytools.test", answer.Error);
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public void Cancellation_throws_at_once_instead_of_waiting_for_the_timeout()
    {
        (UdpClient silent, DnsServerEndpoint endpoint) = SilentServer();
        using (silent)
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            var resolver = new DnsClientResolver(endpoint, TimeSpan.FromSeconds(20), retries: 2);

            var clock = Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => resolver.Mx("silent.relaytools.test", cancel.Token));
            clock.Stop();

            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        }
    }

    [Fact]
    public void A_token_cancelled_before_the_lookup_throws_without_asking()
    {
        var resolver = new DnsClientResolver(DnsServerEndpoint.Parse("127.0.0.1:9"), TimeSpan.FromSeconds(1), 0);
        Assert.ThrowsAny<OperationCanceledException>(() => resolver.Address("a.relaytools.test", false, new CancellationToken(true)));
    }

    [Fact]
    public async Task Lookups_at_once_on_one_resolver_each_end_on_their_own()
    {
        (UdpClient silent, DnsServerEndpoint endpoint) = SilentServer();
        using (silent)
        {
            var resolver = new DnsClientResolver(endpoint, TimeSpan.FromMilliseconds(200), retries: 0);
            Task<DnsAnswer<IPAddress>>[] lookups = new Task<DnsAnswer<IPAddress>>[4];
            for (int i = 0; i < lookups.Length; i++)
            {
                string name = "host" + i + ".relaytools.test";
                bool ipv6 = i % 2 == 0;
                lookups[i] = Task.Run(() => resolver.Address(name, ipv6, CancellationToken.None));
            }
            Task all = Task.WhenAll(lookups);
            Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5))));
            foreach (DnsAnswer<IPAddress> answer in await Task.WhenAll(lookups))
            {
                Assert.Equal(DnsLookupStatus.Timeout, answer.Status);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("a..relaytools.test")]
    [InlineData(".relaytools.test")]
    public void A_name_that_cannot_be_a_dns_name_is_a_name_error_without_asking(string name)
    {
        // Port 9 (discard) on loopback: were it asked, the lookup would time out instead.
        var resolver = new DnsClientResolver(DnsServerEndpoint.Parse("127.0.0.1:9"), TimeSpan.FromSeconds(5), 0);

        DnsAnswer<string> answer = resolver.Txt(name, CancellationToken.None);

        Assert.Equal(DnsLookupStatus.NameError, answer.Status);
        Assert.StartsWith("not a DNS name", answer.Error);
        Assert.True(answer.IsVoid);
    }

    [Fact]
    public void Over_long_labels_and_names_are_refused_as_rfc_1035_says()
    {
        Assert.Null(DnsClientResolver.InvalidName(new string('a', 63) + ".relaytools.test"));
        Assert.Contains("63 octets", DnsClientResolver.InvalidName(new string('a', 64) + ".relaytools.test"));
        string longest = string.Join(".", new[] { new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61) });
        Assert.Equal(253, longest.Length);
        Assert.Null(DnsClientResolver.InvalidName(longest));
        Assert.Null(DnsClientResolver.InvalidName(longest + "."));
        Assert.Contains("255 octets", DnsClientResolver.InvalidName(longest + "e"));
    }

    [Theory]
    [InlineData(1, "FORMERR")]
    [InlineData(2, "SERVFAIL")]
    [InlineData(4, "NOTIMP")]
    [InlineData(5, "REFUSED")]
    [InlineData(9, "NOTAUTH")]
    [InlineData(15, "RCODE 15")]
    public void Response_codes_are_named_by_their_mnemonics(int rcode, string name) =>
        Assert.Equal(name, DnsClientResolver.RcodeName(rcode));

    [Fact]
    public void Timeouts_and_retries_are_bounded()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsClientResolver(DnsServerEndpoint.Parse("127.0.0.1"), TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsClientResolver(DnsServerEndpoint.Parse("127.0.0.1"), TimeSpan.FromMinutes(6)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsClientResolver(DnsServerEndpoint.Parse("127.0.0.1"), null, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsClientResolver(DnsServerEndpoint.Parse("127.0.0.1"), null, 6));

        var resolver = new DnsClientResolver(DnsServerEndpoint.Parse("127.0.0.1:5390"));
        Assert.Equal(DnsClientResolver.DefaultTimeout, resolver.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), resolver.Timeout);
        Assert.Equal(1, resolver.Retries);
        Assert.Equal(TimeSpan.FromSeconds(4), resolver.MaximumWait);
        Assert.False(resolver.IsSystemDefault);
        Assert.Equal("127.0.0.1:5390", resolver.ServerDescription);
    }

    [Fact]
    public void Several_servers_are_asked_in_order_and_the_bound_grows_with_them()
    {
        var resolver = new DnsClientResolver(new[] { DnsServerEndpoint.Parse("127.0.0.1:5390"), DnsServerEndpoint.Parse("[::1]:5390") }, TimeSpan.FromSeconds(1), 2);

        Assert.Equal(TimeSpan.FromSeconds(6), resolver.MaximumWait);
        Assert.Equal("127.0.0.1:5390, [::1]:5390", resolver.ServerDescription);
    }
}
