using System;
using System.IO;
using RelayTools.Core.Investigation;
using RelayTools.Core.Sendmail;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Tests.Investigation;

public sealed class SendmailFixPlannerTests : IDisposable
{
    private const string Makemap = "makemap hash /etc/mail/access < /etc/mail/access";

    // A copy of examples/sendmail (Debian's sendmail.mc compiled by the real m4, its access file and class files).
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sendmail-fix-" + Guid.NewGuid().ToString("N"));

    public SendmailFixPlannerTests()
    {
        Directory.CreateDirectory(_dir);
        foreach (string file in Directory.GetFiles(ExampleDirectory()))
        {
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_dir, true);

    private string AccessPath => Path.Combine(_dir, "access");

    private static string ExampleDirectory()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RelayTools.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "examples", "sendmail");
    }

    private SendmailConfiguration Read() => SendmailConfiguration.ReadDirectory(_dir, "ignored.example");

    private static SendmailRelayQuery Query(string client, string? name) =>
        new() { ClientAddress = client, ClientName = name, Sender = "reports@corp.example", Recipient = "boss@gmail.com" };

    private static SendmailFix Plan(SendmailConfiguration config, SendmailRelayQuery query, string reply)
    {
        SendmailRelayResult before = SendmailRelayEvaluator.Evaluate(config, query);
        Assert.Equal(RelayDecision.Reject, before.Decision);
        Assert.Equal(reply, before.Reply);
        return SendmailFixPlanner.ForRefusal(config, query, before)!;
    }

    [Theory]
    // Connect:10.20.1.0/24 in the access file is no CIDR to Sendmail: it never matches 10.20.1.5.
    [InlineData("10.20.1.5", "", "Connect:10.20.1.5 RELAY", "550 5.7.1 <boss@gmail.com>... Relaying denied. IP name lookup failed [10.20.1.5]")]
    [InlineData("10.20.1.5", "app5.elsewhere.example", "Connect:10.20.1.5 RELAY", "550 5.7.1 <boss@gmail.com>... Relaying denied")]
    [InlineData("192.168.11.4", "", "Connect:192.168.11.4 RELAY", "550 5.7.1 <boss@gmail.com>... Relaying denied. IP name lookup failed [192.168.11.4]")]
    [InlineData("2001:db8::25", "", "Connect:IPv6:2001:db8:0:0:0:0:0:25 RELAY", "550 5.7.1 <boss@gmail.com>... Relaying denied. IP name lookup failed [IPv6:2001:db8:0:0:0:0:0:25]")]
    public void A_client_Relay_ok_refuses_gets_its_own_Connect_line_in_the_access_file_then_makemap(string client, string name, string line, string reply)
    {
        SendmailRelayQuery query = Query(client, name);

        SendmailFix fix = Plan(Read(), query, reply);

        Assert.Equal("client-not-trusted", fix.CauseId);
        Assert.Equal([line, Makemap], fix.Commands);
        Assert.StartsWith($"The client {client} is not in the access map (/etc/mail/access: no {line.Split(' ')[0]} entry, and no entry for its network), and it does not authenticate, so '", fix.Summary);
        Assert.Contains(name.Length == 0 ? "in Relay_ok (sendmail.cf:1314)" : "'R$* $#error $@ 5.7.1 $: \"550 Relaying denied\"' in Basic_check_rcpt (sendmail.cf:1246)", fix.Summary);
        Assert.Equal(name.Length == 0, fix.Notes.Count == 1 && fix.Notes[0].Contains("has no PTR record"));
        // In memory, on a fresh copy: what Debug-SmtpRelay reports as FixVerified.
        SendmailConfiguration fresh = Read();
        fix.ApplyTo(fresh);
        SendmailRelayResult after = SendmailRelayEvaluator.Evaluate(fresh, query);
        Assert.Equal(RelayDecision.Permit, after.Decision);
        Assert.Equal(line, after.DecidedBy);
        Assert.Equal("access:12", after.DecidedByOrigin);
        // And the line itself, appended to the file on disk and read back as makemap reads it.
        File.AppendAllText(AccessPath, fix.Commands[0] + "\n");
        Assert.Equal(RelayDecision.Permit, SendmailRelayEvaluator.Evaluate(Read(), query).Decision);
    }

    [Fact]
    public void An_access_entry_for_the_client_that_does_not_relay_is_replaced_not_followed_by_a_second_one_makemap_would_drop()
    {
        File.AppendAllText(AccessPath, "Connect:10.20.1.5 OK\n");
        SendmailRelayQuery query = Query("10.20.1.5", "");

        SendmailFix fix = Plan(Read(), query, "550 5.7.1 <boss@gmail.com>... Relaying denied. IP name lookup failed [10.20.1.5]");

        Assert.Equal(["Connect:10.20.1.5 RELAY", Makemap], fix.Commands);
        Assert.Contains("is 'Connect:10.20.1.5 OK' (access:12), which does not let it relay", fix.Summary);
        SendmailConfiguration fresh = Read();
        fix.ApplyTo(fresh);
        SendmailRelayResult after = SendmailRelayEvaluator.Evaluate(fresh, query);
        Assert.Equal(RelayDecision.Permit, after.Decision);
        Assert.Equal("access:12", after.DecidedByOrigin);
    }

    [Fact]
    public void An_authenticated_refusal_is_not_an_access_matter()
    {
        SendmailConfiguration config = Read();
        SendmailRelayQuery query = Query("10.20.1.5", "");
        SendmailRelayResult result = SendmailRelayEvaluator.Evaluate(config, query);
        query.Authenticated = true;

        Assert.Null(SendmailFixPlanner.ForRefusal(config, query, result));
    }

    private static SmtpProbeResult Denied(string client, string reply) => new()
    {
        Server = "mx.corp.example",
        Port = 25,
        Path = "25 plain",
        Banner = "mx.corp.example ESMTP Sendmail 8.17.1.9/8.17.1.9/Debian-2+deb12u2; Tue, 3 Jun 2025 10:00:00 GMT; (No UCE/UBE) logging access from: [" + client + "](FAIL)-[" + client + "]",
        Stage = SmtpProbeStage.RcptTo,
        Status = SmtpRelayStatus.RelayDenied,
        ReplyCode = 550,
        EnhancedStatusCode = "5.7.1",
        ReplyText = reply,
        LocalAddress = client,
    };

    private RelayDiagnosis Conclude(string client, string reply)
    {
        var findings = new RelayFindings { Server = "mx.corp.example", From = "reports@corp.example", To = "boss@gmail.com", ClientAddress = client, SendmailConfiguration = _ => Read() };
        findings.Probes.Add((new RelayPath { Port = 25, Security = SmtpSecurityMode.None }, Denied(client, reply)));
        return RelayConclusion.Conclude(findings);
    }

    [Fact]
    public void Debug_SmtpRelay_with_a_Sendmail_directory_finds_client_not_trusted_with_the_Connect_line_and_verifies_it()
    {
        RelayDiagnosis d = Conclude("10.20.1.5", "<boss@gmail.com>... Relaying denied. IP name lookup failed [10.20.1.5]");

        Assert.Equal(RelayVerdict.Denied, d.Verdict);
        Assert.Equal("client-not-trusted", d.RootCause.Id);
        Assert.Equal(["Connect:10.20.1.5 RELAY", Makemap], d.ServerFix);
        Assert.True(d.FixVerified);
        RelayEvidence config = Assert.Single(d.Evidence, e => e.Source == EvidenceSource.Config && e.Text.StartsWith("Relay_ok:", StringComparison.Ordinal));
        Assert.Equal("Relay_ok: R<FAIL> $#error $@ 5.7.1 $: \"550 Relaying denied. IP name lookup failed \" $&{client_name} -> Reject 550 5.7.1 <boss@gmail.com>... Relaying denied. IP name lookup failed [10.20.1.5]", config.Text);
        Assert.StartsWith("sendmail.cf:", config.Origin);
        Assert.Contains(d.Evidence, e => e.Source == EvidenceSource.Config && e.Text == "A[1] access Connect:10.20.1.5: not found");
        Assert.Contains(d.Notes, n => n.StartsWith("The client 10.20.1.5 has no PTR record", StringComparison.Ordinal));
    }

    [Fact]
    public void Sendmail_cf_given_as_text_has_no_access_map_to_read_so_the_what_if_says_so_and_the_cause_is_the_knowledge_base_s()
    {
        string cf = File.ReadAllText(Path.Combine(_dir, "sendmail.cf"));
        var findings = new RelayFindings
        {
            Server = "mx.corp.example",
            From = "reports@corp.example",
            To = "boss@gmail.com",
            ClientAddress = "10.20.1.5",
            SendmailConfiguration = server => SendmailConfiguration.ReadText(cf, "-SendmailConfig", server ?? "ignored.example"),
        };
        findings.Probes.Add((new RelayPath { Port = 25, Security = SmtpSecurityMode.None }, Denied("10.20.1.5", "<boss@gmail.com>... Relaying denied. IP name lookup failed [10.20.1.5]")));

        RelayDiagnosis d = RelayConclusion.Conclude(findings);

        Assert.Empty(d.ServerFix);
        Assert.Null(d.FixVerified);
        Assert.Contains("The Sendmail what-if could not decide offline: Not evaluated: map access (/etc/mail/access) cannot be read.", d.Notes);
    }

    [Theory]
    [InlineData(true, new[] { Makemap }, "access.db is older than")]
    [InlineData(false, new[] { SendmailFixPlanner.Restart }, "it runs another sendmail.cf")]
    public void A_configuration_that_trusts_the_client_while_the_server_refuses_is_config_not_loaded(bool stale, string[] commands, string why)
    {
        File.AppendAllText(AccessPath, "Connect:10.20.1.5 RELAY\n");
        string db = AccessPath + ".db";
        File.WriteAllText(db, "");
        File.SetLastWriteTimeUtc(db, File.GetLastWriteTimeUtc(AccessPath) + TimeSpan.FromMinutes(stale ? -5 : 5));

        RelayDiagnosis d = Conclude("10.20.1.5", "<boss@gmail.com>... Relaying denied. IP name lookup failed [10.20.1.5]");

        Assert.Equal("config-not-loaded", d.RootCause.Id);
        Assert.Equal(commands, d.ServerFix);
        Assert.True(d.FixVerified);
        Assert.Contains("but the running Sendmail refuses it", d.RootCause.Summary);
        Assert.Contains(why, d.RootCause.Summary);
        Assert.Contains("'Connect:10.20.1.5 RELAY' in access, access:12", d.RootCause.Summary);
    }

    [Theory]
    [InlineData("mx ESMTP Sendmail; (No UCE/UBE) logging access from: pc9.corp.example(OK)-pc9.corp.example [127.0.0.9]", "<x@gmail.com>... Relaying denied", "pc9.corp.example")]
    [InlineData("mx ESMTP Sendmail; (No UCE/UBE) logging access from: [127.0.0.10](FAIL)-[127.0.0.10]", "<x@gmail.com>... Relaying denied. IP name lookup failed [127.0.0.10]", "")]
    [InlineData("mx ESMTP Sendmail 8.17.1/8.17.1; Tue, 3 Jun 2025 10:00:00 GMT", "<x@gmail.com>... Relaying denied. IP name lookup failed [127.0.0.10]", "")]
    [InlineData("mx ESMTP Sendmail 8.17.1/8.17.1; Tue, 3 Jun 2025 10:00:00 GMT", "<x@gmail.com>... Relaying denied", null)]
    public void The_client_name_the_what_if_uses_is_the_one_the_server_showed(string banner, string reply, string? name)
    {
        Assert.Equal(name, SendmailConclusion.ClientName(new SmtpProbeResult { Banner = banner, ReplyText = reply }));
    }
}
