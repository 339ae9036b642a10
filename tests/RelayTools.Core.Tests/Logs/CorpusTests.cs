using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RelayTools.Core.Logs;

namespace RelayTools.Core.Tests.Logs;

/// <summary>Every file of the public corpus (../shared/corpus, copied here as fixtures), with the counts its README states.</summary>
public class CorpusTests
{
    internal static string Corpus(string name) => Path.Combine(AppContext.BaseDirectory, "Logs", "corpus", name);

    internal static List<RelayRejection> ReadCorpus(string name, bool includeAuth)
    {
        var context = new LogParseContext { IncludeAuthFailures = includeAuth, TimeZone = TimeZoneInfo.Utc, ReferenceTime = new DateTime(2026, 11, 26, 12, 0, 0) };
        using FileStream stream = File.OpenRead(Corpus(name));
        return RelayLogReader.Read(stream, name, context).ToList();
    }

    [Theory]
    [InlineData("postfix.log", 2, 8)]
    [InlineData("exim.log", 1, 4)]
    [InlineData("sendmail.log", 4, 0)]
    [InlineData("postfix-3.7-maillog_file.log", 2, 0)]
    [InlineData("more-relay-lines.log", 6, 1)]
    public void Finds_exactly_the_rejections_the_corpus_readme_lists(string file, int relay, int auth)
    {
        List<RelayRejection> withoutAuth = ReadCorpus(file, includeAuth: false);
        List<RelayRejection> withAuth = ReadCorpus(file, includeAuth: true);

        Assert.Equal(relay, withoutAuth.Count);
        Assert.All(withoutAuth, r => Assert.Equal(RejectionKind.RelayDenied, r.Kind));
        Assert.Equal(relay, withAuth.Count(r => r.Kind == RejectionKind.RelayDenied));
        Assert.Equal(auth, withAuth.Count(r => r.Kind != RejectionKind.RelayDenied));
    }

    [Fact]
    public void The_maillog_file_count_is_every_relay_access_denied_line()
    {
        string[] lines = File.ReadAllLines(Corpus("postfix-3.7-maillog_file.log"));
        int expected = lines.Count(l => l.Contains("Relay access denied"));

        List<RelayRejection> found = ReadCorpus("postfix-3.7-maillog_file.log", includeAuth: true);

        Assert.Equal(expected, found.Count);
        Assert.Equal(lines.Select((l, i) => (l, i)).Where(x => x.l.Contains("Relay access denied")).Select(x => (long)x.i + 1), found.Select(r => r.LineNumber));
    }

    // file, line, mta, client address, port (0 = none), reply code (0 = none), enhanced code, recipient, sender (null = not logged)
    [Theory]
    [InlineData("postfix.log", 2, "Postfix", "1.2.3.4", 0, 554, "5.7.1", "smtp@example.org", "john@example.com")]
    [InlineData("postfix.log", 12, "Postfix", "1.1.1.1", 0, 454, "4.7.1", "target@example.com", "ramdomname@mydomain.com")]
    [InlineData("exim.log", 4, "Exim", "202.132.70.178", 3755, 0, null, "dir@ml3.ru", "menacedsj04@listserv.eurasia.org")]
    [InlineData("sendmail.log", 1, "Sendmail", "128.68.136.133", 0, 550, "5.7.1", "asservnew@freemailhost.ru", null)]
    [InlineData("sendmail.log", 2, "Sendmail", "80.253.155.119", 0, 550, "5.7.1", "dautareuk2@hotmail.it", null)]
    [InlineData("sendmail.log", 3, "Sendmail", "118.161.66.57", 0, 550, "5.7.1", "sanjinn232@yahoo.com.tw", null)]
    [InlineData("sendmail.log", 7, "Sendmail", "41.204.78.137", 0, 550, "5.7.1", "gert-jan@t-online.ch", null)]
    [InlineData("postfix-3.7-maillog_file.log", 4, "Postfix", "127.0.0.1", 0, 554, "5.7.1", "x@gmail.com", "app@corp.example")]
    [InlineData("postfix-3.7-maillog_file.log", 9, "Postfix", "127.0.0.1", 0, 554, "5.7.1", "y@partner.example", "app@corp.example")]
    [InlineData("more-relay-lines.log", 1, "Postfix", "2001:968:9999:20:88b:9b7d:2a54:2bd2", 0, 454, "4.7.1", "aap@henk.com", null)]
    [InlineData("more-relay-lines.log", 4, "Exim", "9.12.1.21", 43030, 0, null, "locus@leone.tld", "user@example.tld")]
    [InlineData("more-relay-lines.log", 5, "Exim", "127.0.0.1", 0, 0, null, "dummy@reject.ex", "someone@some.domain")]
    [InlineData("more-relay-lines.log", 6, "Exim", "127.0.0.1", 0, 0, null, "the.local.host.name-dddddddd-testing@test.ex", "")]
    [InlineData("more-relay-lines.log", 8, "Sendmail", "45.125.66.67", 0, 450, "4.4.0", "spameri@tiscali.it", null)]
    [InlineData("more-relay-lines.log", 9, "Kerio", "64.31.59.75", 0, 0, null, "reply-abuse@bol.com.br", "smtp2001soho@yahoo.com")]
    public void Reads_each_relay_rejection_of_the_corpus(string file, long line, string mta, string address, int port, int code, string? enhanced, string recipient, string? sender)
    {
        RelayRejection r = Assert.Single(ReadCorpus(file, includeAuth: false), x => x.LineNumber == line);

        Assert.Equal(RejectionKind.RelayDenied, r.Kind);
        Assert.Equal(mta, r.Mta);
        Assert.Equal(address, r.ClientAddress);
        Assert.Equal(port == 0 ? null : port, r.ClientPort);
        Assert.Equal(code == 0 ? null : code, r.ReplyCode);
        Assert.Equal(enhanced, r.EnhancedStatusCode);
        Assert.Equal(recipient, r.Recipient);
        Assert.Equal(sender, r.Sender);
        Assert.Equal(file, r.Path);
        Assert.Equal(File.ReadLines(Corpus(file)).ElementAt((int)line - 1), r.Line);
    }

    // file, line, kind, client address, SASL user (null = not logged)
    [Theory]
    [InlineData("postfix.log", 13, RejectionKind.AuthFailed, "114.44.142.233", null)]
    [InlineData("postfix.log", 14, RejectionKind.AuthFailed, "1.1.1.1", null)]
    [InlineData("postfix.log", 15, RejectionKind.AuthFailed, "82.221.106.233", null)]
    [InlineData("postfix.log", 16, RejectionKind.AuthFailed, "82.221.106.233", null)]
    [InlineData("postfix.log", 17, RejectionKind.AuthFailed, "1.1.1.1", null)]
    [InlineData("postfix.log", 18, RejectionKind.AuthBackendUnavailable, "1.1.1.1", null)]
    [InlineData("postfix.log", 19, RejectionKind.AuthFailed, "1.1.1.1", null)]
    [InlineData("postfix.log", 20, RejectionKind.AuthFailed, "62.138.2.143", null)]
    [InlineData("exim.log", 1, RejectionKind.AuthFailed, "24.106.174.74", "brian")]
    [InlineData("exim.log", 2, RejectionKind.AuthFailed, "120.196.140.45", null)]
    [InlineData("exim.log", 8, RejectionKind.AuthFailed, "91.218.72.71", null)]
    [InlineData("exim.log", 9, RejectionKind.AuthFailed, "193.254.202.35", "webmaster")]
    [InlineData("more-relay-lines.log", 7, RejectionKind.AuthFailed, "192.0.2.27", null)]
    public void Reads_each_authentication_failure_of_the_corpus(string file, long line, string kind, string address, string? user)
    {
        RelayRejection r = Assert.Single(ReadCorpus(file, includeAuth: true), x => x.LineNumber == line);

        Assert.Equal(kind, r.Kind);
        Assert.Equal(address, r.ClientAddress);
        Assert.Equal(user, r.SaslUser);
        Assert.Null(r.Recipient);
    }

    [Fact]
    public void The_postfix_fields_come_from_the_syslog_prefix_and_the_message()
    {
        RelayRejection r = ReadCorpus("postfix.log", includeAuth: false)[0];

        Assert.Equal(new DateTimeOffset(2026, 7, 12, 7, 47, 48, TimeSpan.Zero), r.Timestamp);
        Assert.Equal("saturn", r.Host);
        Assert.Equal("postfix/smtpd", r.Service);
        Assert.Null(r.QueueId);
        Assert.Equal("1-2-3-4-example.com", r.ClientName);
        Assert.Equal("554 5.7.1 <smtp@example.com>: Relay access denied", r.ReplyText);
        Assert.Equal("Relay access denied", r.Reason);
        Assert.Equal("SMTP", r.Protocol);
        Assert.Equal("198.51.100.17", r.Helo);
    }

    [Fact]
    public void The_exim_fields_include_helo_pid_free_time_and_bare_addresses()
    {
        RelayRejection r = ReadCorpus("exim.log", includeAuth: false)[0];

        Assert.Equal(new DateTimeOffset(2013, 6, 10, 18, 33, 32, TimeSpan.Zero), r.Timestamp);
        Assert.Null(r.ClientName);
        Assert.Equal("yakult.com.tw", r.Helo);
        Assert.Equal("relay not permitted", r.Reason);
        Assert.Equal("relay not permitted", r.ReplyText);
    }

    [Fact]
    public void The_sendmail_fields_include_queue_id_name_and_the_forged_warning()
    {
        RelayRejection r = ReadCorpus("sendmail.log", includeAuth: false)[1];

        Assert.Equal("s1NLaDQT022248", r.QueueId);
        Assert.Equal("int0.client.access.azadnet.net", r.ClientName);
        Assert.Equal("sm-mta", r.Service);
        Assert.Equal("petermurray", r.Host);
        Assert.Equal("Relaying denied. IP name possibly forged [80.253.155.119]", r.Reason);
        Assert.Equal(new DateTimeOffset(2026, 2, 23, 21, 36, 14, TimeSpan.Zero), r.Timestamp);
    }

    [Fact]
    public void The_format_variants_keep_their_own_fields()
    {
        List<RelayRejection> all = ReadCorpus("more-relay-lines.log", includeAuth: true);
        RelayRejection vrfy = all.Single(r => r.LineNumber == 1);
        RelayRejection ci = all.Single(r => r.LineNumber == 4);
        RelayRejection millis = all.Single(r => r.LineNumber == 5);
        RelayRejection tls = all.Single(r => r.LineNumber == 6);
        RelayRejection journald = all.Single(r => r.LineNumber == 7);
        RelayRejection facility = all.Single(r => r.LineNumber == 8);
        RelayRejection kerio = all.Single(r => r.LineNumber == 9);

        Assert.Null(vrfy.Timestamp);
        Assert.Null(vrfy.Host);
        Assert.Equal("unknown", vrfy.ClientName);
        Assert.Equal("me", vrfy.Helo);
        Assert.Equal("m05.horp.tld", ci.ClientName);
        Assert.Equal(new DateTimeOffset(2017, 7, 30, 18, 51, 5, 712, TimeSpan.Zero), millis.Timestamp);
        Assert.Equal("tester", millis.Helo);
        Assert.Equal("localhost", tls.ClientName);
        Assert.Equal("the.local.host.name", tls.Helo);
        Assert.Equal("mail.example.com", journald.Host);
        Assert.Equal("exim", journald.Service);
        Assert.Equal(new DateTimeOffset(2021, 7, 17, 23, 20, 49, TimeSpan.Zero), journald.Timestamp);
        Assert.Equal(535, journald.ReplyCode);
        Assert.Equal("myhost", facility.Host);
        Assert.Equal("55IC59VD017002", facility.QueueId);
        Assert.StartsWith("Relaying temporarily denied", facility.Reason);
        Assert.Equal(new DateTimeOffset(2013, 12, 30, 5, 27, 59, TimeSpan.Zero), kerio.Timestamp);
    }
}
