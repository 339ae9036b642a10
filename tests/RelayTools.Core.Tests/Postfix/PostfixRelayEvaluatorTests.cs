using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Postfix;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Tests.Postfix;

public class PostfixRelayEvaluatorTests
{
    const string Base = "compatibility_level = 3.6\nmyhostname = mail.lab.test\nmydomain = lab.test\nmydestination = $myhostname, lab.test, localhost\n" +
        "inet_interfaces = 127.0.0.1\nmynetworks = 127.0.0.5/32 [2001:db8::]/32\nsmtpd_sasl_auth_enable = yes\nsmtpd_tls_security_level = may\n";

    static readonly Dictionary<string, string> Files = new()
    {
        ["/t/clients.cidr"] = "127.0.0.7/32 REJECT go away\n127.0.0.8/32 450 4.7.9 slow down\n127.0.0.9/32 permit_sasl_authenticated, reject\n",
        ["/t/rcpt"] = "blocked@lab.test REJECT\nslow.example DEFER\nbad.example 553 5.7.2 no mail here\nfriend.example OK\n",
        ["/t/nets"] = "# more\n10.9.0.0/16\n",
        ["/t/names"] = "corp.example REJECT no corp hosts\n10.1 OK\n",
    };

    static PostfixRelayResult Run(string extra, string client, bool auth, string rcpt, string service = "smtp")
    {
        var config = PostfixConfigReader.ReadText(Base + extra + "\nsmtp inet n - n - - smtpd\nsubmission inet n - n - - smtpd -o smtpd_relay_restrictions=permit_sasl_authenticated,reject\n");
        var svc = config.FindServices(service).Single();
        var query = new PostfixRelayQuery { ClientAddress = client, Recipient = rcpt, Authenticated = auth, Sender = "s@corp.example" };
        return PostfixRelayEvaluator.Evaluate(config, svc, query, f => Files.TryGetValue(f, out string? t) ? t : null);
    }

    [Theory]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination", "127.0.0.1", false, "x@gmail.com", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination", "127.0.0.5", false, "x@gmail.com", "250 2.1.5 Ok")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination", "127.0.0.1", true, "x@gmail.com", "250 2.1.5 Ok")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination", "2001:db8::7", false, "x@gmail.com", "250 2.1.5 Ok")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination", "127.0.0.1", false, "a@LAB.Test", "250 2.1.5 Ok")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination", "127.0.0.1", false, "a@[127.0.0.1]", "250 2.1.5 Ok")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination", "127.0.0.1", false, "a@[127.0.0.2]", "554 5.7.1 <a@[127.0.0.2]>: Relay access denied")]
    [InlineData("relay_domains_reject_code = 550\nsmtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination", "127.0.0.1", false, "x@gmail.com", "550 5.7.1 <x@gmail.com>: Relay access denied")]
    // The 3.6 default relay list ends with defer_unauth_destination: 454 4.7.1.
    [InlineData("", "127.0.0.1", false, "x@gmail.com", "454 4.7.1 <x@gmail.com>: Relay access denied")]
    // The broken order: the guard first denies even authenticated and trusted clients.
    [InlineData("smtpd_relay_restrictions =\nsmtpd_recipient_restrictions = reject_unauth_destination, permit_sasl_authenticated, permit_mynetworks", "127.0.0.5", true, "x@gmail.com", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, reject", "127.0.0.1", false, "a@lab.test", "554 5.7.1 <a@lab.test>: Recipient address rejected: Access denied")]
    [InlineData("smtpd_relay_restrictions = permit_auth_destination, reject", "198.51.100.7", false, "a@mail.lab.test", "250 2.1.5 Ok")]
    [InlineData("smtpd_relay_restrictions = permit_auth_destination, reject", "198.51.100.7", false, "x@gmail.com", "554 5.7.1 <x@gmail.com>: Recipient address rejected: Access denied")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, defer", "127.0.0.1", false, "a@lab.test", "450 4.3.2 <a@lab.test>: Recipient address rejected: Try again later")]
    [InlineData("smtpd_client_restrictions = check_client_access cidr:/t/clients.cidr", "127.0.0.7", false, "a@lab.test", "554 5.7.1 <unknown[127.0.0.7]>: Client host rejected: go away")]
    [InlineData("smtpd_client_restrictions = check_client_access cidr:/t/clients.cidr", "127.0.0.8", false, "a@lab.test", "450 4.7.9 <unknown[127.0.0.8]>: Client host rejected: slow down")]
    [InlineData("smtpd_client_restrictions = check_client_access cidr:/t/clients.cidr", "127.0.0.9", false, "a@lab.test", "554 5.7.1 <unknown[127.0.0.9]>: Client host rejected: Access denied")]
    [InlineData("smtpd_client_restrictions = check_client_access cidr:/t/clients.cidr", "127.0.0.9", true, "a@lab.test", "250 2.1.5 Ok")]
    [InlineData("smtpd_recipient_restrictions = check_recipient_access texthash:/t/rcpt", "127.0.0.5", false, "Blocked@lab.test", "554 5.7.1 <Blocked@lab.test>: Recipient address rejected: Access denied")]
    [InlineData("smtpd_recipient_restrictions = check_recipient_access texthash:/t/rcpt", "127.0.0.5", false, "a@x.slow.example", "450 4.7.1 <a@x.slow.example>: Recipient address rejected: Access denied")]
    [InlineData("smtpd_recipient_restrictions = check_recipient_access texthash:/t/rcpt", "127.0.0.5", false, "a@bad.example", "553 5.7.2 <a@bad.example>: Recipient address rejected: no mail here")]
    // relay_before_recipient = no (level < 3.6): the recipient list answers first.
    [InlineData("compatibility_level = 2\nsmtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\nsmtpd_recipient_restrictions = check_recipient_access texthash:/t/rcpt", "127.0.0.1", false, "a@bad.example", "553 5.7.2 <a@bad.example>: Recipient address rejected: no mail here")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\nsmtpd_recipient_restrictions = check_recipient_access texthash:/t/rcpt", "127.0.0.1", false, "a@bad.example", "554 5.7.1 <a@bad.example>: Relay access denied")]
    [InlineData("smtpd_recipient_restrictions = reject_non_fqdn_recipient", "127.0.0.5", false, "a@nofqdn", "504 5.5.2 <a@nofqdn>: Recipient address rejected: need fully-qualified address")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destinaton\nsmtpd_recipient_restrictions = reject_unauth_destination", "127.0.0.1", false, "a@lab.test", "451 4.3.5 Server configuration error")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destinaton\nsmtpd_recipient_restrictions = reject_unauth_destination", "127.0.0.5", false, "a@lab.test", "250 2.1.5 Ok")]
    [InlineData("mynetworks = 127.0.0.0/8 /t/nets\nsmtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination", "10.9.3.4", false, "x@gmail.com", "250 2.1.5 Ok")]
    [InlineData("mynetworks = !127.0.0.9 127.0.0.0/8\nsmtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination", "127.0.0.9", false, "x@gmail.com", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    [InlineData("relay_domains = partner.example\nsmtpd_relay_restrictions = reject_unauth_destination", "127.0.0.1", false, "a@sub.partner.example", "250 2.1.5 Ok")]
    [InlineData("relay_domains = .hub.example\nsmtpd_relay_restrictions = reject_unauth_destination", "127.0.0.1", false, "a@x.hub.example", "554 5.7.1 <a@x.hub.example>: Relay access denied")]
    [InlineData("parent_domain_matches_subdomains =\nrelay_domains = .hub.example\nsmtpd_relay_restrictions = reject_unauth_destination", "127.0.0.1", false, "a@x.hub.example", "250 2.1.5 Ok")]
    [InlineData("relay_domains = partner.example\nsmtpd_relay_restrictions = reject_unauth_destination", "127.0.0.1", false, "user%gmail.com@partner.example", "554 5.7.1 <user%gmail.com@partner.example>: Relay access denied")]
    [InlineData("virtual_mailbox_domains = VMBox.example\nsmtpd_relay_restrictions = reject_unauth_destination", "127.0.0.1", false, "a@vmbox.EXAMPLE", "250 2.1.5 Ok")]
    [InlineData("smtpd_restriction_classes = trusted\ntrusted = permit_mynetworks, reject\nsmtpd_relay_restrictions = trusted, reject_unauth_destination", "127.0.0.1", false, "a@lab.test", "554 5.7.1 <a@lab.test>: Recipient address rejected: Access denied")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, warn_if_reject reject_non_fqdn_recipient, reject_unauth_destination", "127.0.0.1", false, "a@lab", "554 5.7.1 <a@lab>: Relay access denied")]
    [InlineData("smtpd_tls_security_level = none\nsmtpd_tls_auth_only = yes\nsmtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination", "127.0.0.1", true, "x@gmail.com", "554 5.7.1 <x@gmail.com>: Relay access denied")]
    public void Predicts_the_Postfix_reply(string extra, string client, bool auth, string rcpt, string reply) =>
        Assert.Equal(reply, Run(extra, client, auth, rcpt).Reply);

    [Theory]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, permit")]
    [InlineData("compatibility_level = 0")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks\nsmtpd_recipient_restrictions = permit, reject_unauth_destination")]
    [InlineData("smtpd_relay_restrictions = permit_mynetworks, warn_if_reject reject_unauth_destination")]
    public void Without_a_working_relay_guard_smtpd_does_not_run(string extra)
    {
        var r = Run(extra, "127.0.0.5", true, "a@lab.test");
        Assert.Equal(RelayDecision.Unavailable, r.Decision);
        Assert.Equal("", r.Reply);
        Assert.StartsWith("no reply: smtpd exits at start", r.ReplyText);
    }

    [Fact]
    public void A_relay_guard_inside_a_restriction_class_counts()
    {
        var r = Run("smtpd_restriction_classes = guard\nguard = reject_unauth_destination\nsmtpd_relay_restrictions = permit_mynetworks, guard", "127.0.0.1", false, "x@gmail.com");
        Assert.Equal("554 5.7.1 <x@gmail.com>: Relay access denied", r.Reply);
    }

    [Fact]
    public void The_submission_override_applies_only_to_its_service()
    {
        Assert.Equal("554 5.7.1 <a@lab.test>: Recipient address rejected: Access denied", Run("", "127.0.0.5", false, "a@lab.test", "submission").Reply);
        Assert.Equal("250 2.1.5 Ok", Run("", "127.0.0.5", false, "a@lab.test", "smtp").Reply);
    }

    [Theory]
    [InlineData("smtpd_client_restrictions = check_client_access hash:/etc/postfix/missing", "cannot be read here")]
    [InlineData("smtpd_client_restrictions = reject_rbl_client zen.spamhaus.org", "DNS")]
    [InlineData("smtpd_relay_restrictions = check_policy_service inet:127.0.0.1:10023, reject_unauth_destination", "a policy server")]
    [InlineData("mynetworks = /etc/postfix/missing-networks\nsmtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination", "cannot be read here")]
    public void Says_not_evaluated_instead_of_guessing(string extra, string reason)
    {
        var r = Run(extra, "127.0.0.1", false, "x@gmail.com");
        Assert.Equal(RelayDecision.Unknown, r.Decision);
        Assert.Equal(0, r.ReplyCode);
        Assert.Contains("not evaluated", r.ReplyText);
        Assert.Contains(reason, r.ReplyText);
        Assert.Equal("NOT EVALUATED", r.Trace.Last().Result);
    }

    [Theory]
    // check_client_access looks up the verified name and its parents first, then the address and its networks.
    [InlineData("host.corp.example", "198.51.100.7", "554 5.7.1 <host.corp.example[198.51.100.7]>: Client host rejected: no corp hosts")]
    [InlineData("unknown", "10.1.2.3", "250 2.1.5 Ok")]
    [InlineData("host.other.example", "198.51.100.7", "250 2.1.5 Ok")]
    public void Client_access_uses_name_then_address_keys(string name, string address, string reply)
    {
        var config = PostfixConfigReader.ReadText(Base + "smtpd_client_restrictions = check_client_access texthash:/t/names\nsmtpd_relay_restrictions = reject_unauth_destination\n");
        var query = new PostfixRelayQuery { ClientAddress = address, ClientName = name, Recipient = "a@lab.test" };
        var r = PostfixRelayEvaluator.Evaluate(config, config.SmtpdServices().Single(), query, f => Files.TryGetValue(f, out string? t) ? t : null);
        Assert.Equal(reply, r.Reply);
    }

    [Fact]
    public void A_host_dependent_mydestination_is_not_guessed()
    {
        var config = PostfixConfigReader.ReadText("compatibility_level = 3.6\nmynetworks = 127.0.0.0/8\n");
        var r = PostfixRelayEvaluator.Evaluate(config, config.SmtpdServices().Single(), new PostfixRelayQuery { ClientAddress = "198.51.100.7", Recipient = "a@mx1.example" }, _ => null);
        Assert.Equal(RelayDecision.Unknown, r.Decision);
        Assert.Contains("$myhostname", r.ReplyText);
        var setting = PostfixRelaySettingReader.Read(config, config.SmtpdServices().Single(), _ => null);
        Assert.Equal("(this host's name), localhost.(this host's name), localhost", setting.Values.Single(v => v.Name == "mydestination").Value);
    }

    [Fact]
    public void The_trace_names_every_restriction_and_the_decider()
    {
        var r = Run("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination", "127.0.0.1", false, "x@gmail.com");
        Assert.Equal(RelayDecision.Reject, r.Decision);
        Assert.Equal(554, r.ReplyCode);
        Assert.Equal("5.7.1", r.EnhancedStatusCode);
        Assert.Equal("<x@gmail.com>: Relay access denied", r.ReplyText);
        Assert.Equal("reject_unauth_destination", r.DecidedBy);
        Assert.Equal("smtpd_relay_restrictions", r.DecidedByList);
        Assert.Equal("(pipeline):9", r.DecidedByOrigin);
        Assert.Equal(new[] { "DUNNO", "DUNNO", "REJECT" }, r.Trace.Select(t => t.Result));
        Assert.Contains("no mynetworks entry matches 127.0.0.1", r.Trace[0].Detail);
    }
}
