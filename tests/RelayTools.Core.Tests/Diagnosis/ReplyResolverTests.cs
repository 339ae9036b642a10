using System;
using System.Linq;
using RelayTools.Core.Diagnosis;

namespace RelayTools.Core.Tests.DiagnosisTests;

public class ReplyResolverTests
{
    private static readonly ReplyResolver Resolver = ReplyResolver.Default;

    [Theory]
    // Each MTA's relay, AUTH and TLS wording: category, MTA, first cause.
    [InlineData("554 5.7.1 <x@gmail.com>: Relay access denied", FailureCategory.RelayDenied, "Postfix", "no-smtp-auth", ReplyClass.PermanentFailure)]
    [InlineData("454 4.7.1 <x@gmail.com>: Relay access denied", FailureCategory.RelayDenied, "Postfix", "no-smtp-auth", ReplyClass.TransientFailure)]
    [InlineData("535 5.7.8 Error: authentication failed: authentication failure", FailureCategory.AuthenticationFailed, "Postfix", "wrong-credentials", ReplyClass.PermanentFailure)]
    [InlineData("530 5.7.0 Must issue a STARTTLS command first", FailureCategory.EncryptionRequired, "Postfix", "tls-required-not-used", ReplyClass.PermanentFailure)]
    [InlineData("503 5.5.1 Error: authentication not enabled", FailureCategory.AuthenticationFailed, "Postfix", "auth-requires-starttls", ReplyClass.PermanentFailure)]
    [InlineData("553 5.7.1 <s@example.com>: Sender address rejected: not owned by user alice@example.com", FailureCategory.SenderRejected, "Postfix", "sender-login-mismatch", ReplyClass.PermanentFailure)]
    [InlineData("550 relay not permitted", FailureCategory.RelayDenied, "Exim", "client-not-trusted", ReplyClass.PermanentFailure)]
    [InlineData("550 relay not permitted, authentication required", FailureCategory.RelayDenied, "Exim", "no-smtp-auth", ReplyClass.PermanentFailure)]
    [InlineData("550 5.7.1 <r@example.org>... Relaying denied", FailureCategory.RelayDenied, "Sendmail", "client-not-trusted", ReplyClass.PermanentFailure)]
    [InlineData("550 5.7.1 <r@example.org>... Relaying denied. Proper authentication required.", FailureCategory.RelayDenied, "Sendmail", "no-smtp-auth", ReplyClass.PermanentFailure)]
    [InlineData("550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", FailureCategory.RelayDenied, "Exchange", "client-not-trusted", ReplyClass.PermanentFailure)]
    [InlineData("530 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM", FailureCategory.AuthenticationRequired, "Exchange", "no-smtp-auth", ReplyClass.PermanentFailure)]
    [InlineData("530 5.7.1 Client was not authenticated", FailureCategory.AuthenticationRequired, "Exchange", "no-smtp-auth", ReplyClass.PermanentFailure)]
    [InlineData("550 5.7.64 TenantAttribution; Relay Access Denied", FailureCategory.RelayDenied, "Microsoft365", "client-not-trusted", ReplyClass.PermanentFailure)]
    [InlineData("550 5.7.1 Unable to relay for x@gmail.com", FailureCategory.RelayDenied, "IIS", "client-not-trusted", ReplyClass.PermanentFailure)]
    [InlineData("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", FailureCategory.RelayDenied, "qmail", "client-not-trusted", ReplyClass.PermanentFailure)]
    [InlineData("530 5.7.0 Authentication required", FailureCategory.AuthenticationRequired, null, "no-smtp-auth", ReplyClass.PermanentFailure)]
    [InlineData("535 5.7.8 Authentication credentials invalid", FailureCategory.AuthenticationFailed, null, "wrong-credentials", ReplyClass.PermanentFailure)]
    [InlineData("538 5.7.11 Encryption required for requested authentication mechanism", FailureCategory.EncryptionRequired, null, "auth-requires-starttls", ReplyClass.PermanentFailure)]
    [InlineData("454 4.7.0 Temporary authentication failure", FailureCategory.AuthenticationFailed, null, "sasl-backend-down", ReplyClass.TransientFailure)]
    [InlineData("503 5.5.1 Bad sequence of commands", FailureCategory.ProtocolError, null, "client-protocol-error", ReplyClass.PermanentFailure)]
    [InlineData("504 5.5.4 Unrecognized authentication type", FailureCategory.AuthenticationFailed, null, "auth-mechanism-unsupported", ReplyClass.PermanentFailure)]
    public void Classifies_each_mta_wording(string reply, FailureCategory category, string? mta, string firstCause, ReplyClass replyClass)
    {
        SmtpReplyInfo info = Resolver.Resolve(reply);

        Assert.Equal(category, info.GetCategory());
        Assert.Equal(mta, info.Mta);
        Assert.Equal(firstCause, info.Causes[0].Id);
        Assert.Equal(firstCause, info.TopCause);
        Assert.Equal(1, info.Causes[0].Rank);
        Assert.Equal(replyClass, info.GetReplyClass());
        Assert.Equal(reply, info.Text);
        Assert.NotEmpty(info.DeadEnds);
    }

    [Fact]
    public void Postfix_relay_denial_gives_postfix_checks_and_main_cf_fixes()
    {
        SmtpReplyInfo info = Resolver.Resolve("554 5.7.1 <x@gmail.com>: Relay access denied");

        Assert.Equal(554, info.ReplyCode);
        Assert.Equal("5.7.1", info.EnhancedStatusCode);
        Assert.Equal("Delivery not authorized, message refused", info.Meaning);
        Assert.Equal(new[] { "no-smtp-auth", "client-not-trusted" }, info.Causes.Take(2).Select(c => c.Id));
        Assert.StartsWith("postconf -n", info.Causes[1].Check);
        Assert.Contains("mynetworks =", info.Causes[1].Fix);
        Assert.Contains(info.Causes, c => c.Id == "restriction-order");
    }

    [Fact]
    public void Exchange_5_7_54_points_at_receive_connectors_and_accepted_domains()
    {
        SmtpReplyInfo info = Resolver.Resolve("550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain");

        Assert.Contains("Get-ReceiveConnector", info.Causes[0].Check);
        Assert.Equal("recipient-domain-not-accepted", info.Causes[1].Id);
        Assert.Contains("Get-AcceptedDomain", info.Causes[1].Check);
        Assert.DoesNotContain(info.Causes, c => c.Id == "restriction-order");
    }

    [Theory]
    [InlineData("Jul 12 07:47:48 saturn postfix/smtpd[8738]: NOQUEUE: reject: RCPT from x[1.2.3.4]: 554 5.7.1 <smtp@example.com>: Relay access denied; from=<john@example.com> to=<smtp@example.org> proto=SMTP helo=<h>", FailureCategory.RelayDenied, "Postfix", "no-smtp-auth")]
    [InlineData("2024-03-21 09:18:51 H=m05.horp.tld [9.12.1.21]:43030 I=[194.169.175.2]:25 Ci=7326 CV=no SNI=mail.leone.tld F=<user@example.tld> rejected RCPT <locus@leone.tld>: relay not permitted", FailureCategory.RelayDenied, "Exim", "client-not-trusted")]
    [InlineData("Feb  3 08:29:28 mail postfix/smtpd[21022]: warning: unknown[1.1.1.1]: SASL LOGIN authentication failed: Connection lost to authentication server", FailureCategory.AuthenticationFailed, "Postfix", "sasl-backend-down")]
    [InlineData("Jun 18 08:05:17 <mail.notice> myhost sm-mta[17002]: 55IC59VD017002: ruleset=check_rcpt, arg1=<spameri@tiscali.it>, relay=[45.125.66.67], reject=450 4.4.0 <spameri@tiscali.it>... Relaying temporarily denied. Cannot resolve PTR record for 45.125.66.67", FailureCategory.RelayDenied, "Sendmail", "client-reverse-dns")]
    [InlineData("Nov 25 10:00:00 mx postfix/smtp[4242]: 4XyZ: to=<x@partner.example>, relay=mail.partner.example[203.0.113.5]:25, status=bounced (host mail.partner.example[203.0.113.5] said: 550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain (in reply to RCPT TO command))", FailureCategory.RelayDenied, "Exchange", "client-not-trusted")]
    [InlineData("Nov 25 10:00:00 mx postfix/smtp[4242]: 4XyZ: to=<x@partner.example>, status=bounced (host relay.example[203.0.113.5] said: 554 5.7.1 Not today (in reply to RCPT TO command))", FailureCategory.Other, null, null)]
    public void Classifies_log_lines(string line, FailureCategory category, string? mta, string? firstCause)
    {
        SmtpReplyInfo info = Resolver.Resolve(line);

        Assert.Equal(category, info.GetCategory());
        Assert.Equal(mta, info.Mta);
        Assert.Equal(firstCause, info.TopCause);
    }

    [Fact]
    public void A_multiline_reply_is_classified_as_one()
    {
        SmtpReplyInfo info = Resolver.Resolve("530-5.7.0 Must issue a STARTTLS command first. For more information, go to\r\n530-5.7.0 https://support.google.com/mail/?p=WantAuthError\r\n530 5.7.0 gsmtp");

        Assert.Equal(530, info.ReplyCode);
        Assert.Equal("5.7.0", info.EnhancedStatusCode);
        Assert.Equal(FailureCategory.EncryptionRequired, info.GetCategory());
        Assert.Equal("Gmail", info.Mta);
        Assert.StartsWith("Must issue a STARTTLS command first.", info.ReplyText);
    }

    [Fact]
    public void In_a_transcript_the_refusal_decides_the_category()
    {
        SmtpReplyInfo info = Resolver.Resolve("<-  250-AUTH PLAIN LOGIN\n<-  250 STARTTLS\n -> MAIL FROM:<a@example.com>\n<-  250 2.1.0 Ok\n -> RCPT TO:<x@gmail.com>\n<** 554 5.7.1 <x@gmail.com>: Relay access denied\n -> QUIT\n<-  221 2.0.0 Bye");

        Assert.Equal(554, info.ReplyCode);
        Assert.Equal(FailureCategory.RelayDenied, info.GetCategory());
        Assert.Equal("no-smtp-auth", info.TopCause);
    }

    [Fact]
    public void Microsoft_365_host_names_name_the_service()
    {
        SmtpReplyInfo info = Resolver.Resolve("550 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM [BN8NAM11FT066.eop-nam11.prod.protection.outlook.com]");

        Assert.Equal("Microsoft365", info.Mta);
        Assert.Equal(FailureCategory.AuthenticationRequired, info.GetCategory());
        Assert.Contains("Get-CASMailbox", info.Causes[0].Check);
    }

    [Theory]
    [InlineData("550 5.7.1 Message rejected by policy", 550, "5.7.1", "Delivery not authorized, message refused", ReplyClass.PermanentFailure)]
    [InlineData("552 5.2.2 Mailbox full", 552, "5.2.2", "Mailbox full", ReplyClass.PermanentFailure)]
    [InlineData("559 Something odd", 559, null, null, ReplyClass.PermanentFailure)]
    [InlineData("554 Transaction failed", 554, null, "Transaction failed (in the greeting: no SMTP service here)", ReplyClass.PermanentFailure)]
    [InlineData("550 5.7.99 Custom", 550, "5.7.99", "Security or policy status (unregistered detail code)", ReplyClass.PermanentFailure)]
    [InlineData("hello world", null, null, null, ReplyClass.Unknown)]
    public void Unclassifiable_text_is_other_with_the_registry_meaning(string text, int? code, string? enhanced, string? meaning, ReplyClass replyClass)
    {
        SmtpReplyInfo info = Resolver.Resolve(text);

        Assert.Equal(FailureCategory.Other, info.GetCategory());
        Assert.Equal(code, info.ReplyCode);
        Assert.Equal(enhanced, info.EnhancedStatusCode);
        Assert.Equal(meaning, info.Meaning);
        Assert.Equal(replyClass, info.GetReplyClass());
        Assert.Empty(info.Causes);
        Assert.Null(info.PatternId);
    }

    [Fact]
    public void Success_replies_have_no_causes()
    {
        SmtpReplyInfo info = Resolver.Resolve("235 2.7.0 Authentication successful");

        Assert.Equal(FailureCategory.Success, info.GetCategory());
        Assert.Equal(ReplyClass.Success, info.GetReplyClass());
        Assert.Equal("Other or undefined security status", info.Meaning);
        Assert.Equal("Authentication successful", info.ReplyText);
        Assert.Empty(info.Causes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n ")]
    public void Empty_text_is_an_argument_error(string text)
    {
        Assert.Throws<ArgumentException>(() => Resolver.Resolve(text));
    }
}
