using System;
using System.Net;
using RelayTools.Core.Dns;

namespace RelayTools.Core.Tests.Dns;

public class DnsServerEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", 53, "127.0.0.1:53")]
    [InlineData(" 127.0.0.1:5390 ", "127.0.0.1", 5390, "127.0.0.1:5390")]
    [InlineData("192.0.2.53:53", "192.0.2.53", 53, "192.0.2.53:53")]
    [InlineData("::1", "::1", 53, "[::1]:53")]
    [InlineData("[::1]", "::1", 53, "[::1]:53")]
    [InlineData("[::1]:5390", "::1", 5390, "[::1]:5390")]
    [InlineData("2001:db8::53", "2001:db8::53", 53, "[2001:db8::53]:53")]
    [InlineData("[2001:DB8::53]:65535", "2001:db8::53", 65535, "[2001:db8::53]:65535")]
    public void Reads_an_address_with_an_optional_port(string text, string address, int port, string shown)
    {
        DnsServerEndpoint endpoint = DnsServerEndpoint.Parse(text);

        Assert.Equal(IPAddress.Parse(address), endpoint.Address);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(shown, endpoint.ToString());
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endpoint.ToIPEndPoint());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("dns.relaytools.test", "never by a host name")]
    [InlineData("localhost", "never by a host name")]
    [InlineData("localhost:53", "never by a host name")]
    [InlineData("127.1", "dotted-quad")]
    [InlineData("2130706433", "dotted-quad")]
    [InlineData("0x7f.0.0.1", "dotted-quad")]
    [InlineData("127.0.0.256", "dotted-quad")]
    [InlineData("127.0.0.1:", "port ''")]
    [InlineData("127.0.0.1:0", "port '0'")]
    [InlineData("127.0.0.1:65536", "port '65536'")]
    [InlineData("127.0.0.1:+53", "port '+53'")]
    [InlineData("127.0.0.1:dns", "port 'dns'")]
    [InlineData("::1:5390x", "neither")]
    [InlineData("[::1]5390", "after ']'")]
    [InlineData("[::1", "no ']'")]
    [InlineData("[127.0.0.1]:53", "not an IPv6 address")]
    [InlineData("0.0.0.0", "not the address of a server")]
    [InlineData("[::]:53", "not the address of a server")]
    [InlineData("224.0.0.251:5353", "not the address of a server")]
    public void Refuses_anything_but_an_address_with_a_clear_message(string text, string expected)
    {
        FormatException e = Assert.Throws<FormatException>(() => DnsServerEndpoint.Parse(text));

        Assert.Contains(expected, e.Message);
        Assert.Contains("127.0.0.1:5390", e.Message);
        Assert.False(DnsServerEndpoint.TryParse(text, out DnsServerEndpoint? none, out string error));
        Assert.Null(none);
        Assert.Equal(e.Message, error);
    }

    [Fact]
    public void Null_is_an_argument_error_and_a_bad_port_out_of_range()
    {
        Assert.Throws<ArgumentNullException>(() => DnsServerEndpoint.Parse(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsServerEndpoint(IPAddress.Loopback, 0));
        Assert.Throws<ArgumentNullException>(() => new DnsServerEndpoint(null!));
    }

    [Fact]
    public void Equal_endpoints_are_equal()
    {
        Assert.Equal(DnsServerEndpoint.Parse("127.0.0.1"), DnsServerEndpoint.Parse("127.0.0.1:53"));
        Assert.NotEqual(DnsServerEndpoint.Parse("127.0.0.1"), DnsServerEndpoint.Parse("127.0.0.1:5390"));
        Assert.Equal(DnsServerEndpoint.Parse("::1").GetHashCode(), DnsServerEndpoint.Parse("[::1]:53").GetHashCode());
    }
}
