using System.Linq;
using System.Net;
using RelayTools.Core.Dns.Spf;
using RelayTools.Tests.Fakes;

namespace RelayTools.Core.Tests.Dns.Spf;

public class SpfRecordAdvisorTests
{
    private static SpfRecordAdvice Advise(string? record, string ip, SpfCheckResult? evaluation = null) =>
        SpfRecordAdvisor.Advise(record, IPAddress.Parse(ip), evaluation);

    [Fact]
    public void Puts_the_address_right_after_the_version_and_keeps_the_rest()
    {
        SpfRecordAdvice a = Advise("v=spf1 include:spf.protection.outlook.com -all", "203.0.113.25");
        Assert.Equal("v=spf1 ip4:203.0.113.25 include:spf.protection.outlook.com -all", a.RecordToPublish);
        Assert.Equal("ip4:203.0.113.25", a.AddedTerm);
        Assert.True(a.Changed);
        Assert.Empty(a.Notes);
    }

    [Fact]
    public void Writes_a_new_record_when_there_is_none()
    {
        SpfRecordAdvice a = Advise(null, "203.0.113.25");
        Assert.Equal("v=spf1 ip4:203.0.113.25 -all", a.RecordToPublish);
        Assert.Equal("", a.CurrentRecord);
        Assert.Contains(a.Notes, n => n.Contains("no SPF record"));
        Assert.Equal("v=spf1 ip6:2001:db8::25 -all", Advise("", "2001:db8:0::25").RecordToPublish);
        Assert.Equal("v=spf1 ip4:203.0.113.25 -all", Advise("google-site-verification=x", "::ffff:203.0.113.25").RecordToPublish);
    }

    [Fact]
    public void Adds_no_duplicate_when_the_address_is_already_listed()
    {
        SpfRecordAdvice a = Advise("v=spf1 ip4:203.0.113.0/24 -all", "203.0.113.25");
        Assert.False(a.Changed);
        Assert.Equal("v=spf1 ip4:203.0.113.0/24 -all", a.RecordToPublish);
        Assert.Equal("", a.AddedTerm);
        Assert.Contains(a.Notes, n => n.Contains("already lists"));
    }

    [Fact]
    public void Points_out_a_term_that_fails_the_address()
    {
        SpfRecordAdvice a = Advise("v=spf1 -ip4:203.0.113.25 mx -all", "203.0.113.25");
        Assert.Equal("v=spf1 ip4:203.0.113.25 -ip4:203.0.113.25 mx -all", a.RecordToPublish);
        Assert.Contains(a.Notes, n => n.Contains("\"-ip4:203.0.113.25\" gives 203.0.113.25 fail"));
    }

    [Theory]
    [InlineData("v=spf1 mx +all", "\"+all\" lets every address")]
    [InlineData("v=spf1 mx all", "\"all\" lets every address")]
    [InlineData("v=spf1 mx ?all", "\"?all\" makes every unlisted sender neutral")]
    [InlineData("v=spf1 mx", "no \"all\"")]
    [InlineData("v=spf1 ptr -all", "\"ptr\"")]
    public void Notes_weak_endings_and_ptr(string record, string note) =>
        Assert.Contains(Advise(record, "203.0.113.25").Notes, n => n.Contains(note));

    [Fact]
    public void Says_when_the_record_is_over_the_lookup_limit()
    {
        string many = "v=spf1 " + string.Join(" ", Enumerable.Range(1, 11).Select(i => "include:s" + i + ".example")) + " -all";
        SpfRecordAdvice a = Advise(many, "203.0.113.25");
        Assert.StartsWith("v=spf1 ip4:203.0.113.25 include:s1.example", a.RecordToPublish);
        Assert.Contains(a.Notes, n => n.Contains("more than 10 DNS lookups"));

        string ten = "v=spf1 " + string.Join(" ", Enumerable.Range(1, 10).Select(i => "a:h" + i + ".example")) + " -all";
        Assert.Contains(Advise(ten, "203.0.113.25").Notes, n => n.Contains("uses all 10"));
    }

    [Fact]
    public void Uses_the_evaluation_to_see_lookups_hidden_in_includes()
    {
        var dns = new FakeDnsResolver()
            .Txt("corp.example", "v=spf1 include:big.example -all")
            .Txt("big.example", "v=spf1 " + string.Join(" ", Enumerable.Range(1, 10).Select(i => "a:h" + i + ".example")) + " -all");
        for (int i = 1; i <= 10; i++) dns.A("h" + i + ".example", "198.51.100." + i);
        SpfCheckResult check = SpfEvaluator.CheckHost(IPAddress.Parse("203.0.113.25"), "corp.example", null, null, dns);
        Assert.Equal(SpfResult.PermError, check.Result);
        SpfRecordAdvice a = SpfRecordAdvisor.Advise(check.Record, IPAddress.Parse("203.0.113.25"), check);
        Assert.Equal("v=spf1 ip4:203.0.113.25 include:big.example -all", a.RecordToPublish);
        Assert.Contains(a.Notes, n => n.Contains("more than 10 DNS lookups"));
    }

    [Fact]
    public void Keeps_a_broken_record_but_says_it_is_broken()
    {
        SpfRecordAdvice a = Advise("v=spf1 a:mail.example.com:25 -all", "203.0.113.25");
        Assert.Equal("v=spf1 ip4:203.0.113.25 a:mail.example.com:25 -all", a.RecordToPublish);
        Assert.Contains(a.Notes, n => n.Contains("syntax error") && n.Contains("a:mail.example.com:25"));
    }

    [Fact]
    public void Warns_when_the_record_outgrows_one_txt_string()
    {
        string longRecord = "v=spf1 " + string.Join(" ", Enumerable.Range(1, 16).Select(i => "ip4:198.51.100." + i)) + " -all";
        Assert.Contains(Advise(longRecord, "203.0.113.25").Notes, n => n.Contains("255"));
    }
}
