using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Smtp;

public class EhloCapabilitiesTests
{
    [Theory]
    // Postfix port 25 with smtpd_tls_auth_only = yes, before STARTTLS: no AUTH.
    [InlineData(new[] { "250-mail.lab.test", "250-PIPELINING", "250-STARTTLS", "250 CHUNKING" }, "mail.lab.test", true, "")]
    // After STARTTLS.
    [InlineData(new[] { "250-mail.lab.test", "250-AUTH PLAIN LOGIN", "250 CHUNKING" }, "mail.lab.test", false, "PLAIN,LOGIN")]
    // Old Outlook clients' AUTH= form, both forms, duplicates merged, lower case raised.
    [InlineData(new[] { "250-mx.example.com Hello", "250-AUTH=LOGIN", "250-AUTH login cram-md5", "250 STARTTLS" }, "mx.example.com", true, "LOGIN,CRAM-MD5")]
    public void Parse_finds_starttls_and_the_auth_mechanisms(string[] lines, string name, bool startTls, string mechanisms)
    {
        EhloCapabilities capabilities = EhloCapabilities.Parse(ReplyLineParser.FromLines(lines));

        Assert.Equal(name, capabilities.ServerName);
        Assert.Equal(startTls, capabilities.StartTls);
        Assert.Equal(mechanisms, string.Join(",", capabilities.AuthMechanisms));
    }

    [Theory]
    // Postfix 3.7 to a host in smtpd_authorized_xclient_hosts.
    [InlineData(new[] { "250-mail.lab.test", "250-PIPELINING", "250-XCLIENT NAME ADDR PROTO HELO REVERSE_NAME PORT LOGIN DESTADDR DESTPORT", "250 CHUNKING" }, true, "NAME,ADDR,PROTO,HELO,REVERSE_NAME,PORT,LOGIN,DESTADDR,DESTPORT")]
    // Keyword and attribute names are case-insensitive; an XCLIENT with no list names none.
    [InlineData(new[] { "250-mx.example", "250-xclient name addr", "250 8BITMIME" }, true, "NAME,ADDR")]
    [InlineData(new[] { "250-mx.example", "250 XCLIENT" }, true, "")]
    // Any other host: no XCLIENT, and XFORWARD is not XCLIENT.
    [InlineData(new[] { "250-mail.lab.test", "250-XFORWARD NAME ADDR PROTO HELO", "250 CHUNKING" }, false, "")]
    public void Parse_finds_xclient_and_its_attributes(string[] lines, bool xclient, string attributes)
    {
        EhloCapabilities capabilities = EhloCapabilities.Parse(ReplyLineParser.FromLines(lines));

        Assert.Equal(xclient, capabilities.Xclient);
        Assert.Equal(attributes, string.Join(",", capabilities.XclientAttributes));
    }

    [Fact]
    public void Parse_lists_every_keyword_in_order()
    {
        EhloCapabilities capabilities = EhloCapabilities.Parse(ReplyLineParser.FromLines(
            ["250-mail.lab.test", "250-PIPELINING", "250-SIZE 10240000", "250-auth PLAIN LOGIN", "250-XCLIENT NAME ADDR", "250 8BITMIME"]));

        Assert.Equal(["PIPELINING", "SIZE", "AUTH", "XCLIENT", "8BITMIME"], capabilities.Keywords);
    }

    [Theory]
    [InlineData("lab.test", "mail.lab.test", true)]
    [InlineData("mail.lab.test", "mail.lab.test", true)]
    [InlineData("LAB.TEST.", "mail.lab.test", true)]
    [InlineData("example.com", "mail.lab.test", false)]
    [InlineData("test", "mail.lab.test", false)]
    [InlineData("ab.test", "mail.lab.test", false)]
    [InlineData("lab.test", "", false)]
    public void A_recipient_domain_is_the_servers_own_when_it_is_its_name_or_a_parent_of_it(string domain, string serverName, bool expected)
    {
        Assert.Equal(expected, ProbeOutcomeClassifier.IsServerDomain(domain, serverName));
    }
}
