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
