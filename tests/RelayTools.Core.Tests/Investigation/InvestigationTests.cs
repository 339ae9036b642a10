using System.Linq;
using RelayTools.Core.Investigation;
using RelayTools.Core.Logs;
using RelayTools.Core.Postfix;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Tests.Investigation;

public class ProbeMatrixTests
{
    [Fact]
    public void The_client_path_comes_first_and_each_port_gets_its_security()
    {
        var paths = ProbeMatrix.Plan([25, 587, 465], withCredential: true);

        Assert.Equal(["25 plain + AUTH", "25 plain", "25 STARTTLS + AUTH", "25 STARTTLS", "587 STARTTLS + AUTH", "587 STARTTLS", "465 TLS + AUTH", "465 TLS"],
            paths.Select(p => p.Label()).ToArray());
    }

    [Fact]
    public void Without_a_credential_no_path_authenticates_and_configured_ports_keep_their_mode()
    {
        var paths = ProbeMatrix.Plan([2025, 2587, 2465, 2025], withCredential: false, implicitTlsPorts: [2465], startTlsOnlyPorts: [2587]);

        Assert.Equal(["2025 plain", "2025 STARTTLS", "2587 STARTTLS", "2465 TLS"], paths.Select(p => p.Label()).ToArray());
    }
}

public class PostfixFixPlannerTests
{
    private const string Main = """
        myhostname = mx.lab.test
        mydomain = lab.test
        mynetworks = 127.0.0.0/8 10.0.0.0/24
        smtpd_relay_restrictions = reject_unauth_destination, permit_mynetworks, permit_sasl_authenticated
        """;

    private const string Master = """
        smtp      inet  n       -       y       -       -       smtpd
        submission inet n       -       y       -       -       smtpd
          -o smtpd_relay_restrictions=reject_unauth_destination,permit_sasl_authenticated
        """;

    private static PostfixConfiguration Config(string extra = "")
    {
        var config = new PostfixConfiguration();
        PostfixConfigReader.ReadMainCf(config, Main + "\n" + extra, "main.cf");
        PostfixConfigReader.ReadMasterCf(config, Master, "master.cf");
        PostfixConfigReader.Finish(config);
        return config;
    }

    private static (PostfixFix Fix, bool Verified) Plan(string service, PostfixRelayQuery query, string extra = "")
    {
        PostfixConfiguration config = Config(extra);
        MasterService smtpd = config.SmtpdServices().First(s => s.Name == service);
        PostfixRelayResult before = PostfixRelayEvaluator.Evaluate(config, smtpd, query, _ => null);
        Assert.Equal(RelayDecision.Reject, before.Decision);
        PostfixFix fix = PostfixFixPlanner.ForRefusal(config, smtpd, query, before)!;
        PostfixConfiguration fresh = Config(extra);
        fix.ApplyTo(fresh);
        MasterService after = fresh.SmtpdServices().First(s => s.Id == fix.ServiceId);
        return (fix, PostfixRelayEvaluator.Evaluate(fresh, after, query, _ => null).Decision == RelayDecision.Permit);
    }

    [Fact]
    public void An_untrusted_client_behind_a_guard_that_runs_first_gets_its_own_32_and_the_permit_moved_before_the_guard()
    {
        (PostfixFix fix, bool verified) = Plan("smtp", new PostfixRelayQuery { ClientAddress = "10.20.1.5", Recipient = "boss@gmail.com" });

        Assert.Equal("restriction-order", fix.CauseId);
        Assert.Equal(["postconf -e 'mynetworks = 127.0.0.0/8 10.0.0.0/24 10.20.1.5/32'",
            "postconf -e 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination, permit_sasl_authenticated'",
            "postfix reload"], fix.Commands);
        Assert.True(verified);
    }

    [Fact]
    public void An_IPv6_client_gets_a_128()
    {
        (PostfixFix fix, bool verified) = Plan("smtp", new PostfixRelayQuery { ClientAddress = "2001:db8::25", Recipient = "boss@gmail.com" });

        Assert.Contains("postconf -e 'mynetworks = 127.0.0.0/8 10.0.0.0/24 [2001:db8::25]/128'", fix.Commands);
        Assert.True(verified);
    }

    [Fact]
    public void An_authenticated_client_refused_on_submission_gets_the_override_reordered_with_postconf_P()
    {
        (PostfixFix fix, bool verified) = Plan("submission", new PostfixRelayQuery { ClientAddress = "192.0.2.7", Recipient = "boss@gmail.com", Authenticated = true, SaslUser = "app" },
            "smtpd_sasl_auth_enable = yes");

        Assert.Equal("restriction-order", fix.CauseId);
        Assert.Equal(["postconf -P 'submission/inet/smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination'", "postfix reload"], fix.Commands);
        Assert.Contains("position 1", fix.Summary);
        Assert.True(verified);
    }

    [Fact]
    public void Where_the_service_offers_no_AUTH_the_fix_enables_it_too()
    {
        (PostfixFix fix, bool verified) = Plan("submission", new PostfixRelayQuery { ClientAddress = "192.0.2.7", Recipient = "boss@gmail.com", Authenticated = true, SaslUser = "app" });

        Assert.Contains("postconf -e 'smtpd_sasl_auth_enable = yes'", fix.Commands);
        Assert.True(verified);
    }

    [Fact]
    public void A_missing_submission_service_is_added_with_the_columns_of_the_smtp_service()
    {
        PostfixConfiguration config = Config();
        config.Services.RemoveAll(s => s.Name == "submission");

        PostfixFix fix = PostfixFixPlanner.ForMissingService(config, 587);

        Assert.Equal("postconf -M 'submission/inet=submission inet n - y - - smtpd'", fix.Commands[0]);
        Assert.Contains("postconf -P 'submission/inet/smtpd_tls_security_level=encrypt'", fix.Commands);
        fix.ApplyTo(config);
        MasterService added = config.SmtpdServices().Single(s => s.Id == "submission/inet");
        var query = new PostfixRelayQuery { ClientAddress = "192.0.2.7", Recipient = "boss@gmail.com", Authenticated = true, SaslUser = "app" };
        Assert.Equal(RelayDecision.Permit, PostfixRelayEvaluator.Evaluate(config, added, query, _ => null).Decision);
    }
}

public class LogCorrelationTests
{
    private static readonly string[] Lines =
    [
        "Dec  1 19:07:29 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[10.20.1.5]: 554 5.7.1 <boss@gmail.com>: Relay access denied; from=<app@corp.example> to=<boss@gmail.com> proto=ESMTP helo=<app>",
        "Dec  1 19:07:30 mx postfix/submission/smtpd[2]: NOQUEUE: reject: RCPT from unknown[10.20.1.5]: 554 5.7.1 <boss@gmail.com>: Relay access denied; from=<app@corp.example> to=<boss@gmail.com> proto=ESMTP helo=<app>",
        "Dec  1 19:07:31 mx postfix/smtpd[3]: NOQUEUE: reject: RCPT from unknown[10.9.9.9]: 554 5.7.1 <boss@gmail.com>: Relay access denied; from=<a@b.example> to=<boss@gmail.com> proto=ESMTP helo=<x>",
        "Dec  1 19:07:32 mx postfix/submission/smtpd[4]: warning: SASL: Connect to private/auth failed: No such file or directory",
        "Dec  1 19:07:32 mx postfix/submission/smtpd[4]: fatal: no SASL authentication mechanisms",
    ];

    [Fact]
    public void The_rejection_of_this_client_and_recipient_is_found_with_its_line_preferring_the_client_s_service()
    {
        LogExcerpt excerpt = LogExcerpt.FromText(Lines);

        RelayRejection? any = LogCorrelation.FindRejection(excerpt, "10.20.1.5", "BOSS@gmail.com", new LogParseContext());
        RelayRejection? smtp = LogCorrelation.FindRejection(excerpt, "10.20.1.5", "boss@gmail.com", new LogParseContext(), "postfix/smtpd");

        Assert.Equal(2, any!.LineNumber);
        Assert.Equal(1, smtp!.LineNumber);
        Assert.Equal("-Log", smtp.Path);
        Assert.Null(LogCorrelation.FindRejection(excerpt, "10.20.1.6", "boss@gmail.com", new LogParseContext()));
    }

    [Fact]
    public void Of_two_Exim_lines_for_the_client_the_one_with_its_own_TLS_state_is_taken()
    {
        LogExcerpt excerpt = LogExcerpt.FromText(
        [
            "2026-12-02 02:12:33 H=(vm) [127.0.0.9] F=<relay-probe@example.net> rejected RCPT <boss@gmail.com>: relay not permitted",
            "2026-12-02 02:12:33 H=(vm) [127.0.0.9] X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 CV=no F=<relay-probe@example.net> rejected RCPT <boss@gmail.com>: relay not permitted",
        ]);

        Assert.Equal(1, LogCorrelation.FindRejection(excerpt, "127.0.0.9", "boss@gmail.com", new LogParseContext(), tls: false)!.LineNumber);
        Assert.Equal(2, LogCorrelation.FindRejection(excerpt, "127.0.0.9", "boss@gmail.com", new LogParseContext(), tls: true)!.LineNumber);
    }

    [Fact]
    public void Postfix_s_own_words_for_a_dead_SASL_backend_are_server_faults()
    {
        var faults = LogCorrelation.FindServerFaults(LogExcerpt.FromText(Lines));

        Assert.Equal([4L, 5L], faults.Select(f => f.Number).ToArray());
        Assert.All(faults, f => Assert.Equal("sasl-backend-down", f.CauseId));
    }
}

public class RelayConclusionTests
{
    private static SmtpProbeResult Denied(string path) => new()
    {
        Server = "mx.example.com",
        Port = 25,
        Path = path,
        Stage = SmtpProbeStage.RcptTo,
        Status = SmtpRelayStatus.RelayDenied,
        ReplyCode = 554,
        EnhancedStatusCode = "5.7.1",
        ReplyText = "<boss@gmail.com>: Relay access denied",
        LocalAddress = "10.20.1.5",
    };

    [Fact]
    public void A_configuration_that_permits_while_the_server_refuses_is_the_finding()
    {
        const string text = "mynetworks = 10.20.1.5/32\nsmtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n";
        var findings = new RelayFindings { Server = "mx.example.com", To = "boss@gmail.com", ClientAddress = "10.20.1.5", PostfixConfiguration = () => PostfixConfigReader.ReadText(text) };
        findings.Probes.Add((new RelayPath { Port = 25, Security = SmtpSecurityMode.None }, Denied("25 plain")));

        RelayDiagnosis d = RelayConclusion.Conclude(findings);

        Assert.Equal(RelayVerdict.Denied, d.Verdict);
        Assert.Equal("config-not-loaded", d.RootCause.Id);
        Assert.Equal(["postfix reload"], d.ServerFix);
        Assert.Contains(d.Evidence, e => e.Source == EvidenceSource.Config && e.Text.Contains("permit_mynetworks -> Permit"));
        Assert.Contains(d.Evidence, e => e.Source == EvidenceSource.Probe && e.Text == "554 5.7.1 <boss@gmail.com>: Relay access denied");
    }

    [Fact]
    public void A_working_path_becomes_the_client_fix()
    {
        var findings = new RelayFindings { Server = "mx.example.com", To = "boss@gmail.com", UserName = "app" };
        findings.Probes.Add((new RelayPath { Port = 25, Security = SmtpSecurityMode.None }, Denied("25 plain")));
        findings.Probes.Add((new RelayPath { Port = 587, Security = SmtpSecurityMode.StartTls, Authenticate = true },
            new SmtpProbeResult { Port = 587, Path = "587 STARTTLS + AUTH PLAIN", Status = SmtpRelayStatus.RelayPermitted, Stage = SmtpProbeStage.Done, ReplyCode = 250, EnhancedStatusCode = "2.1.5" }));

        RelayDiagnosis d = RelayConclusion.Conclude(findings);

        Assert.Equal("587 STARTTLS + AUTH PLAIN", d.WorkingPath);
        Assert.Equal("Submit on port 587 with STARTTLS, and authenticate as app: that path relays (250 2.1.5).", d.ClientFix);
    }
}
