using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using RelayTools.Core.Logs;

namespace RelayTools.Core.Tests.Logs;

public class ReaderRobustnessTests
{
    private const string Relay = "Nov 24 10:15:02 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 554 5.7.1 <a@gmail.com>: Relay access denied; from=<s@corp.example> to=<a@gmail.com> proto=ESMTP helo=<pc1>";
    private const string Other = "Nov 24 10:15:02 mx postfix/smtp[2]: 4ABC: to=<a@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, status=sent (250 2.0.0 OK)";

    private static readonly LogParseContext Context = new() { TimeZone = TimeZoneInfo.Utc, ReferenceTime = new DateTime(2026, 11, 26) };

    private static List<RelayRejection> Read(byte[] bytes, int blockSize = LogLineScanner.DefaultBlockSize, LogParseContext? context = null)
    {
        var scanner = new LogLineScanner(includeAuthFailures: false, blockSize: blockSize);
        var parser = new RelayLogParser(context ?? Context);
        var found = new List<RelayRejection>();
        foreach (CandidateLine line in scanner.Scan(new MemoryStream(bytes)))
        {
            RelayRejection? r = parser.Feed(line.Text);
            if (r is null) continue;
            r.LineNumber = line.LineNumber;
            found.Add(r);
        }
        return found;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_one_megabyte_line_is_read_and_the_lines_after_it_keep_their_numbers()
    {
        string huge = "Nov 24 10:15:01 mx postfix/cleanup[3]: 4ABC: warning: header Subject: " + new string('x', 1 << 20);
        string hugeRelay = Relay.Replace("helo=<pc1>", "helo=<" + new string('h', 1 << 20) + ">");
        List<RelayRejection> found = Read(Utf8(string.Join("\n", Other, huge, Relay, hugeRelay, Relay) + "\n"));

        Assert.Equal(new long[] { 3, 4, 5 }, found.Select(r => r.LineNumber));
        Assert.Equal((1 << 20) + 0, found[1].Helo!.Length);
    }

    [Fact]
    public void A_line_longer_than_the_block_is_skipped_and_counted()
    {
        string tooLong = Relay + new string('y', 300);
        List<RelayRejection> found = Read(Utf8(string.Join("\n", Relay, tooLong, Other, Relay) + "\n"), blockSize: 256);

        Assert.Equal(new long[] { 1, 4 }, found.Select(r => r.LineNumber));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(200)]
    [InlineData(333)]
    [InlineData(4096)]
    public void Rejections_across_block_boundaries_are_found_with_their_line_numbers(int blockSize)
    {
        var lines = new List<string>();
        for (int i = 0; i < 60; i++) lines.Add(i % 7 == 3 ? Relay : Other.Substring(0, 20 + i));
        List<RelayRejection> found = Read(Utf8(string.Join("\n", lines) + "\n"), blockSize: Math.Max(blockSize, Relay.Length + 2));

        Assert.Equal(Enumerable.Range(0, 60).Where(i => i % 7 == 3).Select(i => (long)i + 1), found.Select(r => r.LineNumber));
    }

    [Fact]
    public void Crlf_endings_are_removed_from_the_line()
    {
        List<RelayRejection> found = Read(Utf8(Other + "\r\n" + Relay + "\r\n"));

        RelayRejection r = Assert.Single(found);
        Assert.Equal(Relay, r.Line);
        Assert.Equal("pc1", r.Helo);
        Assert.Equal(2, r.LineNumber);
    }

    [Fact]
    public void A_truncated_last_line_without_a_line_break_is_read()
    {
        List<RelayRejection> found = Read(Utf8(Other + "\n" + Relay));

        Assert.Equal(2, Assert.Single(found).LineNumber);
    }

    [Fact]
    public void A_last_line_cut_in_the_middle_is_still_a_rejection_without_the_missing_fields()
    {
        string cut = Relay.Substring(0, Relay.IndexOf("; from=", StringComparison.Ordinal) + 3);
        RelayRejection r = Assert.Single(Read(Utf8(Relay + "\n" + cut)), x => x.LineNumber == 2);

        Assert.Equal("203.0.113.5", r.ClientAddress);
        Assert.Null(r.Sender);
    }

    [Fact]
    public void Invalid_utf8_and_nul_bytes_do_not_stop_the_reader()
    {
        var bytes = new List<byte>();
        bytes.AddRange(new byte[] { 0, 0, 0, 0 });
        bytes.AddRange(Utf8(Relay.Replace("pc1", "p\u00e9c")));
        bytes.Add((byte)'\n');
        bytes.AddRange(new byte[] { 0xFF, 0xFE, 0xC3, (byte)'\n' });
        bytes.AddRange(Utf8(Relay.Replace("helo=<pc1>", "helo=<")));
        bytes.AddRange(new byte[] { 0xC3, 0x28, 0x00, (byte)'>', (byte)'\n' });

        List<RelayRejection> found = Read(bytes.ToArray());

        Assert.Equal(new long[] { 1, 3 }, found.Select(r => r.LineNumber));
        Assert.Equal("p\u00e9c", found[0].Helo);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 15, 2, TimeSpan.Zero), found[0].Timestamp);
        Assert.Equal("\uFFFD(", found[1].Helo);
        Assert.DoesNotContain('\0', found[1].Line);
    }

    [Fact]
    public void Auth_failures_of_every_mta_are_scanned_only_when_asked()
    {
        string[] lines =
        [
            "Nov 24 10:15:02 mx postfix/smtpd[1]: warning: unknown[192.0.2.1]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
            Other,
            "2026-11-24 10:16:40 dovecot_login authenticator failed for (pc) [192.0.2.2]:50130 I=[192.0.2.10]:587: 535 Incorrect authentication data (set_id=bob)",
            "Nov 24 10:42:05 relay2 sm-mta[5150]: 4AOAg5Zz005150: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=printer, relay=[192.0.2.3]",
        ];
        byte[] bytes = Utf8(string.Join("\n", lines) + "\n");
        var context = new LogParseContext { IncludeAuthFailures = true, TimeZone = TimeZoneInfo.Utc, ReferenceTime = new DateTime(2026, 11, 26) };

        Assert.Empty(Read(bytes));
        List<RelayRejection> found = RelayLogReader.Read(new MemoryStream(bytes), "x", context).ToList();
        Assert.Equal(new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3" }, found.Select(r => r.ClientAddress));
        Assert.Equal(new long[] { 1, 3, 4 }, found.Select(r => r.LineNumber));
        Assert.Equal(new[] { "Postfix", "Exim", "Sendmail" }, found.Select(r => r.Mta));
    }

    [Fact]
    public void Lines_without_any_anchor_are_never_decoded()
    {
        var scanner = new LogLineScanner(includeAuthFailures: false);
        byte[] bytes = Utf8(string.Join("\n", Enumerable.Repeat(Other, 1000)) + "\n" + Relay + "\n");

        CandidateLine only = Assert.Single(scanner.Scan(new MemoryStream(bytes)));
        Assert.Equal(1001, only.LineNumber);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_gzip_file_is_read_by_its_content_and_a_corrupt_one_names_the_file(bool readAhead)
    {
        string dir = Path.Combine(Path.GetTempPath(), "relaytools-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string good = Path.Combine(dir, "mail.log.1");   // gzip content without the .gz name
            string bad = Path.Combine(dir, "mail.log.2.gz");
            File.WriteAllBytes(good, Gzip(string.Join("\n", Other, Relay, Relay) + "\n"));
            byte[] damaged = Gzip(string.Concat(Enumerable.Repeat(Other + "\n", 5000)) + Relay + "\n");
            for (int i = 100; i < 300; i++) damaged[i] ^= 0x5A;
            File.WriteAllBytes(bad, damaged);
            var reader = new RelayLogReader(Context) { ReadAhead = readAhead };

            Assert.Equal(new long[] { 2, 3 }, reader.ReadFile(good).Select(r => r.LineNumber));
            var ex = Assert.Throws<LogReadException>(() => reader.ReadFile(bad).ToList());
            Assert.Equal(bad, ex.Path);
            Assert.Contains(bad, ex.Message);
            Assert.IsType<InvalidDataException>(ex.InnerException);
            Assert.Throws<LogReadException>(() => reader.ReadFile(Path.Combine(dir, "missing.log")).ToList());

            // A .gz cut short (disk full during rotation): what was there is read, then one error.
            string truncated = Path.Combine(dir, "mail.log.3.gz");
            byte[] whole = Gzip(string.Concat(Enumerable.Repeat(Relay + "\n" + Other + "\n", 20000)));
            File.WriteAllBytes(truncated, whole.Take(whole.Length / 2).ToArray());
            var found = new List<RelayRejection>();
            var cut = Assert.Throws<LogReadException>(() => { foreach (RelayRejection r in reader.ReadFile(truncated)) found.Add(r); });
            Assert.IsType<InvalidDataException>(cut.InnerException);
            Assert.Contains("truncated", cut.Message);
            Assert.InRange(found.Count, 1, 19999);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Reading_ahead_on_a_worker_gives_the_same_results_in_the_same_order_and_stops_with_the_caller()
    {
        string path = Path.Combine(Path.GetTempPath(), "relaytools-" + Guid.NewGuid().ToString("N") + ".log");
        try
        {
            var lines = new List<string>();
            for (int i = 0; i < 40000; i++) lines.Add(i % 97 == 5 ? Relay.Replace("a@gmail.com", "r" + i + "@gmail.com") : Other);
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            var positions = new List<long>();
            int thread = Environment.CurrentManagedThreadId;

            List<RelayRejection> serial = new RelayLogReader(Context) { ReadAhead = false }.ReadFile(path).ToList();
            List<RelayRejection> ahead = new RelayLogReader(Context) { ReadAhead = true }.ReadFile(path, p =>
            {
                Assert.Equal(thread, Environment.CurrentManagedThreadId); // progress comes on the caller's thread
                positions.Add(p);
            }).ToList();

            Assert.Equal(413, serial.Count);
            Assert.Equal(serial.Select(r => (r.LineNumber, r.Recipient)), ahead.Select(r => (r.LineNumber, r.Recipient)));
            Assert.Equal(new FileInfo(path).Length, positions.Last());
            Assert.Single(new RelayLogReader(Context) { ReadAhead = true }.ReadFile(path).Take(1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_file_write_time_completes_the_year()
    {
        string path = Path.Combine(Path.GetTempPath(), "relaytools-" + Guid.NewGuid().ToString("N") + ".log");
        try
        {
            File.WriteAllText(path, Relay.Replace("Nov 24", "Dec 31") + "\n" + Relay.Replace("Nov 24", "Jan  1") + "\n");
            File.SetLastWriteTime(path, new DateTime(2027, 1, 2, 8, 0, 0));

            List<RelayRejection> found = new RelayLogReader(Context).ReadFile(path).ToList();

            Assert.Equal(new[] { 2026, 2027 }, found.Select(r => r.Timestamp!.Value.Year));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_time_filter_keeps_only_rejections_in_range()
    {
        var context = new LogParseContext
        {
            TimeZone = TimeZoneInfo.Utc,
            ReferenceTime = new DateTime(2026, 11, 26),
            After = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero),
            Before = new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero),
        };
        string text = string.Join("\n", Relay.Replace("10:15:02", "09:59:59"), Relay, Relay.Replace("10:15:02", "11:00:01"), Relay.Substring(Relay.IndexOf("NOQUEUE", StringComparison.Ordinal))) + "\n";

        Assert.Equal(new long[] { 2 }, Read(Utf8(text), context: context).Select(r => r.LineNumber));
    }

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionMode.Compress, leaveOpen: true))
        {
            byte[] bytes = Utf8(text);
            gzip.Write(bytes, 0, bytes.Length);
        }
        return output.ToArray();
    }
}
