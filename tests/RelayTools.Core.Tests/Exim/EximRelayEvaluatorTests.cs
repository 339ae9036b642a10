using RelayTools.Core.Exim;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Tests.Exim;

public class EximRelayEvaluatorTests
{
    const string Head = "primary_hostname = mx.lab.test\ndomainlist local_domains = @ : lab.test\ndomainlist relay_to_domains = partner.test\nhostlist relay_from_hosts = <; 10.0.0.0/8 ; 2001:db8::/32\nacl_smtp_rcpt = r\n";
    const string Upstream = "begin acl\nr:\n  accept hosts = :\n  accept domains = +local_domains\n  accept hosts = +relay_from_hosts\n  accept authenticated = *\n  require message = relay not permitted\n          domains = +local_domains : +relay_to_domains\n  accept\n" +
                            "begin authenticators\np:\n  driver = plaintext\n  public_name = PLAIN\n  server_condition = yes\n";

    static RelayWhatIfResult Run(string config, string client, string rcpt, string sender = "a@corp.test", string auth = "", bool tls = false) =>
        EximRelayEvaluator.Evaluate(EximConfigReader.ReadText(config, "cfg", _ => null),
            new EximRelayQuery { ClientAddress = client, Recipient = rcpt, Sender = sender, AuthenticatedId = auth, Tls = tls, Helo = "probe" });

    [Theory]
    // As the real Exim 4.96 answered in the lab (exim -bh).
    [InlineData("198.51.100.7", "x@gmail.com", "", RelayDecision.Reject, "550 relay not permitted", "require message = relay not permitted domains = +local_domains : +relay_to_domains")]
    [InlineData("198.51.100.7", "x@lab.test", "", RelayDecision.Permit, "250 Accepted", "accept domains = +local_domains")]
    [InlineData("198.51.100.7", "x@mx.lab.test", "", RelayDecision.Permit, "250 Accepted", "accept domains = +local_domains")]
    [InlineData("198.51.100.7", "x@partner.test", "", RelayDecision.Permit, "250 Accepted", "accept")]
    [InlineData("10.1.2.3", "x@gmail.com", "", RelayDecision.Permit, "250 Accepted", "accept hosts = +relay_from_hosts")]
    [InlineData("2001:db8::7", "x@gmail.com", "", RelayDecision.Permit, "250 Accepted", "accept hosts = +relay_from_hosts")]
    [InlineData("198.51.100.7", "x@gmail.com", "alice", RelayDecision.Permit, "250 Accepted", "accept authenticated = *")]
    public void The_upstream_acl(string client, string rcpt, string auth, RelayDecision decision, string reply, string decidedBy)
    {
        var r = Run(Head + Upstream, client, rcpt, auth: auth);
        Assert.Equal("Exim", r.Mta);
        Assert.Equal(decision, r.Decision);
        Assert.Equal(reply, r.Reply);
        Assert.Equal(decidedBy, r.DecidedBy);
        Assert.Equal("r", r.DecidedByList);
    }

    [Theory]
    [InlineData("  deny\n", "550 Administrative prohibition", RelayDecision.Reject, "")]
    [InlineData("  require domains = lab.test\n    message = too late\n", "550 Administrative prohibition", RelayDecision.Reject, "")]
    [InlineData("  defer\n", "451 Temporary local problem - please try later", RelayDecision.Defer, "")]
    [InlineData("  warn\n", "550 Administrative prohibition", RelayDecision.Reject, "")]
    [InlineData("  deny message = 450 foo bar\n", "550 foo bar", RelayDecision.Reject, "")]
    [InlineData("  deny message = 553 5.7.1 foo\n", "553 5.7.1 foo", RelayDecision.Reject, "5.7.1")]
    [InlineData("  defer message = 552 x\n", "451 x", RelayDecision.Defer, "")]
    [InlineData("  accept message = hello\n", "250 hello", RelayDecision.Permit, "")]
    [InlineData("  discard\n", "250 Accepted", RelayDecision.Permit, "")]
    [InlineData("  drop message = go away\n", "550 go away", RelayDecision.Reject, "")]
    [InlineData("  deny message = <$local_part@$domain> nope $sender_host_address\n", "550 <x@gmail.com> nope 198.51.100.7", RelayDecision.Reject, "")]
    [InlineData("  accept condition = ${if eq{$domain}{gmail.com}{yes}{no}}\n", "250 Accepted", RelayDecision.Permit, "")]
    [InlineData("  deny condition = ${if and {{>{$rcpt_count}{10}}{<{$recipients_count}{${eval:$rcpt_count/2}}}}}\n  accept\n", "250 Accepted", RelayDecision.Permit, "")]
    public void Verbs_and_messages_as_Exim_words_them(string acl, string reply, RelayDecision decision, string enhanced)
    {
        var r = Run(Head + "begin acl\nr:\n" + acl, "198.51.100.7", "x@gmail.com");
        Assert.Equal(reply, r.Reply);
        Assert.Equal(decision, r.Decision);
        Assert.Equal(enhanced, r.EnhancedStatusCode);
    }

    [Theory]
    [InlineData("  require verify = recipient\n  accept\n")]
    [InlineData("  deny dnslists = zen.spamhaus.org\n  accept\n")]
    [InlineData("  deny ratelimit = 10 / 1h / strict\n  accept\n")]
    [InlineData("  accept condition = ${lookup{$domain}lsearch{/etc/x}}\n  deny\n")]
    public void What_cannot_be_evaluated_offline_makes_the_answer_Unknown(string acl)
    {
        var r = Run(Head + "begin acl\nr:\n" + acl, "198.51.100.7", "x@gmail.com");
        Assert.Equal(RelayDecision.Unknown, r.Decision);
        Assert.StartsWith("not evaluated", r.ReplyText);
        Assert.Equal(0, r.ReplyCode);
    }

    [Fact]
    public void A_false_condition_after_an_unknown_one_still_decides()
    {
        var r = Run(Head + "begin acl\nr:\n  deny dnslists = zen.spamhaus.org\n       hosts = 192.0.2.0/24\n  accept\n", "198.51.100.7", "x@gmail.com");
        Assert.Equal("250 Accepted", r.Reply);
    }

    [Theory]
    [InlineData("acl_smtp_connect = c\n", "c:\n  deny message = connect no\n", SmtpProbeStage.Connect, "550 connect no")]
    [InlineData("acl_smtp_helo = h\n", "h:\n  deny\n", SmtpProbeStage.Ehlo, "550 Administrative prohibition")]
    [InlineData("acl_smtp_mail = m\n", "m:\n  deny message = 451 mail later\n", SmtpProbeStage.MailFrom, "550 mail later")]
    public void An_earlier_acl_refusing_gives_its_reply_and_stage(string option, string acl, SmtpProbeStage stage, string reply)
    {
        var r = Run(Head + option + Upstream.Replace("begin acl\n", "begin acl\n" + acl), "198.51.100.7", "x@lab.test");
        Assert.Equal(stage, r.Stage);
        Assert.Equal(reply, r.Reply);
    }

    [Fact]
    public void Without_acl_smtp_rcpt_no_recipient_is_accepted()
    {
        var r = Run("domainlist local_domains = lab.test\n", "10.1.1.1", "x@lab.test");
        Assert.Equal("550 Administrative prohibition", r.Reply);
    }

    [Theory]
    [InlineData("auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}\n", false, SmtpProbeStage.Auth, "503 AUTH command used when not advertised")]
    [InlineData("auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}\n", true, SmtpProbeStage.RcptTo, "250 Accepted")]
    [InlineData("auth_advertise_hosts = 10.0.0.0/8\n", false, SmtpProbeStage.Auth, "503 AUTH command used when not advertised")]
    public void Auth_counts_only_where_it_is_advertised(string option, bool tls, SmtpProbeStage stage, string reply)
    {
        var r = Run(Head + option + Upstream, "198.51.100.7", "x@gmail.com", auth: "alice", tls: tls);
        Assert.Equal(stage, r.Stage);
        Assert.Equal(reply, r.Reply);
    }
}
