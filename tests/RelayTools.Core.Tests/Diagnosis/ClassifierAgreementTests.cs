using System.Linq;
using RelayTools.Core.Diagnosis;
using RelayTools.Core.Logs;
using RelayTools.Core.Smtp;
using RelayTools.Core.Tests.Logs;

namespace RelayTools.Core.Tests.DiagnosisTests;

/// <summary>The probe, Resolve-SmtpReply and the log readers give one answer for one reply: they share the classifier.</summary>
public class ClassifierAgreementTests
{
    private const string Office365Banner = "LO4P123CA0123.outlook.office365.com Microsoft ESMTP MAIL Service ready at Thu, 26 Nov 2026 10:00:00 +0000";

    // What Test-SmtpRelay would have made of the reply at that stage, on an encrypted session that offered AUTH.
    private static RelayTools.Core.Diagnosis.Diagnosis ProbePath(string line, SmtpProbeStage stage, string? banner, string server)
    {
        SmtpReply reply = ReplyLineParser.FromLines([line]);
        var facts = new ProbeSessionFacts { Port = 587, Encrypted = true, StartTlsOffered = true, AuthOffered = true };
        ProbeOutcome outcome = stage switch
        {
            SmtpProbeStage.Auth => ProbeOutcomeClassifier.ForAuthentication(reply, facts),
            SmtpProbeStage.MailFrom => ProbeOutcomeClassifier.ForSender(reply, facts),
            _ => ProbeOutcomeClassifier.ForRecipient(reply, facts),
        };
        var result = new SmtpProbeResult
        {
            Server = server,
            Port = 587,
            Banner = banner,
            Security = SmtpConnectionSecurity.StartTls,
            StartTlsOffered = true,
            AuthMechanisms = ["PLAIN", "LOGIN"],
            Stage = stage,
            Status = outcome.Status,
            ReplyCode = reply.Code,
            EnhancedStatusCode = reply.EnhancedStatusCode,
            ReplyText = reply.Text,
            Evidence = outcome.Evidence,
        };
        return ProbeDiagnosis.For(result);
    }

    [Theory]
    [InlineData("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", SmtpProbeStage.Auth)]
    [InlineData("535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.", SmtpProbeStage.Auth)]
    [InlineData("550 5.7.64 TenantAttribution; Relay Access Denied", SmtpProbeStage.RcptTo)]
    [InlineData("554 5.7.1 <x@gmail.com>: Relay access denied", SmtpProbeStage.RcptTo)]
    [InlineData("550 relay not permitted", SmtpProbeStage.RcptTo)]
    [InlineData("550 5.7.1 <x@gmail.com>... Relaying denied. IP name lookup failed [10.1.2.3]", SmtpProbeStage.RcptTo)]
    [InlineData("535-5.7.8 Username and Password not accepted. https://support.google.com/mail/?p=BadCredentials - gsmtp", SmtpProbeStage.Auth)]
    [InlineData("534-5.7.9 Application-specific password required. https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp", SmtpProbeStage.Auth)]
    [InlineData("554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: app@corp.example", SmtpProbeStage.RcptTo)]
    [InlineData("450 4.2.0 <x@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html", SmtpProbeStage.RcptTo)]
    [InlineData("553 5.7.1 <ceo@corp.example>: Sender address rejected: not owned by user app@corp.example", SmtpProbeStage.MailFrom)]
    public void The_probe_and_the_resolver_agree_on_category_mta_and_first_cause(string line, SmtpProbeStage stage)
    {
        RelayTools.Core.Diagnosis.Diagnosis probe = ProbePath(line, stage, banner: null, server: "mail.corp.example");
        SmtpReplyInfo resolved = ReplyResolver.Default.Resolve(line);

        Assert.Equal(resolved.GetCategory(), probe.Category);
        Assert.Equal(resolved.Mta, probe.Mta);
        Assert.Equal(resolved.TopCause, probe.Causes[0].Id);
        Assert.Equal(resolved.PatternId, probe.PatternId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Office365Banner)]
    public void The_5_7_139_tenant_reply_is_smtp_auth_disabled_on_Microsoft365_for_both_with_or_without_the_banner(string? banner)
    {
        const string line = "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.";

        RelayTools.Core.Diagnosis.Diagnosis probe = ProbePath(line, SmtpProbeStage.Auth, banner, "outlook.office365.com");
        SmtpReplyInfo resolved = ReplyResolver.Default.Resolve(line, null, null, null, new DiagnosisContext { Server = "outlook.office365.com" });

        Assert.Equal(FailureCategory.AuthenticationFailed, probe.Category);
        Assert.Equal("Microsoft365", probe.Mta);
        Assert.Equal("smtp-auth-disabled", probe.Causes[0].Id);
        Assert.Equal(probe.Category, resolved.GetCategory());
        Assert.Equal(probe.Mta, resolved.Mta);
        Assert.Equal(probe.Causes[0].Id, resolved.TopCause);
    }

    [Fact]
    public void The_outlook_office365_banner_is_Microsoft365_not_Exchange()
    {
        Assert.Equal("Microsoft365", MtaRegistry.Default.FromPeer(Office365Banner, null));
        Assert.Equal("Microsoft365", MtaRegistry.Default.FromPeer(null, "smtp.office365.com"));
        Assert.Equal("Exchange", MtaRegistry.Default.FromPeer("EXCH01.corp.example Microsoft ESMTP MAIL Service ready at Thu, 26 Nov 2026", null));
    }

    [Theory]
    [InlineData("postfix.log")]
    [InlineData("exim.log")]
    [InlineData("sendmail.log")]
    [InlineData("more-relay-lines.log")]
    public void A_log_record_gets_the_category_and_first_cause_the_resolver_gives_its_line(string file)
    {
        foreach (RelayRejection record in CorpusTests.ReadCorpus(file, includeAuth: true))
        {
            SmtpReplyInfo resolved = ReplyResolver.Default.Resolve(record.Line);

            Assert.True(resolved.Category == record.Category, $"{record.Line}: log {record.Category}, resolver {resolved.Category}");
            Assert.True(resolved.TopCause == record.TopCause, $"{record.Line}: log {record.TopCause}, resolver {resolved.TopCause}");
            Assert.Equal(record.Mta, RejectionDiagnosis.For(record).Mta);
        }
    }

    [Theory]
    [InlineData("postfix.log")]
    [InlineData("exim.log")]
    [InlineData("sendmail.log")]
    [InlineData("more-relay-lines.log")]
    public void A_log_record_kind_and_its_category_tell_the_same_story(string file)
    {
        foreach (RelayRejection record in CorpusTests.ReadCorpus(file, includeAuth: true))
        {
            string expected = record.Kind == RejectionKind.RelayDenied ? nameof(FailureCategory.RelayDenied) : nameof(FailureCategory.AuthenticationFailed);
            Assert.True(expected == record.Category, $"{record.Line}: Kind {record.Kind}, Category {record.Category}");
            if (record.Kind == RejectionKind.AuthBackendUnavailable) { Assert.Equal("sasl-backend-down", record.TopCause); }
            Assert.Contains(record.Mta, MtaRegistry.Default.Names);
        }
    }
}
