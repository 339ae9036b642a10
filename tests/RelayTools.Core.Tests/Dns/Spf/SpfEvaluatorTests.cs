using System;
using System.Linq;
using System.Net;
using System.Threading;
using RelayTools.Core.Dns.Spf;
using RelayTools.Tests.Fakes;

namespace RelayTools.Core.Tests.Dns.Spf;

public class SpfEvaluatorTests
{
    private static SpfCheckResult Check(FakeDnsResolver dns, string ip, string domain = "corp.example", string? sender = null, string? helo = null, SpfEvaluationOptions? options = null) =>
        SpfEvaluator.CheckHost(IPAddress.Parse(ip), domain, sender, helo, dns, options);

    private static FakeDnsResolver Corp() => new FakeDnsResolver()
        .Txt("corp.example", "v=spf1 ip4:198.51.100.0/24 include:_spf.mail.example -all")
        .Txt("_spf.mail.example", "v=spf1 ip4:192.0.2.0/28 ip6:2001:db8:25::/48 ~all");

    [Fact]
    public void Passes_through_an_include_and_shows_the_path()
    {
        SpfCheckResult r = Check(Corp(), "192.0.2.7");
        Assert.Equal(SpfResult.Pass, r.Result);
        Assert.Equal("include:_spf.mail.example", r.DecidedBy);
        Assert.Equal("v=spf1 ip4:198.51.100.0/24 include:_spf.mail.example -all", r.Record);
        Assert.Equal(1, r.LookupCount);
        Assert.Equal(
            new[] { (0, "corp.example", SpfStepKind.Record), (0, "corp.example", SpfStepKind.Mechanism), (0, "corp.example", SpfStepKind.Mechanism),
                (1, "_spf.mail.example", SpfStepKind.Record), (1, "_spf.mail.example", SpfStepKind.Mechanism) },
            r.Path.Select(s => (s.Depth, s.Domain, s.Kind)));
        Assert.Equal("match: pass", r.Path[4].Outcome);
        Assert.Equal("  _spf.mail.example: ip4:192.0.2.0/28 -> match: pass", r.Path[4].ToString());
        Assert.True(r.Path[2].Matched);
    }

    [Fact]
    public void Fails_on_minus_all_when_the_include_softfails()
    {
        SpfCheckResult r = Check(Corp(), "203.0.113.25");
        Assert.Equal(SpfResult.Fail, r.Result);
        Assert.Equal("-all", r.DecidedBy);
        Assert.Contains(r.Path, s => s.Term == "include:_spf.mail.example" && s.Outcome.Contains("gave softfail"));
        Assert.Equal(SpfProblemKind.None, r.ProblemKind);
        Assert.Equal("", r.Problem);
    }

    [Fact]
    public void Matches_ipv6_and_treats_ipv4_mapped_addresses_as_ipv4()
    {
        Assert.Equal(SpfResult.Pass, Check(Corp(), "2001:db8:25::9").Result);
        SpfCheckResult mapped = Check(Corp(), "::ffff:198.51.100.20");
        Assert.Equal(SpfResult.Pass, mapped.Result);
        Assert.Equal("ip4:198.51.100.0/24", mapped.DecidedBy);
        Assert.Equal("::ffff:198.51.100.20", mapped.SendingAddress);
        Assert.Contains(mapped.Notes, n => n.Contains("IPv4-mapped"));
    }

    [Fact]
    public void Follows_a_redirect_and_names_both_terms()
    {
        var dns = new FakeDnsResolver()
            .Txt("corp.example", "v=spf1 redirect=_spf.corp.example")
            .Txt("_spf.corp.example", "v=spf1 a -all")
            .A("_spf.corp.example", "192.0.2.80");
        SpfCheckResult pass = Check(dns, "192.0.2.80");
        Assert.Equal(SpfResult.Pass, pass.Result);
        Assert.Equal("redirect=_spf.corp.example > a", pass.DecidedBy);
        Assert.Equal(2, pass.LookupCount);
        Assert.Equal("redirect=_spf.corp.example > -all", Check(dns, "192.0.2.81").DecidedBy);
    }

    [Fact]
    public void Matches_mx_hosts_and_skips_a_null_mx()
    {
        var dns = new FakeDnsResolver()
            .Txt("corp.example", "v=spf1 mx -all")
            .Mx("corp.example", 20, "mx2.corp.example")
            .Mx("corp.example", 10, ".")
            .A("mx2.corp.example", "192.0.2.20");
        SpfCheckResult r = Check(dns, "192.0.2.20");
        Assert.Equal(SpfResult.Pass, r.Result);
        Assert.Contains("MX mx2.corp.example has 192.0.2.20", r.Path[1].Outcome);
        Assert.DoesNotContain(dns.Queries, q => q == "A .");
    }

    [Fact]
    public void A_timeout_is_temperror_naming_the_lookup_and_the_server_asked()
    {
        var dns = new FakeDnsResolver { Server = "127.0.0.1:5353" }
            .Txt("corp.example", "v=spf1 mx -all")
            .Timeout("corp.example", FakeDnsType.Mx);
        SpfCheckResult r = Check(dns, "192.0.2.1");
        Assert.Equal(SpfResult.TempError, r.Result);
        Assert.Equal(SpfProblemKind.Dns, r.ProblemKind);
        Assert.Equal("mx", r.DecidedBy);
        Assert.StartsWith("timeout asking 127.0.0.1:5353 for the MX records of corp.example", r.Problem);

        var servfail = new FakeDnsResolver { Server = "10.0.0.53:53" }.ServerFailure("corp.example", FakeDnsType.Txt);
        SpfCheckResult s = Check(servfail, "192.0.2.1");
        Assert.Equal(SpfResult.TempError, s.Result);
        Assert.StartsWith("server failure asking 10.0.0.53:53 for the TXT records of corp.example", s.Problem);
    }

    [Fact]
    public void The_eleventh_dns_querying_term_is_permerror_even_across_includes()
    {
        var dns = new FakeDnsResolver()
            .Txt("corp.example", "v=spf1 include:a.example include:b.example ip4:192.0.2.1 -all")
            .Txt("a.example", "v=spf1 a:h1.example a:h2.example a:h3.example a:h4.example -all")
            .Txt("b.example", "v=spf1 a:h5.example a:h6.example a:h7.example a:h8.example a:h9.example -all");
        for (int i = 1; i <= 9; i++) dns.A("h" + i + ".example", "198.51.100." + i);
        SpfCheckResult r = Check(dns, "192.0.2.1");
        Assert.Equal(SpfResult.PermError, r.Result);
        Assert.Equal(SpfProblemKind.LookupLimit, r.ProblemKind);
        Assert.Equal("a:h9.example", r.DecidedBy);
        Assert.Equal(10, r.LookupCount);
        Assert.Contains("term 11", r.Problem);

        // Ten are fine (2 includes and 8 a).
        dns.Txt("b2.example", "v=spf1 a:h5.example a:h6.example a:h7.example a:h8.example -all")
            .Txt("ok.example", "v=spf1 include:a.example include:b2.example ip4:192.0.2.1 -all");
        Assert.Equal(SpfResult.Pass, Check(dns, "192.0.2.1", "ok.example").Result);
    }

    [Fact]
    public void The_third_void_lookup_is_permerror_and_the_limit_can_be_configured()
    {
        var dns = new FakeDnsResolver().Txt("corp.example", "v=spf1 a:gone1.example a:gone2.example a:gone3.example ip4:192.0.2.1 -all");
        SpfCheckResult r = Check(dns, "192.0.2.1");
        Assert.Equal(SpfResult.PermError, r.Result);
        Assert.Equal(SpfProblemKind.VoidLookupLimit, r.ProblemKind);
        Assert.Equal("a:gone3.example", r.DecidedBy);
        Assert.Equal(3, r.VoidLookupCount);
        Assert.Equal(SpfResult.Pass, Check(dns, "192.0.2.1", options: new SpfEvaluationOptions { MaxVoidLookups = 3 }).Result);
    }

    [Fact]
    public void More_than_ten_mx_records_is_permerror()
    {
        var dns = new FakeDnsResolver().Txt("corp.example", "v=spf1 mx -all");
        for (int i = 0; i < 11; i++) dns.Mx("corp.example", i, "mx" + i + ".corp.example");
        SpfCheckResult r = Check(dns, "192.0.2.1");
        Assert.Equal(SpfResult.PermError, r.Result);
        Assert.Equal(SpfProblemKind.MxLimit, r.ProblemKind);
    }

    [Fact]
    public void Ptr_matches_validated_names_only_and_is_noted_as_discouraged()
    {
        var dns = new FakeDnsResolver()
            .Txt("corp.example", "v=spf1 ptr -all")
            .Ptr("192.0.2.9", "forged.corp.example", "host9.corp.example")
            .A("host9.corp.example", "192.0.2.9")
            .Ptr("192.0.2.10", "forged.corp.example");
        SpfCheckResult pass = Check(dns, "192.0.2.9");
        Assert.Equal(SpfResult.Pass, pass.Result);
        Assert.Contains("host9.corp.example", pass.Path[1].Outcome);
        Assert.Contains(pass.Notes, n => n.Contains("\"ptr\"") && n.Contains("5.5"));
        Assert.Equal(SpfResult.Fail, Check(dns, "192.0.2.10").Result);

        // A DNS error on the PTR lookup is no match, not temperror (5.5).
        var broken = new FakeDnsResolver().Txt("corp.example", "v=spf1 ptr ?all").Timeout("10.2.0.192.in-addr.arpa");
        Assert.Equal(SpfResult.Neutral, Check(broken, "192.0.2.10").Result);
    }

    [Fact]
    public void Explains_a_fail_with_the_exp_text_and_its_macros()
    {
        var dns = new FakeDnsResolver()
            .Txt("corp.example", "v=spf1 ip4:192.0.2.1 -all exp=why.%{d}")
            .Txt("why.corp.example", "%{i} may not send as %{s}; ask %{r} at %{t} (see http://corp.example/spf?d=%{D})");
        var options = new SpfEvaluationOptions { ReceiverName = "mx.receiver.example", Now = DateTimeOffset.FromUnixTimeSeconds(1700000000) };
        SpfCheckResult r = Check(dns, "203.0.113.25", sender: "alice@corp.example", options: options);
        Assert.Equal(SpfResult.Fail, r.Result);
        Assert.Equal("203.0.113.25 may not send as alice@corp.example; ask mx.receiver.example at 1700000000 (see http://corp.example/spf?d=corp.example)", r.Explanation);
        Assert.Equal(0, r.LookupCount); // the exp lookup counts against no limit
        Assert.Equal("", Check(dns, "192.0.2.1").Explanation);
    }

    [Fact]
    public void An_unusable_exp_is_ignored_with_a_note()
    {
        var dns = new FakeDnsResolver()
            .Txt("corp.example", "v=spf1 -all exp=why.corp.example")
            .Txt("why.corp.example", "one", "two");
        SpfCheckResult r = Check(dns, "192.0.2.1");
        Assert.Equal(SpfResult.Fail, r.Result);
        Assert.Equal("", r.Explanation);
        Assert.Contains(r.Notes, n => n.Contains("exp=why.corp.example was ignored") && n.Contains("2 TXT records"));
    }

    [Fact]
    public void Uses_postmaster_at_the_helo_or_domain_when_there_is_no_sender()
    {
        var dns = new FakeDnsResolver().Txt("corp.example", "v=spf1 exists:%{l}.%{o}.allow.example -all").A("postmaster.corp.example.allow.example", "127.0.0.2");
        SpfCheckResult r = Check(dns, "192.0.2.1");
        Assert.Equal("postmaster@corp.example", r.Sender);
        Assert.Equal(SpfResult.Pass, r.Result);
        SpfCheckResult viaHelo = SpfEvaluator.CheckHost(IPAddress.Parse("192.0.2.1"), null, "", "corp.example", dns);
        Assert.Equal("corp.example", viaHelo.Domain);
        Assert.Equal(SpfResult.Pass, viaHelo.Result);
    }

    [Fact]
    public void Notes_an_h_macro_without_a_helo_name()
    {
        var dns = new FakeDnsResolver().Txt("corp.example", "v=spf1 a:%{h} -all");
        SpfCheckResult r = Check(dns, "192.0.2.1");
        Assert.Equal(SpfResult.Fail, r.Result);
        Assert.Contains(r.Notes, n => n.Contains("%{h}"));
    }

    [Theory]
    [InlineData("nonexistent.example", SpfResult.None)]
    [InlineData("localhost", SpfResult.None)]
    [InlineData("[192.0.2.1]", SpfResult.None)]
    [InlineData("192.0.2.1", SpfResult.None)]
    [InlineData("a..example", SpfResult.None)]
    public void Is_none_without_a_valid_domain_or_a_record(string domain, SpfResult expected)
    {
        SpfCheckResult r = Check(new FakeDnsResolver(), "192.0.2.1", domain);
        Assert.Equal(expected, r.Result);
        Assert.Equal("", r.Record);
        Assert.Contains(r.Notes, n => n.StartsWith("No SPF record", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_spf_records_are_permerror()
    {
        var dns = new FakeDnsResolver().Txt("corp.example", "v=spf1 -all", "v=spf1 mx -all");
        SpfCheckResult r = Check(dns, "192.0.2.1");
        Assert.Equal(SpfResult.PermError, r.Result);
        Assert.Equal(SpfProblemKind.MultipleRecords, r.ProblemKind);
        Assert.Contains("2 SPF records", r.Problem);
    }

    [Fact]
    public void A_syntax_error_names_the_term_even_after_a_match()
    {
        var dns = new FakeDnsResolver().Txt("corp.example", "v=spf1 ip4:192.0.2.1 a:foo..example -all ip4:192.0.2.300");
        SpfCheckResult r = Check(dns, "192.0.2.1");
        Assert.Equal(SpfResult.PermError, r.Result);
        Assert.Equal(SpfProblemKind.Syntax, r.ProblemKind);
        Assert.Equal("ip4:192.0.2.300", r.DecidedBy);
        Assert.Contains("192.0.2.300", r.Problem);
    }

    [Fact]
    public void An_include_of_a_domain_without_a_record_is_permerror()
    {
        var dns = new FakeDnsResolver().Txt("corp.example", "v=spf1 include:spf.gone.example -all");
        SpfCheckResult r = Check(dns, "192.0.2.1");
        Assert.Equal(SpfResult.PermError, r.Result);
        Assert.Equal(SpfProblemKind.MissingTarget, r.ProblemKind);
        Assert.Equal("include:spf.gone.example", r.DecidedBy);
    }

    [Fact]
    public void The_default_is_neutral_with_a_note()
    {
        SpfCheckResult r = Check(new FakeDnsResolver().Txt("corp.example", "v=spf1 ip4:192.0.2.1"), "192.0.2.2");
        Assert.Equal(SpfResult.Neutral, r.Result);
        Assert.Equal("", r.DecidedBy);
        Assert.Contains(r.Notes, n => n.Contains("4.7"));
    }

    [Fact]
    public void Cancellation_stops_the_check()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            SpfEvaluator.CheckHost(IPAddress.Parse("192.0.2.1"), "corp.example", null, null, Corp(), cts.Token));
    }

    [Fact]
    public void The_result_reads_as_one_line()
    {
        Assert.Equal("fail for 203.0.113.25 at corp.example (-all)", Check(Corp(), "203.0.113.25").ToString());
    }
}
