using System.Net;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Tests.Postfix;

public class PostfixNetworkTests
{
    [Theory]
    [InlineData("127.0.0.0/8", PostfixNetworkKind.Cidr, "127.0.0.0", 8, "IPv4", false)]
    [InlineData("192.0.2.10", PostfixNetworkKind.Address, "192.0.2.10", 32, "IPv4", false)]
    [InlineData("[::1]/128", PostfixNetworkKind.Cidr, "::1", 128, "IPv6", false)]
    [InlineData("[2001:db8::]/32", PostfixNetworkKind.Cidr, "2001:db8::", 32, "IPv6", false)]
    [InlineData("[::ffff:127.0.0.0]/104", PostfixNetworkKind.Cidr, "::ffff:127.0.0.0", 104, "IPv6", true)]
    [InlineData("[fe80::1]", PostfixNetworkKind.Address, "fe80::1", 128, "IPv6", false)]
    [InlineData("/etc/postfix/network_table", PostfixNetworkKind.File, "/etc/postfix/network_table", 0, "", false)]
    [InlineData("cidr:/etc/postfix/trusted.cidr", PostfixNetworkKind.Table, "cidr:/etc/postfix/trusted.cidr", 0, "", false)]
    [InlineData("app.corp.example", PostfixNetworkKind.Name, "app.corp.example", 0, "", false)]
    public void Parses_mynetworks_entries(string text, PostfixNetworkKind kind, string network, int prefix, string family, bool mapped)
    {
        var n = PostfixNetwork.Parse(text);
        Assert.Equal(kind, n.Kind);
        Assert.Equal(network, n.Network);
        Assert.Equal(prefix, n.PrefixLength);
        Assert.Equal(family, n.AddressFamily);
        Assert.Equal(mapped, n.IsIPv4Mapped);
    }

    [Theory]
    [InlineData("10.1.2.3/8", "non-null host address bits")]
    [InlineData("10.0.0.0/33", "bad prefix length")]
    [InlineData("[::1]/129", "bad prefix length")]
    [InlineData("[not-an-address]/8", "not an IP address")]
    public void Rejects_what_Postfix_rejects(string text, string problem)
    {
        var n = PostfixNetwork.Parse(text);
        Assert.Equal(PostfixNetworkKind.Invalid, n.Kind);
        Assert.Contains(problem, n.Problem);
    }

    [Theory]
    [InlineData("127.0.0.0/29", "127.0.0.7", true)]
    [InlineData("127.0.0.0/29", "127.0.0.8", false)]
    [InlineData("[2001:db8::]/32", "2001:db8:1::5", true)]
    [InlineData("[2001:db8::]/32", "2001:db9::5", false)]
    // Postfix matches within one address family: an IPv4 client never matches an IPv6 block.
    [InlineData("[::ffff:127.0.0.0]/104", "127.0.0.1", false)]
    [InlineData("[::ffff:127.0.0.0]/104", "::ffff:127.0.0.1", true)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    public void Contains_follows_the_prefix(string entry, string client, bool expected) =>
        Assert.Equal(expected, PostfixNetwork.Parse(entry).Contains(IPAddress.Parse(client)));
}
