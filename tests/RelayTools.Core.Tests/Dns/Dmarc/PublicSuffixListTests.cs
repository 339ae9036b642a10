using RelayTools.Core.Dns.Dmarc;

namespace RelayTools.Core.Tests.Dns.Dmarc;

public class PublicSuffixListTests
{
    // RFC 7489 3.2: the public suffix plus one label; an unlisted TLD is a suffix by the implicit "*" rule.
    [Theory]
    [InlineData("corp.example", "corp.example")]
    [InlineData("mail.corp.example", "corp.example")]
    [InlineData("a.b.mail.corp.example", "corp.example")]
    [InlineData("example.com", "example.com")]
    [InlineData("news.example.com", "example.com")]
    [InlineData("Mail.Example.COM.", "example.com")]
    [InlineData("shop.example.co.uk", "example.co.uk")]
    [InlineData("example.co.uk", "example.co.uk")]
    [InlineData("mx.example.com.au", "example.com.au")]
    [InlineData("www.example.co.jp", "example.co.jp")]
    // *.ck makes every second-level name under ck a suffix; !www.ck is the exception.
    [InlineData("shop.example.gov.ck", "example.gov.ck")]
    [InlineData("www.ck", "www.ck")]
    [InlineData("mail.www.ck", "www.ck")]
    public void Organizational_domain(string domain, string expected)
    {
        Assert.Equal(expected, PublicSuffixList.Builtin.GetOrganizationalDomain(domain));
    }

    [Theory]
    [InlineData("com", true)]
    [InlineData("co.uk", true)]
    [InlineData("example", true)]
    [InlineData("gov.ck", true)]
    [InlineData("www.ck", false)]
    [InlineData("example.com", false)]
    public void Public_suffixes(string domain, bool expected)
    {
        Assert.Equal(expected, PublicSuffixList.Builtin.IsPublicSuffix(domain));
    }

    [Fact]
    public void A_public_suffix_is_its_own_organizational_domain()
    {
        Assert.Equal("co.uk", PublicSuffixList.Builtin.GetOrganizationalDomain("co.uk"));
    }

    [Fact]
    public void Reads_a_list_in_the_public_suffix_format()
    {
        var list = PublicSuffixList.Parse("// comment\n\ncom\nexample.com  trailing words are not part of the rule\n*.wild.test\n!keep.wild.test\n");

        Assert.Equal(4, list.RuleCount);
        Assert.False(list.IsBuiltinSubset);
        Assert.Equal("tenant.example.com", list.GetOrganizationalDomain("mail.tenant.example.com"));
        Assert.Equal("x.y.wild.test", list.GetOrganizationalDomain("mail.x.y.wild.test"));
        Assert.Equal("keep.wild.test", list.GetOrganizationalDomain("mail.keep.wild.test"));
    }

    [Fact]
    public void The_builtin_list_is_marked_as_a_subset()
    {
        Assert.True(PublicSuffixList.Builtin.IsBuiltinSubset);
        Assert.Equal(PublicSuffixList.BuiltinRules.Length, PublicSuffixList.Builtin.RuleCount);
    }
}
