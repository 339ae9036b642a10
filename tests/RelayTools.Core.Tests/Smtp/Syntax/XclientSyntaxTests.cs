using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Core.Tests.Smtp.Syntax;

// What -ClientAddress and -ClientName may be before they go into XCLIENT ADDR and NAME.
public class XclientSyntaxTests
{
    [Theory]
    [InlineData("127.0.0.5", "127.0.0.5")]
    [InlineData(" 192.0.2.10 ", "192.0.2.10")]
    [InlineData("[192.0.2.10]", "192.0.2.10")]
    [InlineData("010.000.002.001", "10.0.2.1")]
    [InlineData("2001:DB8::25", "2001:db8::25")]
    [InlineData("IPV6:2001:db8::25", "2001:db8::25")]
    [InlineData("[IPv6:2001:db8:0:0::25]", "2001:db8::25")]
    [InlineData("::1", "::1")]
    [InlineData("::ffff:192.0.2.1", "::ffff:192.0.2.1")]
    public void Client_addresses_are_accepted_in_plain_form(string value, string expected)
    {
        Assert.Equal(expected, XclientSyntax.ClientAddress(value, "ClientAddress"));
    }

    [Theory]
    [InlineData("127.0.0.5\r\nDATA", SmtpArgumentProblem.ControlCharacter, 9)]
    [InlineData("127.0.0.5\n", SmtpArgumentProblem.ControlCharacter, 9)]
    [InlineData("\0", SmtpArgumentProblem.ControlCharacter, 0)]
    [InlineData("127.0.0.\u0665", SmtpArgumentProblem.NonAscii, 8)]
    [InlineData("", SmtpArgumentProblem.Empty, -1)]
    [InlineData("   ", SmtpArgumentProblem.Empty, -1)]
    [InlineData("mx.example.com", SmtpArgumentProblem.Syntax, -1)]
    [InlineData("192.0.2.256", SmtpArgumentProblem.Syntax, -1)]
    [InlineData("192.0.2", SmtpArgumentProblem.Syntax, -1)]
    [InlineData("192.0.2.0/24", SmtpArgumentProblem.Syntax, -1)]
    [InlineData("192.0.2.1:25", SmtpArgumentProblem.Syntax, -1)]
    [InlineData("fe80::1%eth0", SmtpArgumentProblem.Syntax, -1)]
    [InlineData("IPv6:192.0.2.1", SmtpArgumentProblem.Syntax, -1)]
    [InlineData("[UNAVAILABLE]", SmtpArgumentProblem.Syntax, -1)]
    public void Bad_client_addresses_are_refused_with_the_problem(string value, SmtpArgumentProblem problem, int position)
    {
        SmtpArgumentException ex = Assert.Throws<SmtpArgumentException>(() => XclientSyntax.ClientAddress(value, "ClientAddress"));

        Assert.Equal(SmtpArgumentKind.ClientAddress, ex.Kind);
        Assert.Equal(problem, ex.Problem);
        Assert.Equal(position, ex.Position);
        Assert.Equal("ClientAddress" + problem, ex.ErrorId);
        Assert.StartsWith("-ClientAddress '", ex.Message);
        Assert.EndsWith("Nothing was sent to any server.", ex.Message);
    }

    [Theory]
    [InlineData("relay.corp.example", "relay.corp.example")]
    [InlineData("app01", "app01")]
    [InlineData("unknown", "[UNAVAILABLE]")]
    [InlineData("UNKNOWN", "[UNAVAILABLE]")]
    [InlineData("[unavailable]", "[UNAVAILABLE]")]
    [InlineData("[TempUnavail]", "[TEMPUNAVAIL]")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void Client_names_are_domains_or_the_two_bracketed_words(string value, string expected)
    {
        Assert.Equal(expected, XclientSyntax.ClientName(value, "ClientName"));
    }

    [Theory]
    [InlineData("relay\r\nMAIL FROM:<a@b.example>", SmtpArgumentProblem.ControlCharacter, 5)]
    [InlineData("host\t", SmtpArgumentProblem.ControlCharacter, 4)]
    [InlineData("b\u00fccher.example", SmtpArgumentProblem.NonAscii, 1)]
    [InlineData("", SmtpArgumentProblem.Empty, -1)]
    [InlineData("[127.0.0.5]", SmtpArgumentProblem.Syntax, 0)]
    [InlineData("127.0.0.5", SmtpArgumentProblem.Syntax, -1)]
    [InlineData("bad_name.example", SmtpArgumentProblem.Syntax, 3)]
    [InlineData("two words", SmtpArgumentProblem.Syntax, 3)]
    [InlineData("trailing.dot.", SmtpArgumentProblem.Syntax, 12)]
    public void Bad_client_names_are_refused_with_the_problem(string value, SmtpArgumentProblem problem, int position)
    {
        SmtpArgumentException ex = Assert.Throws<SmtpArgumentException>(() => XclientSyntax.ClientName(value, "ClientName"));

        Assert.Equal(SmtpArgumentKind.ClientName, ex.Kind);
        Assert.Equal(problem, ex.Problem);
        Assert.Equal(position, ex.Position);
        Assert.Equal("ClientName" + problem, ex.ErrorId);
    }
}
