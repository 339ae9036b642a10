using System;
using RelayTools.Core.Logs;

namespace RelayTools.Core.Tests.Logs;

public class TimestampTests
{
    private static LogParseContext Context(int year, int month, int day) =>
        new() { ReferenceTime = new DateTime(year, month, day, 12, 0, 0), TimeZone = TimeZoneInfo.Utc };

    [Theory]
    [InlineData(12, 31, 2027, 1, 2, 2026)]  // December lines in a file written in January: the year before
    [InlineData(1, 1, 2027, 1, 2, 2027)]
    [InlineData(11, 24, 2026, 11, 26, 2026)]
    [InlineData(11, 27, 2026, 11, 26, 2026)] // one day ahead of the write time: clock skew, same year
    [InlineData(11, 28, 2026, 11, 26, 2025)] // later in the year than the file: last year
    [InlineData(2, 29, 2027, 3, 1, 2024)]    // 29 February goes back to the last leap year
    [InlineData(2, 29, 2028, 3, 1, 2028)]
    public void Infers_the_year_from_the_reference_time(int month, int day, int refYear, int refMonth, int refDay, int expected)
    {
        Assert.Equal(expected, LogTimestamp.InferYear(month, day, new DateTime(refYear, refMonth, refDay, 12, 0, 0)));
    }

    [Theory]
    [InlineData("Nov 24 10:15:02 mx postfix/smtpd[1]: x", "2026-11-24T10:15:02.0000000+00:00", "mx", "postfix/smtpd")]
    [InlineData("Dec  2 22:24:22 hel postfix/smtpd[7676]: x", "2026-12-02T22:24:22.0000000+00:00", "hel", "postfix/smtpd")]
    [InlineData("<22>Nov 24 10:15:02 mx postfix-out/smtpd[1]: x", "2026-11-24T10:15:02.0000000+00:00", "mx", "postfix-out/smtpd")]
    [InlineData("2026-11-24T10:15:02.123456+01:00 mx postfix/submission/smtpd[9]: x", "2026-11-24T10:15:02.1234560+01:00", "mx", "postfix/submission/smtpd")]
    [InlineData("2026-11-24T10:15:02+0100 mx postfix/smtpd[9]: x", "2026-11-24T10:15:02.0000000+01:00", "mx", "postfix/smtpd")]
    [InlineData("2026-11-24T10:15:02Z mx postfix/smtpd[9]: x", "2026-11-24T10:15:02.0000000+00:00", "mx", "postfix/smtpd")]
    [InlineData("<22>1 2026-11-24T10:15:02.5-05:00 mx.example.com postfix/smtpd 1234 - - x", "2026-11-24T10:15:02.5000000-05:00", "mx.example.com", "postfix/smtpd")]
    [InlineData("<22>1 2026-11-24T10:15:02Z mx postfix/smtpd 1234 - [meta sequenceId=\"1\"] x", "2026-11-24T10:15:02.0000000+00:00", "mx", "postfix/smtpd")]
    [InlineData("Jun 18 08:05:17 <mail.notice> myhost sm-mta[17002]: x", "2026-06-18T08:05:17.0000000+00:00", "myhost", "sm-mta")]
    public void Reads_the_syslog_prefixes(string line, string time, string host, string tag)
    {
        SyslogHeader header = SyslogHeader.Parse(line, Context(2026, 12, 10));

        Assert.Equal(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), header.Timestamp);
        Assert.Equal(host, header.Host);
        Assert.Equal(tag, header.Tag);
        Assert.Equal("x", line.Substring(header.MessageStart));
    }

    [Theory]
    [InlineData("NOQUEUE: reject: RCPT from x[1.2.3.4]: 554 5.7.1 <a@b>: Relay access denied")]
    [InlineData("2013-06-10 18:33:32 [10099] H=(yakult.com.tw) [202.132.70.178]:3755")]
    [InlineData("[30/Dec/2013 05:27:59] Relay attempt from IP address 64.31.59.75")]
    public void A_line_without_prefix_is_all_message(string line)
    {
        SyslogHeader header = SyslogHeader.Parse(line, Context(2026, 12, 10));

        Assert.Null(header.Timestamp);
        Assert.Null(header.Host);
        Assert.Equal(0, header.MessageStart);
    }

    [Theory]
    [InlineData("2026-11-24 10:15:02 H=x", "2026-11-24T10:15:02.0000000+00:00")]
    [InlineData("2017-07-30 18:51:05.712 H=x", "2017-07-30T18:51:05.7120000+00:00")]
    [InlineData("2026-11-24 10:15:02 +0100 H=x", "2026-11-24T10:15:02.0000000+01:00")]
    public void Reads_exim_times_with_milliseconds_and_zone(string text, string expected)
    {
        Assert.True(LogTimestamp.TryParseIso(text, 0, Context(2026, 12, 10), out DateTimeOffset value, out int end));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(" H=x", text.Substring(end));
    }

    [Fact]
    public void A_time_without_zone_is_in_the_context_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");
        var context = new LogParseContext { ReferenceTime = new DateTime(2026, 11, 26), TimeZone = zone };

        Assert.True(LogTimestamp.TryParseClassic("Nov 24 10:15:02", 0, context, out DateTimeOffset value, out _));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 15, 2, TimeSpan.FromHours(2)), value);
    }

    [Theory]
    [InlineData("Foo 24 10:15:02")]
    [InlineData("Nov 32 10:15:02")]
    [InlineData("Nov 24 25:15:02")]
    [InlineData("Nov 24 10:15")]
    public void Rejects_what_is_not_a_classic_time(string text)
    {
        Assert.False(LogTimestamp.TryParseClassic(text, 0, Context(2026, 12, 10), out _, out _));
    }
}
