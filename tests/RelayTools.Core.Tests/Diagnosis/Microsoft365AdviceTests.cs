using System.Linq;
using RelayTools.Core.Diagnosis;

namespace RelayTools.Core.Tests.DiagnosisTests;

/// <summary>
/// Microsoft 365's relay and submission replies, on the SMTP relay path (tenant.mail.protection.outlook.com:25)
/// and on client submission (smtp.office365.com:587): the category, the first cause, and advice that names the
/// connector, policy or cmdlet to change. The replies and the advice follow Microsoft's documents:
/// <list type="bullet">
/// <item>"550 5.7.64 TenantAttribution" when sending mail externally in Microsoft 365
/// (learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp)</item>
/// <item>Fix email delivery issues for error code 5.7.64 in Exchange Online
/// (learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-64-in-exchange-online)</item>
/// <item>Configure a certificate-based connector to relay email messages through Microsoft 365
/// (learn.microsoft.com/exchange/troubleshoot/connectors/office-365-notice): the certificate's CN or SAN must hold an
/// accepted domain; its reply "550 5.7.64 Relay Access Denied ATTR36"</item>
/// <item>How to set up a multifunction device or application to send email using Microsoft 365 or Office 365
/// (learn.microsoft.com/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365)</item>
/// <item>Enable or disable authenticated client SMTP submission (SMTP AUTH) in Exchange Online
/// (learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission)</item>
/// <item>Authenticate an IMAP, POP or SMTP connection using OAuth
/// (learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth)</item>
/// <item>Exchange Team blog, "Exchange Online to retire Basic auth for Client Submission (SMTP AUTH)": its reply
/// "550 5.7.30 Basic authentication is not supported for Client Submission."</item>
/// </list>
/// </summary>
public class Microsoft365AdviceTests
{
    private const string RelayEndpoint = "contoso-com.mail.protection.outlook.com";
    private const string SubmissionEndpoint = "smtp.office365.com";

    private static SmtpReplyInfo Resolve(string reply, string server) =>
        ReplyResolver.Default.Resolve(reply, null, null, null, new DiagnosisContext
        {
            Server = server,
            Port = server == SubmissionEndpoint ? 587 : 25,
            ClientAddress = "10.1.2.3",
            Sender = "app@contoso.com",
            UserName = server == SubmissionEndpoint ? "app@contoso.com" : null,
            Recipient = "x@fabrikam.example",
        });

    [Theory]
    // SMTP relay: no OnPremises inbound connector matches the sending server (relay-access-denied-smtp).
    [InlineData("550 5.7.64 TenantAttribution; Relay Access Denied [BN8NAM12FT053.eop-nam12.prod.protection.outlook.com]", RelayEndpoint, FailureCategory.RelayDenied, "client-not-trusted",
        new[] { "Get-InboundConnector", "OnPremises", "SenderIPAddresses", "TlsSenderCertificateName", "Get-AcceptedDomain", "New-InboundConnector", "-SenderIPAddresses 10.1.2.3", "relay-access-denied-smtp" })]
    // The certificate-based connector notice's own wording (office-365-notice).
    [InlineData("550 5.7.64 Relay Access Denied ATTR36", RelayEndpoint, FailureCategory.RelayDenied, "client-not-trusted",
        new[] { "Get-InboundConnector", "TlsSenderCertificateName" })]
    // Client submission without AUTH (multifunction device article, option 1 against options 2 and 3).
    [InlineData("530 5.7.57 Client not authenticated to send mail. [DM6PR08CA0012.namprd08.prod.outlook.com]", SubmissionEndpoint, FailureCategory.AuthenticationRequired, "no-smtp-auth",
        new[] { "Get-CASMailbox app@contoso.com", "-UserName app@contoso.com -AccessToken", "STARTTLS", "Set-CASMailbox app@contoso.com -SmtpClientAuthenticationDisabled $false", "mail.protection.outlook.com:25", "inbound connector", "direct send" })]
    // Basic authentication for SMTP AUTH disabled or retired (SMTP AUTH article, OAuth article, retirement announcement).
    [InlineData("535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [BN9PR03CA0055.namprd03.prod.outlook.com]", SubmissionEndpoint, FailureCategory.AuthenticationFailed, "smtp-auth-disabled",
        new[] { "Test-SmtpRelay smtp.office365.com -Port 587 -UserName app@contoso.com -AccessToken $token", "Set-CASMailbox app@contoso.com -SmtpClientAuthenticationDisabled $false", "Set-TransportConfig -SmtpClientAuthenticationDisabled", "Security Defaults", "Conditional Access", "authenticated-client-smtp-submission" })]
    [InlineData("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.", SubmissionEndpoint, FailureCategory.AuthenticationFailed, "smtp-auth-disabled",
        new[] { "Get-TransportConfig", "Set-CASMailbox", "-AccessToken" })]
    [InlineData("535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy.", SubmissionEndpoint, FailureCategory.AuthenticationFailed, "smtp-auth-disabled",
        new[] { "Security Defaults", "-AccessToken" })]
    [InlineData("550 5.7.30 Basic authentication is not supported for Client Submission.", SubmissionEndpoint, FailureCategory.AuthenticationFailed, "smtp-auth-disabled",
        new[] { "OAuth", "-AccessToken" })]
    // System.Net.Mail folds the AUTH failure into the 5.7.57 it got at MAIL FROM: the AUTH failure is what to fix.
    [InlineData("The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled.", SubmissionEndpoint, FailureCategory.AuthenticationFailed, "smtp-auth-disabled",
        new[] { "-AccessToken", "Set-CASMailbox" })]
    [InlineData("535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.", SubmissionEndpoint, FailureCategory.AuthenticationFailed, "wrong-credentials",
        new[] { "Set-CASMailbox app@contoso.com", "-AccessToken" })]
    // 5.7.3 as Microsoft 365 sends it: AUTH refused, or STARTTLS first.
    [InlineData("535 5.7.3 Authentication unsuccessful [BN6PR03CA0021.namprd03.prod.outlook.com]", SubmissionEndpoint, FailureCategory.AuthenticationFailed, "wrong-credentials",
        new[] { "Get-CASMailbox app@contoso.com", "-AccessToken" })]
    [InlineData("451 5.7.3 STARTTLS is required to send mail [BN8NAM12FT053.eop-nam12.prod.protection.outlook.com]", RelayEndpoint, FailureCategory.EncryptionRequired, "tls-required-not-used",
        new[] { "Get-InboundConnector", "RequireTls", "STARTTLS", "TLS 1.2", "Test-SmtpRelay contoso-com.mail.protection.outlook.com -Port 25 -Security StartTls" })]
    public void Each_documented_reply_is_explained_with_the_connector_or_policy_to_change(string reply, string server, FailureCategory category, string firstCause, string[] named)
    {
        SmtpReplyInfo info = Resolve(reply, server);

        Assert.Equal("Microsoft365", info.Mta);
        Assert.Equal(category, info.GetCategory());
        Assert.Equal(firstCause, info.TopCause);
        Assert.Equal("Microsoft365", info.Causes[0].AdviceFor);
        string advice = info.Causes[0].Check + " " + info.Causes[0].Fix;
        foreach (string text in named) { Assert.Contains(text, advice); }
        Assert.DoesNotContain("<client-address>", advice);
    }

    [Fact]
    public void A_5_7_64_ranks_the_ip_match_then_a_changed_ip_then_the_certificate_domain_then_a_renewed_certificate()
    {
        SmtpReplyInfo info = Resolve("550 5.7.64 TenantAttribution; Relay Access Denied", RelayEndpoint);

        Assert.Equal(
            new[] { "client-not-trusted", "dynamic-ip-changed", "m365-connector-certificate-domain", "tls-certificate-invalid" },
            info.Causes.Take(4).Select(c => c.Id));
        Cause changedIp = info.Causes[1];
        Assert.Contains("Set-InboundConnector <name> -SenderIPAddresses @{Add='10.1.2.3'}", changedIp.Fix);
        Cause certificateDomain = info.Causes[2];
        Assert.Contains("accepted domain", certificateDomain.Summary);
        Assert.StartsWith("Get-AcceptedDomain", certificateDomain.Check);
        Assert.Contains("TlsSenderCertificateName", certificateDomain.Check);
        Assert.Contains("Set-InboundConnector <name> -TlsSenderCertificateName", certificateDomain.Fix);
        Assert.Contains("learn.microsoft.com/exchange/troubleshoot/connectors/office-365-notice", certificateDomain.Fix);
        Cause renewed = info.Causes[3];
        Assert.Contains("Hybrid Configuration Wizard", renewed.Fix);
        Assert.Contains("intermediate", renewed.Fix);
    }

    [Fact]
    public void The_greeting_names_Microsoft_365_when_the_probe_reached_it_by_address()
    {
        ReplyObservation observation = ReplyObservation.FromReply(550, "5.7.64", "TenantAttribution; Relay Access Denied");
        observation.Banner = "BN8NAM12FT053.mail.protection.outlook.com Microsoft ESMTP MAIL Service ready at Thu, 26 Nov 2026 10:00:00 +0000";

        RelayTools.Core.Diagnosis.Diagnosis diagnosis = ReplyClassifier.Default.Classify(observation, new DiagnosisContext { Server = "127.0.0.1", Port = 25 });

        Assert.Equal("Microsoft365", diagnosis.Mta);
        Assert.Equal("client-not-trusted", diagnosis.Causes[0].Id);
        Assert.Contains(diagnosis.Causes, c => c.Id == "m365-connector-certificate-domain");
    }

    [Fact]
    public void On_the_relay_endpoint_without_auth_offered_5_7_64_keeps_the_connector_first()
    {
        // Port 25 of the MX endpoint offers no AUTH, which alone would put wrong-port first; 5.7.64 names its cause.
        ReplyObservation observation = ReplyObservation.FromReply(550, "5.7.64", "TenantAttribution; Relay Access Denied");
        observation.Stage = RelayTools.Core.Smtp.SmtpProbeStage.RcptTo;
        observation.Facts = new RelayTools.Core.Smtp.ProbeSessionFacts { Port = 25 };

        RelayTools.Core.Diagnosis.Diagnosis diagnosis = ReplyClassifier.Default.Classify(observation, new DiagnosisContext { Server = RelayEndpoint, Port = 25 });

        Assert.Equal("client-not-trusted", diagnosis.Causes[0].Id);
        Assert.Contains(diagnosis.Causes, c => c.Id == "wrong-port");
    }

    [Theory]
    [InlineData("535 5.7.3 Authentication unsuccessful")]
    [InlineData("550 5.7.64 TenantAttribution; Relay Access Denied")]
    public void An_on_premises_exchange_server_gets_no_microsoft_365_only_cause(string reply)
    {
        ReplyObservation observation = ReplyObservation.FromText(reply);
        observation.Banner = "EXCH01.corp.example Microsoft ESMTP MAIL Service ready at Thu, 26 Nov 2026 10:00:00 +0100";

        RelayTools.Core.Diagnosis.Diagnosis diagnosis = ReplyClassifier.Default.Classify(observation, new DiagnosisContext { Server = "exch01.corp.example" });

        Assert.Equal("Exchange", diagnosis.Mta);
        Assert.DoesNotContain(diagnosis.Causes, c => c.Id is "smtp-auth-disabled" or "m365-connector-certificate-domain");
    }

    [Fact]
    public void The_oauth_cause_names_the_smtp_scope_and_the_exchange_online_service_principal()
    {
        Cause cause = KnowledgeBase.Default.FindCause("oauth-token-rejected", "Microsoft365", new DiagnosisContext { UserName = "app@contoso.com" })!;

        Assert.Equal("Microsoft365", cause.AdviceFor);
        Assert.Contains("https://outlook.office.com/SMTP.Send", cause.Fix);
        Assert.Contains("New-ServicePrincipal", cause.Fix);
        Assert.Contains("Set-CASMailbox app@contoso.com -SmtpClientAuthenticationDisabled $false", cause.Fix);
    }

    [Theory]
    [InlineData("client-not-trusted")]
    [InlineData("dynamic-ip-changed")]
    [InlineData("tls-certificate-invalid")]
    [InlineData("m365-connector-certificate-domain")]
    [InlineData("no-smtp-auth")]
    [InlineData("wrong-port")]
    [InlineData("smtp-auth-disabled")]
    [InlineData("wrong-credentials")]
    [InlineData("oauth-token-rejected")]
    [InlineData("tls-required-not-used")]
    public void The_microsoft_365_advice_names_the_microsoft_document_it_follows(string id)
    {
        Cause cause = KnowledgeBase.Default.FindCause(id, "Microsoft365")!;

        Assert.Matches(@"See Microsoft: '[^']+' \(learn\.microsoft\.com/exchange/[a-z0-9/-]+\)", cause.Fix);
    }
}
