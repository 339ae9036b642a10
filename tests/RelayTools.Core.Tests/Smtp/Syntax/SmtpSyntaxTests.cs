using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Core.Tests.Smtp.Syntax;

// RFC 5321 section 4.1.2 (Path, Mailbox, Local-part, Domain, address-literal) as the probe's input checks.
public class SmtpSyntaxTests
{
    [Theory]
    [InlineData("user@example.com", "user@example.com")]
    [InlineData("<user@example.com>", "user@example.com")]
    [InlineData("  <user@example.com>  ", "user@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@example.com", "!#$%&'*+-/=?^_`{|}~@example.com")]
    [InlineData("a%gmail.com@lab.test", "a%gmail.com@lab.test")]
    [InlineData("\"john doe\"@example.com", "\"john doe\"@example.com")]
    [InlineData("\"a..b\"@example.com", "\"a..b\"@example.com")]
    [InlineData("\"quote\\\"inside\"@example.com", "\"quote\\\"inside\"@example.com")]
    [InlineData("\"x@y\"@example.com", "\"x@y\"@example.com")]
    [InlineData("user@[192.0.2.1]", "user@[192.0.2.1]")]
    [InlineData("user@[IPv6:2001:db8::1]", "user@[IPv6:2001:db8::1]")]
    [InlineData("user@[ipv6:::1]", "user@[ipv6:::1]")]
    [InlineData("user@[IPv6:::ffff:192.0.2.1]", "user@[IPv6:::ffff:192.0.2.1]")]
    [InlineData("user@[x-tag:opaque]", "user@[x-tag:opaque]")]
    [InlineData("user@localhost", "user@localhost")]
    [InlineData("user@xn--bcher-kva.example", "user@xn--bcher-kva.example")]
    [InlineData("u@1.2.3.4", "u@1.2.3.4")]
    public void Valid_paths_are_accepted_in_the_form_sent(string value, string expected)
    {
        Assert.Equal(expected, SmtpSyntax.Mailbox(value, "To"));
    }

    [Theory]
    [InlineData("x@gmail.com>\r\nDATA\r\n.", SmtpArgumentProblem.ControlCharacter, 12)]
    [InlineData("x@gmail.com\nRSET", SmtpArgumentProblem.ControlCharacter, 11)]
    [InlineData("x@gmail.com\0", SmtpArgumentProblem.ControlCharacter, 11)]
    [InlineData("x\t@gmail.com", SmtpArgumentProblem.ControlCharacter, 1)]
    [InlineData("\"a\rb\"@example.com", SmtpArgumentProblem.ControlCharacter, 2)]
    [InlineData("x@gmail.com\u007f", SmtpArgumentProblem.ControlCharacter, 11)]
    [InlineData("jörg@example.com", SmtpArgumentProblem.NonAscii, 1)]
    [InlineData("user@bücher.example", SmtpArgumentProblem.NonAscii, 6)]
    [InlineData("", SmtpArgumentProblem.Empty, -1)]
    [InlineData("<>", SmtpArgumentProblem.Empty, -1)]
    [InlineData("user", SmtpArgumentProblem.Syntax, -1)]
    [InlineData("@example.com", SmtpArgumentProblem.Syntax, 0)]
    [InlineData("@relay.example:user@example.com", SmtpArgumentProblem.Syntax, 0)]
    [InlineData("user@", SmtpArgumentProblem.Syntax, 5)]
    [InlineData(".user@example.com", SmtpArgumentProblem.Syntax, 0)]
    [InlineData("user.@example.com", SmtpArgumentProblem.Syntax, 4)]
    [InlineData("us..er@example.com", SmtpArgumentProblem.Syntax, 3)]
    [InlineData("john doe@example.com", SmtpArgumentProblem.Syntax, 4)]
    [InlineData("a@b@example.com", SmtpArgumentProblem.Syntax, 3)]
    [InlineData("user@example..com", SmtpArgumentProblem.Syntax, 13)]
    [InlineData("user@example.com.", SmtpArgumentProblem.Syntax, 16)]
    [InlineData("user@-example.com", SmtpArgumentProblem.Syntax, 5)]
    [InlineData("user@exa_mple.com", SmtpArgumentProblem.Syntax, 8)]
    [InlineData("user@example.com>", SmtpArgumentProblem.Syntax, 16)]
    [InlineData("<user@example.com", SmtpArgumentProblem.Syntax, 0)]
    [InlineData("\"unclosed@example.com", SmtpArgumentProblem.Syntax, 0)]
    [InlineData("\"q\"x@example.com", SmtpArgumentProblem.Syntax, 3)]
    [InlineData("user@[192.0.2.256]", SmtpArgumentProblem.Syntax, 6)]
    [InlineData("user@[192.0.2.1", SmtpArgumentProblem.Syntax, 5)]
    [InlineData("user@[2001:db8::1]", SmtpArgumentProblem.Syntax, 6)]
    [InlineData("user@[IPv6:2001:db8::g]", SmtpArgumentProblem.Syntax, 11)]
    [InlineData("user@[IPv6:fe80::1%eth0]", SmtpArgumentProblem.Syntax, 11)]
    public void Invalid_paths_are_refused_with_the_problem_and_position(string value, SmtpArgumentProblem problem, int position)
    {
        SmtpArgumentException ex = Assert.Throws<SmtpArgumentException>(() => SmtpSyntax.Mailbox(value, "To"));

        Assert.Equal(problem, ex.Problem);
        Assert.Equal(position, ex.Position);
        Assert.Equal(SmtpArgumentKind.SmtpAddress, ex.Kind);
        Assert.Equal("To", ex.ParamName);
        Assert.Equal(value, ex.Value);
        Assert.StartsWith("-To '", ex.Message);
    }

    [Fact]
    public void The_message_names_the_parameter_the_character_and_its_position_and_shows_escapes()
    {
        SmtpArgumentException ex = Assert.Throws<SmtpArgumentException>(() => SmtpSyntax.Mailbox("x@gmail.com>\r\nDATA", "To"));

        Assert.Equal("SmtpAddressControlCharacter", ex.ErrorId);
        Assert.Contains("-To 'x@gmail.com>\\r\\nDATA'", ex.Message);
        Assert.Contains("carriage return (CR)", ex.Message);
        Assert.Contains("at position 13", ex.Message);
        Assert.Contains("Nothing was sent", ex.Message);
        Assert.DoesNotContain("\r", ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<>")]
    [InlineData(" <> ")]
    public void The_null_sender_is_allowed_where_asked_for(string value)
    {
        Assert.Equal("", SmtpSyntax.Mailbox(value, "From", allowNullPath: true));
    }

    [Fact]
    public void A_bare_postmaster_is_allowed_only_where_asked_for()
    {
        Assert.Equal("Postmaster", SmtpSyntax.Mailbox("<Postmaster>", "To", allowPostmaster: true));
        Assert.Throws<SmtpArgumentException>(() => SmtpSyntax.Mailbox("Postmaster", "From"));
        Assert.Throws<SmtpArgumentException>(() => SmtpSyntax.Mailbox("webmaster", "To", allowPostmaster: true));
    }

    [Fact]
    public void Length_limits_follow_RFC_5321()
    {
        string local64 = new('a', 64);
        Assert.Equal(local64 + "@example.com", SmtpSyntax.Mailbox(local64 + "@example.com", "To"));
        Assert.Equal(SmtpArgumentProblem.TooLong, Assert.Throws<SmtpArgumentException>(() => SmtpSyntax.Mailbox(new string('a', 65) + "@example.com", "To")).Problem);
        string longDomain = string.Join(".", System.Linq.Enumerable.Repeat(new string('d', 60), 5));
        Assert.Equal(SmtpArgumentProblem.TooLong, Assert.Throws<SmtpArgumentException>(() => SmtpSyntax.Mailbox("u@" + longDomain, "To")).Problem);
        Assert.Equal(SmtpArgumentProblem.Syntax, Assert.Throws<SmtpArgumentException>(() => SmtpSyntax.Mailbox("u@" + new string('d', 64) + ".example", "To")).Problem);
    }

    [Theory]
    [InlineData("mx.lab.test")]
    [InlineData("probe")]
    [InlineData("[127.0.0.1]")]
    [InlineData("[IPv6:::1]")]
    public void Helo_names_are_domains_or_address_literals(string value)
    {
        Assert.Equal(value, SmtpSyntax.HeloName(value, "HeloName"));
    }

    [Theory]
    [InlineData("probe\r\nMAIL FROM:<a@b>", SmtpArgumentProblem.ControlCharacter, 5)]
    [InlineData("bad host", SmtpArgumentProblem.Syntax, 3)]
    [InlineData("bad_host", SmtpArgumentProblem.Syntax, 3)]
    [InlineData("127.0.0.1]", SmtpArgumentProblem.Syntax, 9)]
    [InlineData("", SmtpArgumentProblem.Empty, -1)]
    public void Bad_helo_names_are_refused(string value, SmtpArgumentProblem problem, int position)
    {
        SmtpArgumentException ex = Assert.Throws<SmtpArgumentException>(() => SmtpSyntax.HeloName(value, "HeloName"));

        Assert.Equal(problem, ex.Problem);
        Assert.Equal(position, ex.Position);
        Assert.Equal("HeloName" + problem, ex.ErrorId);
    }

    [Theory]
    [InlineData("plain", "PLAIN")]
    [InlineData("SCRAM-SHA-256", "SCRAM-SHA-256")]
    [InlineData("XOAUTH2", "XOAUTH2")]
    [InlineData("Digest_MD5", "DIGEST_MD5")]
    public void Sasl_mechanism_names_follow_RFC_4422(string value, string expected)
    {
        Assert.Equal(expected, SmtpSyntax.SaslMechanism(value, "AuthenticationMechanism"));
    }

    [Theory]
    [InlineData("PLAIN\r\nMAIL FROM:<a@b>", SmtpArgumentProblem.ControlCharacter)]
    [InlineData("PLAIN dGVzdA==", SmtpArgumentProblem.Syntax)]
    [InlineData("A-MECHANISM-NAME-TOO-LONG", SmtpArgumentProblem.TooLong)]
    [InlineData("", SmtpArgumentProblem.Empty)]
    public void Bad_mechanism_names_are_refused(string value, SmtpArgumentProblem problem)
    {
        Assert.Equal(problem, Assert.Throws<SmtpArgumentException>(() => SmtpSyntax.SaslMechanism(value, "AuthenticationMechanism")).Problem);
    }

    [Theory]
    [InlineData("example.com", null)]
    [InlineData("example.com\r\nDATA", SmtpArgumentProblem.ControlCharacter)]
    [InlineData("[192.0.2.1]", SmtpArgumentProblem.Syntax)]
    [InlineData("exa mple.com", SmtpArgumentProblem.Syntax)]
    [InlineData("", SmtpArgumentProblem.Empty)]
    public void External_domains_are_domain_names(string value, SmtpArgumentProblem? problem)
    {
        if (problem is null)
        {
            Assert.Equal(value, SmtpSyntax.Domain(value, "ExternalDomain"));
        }
        else
        {
            Assert.Equal(problem, Assert.Throws<SmtpArgumentException>(() => SmtpSyntax.Domain(value, "ExternalDomain")).Problem);
        }
    }

    [Theory]
    [InlineData("RCPT TO:<a@b.example>", true)]
    [InlineData("RCPT TO:<a@b.example>\r\nDATA", false)]
    [InlineData("MAIL FROM:<a@b>\n", false)]
    [InlineData("MAIL FROM:<a\0@b>", false)]
    [InlineData("RCPT TO:<\"a b\"@c.example>", true)]
    public void The_wire_guard_passes_single_lines_only(string command, bool single)
    {
        Assert.Equal(single, SmtpSyntax.IsSingleLine(command));
    }
}
