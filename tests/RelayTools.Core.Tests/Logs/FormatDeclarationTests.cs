using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RelayTools.Core.Logs;

namespace RelayTools.Core.Tests.Logs;

/// <summary>
/// Every log format declares its anchors, candidate test and parser in one place; these tests read the
/// declarations and prove that each anchor, on its own sample line, is found by the byte scanner, passes
/// the candidate test of piped lines, and parses - so a new wording needs nothing but its declaration.
/// </summary>
public class FormatDeclarationTests
{
    private const string Ordinary = "Nov 24 10:15:01 mx postfix/smtp[2]: 4ABC: to=<a@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, status=sent (250 2.0.0 OK)";

    public static IEnumerable<object[]> Anchors() =>
        LogFormats.Lines.SelectMany(f => f.Anchors.Select(a => new object[] { f.Format, a.Text }));

    private static (LogLineFormat Format, LogAnchor Anchor) Declared(LogFormat format, string text)
    {
        LogLineFormat declaration = LogFormats.Lines.Single(f => f.Format == format);
        return (declaration, declaration.Anchors.Single(a => a.Text == text));
    }

    private static LogParseContext Context(LogFormat format, bool auth) =>
        new() { Format = format, IncludeAuthFailures = auth, TimeZone = TimeZoneInfo.Utc, ReferenceTime = new DateTime(2026, 11, 26) };

    [Fact]
    public void Every_line_format_is_declared_once_with_at_least_one_relay_anchor()
    {
        Assert.Equal(new[] { LogFormat.Postfix, LogFormat.Exim, LogFormat.Sendmail, LogFormat.Kerio }, LogFormats.Lines.Select(f => f.Format));
        Assert.All(LogFormats.Lines, f => Assert.Contains(f.Anchors, a => !a.IsAuthFailure));
    }

    [Theory]
    [MemberData(nameof(Anchors))]
    public void Each_anchor_makes_its_own_sample_a_candidate_that_the_scanner_finds_and_the_format_parses(LogFormat format, string text)
    {
        (LogLineFormat declaration, LogAnchor anchor) = Declared(format, text);
        bool auth = anchor.IsAuthFailure;
        Assert.Contains(anchor.Text, anchor.Sample);

        // The byte scanner, searching for this anchor only, finds the sample among ordinary lines.
        byte[] bytes = Encoding.UTF8.GetBytes(string.Join("\n", Ordinary, anchor.Sample, Ordinary) + "\n");
        CandidateLine found = Assert.Single(new LogLineScanner(new[] { anchor }).Scan(new MemoryStream(bytes)));
        Assert.Equal(anchor.Sample, found.Text);
        Assert.Equal(2, found.LineNumber);

        // The scanner of a whole read of this format finds it too, and of every format.
        Assert.Single(new LogLineScanner(LogFormats.AnchorsFor(format, auth)).Scan(new MemoryStream(bytes)));
        Assert.Single(new LogLineScanner(LogFormats.AnchorsFor(LogFormat.Auto, auth)).Scan(new MemoryStream(bytes)));

        // The candidate test of piped lines, and the parser.
        Assert.True(declaration.IsCandidate(anchor.Sample, auth));
        Assert.False(declaration.IsCandidate(Ordinary, auth));
        RelayRejection? record = declaration.TryParse(anchor.Sample, SyslogHeader.Parse(anchor.Sample, Context(format, auth)), Context(format, auth));
        Assert.NotNull(record);
        Assert.Equal(format.ToString(), record!.Mta);
        Assert.False(string.IsNullOrEmpty(record.ClientAddress));
        Assert.Equal(auth, record.Kind != RejectionKind.RelayDenied);

        // The whole path of a file and of piped lines, as Auto and as this format.
        foreach (LogFormat asked in new[] { LogFormat.Auto, format })
        {
            RelayRejection fromFile = Assert.Single(RelayLogReader.Read(new MemoryStream(bytes), "f", Context(asked, auth)));
            Assert.Equal(2, fromFile.LineNumber);
            Assert.Equal(record.ClientAddress, fromFile.ClientAddress);
            Assert.NotNull(RelayLineParser.TryParse(anchor.Sample, Context(asked, auth)));
        }
    }

    [Theory]
    [MemberData(nameof(Anchors))]
    public void An_auth_anchor_is_searched_only_when_auth_failures_are_asked_for(LogFormat format, string text)
    {
        (_, LogAnchor anchor) = Declared(format, text);
        Assert.Equal(!anchor.IsAuthFailure, LogFormats.AnchorsFor(format, includeAuthFailures: false).Contains(anchor));
        Assert.Contains(anchor, LogFormats.AnchorsFor(format, includeAuthFailures: true));
    }

    [Fact]
    public void A_format_other_than_auto_searches_only_its_own_anchors()
    {
        Assert.Equal(LogFormats.Lines.Single(f => f.Format == LogFormat.Exim).Anchors.Where(a => !a.IsAuthFailure), LogFormats.AnchorsFor(LogFormat.Exim, false));
        Assert.Empty(LogFormats.AnchorsFor(LogFormat.Exchange, true));
    }

    [Theory]
    [MemberData(nameof(ExchangeHeaders))]
    public void Each_exchange_header_signature_makes_the_scanner_yield_every_line(string signature)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(signature + " x\n" + Ordinary + "\n" + Ordinary + "\n");
        var scanner = new LogLineScanner(includeAuthFailures: false);

        Assert.Equal(3, scanner.Scan(new MemoryStream(bytes)).Count());
        Assert.True(scanner.AllLines);
        Assert.True(ExchangeReceiveLogParser.IsHeader(signature + " x"));
    }

    public static IEnumerable<object[]> ExchangeHeaders() => ExchangeReceiveLogParser.HeaderSignatures.Select(s => new object[] { s });

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 4)]
    public void The_scanner_searches_a_few_needles_that_the_anchors_share_and_that_cover_every_anchor(bool auth, int most)
    {
        IReadOnlyList<LogAnchor> anchors = LogFormats.AnchorsFor(LogFormat.Auto, auth);
        string[] needles = AnchorNeedle.Cover(anchors).Select(n => Encoding.ASCII.GetString(n.Needle)).ToArray();

        Assert.InRange(needles.Length, 1, most);
        Assert.All(needles, n => Assert.True(n.Length >= 5, n));
        Assert.All(anchors, a => Assert.Contains(needles, n => a.Text.Contains(n)));
    }
}
