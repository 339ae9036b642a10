using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Core.Tests.Smtp.Syntax;

// The server forms admins paste from logs and configs.
public class SmtpEndpointTests
{
    [Theory]
    [InlineData("mx.example.com", "mx.example.com", null)]
    [InlineData("  mx.example.com ", "mx.example.com", null)]
    [InlineData("mx.example.com.", "mx.example.com", null)]
    [InlineData("localhost", "localhost", null)]
    [InlineData("mx.example.com:2525", "mx.example.com", 2525)]
    [InlineData("127.0.0.1", "127.0.0.1", null)]
    [InlineData("127.0.0.1:2701", "127.0.0.1", 2701)]
    [InlineData("[127.0.0.1]", "127.0.0.1", null)]
    [InlineData("[127.0.0.1]:587", "127.0.0.1", 587)]
    [InlineData("::1", "::1", null)]
    [InlineData("2001:db8::1", "2001:db8::1", null)]
    [InlineData("2001:DB8:0:0:0:0:0:1", "2001:db8::1", null)]
    [InlineData("[IPv6:2001:db8::1]", "2001:db8::1", null)]
    [InlineData("[ipv6:::1]:2525", "::1", 2525)]
    [InlineData("[2001:db8::1]", "2001:db8::1", null)]
    [InlineData("[2001:db8::1]:465", "2001:db8::1", 465)]
    public void Server_forms_give_host_and_port(string value, string host, int? port)
    {
        SmtpEndpoint endpoint = SmtpEndpoint.Parse(value);

        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
    }

    [Theory]
    [InlineData("mx.example.com\r\nEHLO x", SmtpArgumentProblem.ControlCharacter, 14)]
    [InlineData("", SmtpArgumentProblem.Empty, -1)]
    [InlineData("   ", SmtpArgumentProblem.Empty, -1)]
    [InlineData("mx.example.com:0", SmtpArgumentProblem.Syntax, 14)]
    [InlineData("mx.example.com:70000", SmtpArgumentProblem.Syntax, 14)]
    [InlineData("mx.example.com:smtp", SmtpArgumentProblem.Syntax, 14)]
    [InlineData("mx.example.com:", SmtpArgumentProblem.Syntax, 14)]
    [InlineData("[127.0.0.1", SmtpArgumentProblem.Syntax, 0)]
    [InlineData("[not-an-ip]", SmtpArgumentProblem.Syntax, 1)]
    [InlineData("[127.0.0.1]x", SmtpArgumentProblem.Syntax, 11)]
    [InlineData("2001:db8::g", SmtpArgumentProblem.Syntax, 0)]
    [InlineData("mx example.com", SmtpArgumentProblem.Syntax, 2)]
    [InlineData("smtp://mx.example.com", SmtpArgumentProblem.Syntax, 4)]
    [InlineData("mx.exämple.com", SmtpArgumentProblem.NonAscii, 5)]
    public void Bad_server_values_are_refused(string value, SmtpArgumentProblem problem, int position)
    {
        SmtpArgumentException ex = Assert.Throws<SmtpArgumentException>(() => SmtpEndpoint.Parse(value));

        Assert.Equal(problem, ex.Problem);
        Assert.Equal(position, ex.Position);
        Assert.Equal("Server" + problem, ex.ErrorId);
    }

    [Theory]
    [InlineData("[IPv6:2001:db8::1]:25", "[2001:db8::1]:25")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    public void ToString_writes_IPv6_in_brackets(string value, string text)
    {
        Assert.Equal(text, SmtpEndpoint.Parse(value).ToString());
    }
}
