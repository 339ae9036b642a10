using System;
using System.Linq;
using RelayTools.Core.Dns;
using RelayTools.Core.Dns.Dmarc;

namespace RelayTools.Core.Tests.Dns.Dmarc;

public class DmarcPolicyDiscoveryTests
{
    private static DmarcCheckResult Discover(DnsTestZone zone, string domain) => new DmarcPolicyDiscovery(zone).Discover(domain);

    [Fact]
    public void Finds_the_record_at_the_domain()
    {
        var zone = new DnsTestZone().Txt("_dmarc.corp.example", "v=DMARC1; p=reject; aspf=s; rua=mailto:dmarc@corp.example");

        DmarcCheckResult result = Discover(zone, "corp.example");

        Assert.Equal(DmarcRecordStatus.Found, result.Status);
        Assert.True(result.Found);
        Assert.Equal("corp.example", result.RecordDomain);
        Assert.Equal(DmarcPolicy.Reject, result.Policy);
        Assert.Equal(DmarcPolicy.Reject, result.EffectivePolicy);
        Assert.Equal(DmarcAlignmentMode.Strict, result.AspfMode);
        Assert.Equal(DmarcAlignmentMode.Relaxed, result.AdkimMode);
        Assert.Equal("SPF passes but aligns only if the MAIL FROM domain is corp.example (aspf=s)", result.SpfAlignment);
        Assert.Equal("DKIM passes but aligns only if the signature's d= domain is corp.example or any domain under it (adkim=r, relaxed: any domain under corp.example)", result.DkimAlignment);
        Assert.Empty(result.Problems);
        Assert.Equal("", result.SuggestedRecord);
        Assert.Equal(["_dmarc.corp.example"], result.Lookups);
    }

    [Fact]
    public void Falls_back_to_the_organizational_domain_and_applies_sp()
    {
        // RFC 7489 6.6.3 step 3 (and Appendix B.2's subdomain policy): no record at the subdomain itself.
        var zone = new DnsTestZone().Txt("_dmarc.corp.example", "v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@corp.example");

        DmarcCheckResult result = Discover(zone, "Mail.Corp.Example.");

        Assert.Equal(DmarcRecordStatus.Found, result.Status);
        Assert.Equal("mail.corp.example", result.Domain);
        Assert.Equal("corp.example", result.OrganizationalDomain);
        Assert.Equal("corp.example", result.RecordDomain);
        Assert.Equal(DmarcPolicy.Reject, result.Policy);
        Assert.Equal(DmarcPolicy.Quarantine, result.SubdomainPolicy);
        Assert.Equal(DmarcPolicy.Quarantine, result.EffectivePolicy);
        Assert.Equal(["_dmarc.mail.corp.example", "_dmarc.corp.example"], result.Lookups);
        Assert.Contains(result.Notes, n => n.Contains("sp= policy (RFC 7489 6.6.3 step 3)"));
    }

    [Fact]
    public void Without_sp_the_fallback_applies_p()
    {
        var zone = new DnsTestZone().Txt("_dmarc.corp.example", "v=DMARC1; p=reject");

        DmarcCheckResult result = Discover(zone, "mail.corp.example");

        Assert.Equal(DmarcPolicy.Reject, result.EffectivePolicy);
    }

    [Fact]
    public void A_subdomain_record_wins_over_the_organizational_one()
    {
        var zone = new DnsTestZone()
            .Txt("_dmarc.corp.example", "v=DMARC1; p=reject")
            .Txt("_dmarc.news.corp.example", "v=DMARC1; p=none");

        DmarcCheckResult result = Discover(zone, "news.corp.example");

        Assert.Equal("news.corp.example", result.RecordDomain);
        Assert.Equal(DmarcPolicy.None, result.EffectivePolicy);
        Assert.Equal(["_dmarc.news.corp.example"], result.Lookups);
    }

    [Fact]
    public void Txt_records_that_are_not_dmarc_are_ignored()
    {
        // RFC 7489 6.6.3 step 2: an SPF record wrongly published at _dmarc does not count...
        var zone = new DnsTestZone()
            .Txt("_dmarc.mail.corp.example", "v=spf1 -all")
            .Txt("_dmarc.corp.example", "v=DMARC1; p=quarantine", "some-verification=123");

        DmarcCheckResult result = Discover(zone, "mail.corp.example");

        // ...so the set is empty and discovery goes on to the organizational domain.
        Assert.Equal(DmarcRecordStatus.Found, result.Status);
        Assert.Equal("corp.example", result.RecordDomain);
        Assert.Equal(DmarcPolicy.Quarantine, result.EffectivePolicy);
        Assert.Equal(2, result.Notes.Count(n => n.StartsWith("TXT at _dmarc.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Several_records_mean_no_dmarc()
    {
        // RFC 7489 6.6.3 step 5.
        var zone = new DnsTestZone().Txt("_dmarc.corp.example", "v=DMARC1; p=reject", "v=DMARC1; p=none; rua=mailto:d@corp.example");

        DmarcCheckResult result = Discover(zone, "corp.example");

        Assert.Equal(DmarcRecordStatus.Multiple, result.Status);
        Assert.False(result.Found);
        Assert.Equal(DmarcPolicy.NotPublished, result.EffectivePolicy);
        Assert.Equal(2, result.Records.Length);
        Assert.Contains(result.Problems, p => p.StartsWith("2 DMARC records at _dmarc.corp.example", StringComparison.Ordinal));
        Assert.Equal("v=DMARC1; p=reject", result.SuggestedRecord);
        Assert.Equal("_dmarc.corp.example", result.SuggestedRecordName);
        Assert.StartsWith("no DMARC policy applies", result.SpfAlignment);
    }

    [Fact]
    public void Several_records_at_the_domain_do_not_fall_back()
    {
        var zone = new DnsTestZone()
            .Txt("_dmarc.mail.corp.example", "v=DMARC1; p=none", "v=DMARC1; p=none")
            .Txt("_dmarc.corp.example", "v=DMARC1; p=reject");

        DmarcCheckResult result = Discover(zone, "mail.corp.example");

        Assert.Equal(DmarcRecordStatus.Multiple, result.Status);
        Assert.Equal(["_dmarc.mail.corp.example"], result.Lookups);
    }

    [Fact]
    public void No_record_suggests_a_monitoring_record_at_the_organizational_domain()
    {
        DmarcCheckResult result = Discover(new DnsTestZone(), "mail.corp.example");

        Assert.Equal(DmarcRecordStatus.NotFound, result.Status);
        Assert.Equal(DmarcPolicy.NotPublished, result.EffectivePolicy);
        Assert.Equal("v=DMARC1; p=none; rua=mailto:dmarc@corp.example", result.SuggestedRecord);
        Assert.Equal("_dmarc.corp.example", result.SuggestedRecordName);
        Assert.Contains(result.Problems, p => p.Contains("nor at _dmarc.corp.example"));
    }

    [Fact]
    public void A_timeout_is_a_temperror_naming_the_server()
    {
        var zone = new DnsTestZone().Fail("_dmarc.corp.example", "TXT", DnsLookupStatus.Timeout);

        DmarcCheckResult result = Discover(zone, "corp.example");

        Assert.Equal(DmarcRecordStatus.TempError, result.Status);
        Assert.Equal(DmarcPolicy.NotPublished, result.EffectivePolicy);
        Assert.Contains(result.Problems, p => p.Contains("timeout asking " + DnsTestZone.ServerName));
        Assert.Equal("", result.SuggestedRecord);
    }

    [Fact]
    public void A_server_failure_at_the_organizational_domain_is_a_temperror()
    {
        var zone = new DnsTestZone().Fail("_dmarc.corp.example", "TXT", DnsLookupStatus.ServerFailure);

        DmarcCheckResult result = Discover(zone, "mail.corp.example");

        Assert.Equal(DmarcRecordStatus.TempError, result.Status);
        Assert.Contains(result.Problems, p => p.StartsWith("TXT _dmarc.corp.example: server failure asking " + DnsTestZone.ServerName, StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_record_gets_a_repaired_one_built_from_it()
    {
        var zone = new DnsTestZone().Txt("_dmarc.corp.example", "v=DMARC1; p=rejected; aspf=s; pct=200; rua=dmarc@corp.example; x=1");

        DmarcCheckResult result = Discover(zone, "corp.example");

        // p is invalid and the only rua is not a URI, so receivers apply nothing (6.6.3 step 6).
        Assert.Equal(DmarcRecordStatus.Unusable, result.Status);
        Assert.True(result.Found);
        Assert.Equal(DmarcPolicy.NotPublished, result.EffectivePolicy);
        Assert.Equal("v=DMARC1; p=none; aspf=s; rua=mailto:dmarc@corp.example", result.SuggestedRecord);
        Assert.Equal("_dmarc.corp.example", result.SuggestedRecordName);
        Assert.Contains(result.Problems, p => p.StartsWith("p=rejected", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("pct=200", StringComparison.Ordinal));
    }

    [Fact]
    public void A_usable_record_with_a_problem_keeps_its_policy_in_the_repair()
    {
        var zone = new DnsTestZone().Txt("_dmarc.corp.example", "p=reject; v=DMARC1");
        DmarcCheckResult misordered = Discover(zone, "corp.example");

        // v= not first: receivers discard it, so the set is empty.
        Assert.Equal(DmarcRecordStatus.NotFound, misordered.Status);

        zone = new DnsTestZone().Txt("_dmarc.corp.example", "v=DMARC1; p=reject; sp=none; adkim=x; rua=mailto:d@corp.example");
        DmarcCheckResult result = Discover(zone, "corp.example");

        Assert.Equal(DmarcRecordStatus.Found, result.Status);
        Assert.Equal(DmarcPolicy.Reject, result.EffectivePolicy);
        Assert.Equal("v=DMARC1; p=reject; sp=none; rua=mailto:d@corp.example", result.SuggestedRecord);
    }

    [Fact]
    public void Reports_to_another_organization_need_its_authorization()
    {
        // RFC 7489 7.1 and Appendix B.2.4: thirdparty.example.net authorizes reports about example.com.
        var zone = new DnsTestZone()
            .Txt("_dmarc.example.com", "v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com,mailto:tld-test@thirdparty.example.net,mailto:r@other.example.org")
            .Txt("example.com._report._dmarc.thirdparty.example.net", "v=DMARC1");

        DmarcCheckResult result = Discover(zone, "example.com");

        Assert.Equal(["_dmarc.example.com", "example.com._report._dmarc.thirdparty.example.net", "example.com._report._dmarc.other.example.org"], result.Lookups);
        Assert.DoesNotContain(result.Notes, n => n.StartsWith("reports go to thirdparty", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("reports go to other.example.org", StringComparison.Ordinal));
    }

    [Fact]
    public void Takes_the_domain_of_an_address()
    {
        var zone = new DnsTestZone().Txt("_dmarc.corp.example", "v=DMARC1; p=none");

        Assert.Equal("corp.example", Discover(zone, "alerts@corp.example").Domain);
    }
}
