using RelayTools.Core.Diagnosis;

namespace RelayTools.Core.Tests.DiagnosisTests;

/// <summary>The wordings users arrive with, family by family: the category, the first cause and the MTA they get.</summary>
public class WordingFamilyTests
{
    private static readonly ReplyResolver Resolver = ReplyResolver.Default;

    [Theory]
    // Client libraries that wrap the server's reply in their own message.
    [InlineData("Mailbox unavailable. The server response was: 5.7.1 Unable to relay", FailureCategory.RelayDenied, "client-not-trusted", "Exchange")]
    [InlineData("The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.57 Client not authenticated to send mail", FailureCategory.AuthenticationRequired, "no-smtp-auth", "Exchange")]
    [InlineData("The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.57 Client not authenticated to send mail. [DM6PR08CA0012.namprd08.prod.outlook.com]", FailureCategory.AuthenticationRequired, "no-smtp-auth", "Microsoft365")]
    [InlineData("smtplib.SMTPRecipientsRefused: {'x@gmail.com': (554, b'5.7.1 <x@gmail.com>: Relay access denied')}", FailureCategory.RelayDenied, "no-smtp-auth", "Postfix")]
    [InlineData("smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. For more information, go to\\n5.7.8  https://support.google.com/mail/?p=BadCredentials d2-20020a05600c - gsmtp')", FailureCategory.AuthenticationFailed, "wrong-credentials", "Gmail")]
    // A recipient at outlook.com says nothing about who refused.
    [InlineData("554 5.7.1 <x@outlook.com>: Relay access denied", FailureCategory.RelayDenied, "no-smtp-auth", "Postfix")]
    [InlineData("com.sun.mail.smtp.SMTPAddressFailedException: 554 5.7.1 <x@gmail.com>: Relay access denied", FailureCategory.RelayDenied, "no-smtp-auth", "Postfix")]
    [InlineData("javax.mail.AuthenticationFailedException: 535 5.7.3 Authentication unsuccessful [BN9PR03CA0055.namprd03.prod.outlook.com]", FailureCategory.AuthenticationFailed, "wrong-credentials", "Microsoft365")]
    [InlineData("Error: Invalid login: 535-5.7.8 Username and Password not accepted. For more information, go to 535 5.7.8  https://support.google.com/mail/?p=BadCredentials x1-20020a170902 - gsmtp", FailureCategory.AuthenticationFailed, "wrong-credentials", "Gmail")]
    [InlineData("Can't send mail - all recipients were rejected: 550 relay not permitted", FailureCategory.RelayDenied, "client-not-trusted", "Exim")]
    [InlineData("SMTP Error: The following recipients failed: x@gmail.com: <x@gmail.com>: Relay access denied", FailureCategory.RelayDenied, "no-smtp-auth", "Postfix")]
    [InlineData("SMTP Error: Could not authenticate.", FailureCategory.AuthenticationFailed, "wrong-credentials", null)]
    [InlineData("SMTP Error: Could not connect to SMTP host. Failed to connect to server", FailureCategory.ConnectionRefused, "server-unreachable", null)]
    // Gmail and Google Workspace.
    [InlineData("535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials d2-20020a05600c4e - gsmtp", FailureCategory.AuthenticationFailed, "wrong-credentials", "Gmail")]
    [InlineData("534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor l19sm2466105wmq.24 - gsmtp", FailureCategory.AuthenticationFailed, "app-password-required", "Gmail")]
    [InlineData("550-5.7.0 Mail relay denied [203.0.113.5]. Invalid credentials for relay for one of the domains in: corp.example (as obtained from HELO and MAIL FROM).\n550-5.7.0 Email is being sent from a domain or IP address which isn't registered in your Workspace account.\n550 5.7.0 https://support.google.com/a/answer/6140680 - gsmtp", FailureCategory.RelayDenied, "client-not-trusted", "Gmail")]
    [InlineData("530-5.7.0 Authentication Required. Learn more at\n530 5.7.0  https://support.google.com/mail/?p=WantAuthError a1-20020a05 - gsmtp", FailureCategory.AuthenticationRequired, "no-smtp-auth", "Gmail")]
    [InlineData("421-4.7.0 Try again later, closing connection. (EHLO)\n421 4.7.0  https://support.google.com/a/answer/3221692 a1-20020a05 - gsmtp", FailureCategory.TemporaryFailure, "rate-limited", "Gmail")]
    // Microsoft 365.
    [InlineData("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [SN4PR0201CA0052.namprd02.prod.outlook.com]", FailureCategory.AuthenticationFailed, "smtp-auth-disabled", "Microsoft365")]
    [InlineData("535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.", FailureCategory.AuthenticationFailed, "smtp-auth-disabled", "Microsoft365")]
    [InlineData("535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. [LO4P123CA0123.GBRP123.PROD.OUTLOOK.COM]", FailureCategory.AuthenticationFailed, "wrong-credentials", "Microsoft365")]
    [InlineData("530 5.7.57 Client not authenticated to send mail. [DM6PR08CA0012.namprd08.prod.outlook.com]", FailureCategory.AuthenticationRequired, "no-smtp-auth", "Microsoft365")]
    [InlineData("550 5.7.60 SMTP; Client does not have permissions to send as this sender [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]", FailureCategory.SenderRejected, "sender-login-mismatch", "Exchange")]
    [InlineData("554 5.2.252 SendAsDenied; app@corp.example not allowed to send as ceo@corp.example; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied", FailureCategory.SenderRejected, "sender-login-mismatch", "Microsoft365")]
    [InlineData("550 5.7.64 TenantAttribution; Relay Access Denied [SN1NAM02FT010.eop-nam02.prod.protection.outlook.com]", FailureCategory.RelayDenied, "client-not-trusted", "Microsoft365")]
    [InlineData("550 5.7.64 TenantAttribution; Relay Access Denied ATTR36 [DM6NAM12FT012.eop-nam12.prod.protection.outlook.com]", FailureCategory.RelayDenied, "client-not-trusted", "Microsoft365")]
    [InlineData("451 4.7.500 Server busy. Please try again later from [203.0.113.5]. (S77719) [BN8NAM11FT014.eop-nam11.prod.protection.outlook.com]", FailureCategory.TemporaryFailure, "rate-limited", "Microsoft365")]
    // Amazon SES, SendGrid, Mailgun.
    [InlineData("554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: app@corp.example", FailureCategory.SenderRejected, "sender-not-verified", "AmazonSES")]
    [InlineData("535 Authentication Credentials Invalid", FailureCategory.AuthenticationFailed, "wrong-credentials", "AmazonSES")]
    [InlineData("454 Throttling failure: Maximum sending rate exceeded.", FailureCategory.TemporaryFailure, "rate-limited", "AmazonSES")]
    [InlineData("550 The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see the Sender Identity requirements", FailureCategory.SenderRejected, "sender-not-verified", "SendGrid")]
    [InlineData("535 Authentication failed: Bad username / password", FailureCategory.AuthenticationFailed, "wrong-credentials", "SendGrid")]
    [InlineData("550 5.7.1 Sandbox subdomains are for test purposes only. Please add your own domain or add the address to authorized recipients in Account Settings.", FailureCategory.RecipientRejected, "esp-sandbox", "Mailgun")]
    // Other MTAs.
    [InlineData("554 Relay rejected for policy reasons.", FailureCategory.RelayDenied, "client-not-trusted", "Domino")]
    [InlineData("550 5.7.1 Relaying to <x@gmail.com> denied", FailureCategory.RelayDenied, "client-not-trusted", "Kerio")]
    [InlineData("503 This mail server requires authentication when attempting to send to a non-local e-mail address. Please check your mail client settings or contact your administrator to verify that the domain or address is defined for this server.", FailureCategory.RelayDenied, "no-smtp-auth", "MailEnable")]
    [InlineData("530 SMTP authentication is required.", FailureCategory.AuthenticationRequired, "no-smtp-auth", "hMailServer")]
    [InlineData("550 Delivery is not allowed to this address.", FailureCategory.RelayDenied, "client-not-trusted", "hMailServer")]
    [InlineData("550 5.7.1 Unable to relay for x@gmail.com", FailureCategory.RelayDenied, "client-not-trusted", "IIS")]
    [InlineData("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", FailureCategory.RelayDenied, "client-not-trusted", "qmail")]
    [InlineData("550 relay not permitted", FailureCategory.RelayDenied, "client-not-trusted", "Exim")]
    [InlineData("550 5.7.1 <x@gmail.com>... Relaying denied. IP name lookup failed [10.1.2.3]", FailureCategory.RelayDenied, "client-reverse-dns", "Sendmail")]
    [InlineData("550 5.7.1 <x@gmail.com>... Relaying denied. Proper authentication required.", FailureCategory.RelayDenied, "no-smtp-auth", "Sendmail")]
    // Greylisting and postscreen: a deliberate delay, not a server short of resources.
    [InlineData("450 4.2.0 <x@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html", FailureCategory.TemporaryFailure, "greylisting", "Postfix")]
    [InlineData("450 4.7.1 <x@example.com>: Recipient address rejected: Please try again later", FailureCategory.TemporaryFailure, "greylisting", null)]
    [InlineData("451 4.7.1 Greylisting in action, please come back later", FailureCategory.TemporaryFailure, "greylisting", null)]
    [InlineData("450 4.3.2 Service currently unavailable", FailureCategory.TemporaryFailure, "postscreen-after-220-tests", "Postfix")]
    [InlineData("421 4.7.0 mx.example.com Error: too many connections from 203.0.113.5", FailureCategory.TemporaryFailure, "rate-limited", "Postfix")]
    public void Each_family_gets_its_category_first_cause_and_mta(string text, FailureCategory category, string firstCause, string? mta)
    {
        SmtpReplyInfo info = Resolver.Resolve(text);

        Assert.Equal(category, info.GetCategory());
        Assert.Equal(firstCause, info.TopCause);
        Assert.Equal(mta, info.Mta);
        Assert.NotNull(info.PatternId);
    }

    [Theory]
    // The wording names no MTA: the server or its greeting does.
    [InlineData("550 5.7.1 Relaying denied", "smtp.mailgun.org", null, FailureCategory.RelayDenied, "no-smtp-auth", "Mailgun")]
    [InlineData("530 Authentication required", "email-smtp.eu-west-1.amazonaws.com", null, FailureCategory.AuthenticationRequired, "no-smtp-auth", "AmazonSES")]
    [InlineData("530 5.7.0 Authentication required", "smtp.office365.com", null, FailureCategory.AuthenticationRequired, "no-smtp-auth", "Microsoft365")]
    [InlineData("550 5.7.1 <x@gmail.com>... Relaying denied", null, "mail.corp.example ESMTP MDaemon 23.5.2; Thu, 26 Nov 2026 10:00:00 +0100", FailureCategory.RelayDenied, "client-not-trusted", "MDaemon")]
    [InlineData("550 5.7.1 Relaying denied", null, "mail.corp.example ESMTP Service (HCL Domino Release 12.0.2) ready at Thu, 26 Nov 2026 10:00:00 +0100", FailureCategory.RelayDenied, "no-smtp-auth", "Domino")]
    [InlineData("550 5.7.1 Relaying denied", null, "mail.corp.example ESMTP MailEnable Service, Version: 10.44-- ready at 11/26/26 10:00:00", FailureCategory.RelayDenied, "no-smtp-auth", "MailEnable")]
    [InlineData("550 5.7.1 Relaying denied", null, "mail.corp.example ESMTP hMailServer", FailureCategory.RelayDenied, "no-smtp-auth", "hMailServer")]
    [InlineData("550 5.7.1 Relaying denied", null, "mail.corp.example Kerio Connect 10.0.2 ESMTP ready", FailureCategory.RelayDenied, "no-smtp-auth", "Kerio")]
    public void The_server_or_its_greeting_names_the_mta_when_the_wording_does_not(string text, string? server, string? banner, FailureCategory category, string firstCause, string mta)
    {
        ReplyObservation observation = ReplyObservation.FromText(text);
        observation.Banner = banner;

        RelayTools.Core.Diagnosis.Diagnosis diagnosis = ReplyClassifier.Default.Classify(observation, new DiagnosisContext { Server = server });

        Assert.Equal(category, diagnosis.Category);
        Assert.Equal(firstCause, diagnosis.Causes[0].Id);
        Assert.Equal(mta, diagnosis.Mta);
        Assert.Equal(mta, diagnosis.Causes[0].AdviceFor);
    }

    [Theory]
    // Unknown wordings: the words and the enhanced code still choose a category and a sensible first cause.
    [InlineData("550 5.7.1 Relaying to this domain requires a login", FailureCategory.RelayDenied, "no-smtp-auth")]
    [InlineData("550 5.7.1 Please authenticate first", FailureCategory.AuthenticationRequired, "no-smtp-auth")]
    [InlineData("550 5.7.1 Sender address could not be verified", FailureCategory.SenderRejected, "sender-not-verified")]
    [InlineData("550 5.1.0 Recipient verification failed", FailureCategory.RecipientRejected, "recipient-unknown")]
    [InlineData("451 4.7.1 Please try again later", FailureCategory.TemporaryFailure, "greylisting")]
    [InlineData("450 4.2.0 Deferred: greylisted by policy", FailureCategory.TemporaryFailure, "greylisting")]
    [InlineData("550 5.7.13 Account disabled", FailureCategory.AuthenticationFailed, "wrong-credentials")]
    [InlineData("452 4.3.1 Insufficient system storage", FailureCategory.TemporaryFailure, "server-resource-shortage")]
    public void Unknown_wordings_fall_back_to_their_words_and_codes(string text, FailureCategory category, string firstCause)
    {
        SmtpReplyInfo info = Resolver.Resolve(text);

        Assert.Equal(category, info.GetCategory());
        Assert.Equal(firstCause, info.TopCause);
    }
}
