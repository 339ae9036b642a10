using System;
using System.IO;
using System.Linq;
using RelayTools.Core.Sendmail;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Tests.Sendmail;

/// <summary>
/// The what-if over examples/sendmail: Debian's sendmail.mc plus relay_entire_domain and a relay domain,
/// compiled by the real m4 files of Sendmail 8.17.1, with an access file holding the usual mistakes.
/// </summary>
public class SendmailRelayEvaluatorTests
{
    static readonly Lazy<SendmailConfiguration> Example = new(() => SendmailConfiguration.ReadDirectory(ExampleDirectory(), "ignored.example"));

    static string ExampleDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RelayTools.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "examples", "sendmail");
    }

    static SendmailRelayResult Evaluate(string client, string? name, string recipient, string sender = "app@corp.example") =>
        SendmailRelayEvaluator.Evaluate(Example.Value, new SendmailRelayQuery { ClientAddress = client, ClientName = name, Sender = sender, Recipient = recipient });

    [Theory]
    // Connect:192.168.10 matches by octet prefix; Connect:10.20.1.0/24 is not a key Sendmail can match.
    [InlineData("192.168.10.7", "", "x@gmail.com", "250 2.1.5 <x@gmail.com>... Recipient ok", "Connect:192.168.10 RELAY", "access:5")]
    [InlineData("10.20.1.5", "", "x@gmail.com", "550 5.7.1 <x@gmail.com>... Relaying denied. IP name lookup failed [10.20.1.5]", "", "sendmail.cf:1314")]
    [InlineData("10.20.1.5", "pc5.lan.example", "x@gmail.com", "550 5.7.1 <x@gmail.com>... Relaying denied", "", "sendmail.cf:1246")]
    // A verified name: the access entry by name, relay_entire_domain ($=m is corp.example) and relay-domains (class R).
    [InlineData("10.9.9.9", "scanner.lan.example", "x@gmail.com", "250 2.1.5 <x@gmail.com>... Recipient ok", "Connect:scanner.lan.example RELAY", "access:6")]
    [InlineData("10.9.9.9", "build.corp.example", "x@gmail.com", "250 2.1.5 <x@gmail.com>... Recipient ok", "class m: corp.example", "added by Sendmail at start ($m, the domain of $j)")]
    [InlineData("10.9.9.9", "gw.partner.example", "x@gmail.com", "250 2.1.5 <x@gmail.com>... Recipient ok", "class R: partner.example", "sendmail.cf:145")]
    // Recipients: a local domain (local-host-names) and a relay domain from the relay-domains file.
    // relay_entire_domain's $=m comes before class w in Rcpt_ok, so it is what lets a local recipient in.
    [InlineData("10.9.9.9", "", "root@corp.example", "250 2.1.5 <root@corp.example>... Recipient ok", "class m: corp.example", "added by Sendmail at start ($m, the domain of $j)")]
    [InlineData("10.9.9.9", "", "root@mail.corp.example", "250 2.1.5 <root@mail.corp.example>... Recipient ok", "class m: corp.example", "added by Sendmail at start ($m, the domain of $j)")]
    [InlineData("10.9.9.9", "", "y@branch.example", "250 2.1.5 <y@branch.example>... Recipient ok", "class R: branch.example", "relay-domains:1")]
    public void Predicts_the_reply_and_what_decides(string client, string name, string recipient, string reply, string decidedBy, string origin)
    {
        var r = Evaluate(client, name, recipient);
        Assert.Equal(reply, r.Reply);
        Assert.Equal(SmtpProbeStage.RcptTo, r.Stage);
        if (decidedBy.Length > 0) Assert.Equal(decidedBy, r.DecidedBy);
        Assert.Equal(origin, r.DecidedByOrigin);
        Assert.Equal(reply.StartsWith("250", StringComparison.Ordinal) ? RelayDecision.Permit : RelayDecision.Reject, r.Decision);
    }

    [Fact]
    public void Without_a_client_name_an_answer_that_depends_on_it_is_not_evaluated()
    {
        var r = Evaluate("10.20.1.5", null, "x@gmail.com");
        Assert.Equal(RelayDecision.Unknown, r.Decision);
        Assert.Equal("", r.Reply);
        Assert.Contains(r.Notes, n => n.Contains("-ClientName"));
        Assert.Contains(r.Notes, n => n.Contains("Connect:scanner.lan.example RELAY (access:6)"));
    }

    [Fact]
    public void An_answer_that_does_not_depend_on_the_name_is_given_without_one()
    {
        var r = Evaluate("192.168.10.7", null, "x@gmail.com");
        // The access file names hosts, so even an IP-decided answer stays Unknown: a name entry could refuse first.
        Assert.Equal(RelayDecision.Unknown, r.Decision);
    }

    [Fact]
    public void A_sender_domain_that_needs_DNS_is_not_evaluated_and_says_why()
    {
        var r = Evaluate("10.9.9.9", "", "root@corp.example", "a@spammer.example");
        Assert.Equal(RelayDecision.Unknown, r.Decision);
        Assert.Contains(r.Notes, n => n.Contains("spammer.example") && n.Contains("DNS"));
    }

    [Fact]
    public void The_trace_lists_the_access_lookups_in_order_with_their_lines()
    {
        var r = Evaluate("192.168.10.7", "", "x@gmail.com");
        // delay_checks runs the Connect: lookups again after the recipient passed, so the first hit is the one that decided.
        var hit = r.Trace.First(t => t.Result == "RELAY" && t.Rule.StartsWith("access ", StringComparison.Ordinal));
        Assert.Equal("access Connect:192.168.10", hit.Rule);
        Assert.Equal("access:5", hit.Detail);
        Assert.Equal("A", hit.List);
        Assert.True(Array.FindIndex(r.Trace, t => t.Rule == "access To:gmail.com") < Array.IndexOf(r.Trace, hit));
        Assert.Equal("RcptTo", r.Trace.First().List);
    }

    [Theory]
    // {client_addr} of an IPv6 client is IPv6: and the full form (IPV6_FULL), and ruleset A drops one group at a time.
    [InlineData("2001:db8::5", "250 2.1.5 <x@gmail.com>... Recipient ok", "Connect:IPv6:2001:db8:0:0 RELAY")]
    [InlineData("2001:db9::5", "550 5.7.1 <x@gmail.com>... Relaying denied. IP name lookup failed [IPv6:2001:db9:0:0:0:0:0:5]", "")]
    public void IPv6_clients_match_access_keys_by_whole_groups(string client, string reply, string decidedBy)
    {
        var config = SendmailConfiguration.ReadDirectory(ExampleDirectory(), "ignored.example");
        config.SetMapSource("access", SendmailAccessFile.Parse("Connect:IPv6:2001:db8:0:0 RELAY\n", "access"));
        var r = SendmailRelayEvaluator.Evaluate(config, new SendmailRelayQuery { ClientAddress = client, ClientName = "", Recipient = "x@gmail.com" });
        Assert.Equal(reply, r.Reply);
        if (decidedBy.Length > 0) Assert.Equal(decidedBy, r.DecidedBy);
    }

    [Fact]
    public void The_host_name_comes_from_Dj_when_sendmail_cf_has_one()
    {
        Assert.Equal("mx.corp.example", Example.Value.HostName);
        Assert.StartsWith("Dj at sendmail.cf:", Example.Value.HostNameOrigin);
    }
}
