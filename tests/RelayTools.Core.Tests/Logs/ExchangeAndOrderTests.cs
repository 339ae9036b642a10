using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RelayTools.Core.Logs;

namespace RelayTools.Core.Tests.Logs;

public class ExchangeAndOrderTests
{
    private const string Fields = "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context";

    private static string Row(string sid, int seq, string ev, string data, string remote = "203.0.113.50:50944", string context = "") =>
        $"2026-11-24T10:15:0{seq % 10}.100Z,EX01\\Default Frontend EX01,{sid},{seq},10.0.0.5:25,{remote},{ev},{data},{context}";

    private static List<RelayRejection> Feed(IEnumerable<string> lines, bool auth = false)
    {
        var parser = new RelayLogParser(new LogParseContext { IncludeAuthFailures = auth });
        return lines.Select(parser.Feed).Where(r => r is not null).Select(r => r!).ToList();
    }

    [Fact]
    public void Joins_the_refusal_with_the_sessions_helo_sender_and_recipient()
    {
        string[] lines =
        [
            "#Software: Microsoft Exchange Server", Fields,
            Row("S1", 0, "+", ""), Row("S2", 0, "+", "", "198.51.100.7:41000"),
            Row("S1", 1, "<", "EHLO scanner01"), Row("S2", 1, "<", "HELO other"),
            Row("S1", 2, "<", "MAIL FROM:<scanner@corp.example> SIZE=2048"), Row("S2", 2, "<", "MAIL FROM:<x@partner.example>"),
            Row("S1", 3, "<", "RCPT TO:<alice@corp.example>"), Row("S1", 4, ">", "250 2.1.5 Recipient OK"),
            Row("S2", 3, "<", "RCPT TO:<y@elsewhere.example>"),
            Row("S1", 5, "<", "RCPT TO:<boss@gmail.com>"),
            Row("S1", 6, "*", "", context: "Tarpit for '0.00:00:05' due to '550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain'"),
            Row("S1", 7, ">", "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain"),
            Row("S2", 4, ">", "550 5.7.1 Unable to relay"),
            Row("S1", 8, "-", "", context: "Local"),
        ];

        List<RelayRejection> found = Feed(lines);

        Assert.Equal(2, found.Count);
        RelayRejection r = found[0];
        Assert.Equal("Exchange", r.Mta);
        Assert.Equal("scanner01", r.Helo);
        Assert.Equal("ESMTP", r.Protocol);
        Assert.Equal("scanner@corp.example", r.Sender);
        Assert.Equal("boss@gmail.com", r.Recipient);
        Assert.Equal("203.0.113.50", r.ClientAddress);
        Assert.Equal(50944, r.ClientPort);
        Assert.Equal(550, r.ReplyCode);
        Assert.Equal("5.7.54", r.EnhancedStatusCode);
        Assert.Equal("Unable to relay recipient in non-accepted domain", r.Reason);
        Assert.Equal("EX01", r.Host);
        Assert.Equal("S1", r.QueueId);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 15, 7, 100, TimeSpan.Zero), r.Timestamp);
        Assert.Equal("y@elsewhere.example", found[1].Recipient);
        Assert.Equal("SMTP", found[1].Protocol);
    }

    [Fact]
    public void Reads_columns_in_the_order_the_fields_header_gives_and_quoted_data()
    {
        string[] lines =
        [
            "#Fields: date-time,session-id,remote-endpoint,event,data,connector-id,sequence-number,local-endpoint,context",
            "2026-11-24T10:15:02.000Z,S9,[2001:db8::25]:50110,<,\"RCPT TO:<a@b.example>\",EX02\\Client Proxy,1,[::1]:25,",
            "2026-11-24T10:15:02.000Z,S9,[2001:db8::25]:50110,>,\"550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain\",EX02\\Client Proxy,2,[::1]:25,",
        ];

        RelayRejection r = Assert.Single(Feed(lines));

        Assert.Equal("2001:db8::25", r.ClientAddress);
        Assert.Equal(50110, r.ClientPort);
        Assert.Equal("a@b.example", r.Recipient);
        Assert.Equal("EX02", r.Host);
    }

    [Fact]
    public void Authentication_failures_only_when_asked()
    {
        string[] lines = ["#Software: Microsoft Exchange Server", Fields, Row("S3", 0, "+", ""), Row("S3", 1, "<", "AUTH LOGIN"), Row("S3", 2, ">", "535 5.7.3 Authentication unsuccessful")];

        Assert.Empty(Feed(lines));
        RelayRejection r = Assert.Single(Feed(lines, auth: true));
        Assert.Equal(RejectionKind.AuthFailed, r.Kind);
        Assert.Equal(535, r.ReplyCode);
    }

    [Fact]
    public void The_sample_exchange_log_is_recognised_by_its_header()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "logs", "exchange", "RECV2026112410-1.LOG");
        List<RelayRejection> found = new RelayLogReader(new LogParseContext()).ReadFile(Path.GetFullPath(path)).ToList();

        Assert.Equal(new[] { "boss@gmail.com", "partner@partner.example" }, found.Select(r => r.Recipient));
        Assert.Equal(new long[] { 16, 45 }, found.Select(r => r.LineNumber));
    }

    [Theory]
    [InlineData("mail.log|mail.log.1|mail.log.2.gz", "mail.log.2.gz|mail.log.1|mail.log")]
    [InlineData("mail.log.10.gz|mail.log.9.gz|mail.log.1|mail.log", "mail.log.10.gz|mail.log.9.gz|mail.log.1|mail.log")]
    [InlineData("maillog|maillog-20261124.gz|maillog-20261123.gz", "maillog-20261123.gz|maillog-20261124.gz|maillog")]
    [InlineData("mail.log|mail.err|mail.err.1", "mail.err.1|mail.err|mail.log")]
    public void Orders_rotated_files_oldest_first(string given, string expected)
    {
        Assert.Equal(expected.Split('|'), RotatedLogOrder.Sort(given.Split('|')));
    }
}
