using System;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Smtp;

// The command line of Postfix XCLIENT_README: ADDR (IPv6 tagged IPV6:) and NAME, xtext-encoded.
public class XclientCommandTests
{
    [Theory]
    [InlineData("127.0.0.5", null, "XCLIENT ADDR=127.0.0.5")]
    [InlineData("127.0.0.5", "relay.corp.example", "XCLIENT ADDR=127.0.0.5 NAME=relay.corp.example")]
    [InlineData("2001:db8::25", "[UNAVAILABLE]", "XCLIENT ADDR=IPV6:2001:db8::25 NAME=[UNAVAILABLE]")]
    [InlineData("::ffff:192.0.2.1", null, "XCLIENT ADDR=IPV6:::ffff:192.0.2.1")]
    [InlineData(null, "[TEMPUNAVAIL]", "XCLIENT NAME=[TEMPUNAVAIL]")]
    // Never reached with checked values, but the encoding alone keeps one value on one line.
    [InlineData(null, "a b\r\nDATA", "XCLIENT NAME=a+20b+0D+0ADATA")]
    public void Build_writes_the_address_then_the_name(string? address, string? name, string expected)
    {
        Assert.Equal(expected, XclientCommand.Build(address, name));
    }

    [Theory]
    [InlineData("192.0.2.1", null, "ADDR")]
    [InlineData(null, "host.example", "NAME")]
    [InlineData("192.0.2.1", "host.example", "ADDR,NAME")]
    public void Attributes_name_what_the_command_uses(string? address, string? name, string expected)
    {
        Assert.Equal(expected, string.Join(",", XclientCommand.Attributes(address, name)));
    }

    [Fact]
    public void Build_refuses_a_command_without_attributes()
    {
        Assert.Throws<ArgumentException>(() => XclientCommand.Build(null, null));
    }
}
