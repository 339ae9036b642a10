using System;
using RelayTools.Core.Logs;

namespace RelayTools.Core.Tests.Logs;

public class ParserTests
{
    private static RelayRejection? Parse(string line, bool auth = false, LogFormat format = LogFormat.Auto) =>
        RelayLineParser.TryParse(line, new LogParseContext { IncludeAuthFailures = auth, Format = format, TimeZone = TimeZoneInfo.Utc, ReferenceTime = new DateTime(2026, 11, 26) });

    [Theory]
    [InlineData("Nov 24 10:15:02 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 554 5.7.1 <a@gmail.com>: Relay access denied; from=<s@corp.example> to=<a@gmail.com> proto=ESMTP helo=<pc1>", "postfix/smtpd", "203.0.113.5", null, 554)]
    [InlineData("Nov 24 10:15:02 mx postfix-out/smtpd[1]: NOQUEUE: reject: RCPT from h.example[2001:db8::1]: 454 4.7.1 <a@gmail.com>: Relay access denied; from=<s@corp.example> to=<a@gmail.com> proto=ESMTP helo=<pc1>", "postfix-out/smtpd", "2001:db8::1", null, 454)]
    [InlineData("Nov 24 10:15:02 mx postfix/submission/smtpd[1]: NOQUEUE: reject: RCPT from unknown[203.0.113.5]:50122: 554 5.7.1 <a@gmail.com>: Relay access denied; from=<s@corp.example> to=<a@gmail.com> proto=ESMTP helo=<pc1>", "postfix/submission/smtpd", "203.0.113.5", 50122, 554)]
    [InlineData("Nov 24 10:15:02 mx postfix/smtps/smtpd[1]: 4ABCD12345: reject: RCPT from unknown[203.0.113.5]: 554 5.7.1 <a@gmail.com>: Recipient address rejected: Relay access denied; from=<s@corp.example> to=<a@gmail.com> proto=ESMTP helo=<pc1>", "postfix/smtps/smtpd", "203.0.113.5", null, 554)]
    public void Reads_postfix_variants(string line, string service, string address, int? port, int code)
    {
        RelayRejection r = Parse(line)!;

        Assert.Equal(service, r.Service);
        Assert.Equal(address, r.ClientAddress);
        Assert.Equal(port, r.ClientPort);
        Assert.Equal(code, r.ReplyCode);
        Assert.Equal("a@gmail.com", r.Recipient);
        Assert.Equal("s@corp.example", r.Sender);
        Assert.Equal("pc1", r.Helo);
        Assert.EndsWith("Relay access denied", r.Reason);
    }

    [Fact]
    public void A_postfix_queue_id_is_kept_and_noqueue_is_not()
    {
        Assert.Equal("4ABCD12345", Parse("Nov 24 10:15:02 mx postfix/smtpd[1]: 4ABCD12345: reject: RCPT from unknown[203.0.113.5]: 554 5.7.1 <a@gmail.com>: Relay access denied; from=<s@x> to=<a@gmail.com> proto=ESMTP helo=<pc1>")!.QueueId);
        Assert.Null(Parse("Nov 24 10:15:02 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 554 5.7.1 <a@gmail.com>: Relay access denied; from=<s@x> to=<a@gmail.com> proto=ESMTP helo=<pc1>")!.QueueId);
    }

    [Theory]
    // Other rejections, warnings and ordinary traffic are never relay rejections.
    [InlineData("Nov 24 10:15:02 mx postfix/smtpd[1]: NOQUEUE: reject_warning: RCPT from unknown[203.0.113.5]: 554 5.7.1 <a@gmail.com>: Relay access denied; from=<s@x> to=<a@gmail.com> proto=ESMTP helo=<pc1>")]
    [InlineData("Nov 24 10:15:02 mx postfix/smtp[1]: 4ABC: to=<a@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, delay=1, dsn=2.0.0, status=sent (250 2.0.0 OK)")]
    [InlineData("Nov 24 10:15:02 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 550 5.1.1 <a@corp.example>: Recipient address rejected: User unknown in local recipient table; from=<s@x> to=<a@corp.example> proto=ESMTP helo=<pc1>")]
    [InlineData("Nov 24 10:15:02 mx postfix/smtpd[1]: warning: hostname x does not resolve to address 1.2.3.4: Relay access denied is not this")]
    [InlineData("2013-06-15 16:36:49 H=altmx.marsukov.com [111.67.203.116] F=<kadrofutcheti@mail.ru> rejected RCPT <oksana@birzhatm.ua>: Unknown user")]
    [InlineData("Feb 23 07:57:28 petermurray sm-mta[6519]: s1N7vR47006519: ruleset=check_rcpt, arg1=<c@d.pt>, relay=[2.180.185.27], reject=553 5.1.8 <c@d.pt>... Domain of sender address c@e.com does not exist")]
    [InlineData("Nov 24 10:15:02 mx postfix/smtpd[1]: warning: unknown[1.2.3.4]: SASL LOGIN authentication failed: UGFzc3dvcmQ6")]
    [InlineData("")]
    [InlineData("Relay access denied")]
    public void Skips_lines_that_are_not_relay_rejections(string line)
    {
        Assert.Null(Parse(line));
    }

    [Fact]
    public void Auth_failures_carry_the_sasl_user_when_logged()
    {
        RelayRejection r = Parse("Nov 24 10:15:02 mx postfix/submission/smtpd[1]: warning: unknown[192.0.2.7]:51000: SASL PLAIN authentication failed: , sasl_username=printer@corp.example", auth: true)!;

        Assert.Equal(RejectionKind.AuthFailed, r.Kind);
        Assert.Equal("printer@corp.example", r.SaslUser);
        Assert.Equal(51000, r.ClientPort);
        Assert.Equal("SASL PLAIN authentication failed", r.Reason);
    }

    [Fact]
    public void A_lost_connection_to_the_auth_server_means_the_backend_is_down()
    {
        RelayRejection r = Parse("Feb  3 08:29:28 mail postfix/smtpd[21022]: warning: unknown[1.1.1.1]: SASL LOGIN authentication failed: Connection lost to authentication server", auth: true)!;

        Assert.Equal(RejectionKind.AuthBackendUnavailable, r.Kind);
    }

    [Theory]
    [InlineData("2026-11-24 10:17:02 H=app01.corp.example [10.20.30.40]:40211 I=[192.0.2.10]:25 F=<noreply@corp.example> rejected RCPT <c@example.net>: relay not permitted, authentication required", "app01.corp.example", null, "relay not permitted, authentication required")]
    [InlineData("2026-11-24 10:17:02 H=[10.20.30.40] F=<> rejected RCPT <c@example.net>: relay not permitted", null, null, "relay not permitted")]
    [InlineData("Nov 24 10:17:03 mx exim[99]: 2026-11-24 10:17:02 H=app01 (helo.x) [10.20.30.40] F=<a@b> A=dovecot_plain:bob rejected RCPT <c@example.net>: relay not permitted", "app01", "helo.x", "relay not permitted")]
    public void Reads_exim_variants(string line, string? name, string? helo, string reason)
    {
        RelayRejection r = Parse(line)!;

        Assert.Equal("Exim", r.Mta);
        Assert.Equal("10.20.30.40", r.ClientAddress);
        Assert.Equal(name, r.ClientName);
        Assert.Equal(helo, r.Helo);
        Assert.Equal("c@example.net", r.Recipient);
        Assert.Equal(reason, r.Reason);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 17, 2, TimeSpan.Zero), r.Timestamp);
    }

    [Fact]
    public void A_format_other_than_the_line_finds_nothing()
    {
        const string line = "Jul 12 07:47:48 saturn postfix/smtpd[8738]: NOQUEUE: reject: RCPT from x[1.2.3.4]: 554 5.7.1 <a@b>: Relay access denied; from=<s@x> to=<a@b> proto=SMTP helo=<h>";

        Assert.NotNull(Parse(line, format: LogFormat.Postfix));
        Assert.Null(Parse(line, format: LogFormat.Exim));
        Assert.Null(Parse(line, format: LogFormat.Sendmail));
    }

    [Theory]
    [InlineData("2026-11-24T10:15:02.123456+01:00 mx postfix/smtpd[1]: ", "2026-11-24T10:15:02.1234560+01:00")]  // rsyslog high precision
    [InlineData("2026-11-24T10:15:02+0100 mx postfix/smtpd[1]: ", "2026-11-24T10:15:02.0000000+01:00")]         // journalctl -o short-iso
    [InlineData("<22>1 2026-11-24T10:15:02.5Z mx postfix/smtpd 1 - - ", "2026-11-24T10:15:02.5000000+00:00")]    // RFC 5424
    [InlineData("Nov 24 10:15:02 mx postfix/smtpd[1]: ", "2026-11-24T10:15:02.0000000+00:00")]                   // classic / maillog_file
    public void Every_timestamp_form_reaches_the_rejection(string prefix, string time)
    {
        RelayRejection r = Parse(prefix + "NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 554 5.7.1 <a@gmail.com>: Relay access denied; from=<s@x> to=<a@gmail.com> proto=ESMTP helo=<pc1>")!;

        Assert.Equal(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), r.Timestamp);
        Assert.Equal("mx", r.Host);
        Assert.Equal("postfix/smtpd", r.Service);
        Assert.Equal("a@gmail.com", r.Recipient);
    }

    [Fact]
    public void Sendmail_auth_failures_only_when_asked()
    {
        const string line = "Nov 24 10:15:02 relay2 sm-mta[5120]: 4AOAe0Xk005120: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=bob, relay=client.example [203.0.113.5]";

        Assert.Null(Parse(line));
        RelayRejection r = Parse(line, auth: true)!;
        Assert.Equal(RejectionKind.AuthFailed, r.Kind);
        Assert.Equal("Sendmail", r.Mta);
        Assert.Equal("bob", r.SaslUser);
        Assert.Equal("203.0.113.5", r.ClientAddress);
        Assert.Equal("client.example", r.ClientName);
        Assert.Equal("4AOAe0Xk005120", r.QueueId);
    }
}
