using System.Linq;
using RelayTools.Core.Diagnosis;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.DiagnosisTests;

/// <summary>
/// The receiving side's SPF, DKIM, DMARC and reverse DNS refusals, the next error once relaying works: the MTA
/// (by wording or host), the category, the first cause, and a Check that runs Test-SenderAuthorization with
/// the case's From domain and the relay's egress address. The replies follow the receivers' documents:
/// <list type="bullet">
/// <item>Google, "Email sender guidelines" and the Gmail SMTP error reference (support.google.com/a/answer/3726730):
/// 550-5.7.26 unauthenticated sender and DMARC policy, SPF hard fail, 4.7.27/5.7.27 SPF, 5.7.25 PTR</item>
/// <item>Microsoft, "Email non-delivery reports and SMTP errors in Exchange Online" and "Fix email delivery issues
/// for error code 5.7.23 in Exchange Online": 5.7.23 SPF violation, 5.7.509 DMARC reject, 5.7.25 IPv6 reverse DNS;
/// 5.7.515 for high-volume senders to Outlook.com</item>
/// <item>pypolicyd-spf's "Message rejected due to: SPF fail - not authorized", Exim's documented spf ACL message,
/// DMARC milters' "rejected per/due to DMARC policy", RFC 7372's X.7.20-X.7.26</item>
/// </list>
/// </summary>
public class SenderAuthenticationReplyTests
{
    private const string GmailUnauthenticated =
        "550-5.7.26 This mail has been blocked because the sender is unauthenticated.\n" +
        "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.\n" +
        "550-5.7.26\n" +
        "550-5.7.26  Authentication results:\n" +
        "550-5.7.26  DKIM = did not pass\n" +
        "550-5.7.26  SPF [corp.example] with ip: [203.0.113.25] = did not pass\n" +
        "550-5.7.26\n" +
        "550-5.7.26  For instructions on setting up authentication, go to\n" +
        "550 5.7.26  https://support.google.com/mail/answer/81126#authentication d2e1a72fcca58-7b1si123 - gsmtp";

    private const string GmailDmarc =
        "550-5.7.26 Unauthenticated email from corp.example is not accepted due to\n" +
        "550-5.7.26 domain's DMARC policy. Please contact the administrator of corp.example\n" +
        "550-5.7.26 domain if this was a legitimate mail. Please visit\n" +
        "550-5.7.26 https://support.google.com/mail/answer/2451690 to learn about the\n" +
        "550 5.7.26 DMARC initiative. a1-20020a05 - gsmtp";

    private const string GmailSpfHardFail =
        "550-5.7.26 This message fails to pass SPF checks for an SPF record with a hard fail\n" +
        "550-5.7.26 policy (-all). To best protect our users from spam and phishing, the\n" +
        "550-5.7.26 message has been blocked. Please visit\n" +
        "550 5.7.26 https://support.google.com/mail/answer/81126#authentication - gsmtp";

    private const string GmailPtr =
        "550-5.7.25 [203.0.113.25] The IP address sending this message does not have a\n" +
        "550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not\n" +
        "550-5.7.25 point to the sending IP. As a policy, Gmail does not accept messages\n" +
        "550-5.7.25 from IPs with missing PTR records. For more information, go to\n" +
        "550 5.7.25  https://support.google.com/mail/answer/81126 a1-20020a05 - gsmtp";

    private static SmtpReplyInfo Resolve(string reply, string? server = null) =>
        ReplyResolver.Default.Resolve(reply, null, null, null, new DiagnosisContext
        {
            Server = server,
            ClientAddress = "203.0.113.25",
            Sender = "app@corp.example",
            Recipient = "someone@example.org",
        });

    [Theory]
    // Gmail (Google's SMTP error reference and sender guidelines).
    [InlineData(GmailUnauthenticated, "Gmail", FailureCategory.SenderUnauthenticated, "spf-not-authorized", "gmail-sender-unauthenticated")]
    [InlineData("550-5.7.26 This message does not have authentication information or fails to\n550-5.7.26 pass authentication checks. To best protect our users from spam, the\n550-5.7.26 message has been blocked. Please visit\n550-5.7.26 https://support.google.com/mail/answer/81126#authentication for more\n550 5.7.26 information. e99si513617itd.159 - gsmtp", "Gmail", FailureCategory.SenderUnauthenticated, "spf-not-authorized", "gmail-sender-unauthenticated")]
    [InlineData(GmailDmarc, "Gmail", FailureCategory.SenderUnauthenticated, "dmarc-not-aligned", "gmail-dmarc-policy")]
    [InlineData(GmailSpfHardFail, "Gmail", FailureCategory.SenderUnauthenticated, "spf-not-authorized", "gmail-spf-hard-fail")]
    [InlineData("421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message.\n421 4.7.27 https://support.google.com/mail/answer/81126#authentication a1-20020a05 - gsmtp", "Gmail", FailureCategory.SenderUnauthenticated, "spf-not-authorized", "gmail-spf-hard-fail")]
    [InlineData("550-5.7.27 For more information, go to\n550 5.7.27  https://support.google.com/mail/answer/81126#authentication x1-20020a170902 - gsmtp", "Gmail", FailureCategory.SenderUnauthenticated, "spf-not-authorized", "gmail-spf-status")]
    [InlineData(GmailPtr, "Gmail", FailureCategory.ClientRejected, "client-reverse-dns", "gmail-ptr-missing")]
    // Microsoft 365 (Email non-delivery reports and SMTP errors in Exchange Online).
    [InlineData("550 5.7.23 The message was rejected because of Sender Policy Framework violation", "Microsoft365", FailureCategory.SenderUnauthenticated, "spf-not-authorized", "m365-spf-violation")]
    [InlineData("Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation [BN8NAM12FT053.eop-nam12.prod.protection.outlook.com]'", "Microsoft365", FailureCategory.SenderUnauthenticated, "spf-not-authorized", "m365-spf-violation")]
    [InlineData("550 5.7.509 Access denied, sending domain corp.example does not pass DMARC verification and has a DMARC policy of reject.", "Microsoft365", FailureCategory.SenderUnauthenticated, "dmarc-not-aligned", "m365-dmarc-reject")]
    [InlineData("550 5.7.515 Access denied, sending domain corp.example doesn't meet the required authentication level.", "Microsoft365", FailureCategory.SenderUnauthenticated, "dmarc-not-aligned", "m365-authentication-level")]
    [InlineData("550 5.7.25 Access denied, the sending IPv6 address [2001:db8:5::25] must have a reverse DNS record. [DB5EUR03FT017.eop-EUR03.prod.protection.outlook.com]", "Microsoft365", FailureCategory.ClientRejected, "client-reverse-dns", "m365-ipv6-reverse-dns")]
    public void Each_documented_reply_names_its_receiver_category_and_first_cause_with_a_test_sender_authorization_check(string reply, string mta, FailureCategory category, string firstCause, string patternId)
    {
        SmtpReplyInfo info = Resolve(reply);

        Assert.Equal(patternId, info.PatternId);
        Assert.Equal(mta, info.Mta);
        Assert.Equal(category, info.GetCategory());
        Assert.Equal(firstCause, info.TopCause);
        Assert.Equal(mta, info.Causes[0].AdviceFor);
        Assert.StartsWith("Test-SenderAuthorization -Domain corp.example -SendingAddress 203.0.113.25", info.Causes[0].Check);
    }

    [Theory]
    // pypolicyd-spf on Postfix, at RCPT TO.
    [InlineData("550 5.7.1 <almacen@corp.example>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=app@corp.example;ip=203.0.113.25;r=almacen@corp.example", "spf-not-authorized")]
    [InlineData("550 5.7.23 <x@example.org>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.open-spf.org/Why?s=mfrom;id=app@corp.example;ip=203.0.113.25;r=<UNKNOWN>", "spf-not-authorized")]
    // Exim's spf ACL condition with the message of its documentation.
    [InlineData("550 203.0.113.25 is not allowed to send mail from corp.example.  Please see http://www.open-spf.org/Why;identity=app@corp.example;ip=203.0.113.25", "spf-not-authorized")]
    [InlineData("550 5.7.1 SPF check failed", "spf-not-authorized")]
    // DMARC milters and filters.
    [InlineData("550 5.7.1 Email rejected per DMARC policy for corp.example", "dmarc-not-aligned")]
    [InlineData("550 5.7.1 Email rejected due to DMARC policy", "dmarc-not-aligned")]
    [InlineData("550 5.7.1 Unauthenticated email from corp.example is not accepted due to domain's DMARC policy.", "dmarc-not-aligned")]
    [InlineData("550 5.7.20 No passing DKIM signature found", "dkim-not-signed")]
    // RFC 7372's codes with any text.
    [InlineData("550 5.7.23 Rejected by policy", "spf-not-authorized")]
    [InlineData("550 5.7.26 Message refused", "spf-not-authorized")]
    [InlineData("550 5.7.21 Signature rejected", "dkim-not-signed")]
    public void The_wording_of_any_receiver_points_to_test_sender_authorization(string reply, string firstCause)
    {
        SmtpReplyInfo info = Resolve(reply);

        Assert.Equal(FailureCategory.SenderUnauthenticated, info.GetCategory());
        Assert.Equal(firstCause, info.TopCause);
        Assert.Contains("Test-SenderAuthorization -Domain corp.example -SendingAddress 203.0.113.25", info.Causes[0].Check);
        Assert.All(info.Causes.Where(c => c.Id is "spf-not-authorized" or "dmarc-not-aligned" or "dkim-not-signed"),
            c => Assert.StartsWith("Test-SenderAuthorization ", c.Check));
    }

    [Fact]
    public void The_gmail_5_7_26_reply_ranks_spf_then_dkim_then_dmarc_and_says_what_to_publish()
    {
        SmtpReplyInfo info = Resolve(GmailUnauthenticated);

        Assert.Equal(new[] { "spf-not-authorized", "dkim-not-signed", "dmarc-not-aligned" }, info.Causes.Take(3).Select(c => c.Id));
        Assert.Equal("Test-SenderAuthorization -Domain corp.example -SendingAddress 203.0.113.25 -MailFrom app@corp.example", info.Causes[0].Check);
        Assert.Contains("ip4:", info.Causes[0].Fix);
        Assert.Contains("-DkimSelector", info.Causes[1].Check);
        Assert.Contains("_domainkey.corp.example", info.Causes[1].Fix);
        Assert.Contains("Multiple authentication checks failed", info.Meaning);
        Assert.NotEmpty(info.DeadEnds);
    }

    [Fact]
    public void Without_a_context_the_check_names_placeholders_that_read_as_such()
    {
        SmtpReplyInfo info = ReplyResolver.Default.Resolve(GmailUnauthenticated);

        Assert.Equal("Test-SenderAuthorization -Domain <sender-domain> -SendingAddress <client-address> -MailFrom <sender>", info.Causes[0].Check);
        Assert.DoesNotContain("{", info.Causes[0].Fix);
    }

    [Fact]
    public void Microsoft_365s_spf_advice_names_its_include_and_the_document()
    {
        SmtpReplyInfo info = Resolve("550 5.7.23 The message was rejected because of Sender Policy Framework violation", "corp-example.mail.protection.outlook.com");

        Assert.Equal("Microsoft365", info.Mta);
        Assert.Contains("include:spf.protection.outlook.com", info.Causes[0].Fix);
        Assert.Matches(@"See Microsoft: '[^']+' \(learn\.microsoft\.com/exchange/[a-z0-9/-]+\)", info.Causes[0].Fix);
    }

    [Fact]
    public void A_gmail_reply_naming_an_outlook_domain_stays_gmail()
    {
        SmtpReplyInfo info = Resolve(GmailDmarc.Replace("corp.example", "outlook.com"));

        Assert.Equal("Gmail", info.Mta);
        Assert.Equal("dmarc-not-aligned", info.TopCause);
    }

    [Theory]
    [InlineData("550 5.7.1 <x@example.org>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=app@corp.example;ip=203.0.113.25;r=x@example.org", SmtpProbeStage.RcptTo, SmtpRelayStatus.SenderRejected)]
    [InlineData("550 5.7.509 Access denied, sending domain corp.example does not pass DMARC verification and has a DMARC policy of reject.", SmtpProbeStage.MailFrom, SmtpRelayStatus.SenderRejected)]
    [InlineData("421 4.7.26 Unauthenticated email from corp.example is not accepted due to domain's DMARC policy.", SmtpProbeStage.RcptTo, SmtpRelayStatus.TemporaryFailure)]
    public void Test_SmtpRelay_reports_a_sender_refused_for_authentication_as_SenderRejected_not_RelayDenied(string line, SmtpProbeStage stage, SmtpRelayStatus status)
    {
        SmtpReply reply = ReplyLineParser.FromLines([line]);
        var facts = new ProbeSessionFacts { Port = 25 };

        ProbeOutcome outcome = stage == SmtpProbeStage.MailFrom ? ProbeOutcomeClassifier.ForSender(reply, facts) : ProbeOutcomeClassifier.ForRecipient(reply, facts);

        Assert.Equal(status, outcome.Status);
        Assert.Contains(outcome.Evidence[0], new[] { "spf-not-authorized", "dmarc-not-aligned" });
    }

    [Fact]
    public void The_category_has_its_causes_and_dead_ends()
    {
        RelayTools.Core.Diagnosis.Diagnosis diagnosis = KnowledgeBase.Default.Diagnose(FailureCategory.SenderUnauthenticated);

        Assert.Equal(new[] { "spf-not-authorized", "dmarc-not-aligned", "dkim-not-signed", "client-reverse-dns" }, diagnosis.Causes.Select(c => c.Id));
        Assert.Contains(diagnosis.DeadEnds, d => d.Contains("p=none"));
    }
}
