using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RelayTools.Core.Logs;

namespace RelayTools.Core.Tests.Logs;

public class ParallelReadTests
{
    private const string Relay = "Nov 24 10:15:02 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[203.0.113.{0}]: 554 5.7.1 <a@gmail.com>: Relay access denied; from=<s@corp.example> to=<a@gmail.com> proto=ESMTP helo=<pc1>";
    private const string Exim = "2026-11-24 10:15:02 H=(pc1) [198.51.100.{0}] F=<s@corp.example> rejected RCPT <a@gmail.com>: relay not permitted";
    private const string Other = "Nov 24 10:15:01 mx postfix/smtp[2]: 4ABC: to=<a@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, status=sent (250 2.0.0 OK)";

    private static readonly LogParseContext Context = new() { TimeZone = TimeZoneInfo.Utc, ReferenceTime = new DateTime(2026, 11, 26) };

    private static string Log(int lines, string newline, bool lastBreak)
    {
        var random = new Random(7);
        var text = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            int pick = random.Next(20);
            text.Append(pick == 0 ? string.Format(Relay, i % 250) : pick == 1 ? string.Format(Exim, i % 250) : pick == 2 ? "no known format " + i : Other);
            if (i < lines - 1 || lastBreak) text.Append(newline);
        }
        return text.ToString();
    }

    private static (List<RelayRejection> Records, LogLineCounts Counts) Read(string file, bool parallel, long rangeSize)
    {
        var counts = new LogLineCounts();
        var reader = new RelayLogReader(Context) { Counts = counts, ReadAhead = parallel, Workers = 3, ParallelThreshold = 0, RangeSize = rangeSize };
        return (reader.ReadFile(file).ToList(), counts);
    }

    [Theory]
    [InlineData("\n", true, 997)]
    [InlineData("\r\n", false, 4096)]
    [InlineData("\n", false, 1)]
    [InlineData("\n", true, 1 << 20)]
    public void A_file_read_in_parallel_ranges_gives_the_serial_read_record_for_record_in_file_order(string newline, bool lastBreak, long rangeSize)
    {
        string file = Path.Combine(Path.GetTempPath(), "relaytools-parallel-" + Guid.NewGuid().ToString("N") + ".log");
        File.WriteAllText(file, Log(3000, newline, lastBreak));
        try
        {
            (List<RelayRejection> serial, LogLineCounts serialCounts) = Read(file, parallel: false, rangeSize);
            (List<RelayRejection> parallel, LogLineCounts parallelCounts) = Read(file, parallel: true, rangeSize);

            Assert.True(serial.Count > 200);
            Assert.Equal(serial.Select(r => (r.LineNumber, r.ClientAddress, r.Mta, r.Line)), parallel.Select(r => (r.LineNumber, r.ClientAddress, r.Mta, r.Line)));
            Assert.Equal(serialCounts.Known, parallelCounts.Known);
            string[] lines = File.ReadAllLines(file);
            Assert.All(parallel, r => Assert.Equal(lines[r.LineNumber - 1], r.Line));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_reader_that_stops_early_leaves_no_worker_behind()
    {
        string file = Path.Combine(Path.GetTempPath(), "relaytools-parallel-" + Guid.NewGuid().ToString("N") + ".log");
        File.WriteAllText(file, Log(20000, "\n", true));
        try
        {
            var reader = new RelayLogReader(Context) { Workers = 2, ParallelThreshold = 0, RangeSize = 2048 };
            RelayRejection first = reader.ReadFile(file).First();
            Assert.Equal(File.ReadLines(file).First(l => l.Contains("Relay access denied") || l.Contains("relay not permitted")), first.Line);
            File.Delete(file);   // no worker holds it open any more (on Windows a held file cannot be deleted)
            Assert.False(File.Exists(file));
        }
        finally
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }
}
