using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Postfix;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Postfix;

/// <summary>
/// The session behaviours of smtpd_check.c that the what-if models: HELO checks, soft_bounce, access(5)
/// actions, defer_if_permit/defer_if_reject, the recipient named by reject_unauth_destination in any
/// list, routed local parts, smtpd_delay_reject = no stages, bare addresses and trivial-rewrite's view.
/// Every expected reply was observed from Postfix 3.7.11 in the lab (tests/lab/lab.sh with these lines
/// as -o overrides or main.cf lines, clients impersonated with XCLIENT ADDR=...).
/// </summary>
public class PostfixSessionStateTests
{
    const string Base = "compatibility_level = 3.6\nmyhostname = mail.lab.test\nmydomain = lab.test\nmydestination = $myhostname, lab.test, localhost\n" +
        "inet_interfaces = 127.0.0.1\nmynetworks = 127.0.0.5/32\nsmtpd_sasl_auth_enable = yes\nsmtpd_tls_security_level = may\n" +
        "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n";

    static readonly Dictionary<string, string> Files = new()
    {
        ["/t/clients"] = "127.0.0.7 PERMIT\n127.0.0.8 DEFER_IF_PERMIT\n127.0.0.9 DEFER_IF_REJECT\n127.0.0.10 550 5.7.9 custom text\n" +
            "127.0.0.11 reject_unauth_destination\n127.0.0.12 permit_mynetworks, reject\n127.0.0.13 REJECT\n127.0.0.14 RELAY\n127.0.0.15 450 5.7.3 odd dsn\n",
        ["/t/rcpts"] = "u@mail.lab.test REJECT qualified bare\nu@mx.lab.test REJECT dotted\n",
    };

    static PostfixRelayResult Run(string extra, string client, string rcpt, string helo = "probe.relaytools.test", bool auth = false, string master = "")
    {
        var config = PostfixConfigReader.ReadText(Base + extra + "\nsmtp inet n - n - - smtpd\n" + master);
        var query = new PostfixRelayQuery { ClientAddress = client, Recipient = rcpt, Sender = "sender@corp.example", Helo = helo, Authenticated = auth };
        return PostfixRelayEvaluator.Evaluate(config, config.FindServices("smtp").Single(), query, f => Files.TryGetValue(f, out string? t) ? t : null);
    }

    const string Clients = "smtpd_client_restrictions = check_client_access texthash:/t/clients\n";

    [Theory]
    [InlineData("127.0.0.7", "x@gmail.com", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    [InlineData("127.0.0.8", "x@gmail.com", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    [InlineData("127.0.0.8", "a@lab.test", "450 4.7.1 <unknown[127.0.0.8]>: Client host rejected: Service unavailable")]
    [InlineData("127.0.0.9", "x@gmail.com", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    [InlineData("127.0.0.9", "a@lab.test", "250 2.1.5 Ok")]
    [InlineData("127.0.0.10", "x@gmail.com", "550 5.7.9 <unknown[127.0.0.10]>: Client host rejected: custom text")]
    // A relay denial reached through a table result names the recipient, not the client.
    [InlineData("127.0.0.11", "x@gmail.com", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    [InlineData("127.0.0.12", "x@gmail.com", "554 5.7.1 <unknown[127.0.0.12]>: Client host rejected: Access denied")]
    [InlineData("127.0.0.13", "x@gmail.com", "554 5.7.1 <unknown[127.0.0.13]>: Client host rejected: Access denied")]
    [InlineData("127.0.0.14", "x@gmail.com", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    // The DSN class follows the reply code.
    [InlineData("127.0.0.15", "x@gmail.com", "450 4.7.3 <unknown[127.0.0.15]>: Client host rejected: odd dsn")]
    public void Table_actions_give_the_reply_Postfix_gives(string client, string rcpt, string reply) =>
        Assert.Equal(reply, Run(Clients, client, rcpt).Reply);

    [Theory]
    [InlineData("127.0.0.13", "a@lab.test", "454 4.7.1 <unknown[127.0.0.13]>: Client host rejected: Access denied")]
    [InlineData("127.0.0.1", "x@gmail.com", "454 4.7.1 <x@gmail.com>: Relay access denied")]
    [InlineData("127.0.0.10", "a@lab.test", "450 4.7.9 <unknown[127.0.0.10]>: Client host rejected: custom text")]
    public void Soft_bounce_turns_5xx_into_4xx(string client, string rcpt, string reply) =>
        Assert.Equal(reply, Run(Clients + "soft_bounce = yes\n", client, rcpt).Reply);

    [Fact]
    public void Access_map_reject_code_sets_the_code_of_REJECT() =>
        Assert.Equal("550 5.7.1 <unknown[127.0.0.13]>: Client host rejected: Access denied", Run(Clients + "access_map_reject_code = 550\n", "127.0.0.13", "a@lab.test").Reply);

    [Theory]
    [InlineData("mailhost", "504 5.5.2 <mailhost>: Helo command rejected: need fully-qualified hostname")]
    [InlineData("bad_name!", "501 5.5.2 <bad_name!>: Helo command rejected: Invalid name")]
    [InlineData("mail.example", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    [InlineData("[127.0.0.1]", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    // Without a HELO the HELO list does not run at all.
    [InlineData("", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    public void Helo_checks_use_the_given_name(string helo, string reply) =>
        Assert.Equal(reply, Run("smtpd_helo_restrictions = reject_invalid_helo_hostname, reject_non_fqdn_helo_hostname\n", "127.0.0.1", "x@gmail.com", helo).Reply);

    [Fact]
    public void Delay_reject_no_refuses_at_the_stage_of_the_list()
    {
        const string extra = "smtpd_delay_reject = no\nsmtpd_client_restrictions = permit_sasl_authenticated, check_client_access texthash:/t/clients\nsmtpd_helo_restrictions = reject_non_fqdn_helo_hostname\n";
        var connect = Run(extra, "127.0.0.13", "a@lab.test", auth: true);
        Assert.Equal(SmtpProbeStage.Connect, connect.Stage);
        Assert.Equal("554 5.7.1 <unknown[127.0.0.13]>: Client host rejected: Access denied", connect.Reply);
        var helo = Run(extra, "127.0.0.1", "a@lab.test", "mailhost");
        Assert.Equal(SmtpProbeStage.Ehlo, helo.Stage);
        Assert.Equal("504 5.5.2 <mailhost>: Helo command rejected: need fully-qualified hostname", helo.Reply);
        Assert.Equal(SmtpProbeStage.RcptTo, Run("smtpd_client_restrictions = permit_sasl_authenticated, check_client_access texthash:/t/clients\n", "127.0.0.13", "a@lab.test", auth: true).Stage);
    }

    [Theory]
    [InlineData("smtpd_recipient_restrictions = defer_if_permit, permit_mynetworks\nsmtpd_relay_restrictions = warn_if_reject, reject_unauth_destination", "127.0.0.5", "a@lab.test", "450 4.7.0 <a@lab.test>: Recipient address rejected: defer_if_permit requested")]
    [InlineData("smtpd_recipient_restrictions = defer_if_permit, permit_mynetworks\nsmtpd_relay_restrictions = warn_if_reject, reject_unauth_destination", "127.0.0.1", "x@gmail.com", "450 4.7.0 <x@gmail.com>: Recipient address rejected: defer_if_permit requested")]
    [InlineData("smtpd_recipient_restrictions = defer_if_reject, reject_unauth_destination\nsmtpd_relay_restrictions = permit", "127.0.0.1", "x@gmail.com", "450 4.7.0 <x@gmail.com>: Recipient address rejected: defer_if_reject requested")]
    public void Defer_if_permit_and_defer_if_reject_change_the_outcome(string extra, string client, string rcpt, string reply) =>
        Assert.Equal(reply, Run(extra, client, rcpt).Reply);

    [Theory]
    [InlineData("a%gmail.com@lab.test", "554 5.7.1 <a%gmail.com@lab.test>: Relay access denied")]
    [InlineData("a!b@lab.test", "554 5.7.1 <a!b@lab.test>: Relay access denied")]
    [InlineData("a%b@lab.test", "554 5.7.1 <a%b@lab.test>: Relay access denied")]
    [InlineData("a%lab.test@lab.test", "250 2.1.5 Ok")]
    [InlineData("@lab.test:x@gmail.com", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    [InlineData("postmaster", "250 2.1.5 Ok")]
    [InlineData("u", "250 2.1.5 Ok")]
    public void Routed_and_bare_recipients_resolve_as_trivial_rewrite_does(string rcpt, string reply) =>
        Assert.Equal(reply, Run("", "127.0.0.1", rcpt).Reply);

    [Theory]
    // A bare address is qualified with $myorigin for the table lookup; u@mx stays u@mx without append_dot_mydomain.
    [InlineData("", "u", "554 5.7.1 <u>: Recipient address rejected: qualified bare")]
    [InlineData("", "u@mx", "554 5.7.1 <u@mx>: Relay access denied")]
    [InlineData("append_dot_mydomain = yes\n", "u@mx", "554 5.7.1 <u@mx>: Relay access denied")]
    [InlineData("append_dot_mydomain = yes\nmynetworks = 127.0.0.0/8\n", "u@mx", "554 5.7.1 <u@mx>: Recipient address rejected: dotted")]
    public void Bare_addresses_are_qualified_for_table_lookups(string extra, string rcpt, string reply) =>
        Assert.Equal(reply, Run(extra + "smtpd_recipient_restrictions = check_recipient_access texthash:/t/rcpts\n", "127.0.0.1", rcpt).Reply);

    [Fact]
    public void An_smtpd_mydestination_override_does_not_make_a_domain_local()
    {
        // trivial-rewrite decides the address class from main.cf; smtpd's -o mydestination does not reach it.
        var config = PostfixConfigReader.ReadText(Base + "\nsmtp inet n - n - - smtpd -o mydestination=gmail.com\n");
        var query = new PostfixRelayQuery { ClientAddress = "127.0.0.1", Recipient = "x@gmail.com", Sender = "s@corp.example" };
        Assert.Equal("554 5.7.1 <x@gmail.com>: Relay access denied", PostfixRelayEvaluator.Evaluate(config, config.FindServices("smtp").Single(), query, _ => null).Reply);
    }

    [Fact]
    public void A_virtual_alias_domain_without_the_address_in_virtual_alias_maps_is_user_unknown() =>
        Assert.Equal("550 5.1.1 <a@alias.example>: Recipient address rejected: User unknown in virtual alias table",
            Run("virtual_alias_domains = alias.example\n", "127.0.0.1", "a@alias.example").Reply);
}
