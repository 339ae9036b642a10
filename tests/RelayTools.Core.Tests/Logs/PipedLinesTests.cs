using System;
using System.IO;
using System.Linq;
using RelayTools.Core.Logs;

namespace RelayTools.Core.Tests.Logs;

public class PipedLinesTests
{
    private const string Relay = "Dec 30 23:59:58 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 554 5.7.1 <a@gmail.com>: Relay access denied; from=<s@corp.example> to=<a@gmail.com> proto=ESMTP helo=<pc1>";
    private const string Other = "Dec 30 23:59:57 mx postfix/smtp[2]: 4ABC: to=<a@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, status=sent (250 2.0.0 OK)";

    private static LogParseContext Context() => new() { TimeZone = TimeZoneInfo.Utc, ReferenceTime = new DateTime(2026, 6, 1) };

    [Fact]
    public void Lines_piped_from_a_file_take_the_year_of_its_write_time_as_the_file_read_does()
    {
        string file = Path.Combine(Path.GetTempPath(), "relaytools-piped-" + Guid.NewGuid().ToString("N") + ".log");
        File.WriteAllText(file, Other + "\n" + Relay + "\n");
        File.SetLastWriteTime(file, new DateTime(2024, 1, 2));
        try
        {
            var piped = new PipedLogLines(Context(), new LogLineCounts());
            RelayRejection fromPipe = Assert.Single(piped.Feed(Other, file, 1).Concat(piped.Feed(Relay, file, 2)));
            RelayRejection fromFile = Assert.Single(new RelayLogReader(Context()).ReadFile(file));

            Assert.Equal(new DateTimeOffset(2023, 12, 30, 23, 59, 58, TimeSpan.Zero), fromPipe.Timestamp);
            Assert.Equal(fromFile.Timestamp, fromPipe.Timestamp);
            Assert.Equal(fromFile.LineNumber, fromPipe.LineNumber);
            Assert.Equal(file, fromPipe.Path);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Lines_of_no_file_take_the_reference_time_and_are_numbered_in_arrival_order()
    {
        var piped = new PipedLogLines(Context(), new LogLineCounts());
        RelayRejection[] found = piped.Feed(Other + "\n" + Relay).Concat(piped.Feed(Relay)).ToArray();

        Assert.Equal(new long[] { 2, 3 }, found.Select(r => r.LineNumber));
        Assert.All(found, r => Assert.Equal(PipedLogLines.PipelinePath, r.Path));
        Assert.All(found, r => Assert.Equal(new DateTimeOffset(2025, 12, 30, 23, 59, 58, TimeSpan.Zero), r.Timestamp));
    }
}
