using System.Linq;
using RelayTools.Core.Dns.Dmarc;

namespace RelayTools.Core.Tests.Dns.Dmarc;

public class DmarcRecordParserTests
{
    [Fact]
    public void Reads_the_monitoring_example_with_defaults()
    {
        // RFC 7489 Appendix B.2.1: a domain owner who only wants reports.
        DmarcRecord record = DmarcRecordParser.Parse("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com");

        Assert.True(record.IsDmarc);
        Assert.True(record.IsUsable);
        Assert.Empty(record.Problems);
        Assert.Equal(DmarcPolicy.None, record.Policy);
        Assert.Equal(DmarcPolicy.None, record.SubdomainPolicy);
        Assert.False(record.HasSubdomainPolicy);
        Assert.Equal(DmarcAlignmentMode.Relaxed, record.DkimAlignment);
        Assert.Equal(DmarcAlignmentMode.Relaxed, record.SpfAlignment);
        Assert.Equal(100, record.Percent);
        Assert.Equal(["mailto:dmarc-feedback@example.com"], record.AggregateReportUris);
        Assert.Equal("0", record.FailureOptions);
        Assert.Equal("afrf", record.ReportFormat);
        Assert.Equal(86400, record.ReportInterval);
    }

    [Fact]
    public void Reads_every_tag()
    {
        // RFC 7489 Appendix B.2.4 shape: several rua URIs, one with a size limit, and pct.
        DmarcRecord record = DmarcRecordParser.Parse(
            "v=DMARC1; p=quarantine; sp=reject; adkim=s; aspf=s; pct=25; "
            + "rua=mailto:dmarc-feedback@example.com, mailto:tld-test@thirdparty.example.net!10m; "
            + "ruf=mailto:auth-reports@thirdparty.example.net; fo=1:d; rf=afrf; ri=3600");

        Assert.Empty(record.Problems);
        Assert.Equal(DmarcPolicy.Quarantine, record.Policy);
        Assert.Equal(DmarcPolicy.Reject, record.SubdomainPolicy);
        Assert.Equal(DmarcAlignmentMode.Strict, record.DkimAlignment);
        Assert.Equal(DmarcAlignmentMode.Strict, record.SpfAlignment);
        Assert.Equal(25, record.Percent);
        Assert.Equal(["mailto:dmarc-feedback@example.com", "mailto:tld-test@thirdparty.example.net!10m"], record.AggregateReportUris);
        Assert.Equal(["mailto:auth-reports@thirdparty.example.net"], record.FailureReportUris);
        Assert.Equal("1:d", record.FailureOptions);
        Assert.Equal(3600, record.ReportInterval);
        Assert.Contains(record.Notes, n => n.StartsWith("pct=25", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Tag_names_and_keywords_are_case_insensitive_and_spaces_around_equals_are_allowed()
    {
        DmarcRecord record = DmarcRecordParser.Parse("V = DMARC1 ;P = Reject; ADKIM=S;");

        Assert.True(record.IsDmarc);
        Assert.Equal(DmarcPolicy.Reject, record.Policy);
        Assert.Equal(DmarcAlignmentMode.Strict, record.DkimAlignment);
        Assert.Empty(record.Problems);
    }

    [Fact]
    public void Unknown_tags_are_ignored_with_a_note()
    {
        DmarcRecord record = DmarcRecordParser.Parse("v=DMARC1; p=reject; np=reject; t=y");

        Assert.True(record.IsUsable);
        Assert.Empty(record.Problems);
        Assert.Contains(record.Notes, n => n.StartsWith("np=", System.StringComparison.Ordinal));
        Assert.Contains(record.Notes, n => n.StartsWith("t=", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Without_p_but_with_a_valid_rua_the_record_counts_as_p_none()
    {
        // RFC 7489 6.6.3 step 6, case 1.
        DmarcRecord record = DmarcRecordParser.Parse("v=DMARC1; rua=mailto:dmarc@corp.example");

        Assert.True(record.IsUsable);
        Assert.False(record.HasValidPolicy);
        Assert.Equal(DmarcPolicy.None, record.Policy);
        Assert.Contains(record.Problems, p => p.StartsWith("p= is missing", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Without_p_and_without_rua_receivers_apply_nothing()
    {
        // RFC 7489 6.6.3 step 6, case 2.
        DmarcRecord record = DmarcRecordParser.Parse("v=DMARC1; adkim=s");

        Assert.False(record.IsUsable);
        Assert.Equal(DmarcPolicy.NotPublished, record.Policy);
    }

    [Theory]
    [InlineData("v=DMARC1; p=rejected", "p=rejected")]
    [InlineData("v=DMARC1; p=reject; sp=drop", "sp=drop")]
    [InlineData("v=DMARC1; p=reject; adkim=relaxed", "adkim=relaxed")]
    [InlineData("v=DMARC1; p=reject; aspf=x", "aspf=x")]
    [InlineData("v=DMARC1; p=reject; pct=150", "pct=150")]
    [InlineData("v=DMARC1; p=reject; pct=half", "pct=half")]
    [InlineData("v=DMARC1; p=reject; rua=dmarc@corp.example", "rua=dmarc@corp.example")]
    [InlineData("v=DMARC1; p=reject; rua=mailto:dmarc@corp.example!10x", "rua=mailto:dmarc@corp.example!10x")]
    [InlineData("v=DMARC1; p=reject; ruf=mailto:nobody", "ruf=mailto:nobody")]
    [InlineData("v=DMARC1; p=reject; fo=2", "fo=2")]
    [InlineData("v=DMARC1; p=reject; rf=iodef", "rf=iodef")]
    [InlineData("v=DMARC1; p=reject; ri=-5", "ri=-5")]
    [InlineData("v=DMARC1; p=reject; p=none", "p= is given twice")]
    [InlineData("v=DMARC1; p=reject; garbage", "'garbage'")]
    public void Each_syntax_problem_names_its_tag(string text, string start)
    {
        DmarcRecord record = DmarcRecordParser.Parse(text);

        Assert.Contains(record.Problems, p => p.StartsWith(start, System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_mailto_is_explained()
    {
        DmarcRecord record = DmarcRecordParser.Parse("v=DMARC1; p=none; rua=dmarc@corp.example");

        Assert.Contains("write mailto:dmarc@corp.example", record.Problems.Single());
        Assert.False(record.HasValidAggregateReportUri);
    }

    [Fact]
    public void An_invalid_subdomain_policy_makes_the_record_act_as_p_none_when_rua_is_valid()
    {
        DmarcRecord record = DmarcRecordParser.Parse("v=DMARC1; p=reject; sp=drop; rua=mailto:d@corp.example");

        Assert.True(record.IsUsable);
        Assert.Equal(DmarcPolicy.None, record.Policy);
    }

    [Fact]
    public void The_version_must_come_first()
    {
        DmarcRecord record = DmarcRecordParser.Parse("p=reject; v=DMARC1");

        Assert.False(record.IsDmarc);
        Assert.False(record.IsUsable);
        Assert.Contains(record.Problems, p => p.StartsWith("v=DMARC1 must be the first tag", System.StringComparison.Ordinal));
        Assert.False(DmarcRecordParser.StartsWithDmarcVersion("p=reject; v=DMARC1"));
    }

    [Theory]
    [InlineData("v=DMARC1; p=none", true)]
    [InlineData("v = dmarc1;p=none", true)]
    [InlineData("v=DMARC1", true)]
    [InlineData("v=spf1 -all", false)]
    [InlineData("v=DMARC2; p=none", false)]
    [InlineData("google-site-verification=abc", false)]
    [InlineData("", false)]
    public void Recognizes_dmarc_records_for_discovery(string text, bool expected)
    {
        Assert.Equal(expected, DmarcRecordParser.StartsWithDmarcVersion(text));
    }
}
