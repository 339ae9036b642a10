using RelayTools.Core.Diagnosis;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Smtp;

public class ProbeDiagnosisTests
{
    [Theory]
    [InlineData(SmtpRelayStatus.RelayPermitted, null, FailureCategory.Success)]
    [InlineData(SmtpRelayStatus.Accepted, "2.1.5", FailureCategory.Success)]
    [InlineData(SmtpRelayStatus.RelayDenied, "5.7.1", FailureCategory.RelayDenied)]
    [InlineData(SmtpRelayStatus.RelayDenied, "5.1.1", FailureCategory.RecipientRejected)]
    [InlineData(SmtpRelayStatus.AuthenticationFailed, "5.7.8", FailureCategory.AuthenticationFailed)]
    [InlineData(SmtpRelayStatus.EncryptionRequired, null, FailureCategory.EncryptionRequired)]
    [InlineData(SmtpRelayStatus.ConnectionFailed, null, FailureCategory.ConnectionRefused)]
    [InlineData(SmtpRelayStatus.Timeout, null, FailureCategory.ConnectionRefused)]
    [InlineData(SmtpRelayStatus.TlsFailed, null, FailureCategory.TlsFailed)]
    [InlineData(SmtpRelayStatus.ProtocolError, null, FailureCategory.ProtocolError)]
    [InlineData(SmtpRelayStatus.XclientRefused, "5.7.0", FailureCategory.ClientRejected)]
    [InlineData(SmtpRelayStatus.XclientRefused, null, FailureCategory.ClientRejected)]
    public void Status_maps_to_a_failure_category(SmtpRelayStatus status, string? enhanced, FailureCategory category)
    {
        Assert.Equal(category, ProbeDiagnosis.CategoryOf(status, enhanced));
    }

    [Theory]
    [InlineData("mx.example.com ESMTP Postfix (Debian/GNU)", "Postfix")]
    [InlineData("mail.example.org ESMTP Exim 4.96 Thu, 26 Nov 2026", "Exim")]
    [InlineData("EXCH01.corp.example Microsoft ESMTP MAIL Service ready at Thu, 26 Nov 2026", "Exchange")]
    [InlineData("BN8NAM12FT010.mail.protection.outlook.com Microsoft ESMTP MAIL Service ready", "Microsoft365")]
    [InlineData("mail.lab.test ESMTP RelayTools lab", null)]
    public void Mta_is_recognised_from_the_banner(string banner, string? mta)
    {
        Assert.Equal(mta, MtaRegistry.Default.FromPeer(banner, null));
    }

    [Theory]
    // The brief's mapping: observed evidence comes first in the knowledge base's ranked causes.
    [InlineData(SmtpRelayStatus.RelayDenied, 554, "5.7.1", "<x@example.com>: Relay access denied", "no-smtp-auth,client-not-trusted", "no-smtp-auth", FailureCategory.RelayDenied)]
    [InlineData(SmtpRelayStatus.RelayDenied, 554, "5.7.1", "<x@example.com>: Relay access denied", "wrong-port,no-smtp-auth", "wrong-port", FailureCategory.RelayDenied)]
    [InlineData(SmtpRelayStatus.AuthenticationFailed, 535, "5.7.8", "Error: authentication failed: (reason unavailable)", "wrong-credentials", "wrong-credentials", FailureCategory.AuthenticationFailed)]
    // The category is the wording's, as Resolve-SmtpReply gives it; the status keeps "retry may help".
    [InlineData(SmtpRelayStatus.TemporaryFailure, 454, "4.7.0", "Temporary authentication failure", "sasl-backend-down", "sasl-backend-down", FailureCategory.AuthenticationFailed)]
    [InlineData(SmtpRelayStatus.ConnectionFailed, null, null, "ConnectionRefused: Connection refused", "firewall-blocked,server-unreachable", "firewall-blocked", FailureCategory.ConnectionRefused)]
    [InlineData(SmtpRelayStatus.TlsFailed, null, null, "The server certificate failed validation", "tls-certificate-invalid", "tls-certificate-invalid", FailureCategory.TlsFailed)]
    public void Diagnosis_puts_the_observed_cause_first(SmtpRelayStatus status, int? code, string? enhanced, string text, string evidence, string topCause, FailureCategory category)
    {
        var result = new SmtpProbeResult
        {
            Status = status,
            ReplyCode = code,
            EnhancedStatusCode = enhanced,
            ReplyText = text,
            Evidence = evidence.Split(','),
        };

        RelayTools.Core.Diagnosis.Diagnosis diagnosis = ProbeDiagnosis.For(result);

        Assert.Equal(category, diagnosis.Category);
        Assert.Equal(topCause, diagnosis.Causes[0].Id);
        Assert.Equal(1, diagnosis.Causes[0].Rank);
        Assert.False(string.IsNullOrEmpty(diagnosis.Causes[0].Fix));
    }

    [Fact]
    public void Auth_refused_in_clear_text_where_starttls_is_offered_is_diagnosed_as_EncryptionRequired()
    {
        // The lab's port 25 with smtpd_tls_auth_only = yes and -AllowUnencryptedAuthentication.
        var result = new SmtpProbeResult
        {
            Stage = SmtpProbeStage.Auth,
            Status = SmtpRelayStatus.EncryptionRequired,
            StartTlsOffered = true,
            ReplyCode = 503,
            EnhancedStatusCode = "5.5.1",
            ReplyText = "Error: authentication not enabled",
            Evidence = ["auth-requires-starttls"],
        };

        RelayTools.Core.Diagnosis.Diagnosis diagnosis = ProbeDiagnosis.For(result);

        Assert.Equal(FailureCategory.EncryptionRequired, diagnosis.Category);
        Assert.Equal("auth-requires-starttls", diagnosis.Causes[0].Id);
        Assert.Equal("postfix-authentication-not-enabled", diagnosis.PatternId);
    }

    [Theory]
    [InlineData(SmtpProbeStage.RcptTo, "<unknown[127.0.0.7]>: Client host rejected: go away")]
    [InlineData(SmtpProbeStage.Greeting, "mx.example.com Service unavailable; client [192.0.2.7] blocked")]
    public void A_refusal_of_the_client_itself_is_diagnosed_as_ClientRejected(SmtpProbeStage stage, string text)
    {
        var result = new SmtpProbeResult
        {
            Stage = stage,
            Status = SmtpRelayStatus.RelayDenied,
            ReplyCode = 554,
            EnhancedStatusCode = "5.7.1",
            ReplyText = text,
            Evidence = ["client-blocklisted", "client-not-trusted"],
        };

        RelayTools.Core.Diagnosis.Diagnosis diagnosis = ProbeDiagnosis.For(result);

        Assert.Equal(FailureCategory.ClientRejected, diagnosis.Category);
        Assert.Equal("client-blocklisted", diagnosis.Causes[0].Id);
    }

    [Fact]
    public void Postfix_is_recognised_from_the_relay_access_denied_wording_when_the_banner_hides_it()
    {
        var result = new SmtpProbeResult
        {
            Banner = "mail.lab.test ESMTP RelayTools lab",
            Status = SmtpRelayStatus.RelayDenied,
            ReplyCode = 554,
            EnhancedStatusCode = "5.7.1",
            ReplyText = "<relay-probe@example.com>: Relay access denied",
            Evidence = ["no-smtp-auth", "client-not-trusted"],
        };

        Assert.Equal("Postfix", ProbeDiagnosis.For(result).Mta);
    }
}
