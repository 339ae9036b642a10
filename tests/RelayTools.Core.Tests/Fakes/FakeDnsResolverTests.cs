using System.Linq;
using System.Net;
using System.Threading;
using RelayTools.Core.Dns;
using RelayTools.Tests.Fakes;

namespace RelayTools.Core.Tests.Fakes;

public class FakeDnsResolverTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void Tells_nxdomain_from_no_data()
    {
        var dns = new FakeDnsResolver().A("host.example", "192.0.2.1").Exists("empty.example");
        Assert.Equal(DnsLookupStatus.NameError, dns.Txt("missing.example", None).Status);
        DnsAnswer<string> noData = dns.Txt("host.example", None);
        Assert.Equal(DnsLookupStatus.NoError, noData.Status);
        Assert.True(noData.IsVoid);
        Assert.Equal(DnsLookupStatus.NoError, dns.Txt("EMPTY.example.", None).Status);
        Assert.Equal("192.0.2.1", dns.Address("Host.Example.", false, None).Records.Single().ToString());
    }

    [Fact]
    public void Fails_by_type_or_for_the_whole_name_and_reports_the_server()
    {
        var dns = new FakeDnsResolver { Server = "127.0.0.1:5353" }
            .Txt("slow.example", "v=spf1 -all").Timeout("slow.example", FakeDnsType.Mx)
            .ServerFailure("broken.example");
        Assert.Equal(DnsLookupStatus.NoError, dns.Txt("slow.example", None).Status);
        DnsAnswer<DnsMxRecord> mx = dns.Mx("slow.example", None);
        Assert.Equal(DnsLookupStatus.Timeout, mx.Status);
        Assert.True(mx.IsTemporaryFailure);
        Assert.Equal("127.0.0.1:5353", mx.Server);
        Assert.Equal(DnsLookupStatus.ServerFailure, dns.Address("broken.example", true, None).Status);
    }

    [Fact]
    public void Follows_cnames_and_fails_on_a_loop()
    {
        var dns = new FakeDnsResolver().Cname("www.example", "example").Txt("example", "hello").Cname("loop1.example", "loop2.example").Cname("loop2.example", "loop1.example");
        Assert.Equal("hello", dns.Txt("www.example", None).Records.Single());
        Assert.Equal(DnsLookupStatus.ServerFailure, dns.Txt("loop1.example", None).Status);
    }

    [Fact]
    public void Serves_ptr_by_address_or_arpa_name_and_logs_queries()
    {
        var dns = new FakeDnsResolver()
            .Ptr("192.0.2.5", "mail.example.")
            .Ptr("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6.arpa", "v6.example");
        Assert.Equal("mail.example", dns.Ptr(IPAddress.Parse("192.0.2.5"), None).Records.Single());
        Assert.Equal("v6.example", dns.Ptr(IPAddress.Parse("2001:db8::1"), None).Records.Single());
        Assert.Equal("PTR 5.2.0.192.in-addr.arpa", dns.Queries[0]);
        Assert.Equal("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", FakeDnsResolver.ReverseName(IPAddress.Parse("2001:db8::1")));
    }
}
