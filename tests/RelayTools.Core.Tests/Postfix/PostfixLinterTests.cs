using System.Linq;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Tests.Postfix;

public class PostfixLinterTests
{
    const string Sound = "compatibility_level = 3.6\nmynetworks = 127.0.0.0/8\nsmtpd_tls_security_level = may\nsmtpd_tls_auth_only = yes\n" +
        "smtpd_sasl_auth_enable = yes\nsmtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n" +
        "smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd -o smtpd_tls_security_level=encrypt\n";

    static string[] Ids(string text) =>
        PostfixLinter.Check(PostfixConfigReader.ReadText(text), _ => null).Select(f => f.Id).ToArray();

    [Fact]
    public void A_sound_configuration_has_no_findings() => Assert.Empty(Ids(Sound));

    [Theory]
    [InlineData("smtpd_relay_restrictions = reject_unauth_destination, permit_mynetworks, permit_sasl_authenticated", "RelayGuardBeforePermit")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated", "NoRelayGuard")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination", "SaslWithoutPermit")]
    [InlineData("smtpd_sasl_auth_enable = no", "PermitSaslWithoutSasl")]
    [InlineData("mynetworks = 0.0.0.0/0", "OpenRelayMyNetworks")]
    [InlineData("mynetworks = 127.0.0.0/8 203.0.113.0/24", "MyNetworksPublic")]
    [InlineData("mynetworks = 10.1.2.3/8", "MyNetworksInvalid")]
    [InlineData("smtpd_tls_auth_only = no", "AuthWithoutTls")]
    [InlineData("smtpd_tls_security_level = none", "AuthNeverOffered")]
    [InlineData("broken_sasl_auth_clients = yes", "BrokenSaslAuthClients")]
    [InlineData("smtpd_sasl_security_options = noplaintext", "AnonymousSaslAllowed")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination, permit, reject", "UnreachableRestriction")]
    [InlineData("smtpd_recipient_restrictions = reject_unknown_recipent_domain", "UnknownRestriction")]
    [InlineData("broken_sasl_auth_enable = yes", "UnknownParameter")]
    [InlineData("mynetworks = 127.0.0.0/8", "OverriddenEntry")]
    [InlineData("smtpd_client_restrictions = permit_mynetworks, { reject", "ConfigSyntax")]
    public void Finds_each_mistake(string extra, string id) => Assert.Contains(id, Ids(Sound + extra + "\n"));

    [Fact]
    public void The_fix_for_a_broken_order_is_the_reordered_line()
    {
        var finding = PostfixLinter.Check(PostfixConfigReader.ReadText(Sound + "smtpd_relay_restrictions = reject_unauth_destination, permit_sasl_authenticated, permit_mynetworks\n"), _ => null)
            .Single(f => f.Id == "RelayGuardBeforePermit");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(new[] { "smtpd_relay_restrictions = permit_sasl_authenticated, permit_mynetworks, reject_unauth_destination" }, finding.Fix);
        Assert.Equal("(pipeline):9", finding.Origin);
        Assert.Equal("smtp, submission", finding.Service);
    }

    [Fact]
    public void A_master_cf_override_is_fixed_with_an_o_line()
    {
        var finding = PostfixLinter.Check(PostfixConfigReader.ReadText(Sound + "submission/inet/smtpd_relay_restrictions = reject_unauth_destination, permit_sasl_authenticated\n"), _ => null)
            .Single(f => f.Id == "RelayGuardBeforePermit");
        Assert.StartsWith("  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination", finding.Fix[0]);
        Assert.Equal("submission", finding.Service);
    }

    [Fact]
    public void No_submission_service_is_reported_with_the_master_cf_lines()
    {
        var finding = PostfixLinter.Check(PostfixConfigReader.ReadText(Sound.Replace("submission inet n - y - - smtpd -o smtpd_tls_security_level=encrypt\n", "")), _ => null)
            .Single(f => f.Id == "NoSubmissionService");
        Assert.StartsWith("submission inet", finding.Fix[0]);
    }
}
