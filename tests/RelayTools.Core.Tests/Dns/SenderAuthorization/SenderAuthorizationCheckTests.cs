using System.Linq;
using System.Net;
using RelayTools.Core.Dns.Dmarc;
using RelayTools.Core.Dns.ReverseDns;
using RelayTools.Core.Dns.SenderAuthorization;
using RelayTools.Core.Dns.Spf;
using RelayTools.Core.Postfix;
using RelayTools.Tests.Fakes;

namespace RelayTools.Core.Tests.Dns.SenderAuthorization;

// The relay's next error: its egress address (203.0.113.25, RFC 5737) sends for corp.example. Each case is a zone a
// real domain publishes, and the answer receivers give it (RFC 7208 for SPF, RFC 7489 for DMARC).
public class SenderAuthorizationCheckTests
{
    static readonly IPAddress Relay = IPAddress.Parse("203.0.113.25");

    static FakeDnsResolver Zone(string spf, string? dmarc = "v=DMARC1; p=reject; aspf=s")
    {
        var dns = new FakeDnsResolver()
            .Txt("corp.example", spf)
            .Txt("spf.protection.outlook.com", "v=spf1 ip4:40.92.0.0/15 -all")
            .Ptr("203.0.113.25", "relay.corp.example")
            .A("relay.corp.example", "203.0.113.25");
        if (dmarc != null) dns.Txt("_dmarc.corp.example", dmarc);
        return dns;
    }

    static SenderAuthorizationResult Run(FakeDnsResolver dns, string mailFrom = "", params string[] selectors) =>
        SenderAuthorizationCheck.Run(new SenderAuthorizationQuery { Domain = "corp.example", SendingAddress = Relay, HeloName = "relay.corp.example", MailFrom = mailFrom, DkimSelectors = selectors }, dns);

    [Fact]
    public void An_authorized_aligned_relay_with_confirmed_reverse_DNS_passes()
    {
        var r = Run(Zone("v=spf1 ip4:203.0.113.25 include:spf.protection.outlook.com -all"));

        Assert.Equal(SenderAuthorizationVerdict.Pass, r.Verdict);
        Assert.Equal(SpfResult.Pass, r.Spf.Result);
        Assert.True(r.SpfAlignment.Aligned);
        Assert.Equal(ReverseDnsStatus.Confirmed, r.ReverseDns.Status);
        Assert.Empty(r.Findings);
        Assert.StartsWith("DMARC passes through SPF", r.DmarcOutcome);
    }

    [Fact]
    public void A_relay_missing_from_the_record_fails_and_the_fix_adds_its_address_to_the_current_record()
    {
        var r = Run(Zone("v=spf1 include:spf.protection.outlook.com -all"));

        Assert.Equal(SenderAuthorizationVerdict.Fail, r.Verdict);
        Assert.Equal(SpfResult.Fail, r.Spf.Result);
        Assert.Equal("-all", r.Spf.DecidedBy);
        var spf = Assert.Single(r.Findings, f => f.Check == "Spf");
        Assert.Equal(FindingSeverity.Error, spf.Severity);
        Assert.Equal("corp.example", spf.RecordName);
        Assert.Equal("TXT", spf.RecordType);
        Assert.Equal("v=spf1 ip4:203.0.113.25 include:spf.protection.outlook.com -all", spf.Record);
        Assert.Contains("DMARC fails unless the relay signs with an aligned DKIM key", r.DmarcOutcome);
    }

    [Fact]
    public void SPF_that_passes_for_another_MAIL_FROM_domain_does_not_align_under_strict_aspf()
    {
        var dns = Zone("v=spf1 -all").Txt("bounces.corp.example", "v=spf1 ip4:203.0.113.25 -all");

        var r = Run(dns, "bounce@bounces.corp.example");

        Assert.Equal(SpfResult.Pass, r.Spf.Result);
        Assert.Equal("bounces.corp.example", r.Spf.Domain);
        Assert.False(r.SpfAlignment.Aligned);
        var dmarc = Assert.Single(r.Findings, f => f.Check == "Dmarc");
        Assert.Equal(FindingSeverity.Error, dmarc.Severity);
        Assert.Contains("aligns only if the MAIL FROM domain is corp.example (aspf=s)", dmarc.Message);
        Assert.Equal(SenderAuthorizationVerdict.Fail, r.Verdict);
    }

    [Fact]
    public void The_same_subdomain_aligns_under_relaxed_aspf()
    {
        var dns = Zone("v=spf1 -all", "v=DMARC1; p=reject").Txt("bounces.corp.example", "v=spf1 ip4:203.0.113.25 -all");

        var r = Run(dns, "bounce@bounces.corp.example");

        Assert.True(r.SpfAlignment.Aligned);
        Assert.Equal(SenderAuthorizationVerdict.Pass, r.Verdict);
    }

    [Fact]
    public void No_DMARC_record_is_a_warning_with_the_record_to_publish()
    {
        var r = Run(Zone("v=spf1 ip4:203.0.113.25 -all", dmarc: null));

        Assert.Equal(SenderAuthorizationVerdict.Warning, r.Verdict);
        Assert.Equal(DmarcRecordStatus.NotFound, r.Dmarc.Status);
        var f = Assert.Single(r.Findings);
        Assert.Equal("Dmarc", f.Check);
        Assert.Equal("_dmarc.corp.example", f.RecordName);
        Assert.StartsWith("v=DMARC1; p=none", f.Record);
    }

    [Fact]
    public void A_passing_plus_all_record_is_a_warning_whose_fix_ends_in_minus_all()
    {
        var r = Run(Zone("v=spf1 +all"));

        Assert.Equal(SpfResult.Pass, r.Spf.Result);
        var f = Assert.Single(r.Findings, x => x.Check == "Spf");
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Contains("authorizes every address", f.Message);
        Assert.Equal("v=spf1 ip4:203.0.113.25 -all", f.Record);
    }

    [Fact]
    public void An_address_without_PTR_is_a_warning_naming_the_PTR_to_publish()
    {
        var dns = new FakeDnsResolver().Txt("corp.example", "v=spf1 ip4:203.0.113.25 -all").Txt("_dmarc.corp.example", "v=DMARC1; p=reject");

        var r = Run(dns);

        Assert.Equal(ReverseDnsStatus.NoPtr, r.ReverseDns.Status);
        var f = Assert.Single(r.Findings);
        Assert.Equal("ReverseDns", f.Check);
        Assert.Equal("PTR", f.RecordType);
        Assert.Equal("25.113.0.203.in-addr.arpa", f.RecordName);
        Assert.Equal(SenderAuthorizationVerdict.Warning, r.Verdict);
    }

    [Fact]
    public void A_DNS_timeout_is_TempError_naming_the_server_never_a_guess()
    {
        var dns = Zone("v=spf1 -all").Timeout("corp.example", FakeDnsType.Txt);

        var r = Run(dns);

        Assert.Equal(SenderAuthorizationVerdict.TempError, r.Verdict);
        Assert.Equal(SpfResult.TempError, r.Spf.Result);
        Assert.Contains(dns.Server, r.Spf.Problem);
    }

    [Fact]
    public void DKIM_is_checked_only_for_the_selectors_given_and_a_missing_key_is_an_error()
    {
        var r = Run(Zone("v=spf1 -all"), "", "s1");

        var key = Assert.Single(r.Dkim);
        Assert.Equal("s1._domainkey.corp.example", key.Name);
        Assert.False(key.Valid);
        var f = Assert.Single(r.Findings, x => x.Check == "Dkim");
        Assert.Equal(FindingSeverity.Error, f.Severity);
        Assert.Equal("s1._domainkey.corp.example", f.RecordName);

        var none = Run(Zone("v=spf1 -all"));
        Assert.Empty(none.Dkim);
        Assert.Contains(none.Notes, n => n.Contains("-DkimSelector"));
    }
}

public class MemoizingDnsResolverTests
{
    [Fact]
    public void Each_name_and_type_is_asked_once_and_a_timeout_is_remembered_too()
    {
        var inner = new FakeDnsResolver().Txt("corp.example", "v=spf1 -all").Timeout("slow.example");
        var dns = new RelayTools.Core.Dns.MemoizingDnsResolver(inner);

        var first = dns.Txt("corp.example", default);
        var again = dns.Txt("CORP.example", default);
        dns.Txt("slow.example", default);
        var slow = dns.Txt("slow.example", default);
        dns.Address("corp.example", false, default);

        Assert.Same(first, again);
        Assert.Equal(RelayTools.Core.Dns.DnsLookupStatus.Timeout, slow.Status);
        Assert.Equal(3, inner.Queries.Count);
    }
}
