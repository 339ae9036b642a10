using RelayTools.Core.Dns.Dmarc;

namespace RelayTools.Core.Tests.Dns.Dmarc;

public class DmarcAlignmentTests
{
    // RFC 7489 3.1.1/3.1.2: relaxed aligns within one organizational domain, strict only on the exact name.
    [Theory]
    [InlineData("corp.example", "corp.example", DmarcAlignmentMode.Strict, true)]
    [InlineData("CORP.example.", "corp.example", DmarcAlignmentMode.Strict, true)]
    [InlineData("bounces.corp.example", "corp.example", DmarcAlignmentMode.Strict, false)]
    [InlineData("bounces.corp.example", "corp.example", DmarcAlignmentMode.Relaxed, true)]
    [InlineData("corp.example", "mail.corp.example", DmarcAlignmentMode.Relaxed, true)]
    [InlineData("corp.example", "mail.corp.example", DmarcAlignmentMode.Strict, false)]
    [InlineData("a.corp.example", "b.corp.example", DmarcAlignmentMode.Relaxed, true)]
    [InlineData("esp.example", "corp.example", DmarcAlignmentMode.Relaxed, false)]
    [InlineData("corp.example.net", "corp.example", DmarcAlignmentMode.Relaxed, false)]
    // RFC 7489 3.1.1's example: news.example.com aligns with example.com in relaxed mode only.
    [InlineData("news.example.com", "example.com", DmarcAlignmentMode.Relaxed, true)]
    [InlineData("news.example.com", "example.com", DmarcAlignmentMode.Strict, false)]
    // Different registrants under the same public suffix never align.
    [InlineData("one.co.uk", "two.co.uk", DmarcAlignmentMode.Relaxed, false)]
    [InlineData("mail.one.co.uk", "one.co.uk", DmarcAlignmentMode.Relaxed, true)]
    [InlineData("", "corp.example", DmarcAlignmentMode.Relaxed, false)]
    public void Alignment_table(string authenticated, string from, DmarcAlignmentMode mode, bool expected)
    {
        Assert.Equal(expected, DmarcAlignment.IsAligned(authenticated, from, mode));
    }

    [Fact]
    public void Explains_strict_and_relaxed_spf()
    {
        Assert.Equal("SPF passes but aligns only if the MAIL FROM domain is corp.example (aspf=s)",
            DmarcAlignment.ExplainSpf("corp.example", DmarcAlignmentMode.Strict));
        Assert.Equal("SPF passes but aligns only if the MAIL FROM domain is corp.example or any domain under it (aspf=r, relaxed: any domain under corp.example)",
            DmarcAlignment.ExplainSpf("mail.corp.example", DmarcAlignmentMode.Relaxed));
    }

    [Fact]
    public void Explains_dkim()
    {
        Assert.Equal("DKIM passes but aligns only if the signature's d= domain is corp.example (adkim=s)",
            DmarcAlignment.ExplainDkim("corp.example", DmarcAlignmentMode.Strict));
    }

    [Fact]
    public void Checks_a_mail_from_address()
    {
        DmarcAlignmentCheck check = DmarcAlignment.CheckSpf("corp.example", "<bounce@mailer.esp.example>", DmarcAlignmentMode.Relaxed);

        Assert.False(check.Aligned);
        Assert.Equal("SPF", check.Mechanism);
        Assert.Equal("mailer.esp.example", check.AuthenticatedDomain);
        Assert.Contains("does not count for DMARC", check.Explanation);
        Assert.Contains("any domain under corp.example", check.Explanation);
    }

    [Fact]
    public void Checks_a_signing_domain()
    {
        DmarcAlignmentCheck relaxed = DmarcAlignment.CheckDkim("corp.example", "mail.corp.example", DmarcAlignmentMode.Relaxed);
        DmarcAlignmentCheck strict = DmarcAlignment.CheckDkim("corp.example", "mail.corp.example", DmarcAlignmentMode.Strict);

        Assert.True(relaxed.Aligned);
        Assert.Equal("DKIM d= domain mail.corp.example aligns with the From domain corp.example (adkim=r, relaxed: the same organizational domain)", relaxed.Explanation);
        Assert.False(strict.Aligned);
        Assert.Contains("(adkim=s)", strict.Explanation);
    }
}
