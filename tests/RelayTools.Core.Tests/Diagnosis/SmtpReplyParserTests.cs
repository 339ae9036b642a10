using RelayTools.Core.Diagnosis;

namespace RelayTools.Core.Tests.DiagnosisTests;

public class SmtpReplyParserTests
{
    [Theory]
    // Bare replies, with and without enhanced code.
    [InlineData("554 5.7.1 <x@gmail.com>: Relay access denied", 554, "5.7.1", "<x@gmail.com>: Relay access denied")]
    [InlineData("454 4.7.1 <x@gmail.com>: Relay access denied", 454, "4.7.1", "<x@gmail.com>: Relay access denied")]
    [InlineData("550 relay not permitted", 550, null, "relay not permitted")]
    [InlineData("535 Incorrect authentication data", 535, null, "Incorrect authentication data")]
    [InlineData("550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", 550, "5.7.54", "SMTP; Unable to relay recipient in non-accepted domain")]
    [InlineData("535 5.7.139 Authentication unsuccessful", 535, "5.7.139", "Authentication unsuccessful")]
    [InlineData("  250 2.0.0 Ok: queued as 4XyZ  ", 250, "2.0.0", "Ok: queued as 4XyZ")]
    [InlineData("530-5.7.0 Must issue a STARTTLS command first.", 530, "5.7.0", "Must issue a STARTTLS command first.")]
    [InlineData("421", 421, null, "421")]
    // qmail puts the enhanced code at the end.
    [InlineData("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", 553, "5.7.1", "sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)")]
    public void Parses_bare_replies(string text, int code, string? enhanced, string message)
    {
        ParsedReply reply = SmtpReplyParser.Parse(text);

        Assert.Equal(code, reply.ReplyCode);
        Assert.Equal(enhanced, reply.EnhancedStatusCode);
        Assert.Equal(message, reply.Message);
        Assert.False(reply.IsMultiline);
        Assert.Null(reply.LogSource);
    }

    [Theory]
    [InlineData("250-mx.example.com\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME", 250, null, "mx.example.com PIPELINING AUTH PLAIN LOGIN 8BITMIME")]
    [InlineData("530-5.7.0 Must issue a STARTTLS command first. For more information, go to\n530-5.7.0 https://support.google.com/mail/?p=WantAuthError\n530 5.7.0 gsmtp", 530, "5.7.0", "Must issue a STARTTLS command first. For more information, go to https://support.google.com/mail/?p=WantAuthError gsmtp")]
    [InlineData("550-5.7.1 Relaying denied\n550 5.7.1 Proper authentication required.", 550, "5.7.1", "Relaying denied Proper authentication required.")]
    [InlineData("250-\n250 OK", 250, null, "OK")]
    public void Parses_multiline_replies(string text, int code, string? enhanced, string message)
    {
        ParsedReply reply = SmtpReplyParser.Parse(text);

        Assert.True(reply.IsMultiline);
        Assert.Equal(code, reply.ReplyCode);
        Assert.Equal(enhanced, reply.EnhancedStatusCode);
        Assert.Equal(message, reply.Message);
    }

    [Theory]
    [InlineData("The server responded: 550 relay not permitted", 550, null, "relay not permitted")]
    [InlineData("Send failed. The server responded: 554 5.7.1 <x@gmail.com>: Relay access denied", 554, "5.7.1", "<x@gmail.com>: Relay access denied")]
    [InlineData("Mailbox unavailable. The server response was: 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM", null, "5.7.57", "SMTP; Client was not authenticated to send anonymous mail during MAIL FROM")]
    [InlineData("Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'", 550, "5.7.64", "TenantAttribution; Relay Access Denied")]
    [InlineData("Cannot send: port 587 said 530 5.7.0 Authentication required", 530, "5.7.0", "Authentication required")]
    [InlineData("Unable to connect to the remote server 192.0.2.25:587", null, null, "Unable to connect to the remote server 192.0.2.25:587")]
    // Outlook's send error quotes the reply among other fields.
    [InlineData("The message could not be sent because one of the recipients was rejected by the server. The rejected e-mail address was 'x@gmail.com'. Subject 'Test', Account: 'a', Server: 'mail.example.com', Protocol: SMTP, Server Response: '550 5.7.1 <x@gmail.com>... Relaying denied. Proper authentication required.', Port: 25, Secure(SSL): No, Server Error: 550, Error Number: 0x800CCC79",
        550, "5.7.1", "<x@gmail.com>... Relaying denied. Proper authentication required.")]
    // Python smtplib exceptions.
    [InlineData("smtplib.SMTPRecipientsRefused: {'x@gmail.com': (554, b'5.7.1 <x@gmail.com>: Relay access denied')}", 554, "5.7.1", "<x@gmail.com>: Relay access denied")]
    [InlineData("smtplib.SMTPAuthenticationError: (535, b'5.7.8 Error: authentication failed: authentication failure')", 535, "5.7.8", "Error: authentication failed: authentication failure")]
    // Thunderbird gives only the enhanced code.
    [InlineData("An error occurred while sending mail. The mail server responded: 5.7.1 <x@gmail.com>: Relay access denied.", null, "5.7.1", "<x@gmail.com>: Relay access denied.")]
    [InlineData("SMTP ERROR: RCPT TO command failed: 554 5.7.1 <x@gmail.com>: Relay access denied", 554, "5.7.1", "<x@gmail.com>: Relay access denied")]
    public void Finds_the_reply_inside_prose(string text, int? code, string? enhanced, string message)
    {
        ParsedReply reply = SmtpReplyParser.Parse(text);

        Assert.Equal(code, reply.ReplyCode);
        Assert.Equal(enhanced, reply.EnhancedStatusCode);
        Assert.Equal(message, reply.Message);
    }

    [Theory]
    [InlineData("Jul 12 07:47:48 saturn postfix/smtpd[8738]: NOQUEUE: reject: RCPT from 1-2-3-4-example.com[1.2.3.4]: 554 5.7.1 <smtp@example.com>: Relay access denied; from=<john@example.com> to=<smtp@example.org> proto=SMTP helo=<198.51.100.17>",
        "Postfix", 554, "5.7.1", "<smtp@example.com>: Relay access denied")]
    [InlineData("Jul 15 01:37:13 anton postfix/smtpd[21040]: NOQUEUE: reject: RCPT from unknown[1.1.1.1]: 454 4.7.1 <target@example.com>: Relay access denied; from=<ramdomname@mydomain.com> to=<target@example.com> proto=ESMTP helo=<XL-20141217WFEH>",
        "Postfix", 454, "4.7.1", "<target@example.com>: Relay access denied")]
    [InlineData("NOQUEUE: reject: VRFY from unknown[2001:968:9999:20:88b:9b7d:2a54:2bd2]: 454 4.7.1 <aap@henk.com>: Relay access denied; to=<aap@henk.com> proto=SMTP helo=<me>",
        "Postfix", 454, "4.7.1", "<aap@henk.com>: Relay access denied")]
    [InlineData("Nov 24 20:01:37 mx postfix-lab/smtpd[15334]: NOQUEUE: reject: RCPT from unknown[127.0.0.1]: 554 5.7.1 <x@gmail.com>: Relay access denied; from=<app@corp.example> to=<x@gmail.com> proto=ESMTP helo=<probe.lab.test>",
        "Postfix", 554, "5.7.1", "<x@gmail.com>: Relay access denied")]
    [InlineData("Feb  3 08:29:28 mail postfix/smtpd[21022]: warning: unknown[1.1.1.1]: SASL LOGIN authentication failed: Connection lost to authentication server",
        "Postfix", null, null, "warning: unknown[1.1.1.1]: SASL LOGIN authentication failed: Connection lost to authentication server")]
    [InlineData("2013-06-10 18:33:32 [10099] H=(yakult.com.tw) [202.132.70.178]:3755 I=[1.2.3.4]:25 F=menacedsj04@listserv.eurasia.org rejected RCPT dir@ml3.ru: relay not permitted",
        "Exim", null, null, "2013-06-10 18:33:32 [10099] H=(yakult.com.tw) [202.132.70.178]:3755 I=[1.2.3.4]:25 F=menacedsj04@listserv.eurasia.org rejected RCPT dir@ml3.ru: relay not permitted")]
    [InlineData("2016-03-18 00:34:06 [5718] SMTP protocol error in \"AUTH LOGIN\" H=(ylmf-pc) [45.32.34.167]:60723 I=[172.89.0.6]:587 AUTH command used when not advertised",
        "Exim", null, null, "2016-03-18 00:34:06 [5718] SMTP protocol error in \"AUTH LOGIN\" H=(ylmf-pc) [45.32.34.167]:60723 I=[172.89.0.6]:587 AUTH command used when not advertised")]
    [InlineData("2014-12-02 03:00:23 auth_plain authenticator failed for (rom182) [193.254.202.35]:41556 I=[10.0.0.1]:25: 535 Incorrect authentication data (set_id=webmaster)",
        "Exim", 535, null, "Incorrect authentication data (set_id=webmaster)")]
    [InlineData("mail.example.com exim[3751842]: 2021-07-17 23:20:49 plain_server authenticator failed for ([192.0.2.17]) [192.0.2.27]: 535 Incorrect authentication data",
        "Exim", 535, null, "Incorrect authentication data")]
    [InlineData("Feb 25 03:01:10 kismet sm-acceptingconnections[27713]: s1P819mk027713: ruleset=check_rcpt, arg1=<asservnew@freemailhost.ru>, relay=128-68-136-133.broadband.corbina.ru [128.68.136.133], reject=550 5.7.1 <asservnew@freemailhost.ru>... Relaying denied. Proper authentication required.",
        "Sendmail", 550, "5.7.1", "<asservnew@freemailhost.ru>... Relaying denied. Proper authentication required.")]
    [InlineData("Jun 18 08:05:17 <mail.notice> myhost sm-mta[17002]: 55IC59VD017002: ruleset=check_rcpt, arg1=<spameri@tiscali.it>, relay=[45.125.66.67], reject=450 4.4.0 <spameri@tiscali.it>... Relaying temporarily denied. Cannot resolve PTR record for 45.125.66.67",
        "Sendmail", 450, "4.4.0", "<spameri@tiscali.it>... Relaying temporarily denied. Cannot resolve PTR record for 45.125.66.67")]
    [InlineData("Nov  3 11:35:30 Microsoft sendmail[26254]: rA37ZTSC026254: from=<davaojk25@domain.com>, size=0, class=0, nrcpts=0, bodytype=8BITMIME, proto=ESMTP, daemon=MTA, relay=163.23.32.95.dsl-dynamic.vsi.ru [95.32.23.163]",
        "Sendmail", null, null, "rA37ZTSC026254: from=<davaojk25@domain.com>, size=0, class=0, nrcpts=0, bodytype=8BITMIME, proto=ESMTP, daemon=MTA, relay=163.23.32.95.dsl-dynamic.vsi.ru [95.32.23.163]")]
    public void Parses_mta_log_lines(string line, string source, int? code, string? enhanced, string message)
    {
        ParsedReply reply = SmtpReplyParser.Parse(line);

        Assert.Equal(source, reply.LogSource);
        Assert.Equal(code, reply.ReplyCode);
        Assert.Equal(enhanced, reply.EnhancedStatusCode);
        Assert.Equal(message, reply.Message);
        Assert.False(reply.FromRemote);
    }

    [Fact]
    public void In_a_transcript_the_refusal_wins_over_the_250s_before_it()
    {
        ParsedReply reply = SmtpReplyParser.Parse("220 mx.example.com ESMTP Postfix\n250-mx.example.com\n250-PIPELINING\n250 8BITMIME\n250 2.1.0 Ok\n554 5.7.1 <x@gmail.com>: Relay access denied\n221 2.0.0 Bye");

        Assert.False(reply.IsMultiline);
        Assert.Equal(554, reply.ReplyCode);
        Assert.Equal("5.7.1", reply.EnhancedStatusCode);
        Assert.Equal("<x@gmail.com>: Relay access denied", reply.Message);
    }

    [Fact]
    public void A_swaks_transcript_gives_the_refusal_without_the_lines_after_it()
    {
        ParsedReply reply = SmtpReplyParser.Parse(" -> RCPT TO:<x@gmail.com>\n<** 554 5.7.1 <x@gmail.com>: Relay access denied\n -> QUIT\n<-  221 2.0.0 Bye");

        Assert.Equal(554, reply.ReplyCode);
        Assert.Equal("<x@gmail.com>: Relay access denied", reply.Message);
    }

    [Fact]
    public void A_wrapped_bounce_line_keeps_its_continuation()
    {
        ParsedReply reply = SmtpReplyParser.Parse("Diagnostic-Code: smtp; 553 5.7.1 <marko@example.net>: Sender address\n    rejected: not logged in");

        Assert.Equal(553, reply.ReplyCode);
        Assert.Equal("<marko@example.net>: Sender address rejected: not logged in", reply.Message);
    }

    [Fact]
    public void A_postfix_client_bounce_is_a_reply_from_the_remote_server()
    {
        ParsedReply reply = SmtpReplyParser.Parse("Nov 25 10:00:00 mx postfix/smtp[4242]: 4XyZ: to=<x@partner.example>, relay=mail.partner.example[203.0.113.5]:25, delay=0.5, status=bounced (host mail.partner.example[203.0.113.5] said: 550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain (in reply to RCPT TO command))");

        Assert.Equal("Postfix", reply.LogSource);
        Assert.True(reply.FromRemote);
        Assert.Equal(550, reply.ReplyCode);
        Assert.Equal("5.7.54", reply.EnhancedStatusCode);
        Assert.Equal("SMTP; Unable to relay recipient in non-accepted domain", reply.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_text_gives_an_empty_result(string? text)
    {
        ParsedReply reply = SmtpReplyParser.Parse(text);

        Assert.Null(reply.ReplyCode);
        Assert.Null(reply.EnhancedStatusCode);
        Assert.Equal("", reply.Message);
    }

    [Theory]
    [InlineData("Connected to 192.0.2.250 on port 587 at 12:30")]
    [InlineData("pid [4242] wrote 2500 bytes")]
    [InlineData("Version 1.2.3.4 installed on 2024-05-05")]
    public void Numbers_that_are_not_replies_are_not_taken_for_codes(string text)
    {
        ParsedReply reply = SmtpReplyParser.Parse(text);

        Assert.Null(reply.ReplyCode);
        Assert.Null(reply.EnhancedStatusCode);
    }
}
