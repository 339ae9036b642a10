using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RelayTools.Core.Logs;
using RelayTools.Core.Logs.Journal;

namespace RelayTools.Core.Tests.Logs;

public class JournalTests
{
    private const string Message = "NOQUEUE: reject: RCPT from unknown[203.0.113.50]: 554 5.7.1 <boss@gmail.com>: Relay access denied; from=<scanner@corp.example> to=<boss@gmail.com> proto=ESMTP helo=<scanner01>";

    // 2026-12-01T19:07:29.123456Z
    private const string Micro = "1796152049123456";

    private static readonly DateTimeOffset When = new DateTimeOffset(2026, 12, 1, 19, 7, 29, TimeSpan.Zero).AddTicks(1234560);

    private static LogParseContext Context() =>
        new() { TimeZone = TimeZoneInfo.Utc, ReferenceTime = new DateTime(2026, 12, 2, 12, 0, 0) };

    private static string JsonLine(string messageValue) =>
        "{\"__CURSOR\":\"s=6b1f2b7c0d0e4a4f9f6b1c2d3e4f5a6b;i=1a2b;b=0f1e2d3c4b5a69788796a5b4c3d2e1f0;m=2b6c1a4;t=" + "6282d2f1b4a40;x=4c3b2a1908f7e6d5\"," +
        "\"__REALTIME_TIMESTAMP\":\"" + Micro + "\",\"__MONOTONIC_TIMESTAMP\":\"45531556\",\"_BOOT_ID\":\"0f1e2d3c4b5a69788796a5b4c3d2e1f0\"," +
        "\"PRIORITY\":\"6\",\"SYSLOG_FACILITY\":\"2\",\"_UID\":\"107\",\"_GID\":\"114\",\"_COMM\":\"smtpd\",\"_EXE\":\"/usr/lib/postfix/sbin/smtpd\"," +
        "\"_CMDLINE\":\"smtpd -n smtp -t inet -u -c\",\"_SYSTEMD_UNIT\":\"postfix@-.service\",\"_TRANSPORT\":\"syslog\"," +
        "\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\",\"SYSLOG_PID\":\"4020\",\"_PID\":\"4020\",\"_HOSTNAME\":\"mx1\"," +
        "\"SYSLOG_TIMESTAMP\":\"Dec  1 19:07:29 \",\"MESSAGE\":" + messageValue + "}";

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string ByteArray(byte[] bytes) => "[" + string.Join(",", bytes.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private static List<RelayRejection> ReadText(string text, LogLineCounts? counts = null) =>
        RelayLogReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "journal", Context(), null, counts).ToList();

    private static void AssertTheRejection(RelayRejection r, DateTimeOffset? when)
    {
        Assert.Equal(when, r.Timestamp);
        Assert.Equal("mx1", r.Host);
        Assert.Equal("postfix/smtpd", r.Service);
        Assert.Equal("Postfix", r.Mta);
        Assert.Equal("203.0.113.50", r.ClientAddress);
        Assert.Equal(554, r.ReplyCode);
        Assert.Equal("5.7.1", r.EnhancedStatusCode);
        Assert.Equal("boss@gmail.com", r.Recipient);
        Assert.Equal("scanner@corp.example", r.Sender);
        Assert.Equal("scanner01", r.Helo);
    }

    [Theory]
    // journalctl -o short-iso (systemd 252: +0000; newer: +00:00) and -o short-precise.
    [InlineData("2026-12-01T19:07:29+0000 mx1 postfix/smtpd[4020]: " + Message, "2026-12-01T19:07:29+00:00")]
    [InlineData("2026-12-01T20:07:29+0100 mx1 postfix/smtpd[4020]: " + Message, "2026-12-01T19:07:29+00:00")]
    [InlineData("2026-12-01T19:07:29+00:00 mx1 postfix/smtpd[4020]: " + Message, "2026-12-01T19:07:29+00:00")]
    [InlineData("Dec 01 19:07:29.123456 mx1 postfix/smtpd[4020]: " + Message, "2026-12-01T19:07:29.123456+00:00")]
    public void Reads_journalctl_short_iso_and_short_precise(string line, string time)
    {
        RelayRejection r = Assert.Single(ReadText(line + "\n"));

        AssertTheRejection(r, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, r.LineNumber);
    }

    [Fact]
    public void Reads_a_json_entry_with_its_microsecond_utc_time()
    {
        JournalEntry entry = JournalJson.TryParse(JsonLine(Quoted(Message)))!;

        Assert.Equal(When, entry.Timestamp);
        Assert.Equal(TimeSpan.Zero, entry.Timestamp!.Value.Offset);
        Assert.Equal("mx1", entry.Host);
        Assert.Equal("postfix/smtpd", entry.Identifier);
        Assert.Equal("4020", entry.Pid);
        Assert.Equal(Message, entry.Message);
        Assert.Equal("2026-12-01T19:07:29.123456+00:00 mx1 postfix/smtpd[4020]: " + Message, entry.ToSyslogLine());
    }

    [Theory]
    [InlineData("\"a\\\"b\\\\c\\u00e9\\n\"", "a\"b\\c\u00e9\n")]
    [InlineData("[104,105]", "hi")]
    [InlineData("[104,255,105]", "h\uFFFDi")]
    [InlineData("[\"first\",\"second\"]", "first")]
    [InlineData("[[104,105],\"second\"]", "hi")]
    [InlineData("null", null)]
    public void Decodes_json_message_values(string value, string? expected)
    {
        Assert.Equal(expected, JournalJson.TryParse("{\"MESSAGE\":" + value + ",\"_PID\":7}")!.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"MESSAGE\":\"x\"")]
    [InlineData("{\"MESSAGE\":x}")]
    [InlineData("{\"MESSAGE\":[1,256]}")]
    [InlineData("{\"MESSAGE\":\"x\"} trailing")]
    [InlineData("Dec 01 19:07:29 mx1 postfix/smtpd[1]: {")]
    public void Rejects_what_is_not_a_json_object(string line)
    {
        Assert.Null(JournalJson.TryParse(line));
    }

    [Fact]
    public void Reads_json_lines_with_a_string_message()
    {
        string other = JsonLine(Quoted("disconnect from unknown[203.0.113.50] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4"));
        var counts = new LogLineCounts();
        List<RelayRejection> found = ReadText(other + "\n" + JsonLine(Quoted(Message)) + "\n" + other + "\n", counts);

        RelayRejection r = Assert.Single(found);
        AssertTheRejection(r, When);
        Assert.Equal(2, r.LineNumber);
        Assert.Equal("journal", r.Path);
        Assert.Equal(3, counts.Known);
        Assert.Equal(0, counts.Unknown);
    }

    [Fact]
    public void Reads_a_json_message_given_as_a_byte_array_that_is_not_utf8()
    {
        // "boss" with one byte that is no UTF-8: journalctl writes MESSAGE as an array of bytes, in
        // which no text anchor can be found, so json logs are read line by line.
        byte[] bytes = Encoding.UTF8.GetBytes(Message.Replace("<boss@gmail.com>: Relay", "<bo\u00ffss@gmail.com>: Relay"));
        int marker = Array.IndexOf(bytes, (byte)0xC3);
        bytes = bytes.Take(marker).Concat(new byte[] { 0xFF }).Concat(bytes.Skip(marker + 2)).ToArray();

        RelayRejection r = Assert.Single(ReadText(JsonLine(ByteArray(bytes)) + "\n"));

        AssertTheRejection(r, When);
        Assert.Contains("bo\uFFFDss@gmail.com", r.ReplyText);
    }

    [Theory]
    [InlineData("0", "1970-01-01T00:00:00+00:00")]
    [InlineData("1796152049123456", "2026-12-01T19:07:29.123456+00:00")]
    [InlineData("1796152049000001", "2026-12-01T19:07:29.000001+00:00")]
    public void Reads_microseconds_since_the_epoch(string micro, string expected)
    {
        Assert.True(JournalEntry.TryMicroseconds(micro, out DateTimeOffset time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("12a")]
    [InlineData("99999999999999999999")]
    public void Rejects_bad_microsecond_times(string micro)
    {
        Assert.False(JournalEntry.TryMicroseconds(micro, out _));
    }

    private static byte[] Export(params (string Name, byte[]? Binary, string? Text)[][] entries)
    {
        var s = new MemoryStream();
        void Write(string t) { byte[] b = Encoding.UTF8.GetBytes(t); s.Write(b, 0, b.Length); }
        foreach (var entry in entries)
        {
            foreach (var (name, binary, text) in entry)
            {
                if (binary is null)
                {
                    Write(name + "=" + text + "\n");
                    continue;
                }
                Write(name + "\n");
                s.Write(BitConverter.GetBytes((ulong)binary.Length), 0, 8);
                s.Write(binary, 0, binary.Length);
                Write("\n");
            }
            Write("\n");
        }
        return s.ToArray();
    }

    private static (string, byte[]?, string?)[] ExportEntry(string? message, byte[]? binaryMessage = null) =>
    [
        ("__CURSOR", null, "s=6b1f2b7c0d0e4a4f9f6b1c2d3e4f5a6b;i=1a2b;b=0f1e2d3c4b5a69788796a5b4c3d2e1f0;m=2b6c1a4;t=6282d2f1b4a40;x=4c3b2a1908f7e6d5"),
        ("__REALTIME_TIMESTAMP", null, Micro),
        ("__MONOTONIC_TIMESTAMP", null, "45531556"),
        ("_BOOT_ID", null, "0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
        ("PRIORITY", null, "6"),
        ("_HOSTNAME", null, "mx1"),
        ("SYSLOG_IDENTIFIER", null, "postfix/smtpd"),
        ("_PID", null, "4020"),
        ("MESSAGE", binaryMessage, message),
        ("_TRANSPORT", null, "syslog"),
    ];

    [Fact]
    public void Reads_export_entries_with_text_and_binary_messages()
    {
        // A binary field: its value holds a line break and a byte that is no UTF-8.
        byte[] binary = Encoding.UTF8.GetBytes(Message + "\nsecond line").Concat(new byte[] { 0xFF }).ToArray();
        byte[] export = Export(ExportEntry("connect from unknown[203.0.113.50]"), ExportEntry(Message), ExportEntry(null, binary));

        List<RelayRejection> found = RelayLogReader.Read(new MemoryStream(export), "journal.export", Context()).ToList();

        Assert.Equal(2, found.Count);
        foreach (RelayRejection r in found) AssertTheRejection(r, When);
        Assert.Equal(new long[] { 12, 23 }, found.Select(r => r.LineNumber));
    }

    [Fact]
    public void Reads_an_export_file_whose_last_entry_has_no_blank_line()
    {
        byte[] export = Export(ExportEntry(Message));
        byte[] cut = export.Take(export.Length - 1).ToArray();

        AssertTheRejection(Assert.Single(RelayLogReader.Read(new MemoryStream(cut), "j", Context())), When);
    }

    [Fact]
    public void A_binary_field_cut_short_is_an_error()
    {
        byte[] export = Export(ExportEntry(null, Encoding.UTF8.GetBytes(Message)));
        byte[] cut = export.Take(export.Length - 40).ToArray();

        Assert.Throws<InvalidDataException>(() => RelayLogReader.Read(new MemoryStream(cut), "j", Context()).ToList());
    }

    [Fact]
    public void Piped_export_lines_give_the_same_rejection()
    {
        string text = Encoding.UTF8.GetString(Export(ExportEntry("connect from x[1.2.3.4]"), ExportEntry(Message)));
        var feed = new LogLineFeed(Context(), "pipeline", new LogLineCounts());
        var found = new List<RelayRejection>();
        foreach (string line in text.Split('\n'))
        {
            if (feed.Feed(line) is RelayRejection r) found.Add(r);
        }
        if (feed.Complete() is RelayRejection last) found.Add(last);

        RelayRejection only = Assert.Single(found);
        AssertTheRejection(only, When);
        Assert.Equal(12, only.LineNumber);
        Assert.Equal(LogInputKind.JournalExport, feed.Kind);
    }

    [Theory]
    [InlineData("{\"MESSAGE\":\"x\"}", LogInputKind.JournalJson)]
    [InlineData("\uFEFF{\"MESSAGE\":\"x\"}", LogInputKind.JournalJson)]
    [InlineData("__CURSOR=s=1;i=2", LogInputKind.JournalExport)]
    [InlineData("__REALTIME_TIMESTAMP=1796152049123456", LogInputKind.JournalExport)]
    [InlineData("Dec 01 19:07:29.123456 mx1 postfix/smtpd[4020]: x", LogInputKind.Lines)]
    [InlineData("2026-12-01T19:07:29+0000 mx1 postfix/smtpd[4020]: x", LogInputKind.Lines)]
    [InlineData("#Software: Microsoft Exchange Server", LogInputKind.Lines)]
    public void Recognises_the_container_from_the_first_line(string line, LogInputKind kind)
    {
        Assert.Equal(kind, LogInputKinds.Detect(line));
    }

    [Theory]
    [InlineData("Dec 01 19:07:29 mx1 postfix/qmgr[9]: 4AB: removed", 1, 0)]
    [InlineData("2026-12-01T19:07:29+0000 mx1 postfix/qmgr[9]: 4AB: removed", 1, 0)]
    [InlineData("2026-12-01 19:07:29 1rA2b3-000Abc-4d Completed", 1, 0)]
    [InlineData("-- No entries --", 0, 1)]
    [InlineData("hello world", 0, 1)]
    [InlineData("", 0, 0)]
    [InlineData("   ", 0, 0)]
    public void Counts_lines_in_no_known_format(string line, long known, long unknown)
    {
        var counts = new LogLineCounts();
        var feed = new LogLineFeed(Context(), "pipeline", counts);

        Assert.Null(feed.Feed(line));
        Assert.Equal(known, counts.Known);
        Assert.Equal(unknown, counts.Unknown);
    }

    [Fact]
    public void A_file_that_is_no_log_counts_its_first_line_as_unknown()
    {
        var counts = new LogLineCounts();

        Assert.Empty(ReadText("\nwhatever this is\nand more of it\n", counts));
        Assert.Equal(0, counts.Known);
        Assert.Equal(1, counts.Unknown);
    }
}
