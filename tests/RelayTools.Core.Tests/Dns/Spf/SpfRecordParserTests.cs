using System.Linq;
using RelayTools.Core.Dns.Spf;

namespace RelayTools.Core.Tests.Dns.Spf;

public class SpfRecordParserTests
{
    [Fact]
    public void Reads_mechanisms_with_qualifiers_domain_specs_and_prefix_lengths()
    {
        SpfParseResult parsed = SpfRecordParser.Parse("v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a:mail.%{d}/28//64 -mx ~ptr ?exists:%{ir}.bl.example include:_spf.example.com -all");
        Assert.True(parsed.IsValid, parsed.Error);
        SpfMechanism[] m = parsed.Record!.Mechanisms;
        Assert.Equal(new[] { SpfMechanismKind.Ip4, SpfMechanismKind.Ip6, SpfMechanismKind.A, SpfMechanismKind.Mx, SpfMechanismKind.Ptr, SpfMechanismKind.Exists, SpfMechanismKind.Include, SpfMechanismKind.All },
            m.Select(x => x.Kind));
        Assert.Equal(new[] { SpfQualifier.Pass, SpfQualifier.Pass, SpfQualifier.Pass, SpfQualifier.Fail, SpfQualifier.SoftFail, SpfQualifier.Neutral, SpfQualifier.Pass, SpfQualifier.Fail },
            m.Select(x => x.Qualifier));
        Assert.Equal("192.0.2.0", m[0].Network);
        Assert.Equal(24, m[0].Ip4PrefixLength);
        Assert.Equal(32, m[1].Ip6PrefixLength);
        Assert.Equal("mail.%{d}", m[2].DomainSpec);
        Assert.Equal((28, 64), (m[2].Ip4PrefixLength, m[2].Ip6PrefixLength));
        Assert.Equal("", m[3].DomainSpec);
        Assert.Equal((32, 128), (m[3].Ip4PrefixLength, m[3].Ip6PrefixLength));
        Assert.Equal("_spf.example.com", m[6].DomainSpec);
        Assert.Equal(5, parsed.Record.DnsLookupTerms);
    }

    [Fact]
    public void Reads_modifiers_and_keeps_unknown_ones()
    {
        SpfRecord r = SpfRecordParser.Parse("v=spf1 mx REDIRECT=_spf.example.com exp=explain.%{d} moo.cow-far_out=man:dog/cat").Record!;
        Assert.Equal("_spf.example.com", r.Redirect!.Value);
        Assert.Equal("explain.%{d}", r.Explanation!.Value);
        Assert.Equal(new[] { "redirect", "exp", "moo.cow-far_out" }, r.Modifiers.Select(x => x.Name));
        Assert.False(r.HasAll);
        Assert.Equal(2, r.DnsLookupTerms); // mx and the redirect
    }

    [Theory]
    [InlineData("v=spf1 -all", true)]
    [InlineData("V=SPF1 -all", true)]
    [InlineData("v=spf1", true)]
    [InlineData("v=spf10 -all", false)]
    [InlineData("v=spf1mx", false)]
    [InlineData(" v=spf1 -all", false)]
    [InlineData("spf2.0/pra -all", false)]
    [InlineData("", false)]
    public void Recognises_version_1_records_only(string text, bool expected) =>
        Assert.Equal(expected, SpfRecordParser.IsSpfRecord(text));

    [Fact]
    public void Selects_the_one_spf_record_among_other_txt_records()
    {
        SpfRecordSelection s = SpfRecordSelection.From(new[] { "google-site-verification=abc", "v=spf1 mx -all", "v=spf10 +all" });
        Assert.Equal("v=spf1 mx -all", s.Record);
        Assert.False(s.HasMultiple);
        SpfRecordSelection two = SpfRecordSelection.From(new[] { "v=spf1 -all", "V=spf1 +all" });
        Assert.True(two.HasMultiple);
        Assert.Null(two.Record);
    }

    [Theory]
    [InlineData("v=spf1 ip4:1.2.3.4 -all moo", "moo", "not a mechanism")]
    [InlineData("v=spf1 a:foo-bar -all", "a:foo-bar", "dot and a top label")]
    [InlineData("v=spf1 a:111.222.33.44", "a:111.222.33.44", "top label")]
    [InlineData("v=spf1 include: -all", "include:", "empty")]
    [InlineData("v=spf1 include -all", "include", "needs \":domain\"")]
    [InlineData("v=spf1 ip4:1.2.3 -all", "ip4:1.2.3", "not an IPv4")]
    [InlineData("v=spf1 ip4:1.2.3.4/032", "ip4:1.2.3.4/032", "prefix length")]
    [InlineData("v=spf1 ip4:1.2.3.4/33", "ip4:1.2.3.4/33", "prefix length")]
    [InlineData("v=spf1 ip6:::1/129", "ip6:::1/129", "prefix length")]
    [InlineData("v=spf1 ip6::CAFE::BABE", "ip6::CAFE::BABE", "not an IPv6")]
    [InlineData("v=spf1 a/24/64", "a/24/64", "prefix length")]
    [InlineData("v=spf1 ptr/0", "ptr/0", "no prefix length")]
    [InlineData("v=spf1 -all/8", "-all/8", "no argument")]
    [InlineData("v=spf1 redirect:_spf.example.com", "redirect:_spf.example.com", "redirect is a modifier")]
    [InlineData("v=spf1 exp=a.example exp=b.example -all", "exp=b.example", "more than once")]
    [InlineData("v=spf1 exp= -all", "exp=", "empty")]
    [InlineData("v=spf1 -all foo=%abc", "foo=%abc", "not a macro")]
    [InlineData("v=spf1 exists:%{r}.example.com", "exists:%{r}.example.com", "only in explanation")]
    [InlineData("v=spf1 exists:%{d0}.example.com", "exists:%{d0}.example.com", "must not be 0")]
    [InlineData("v=spf1 exists:%{a}.example.com", "exists:%{a}.example.com", "not a macro letter")]
    [InlineData("v=spf1 exists:%{d.example.com", "exists:%{d.example.com", "closing")]
    [InlineData("v=spf1 1up=foo", "1up=foo", "not a mechanism")]
    [InlineData("v=spf1 a:mail.example.com\tmx -all", "a:mail.example.com\tmx", "0x09")]
    public void Names_the_term_at_fault(string record, string term, string reason)
    {
        SpfParseResult parsed = SpfRecordParser.Parse(record);
        Assert.False(parsed.IsValid);
        Assert.Equal(term, parsed.Term);
        Assert.Contains(reason, parsed.Error);
    }

    [Theory]
    [InlineData("v=spf1 a:foo:bar/baz.example.com", "foo:bar/baz.example.com", 32)] // "/" inside a domain-spec is not a prefix
    [InlineData("v=spf1 a:example.com/24", "example.com", 24)]
    [InlineData("v=spf1 a:foo.example.xn--zckzah", "foo.example.xn--zckzah", 32)]
    [InlineData("v=spf1 a:%{H}", "%{H}", 32)] // a domain-spec may end in a macro
    [InlineData("v=spf1 a:example.com.", "example.com.", 32)]
    public void Takes_the_prefix_length_only_from_the_end(string record, string spec, int prefix)
    {
        SpfMechanism m = SpfRecordParser.Parse(record).Record!.Mechanisms[0];
        Assert.Equal(spec, m.DomainSpec);
        Assert.Equal(prefix, m.Ip4PrefixLength);
    }

    [Fact]
    public void Counts_only_spaces_as_term_separators_and_allows_trailing_ones()
    {
        Assert.Equal(2, SpfRecordParser.Parse("v=spf1  a   -all  ").Record!.Mechanisms.Length);
    }
}
