using RelayTools.Core.Dns.Dmarc;

namespace RelayTools.Core.Tests.Dns.Dmarc;

public class DmarcAlignmentForPolicyTests
{
    [Fact]
    public void Uses_the_modes_of_the_discovered_policy()
    {
        var zone = new DnsTestZone().Txt("_dmarc.corp.example", "v=DMARC1; p=reject; aspf=s");
        DmarcCheckResult policy = new DmarcPolicyDiscovery(zone).Discover("corp.example");

        DmarcAlignmentCheck spf = DmarcAlignment.CheckSpf(policy, "bounce@bounces.corp.example");
        DmarcAlignmentCheck dkim = DmarcAlignment.CheckDkim(policy, "mail.corp.example");

        Assert.False(spf.Aligned);
        Assert.EndsWith("SPF passes but aligns only if the MAIL FROM domain is corp.example (aspf=s)", spf.Explanation);
        Assert.True(dkim.Aligned);
    }

    [Fact]
    public void Without_a_policy_nothing_is_checked()
    {
        DmarcCheckResult policy = new DmarcPolicyDiscovery(new DnsTestZone()).Discover("corp.example");

        DmarcAlignmentCheck spf = DmarcAlignment.CheckSpf(policy, "corp.example");

        Assert.False(spf.Aligned);
        Assert.Equal("no DMARC policy applies to corp.example (NotFound), so SPF alignment is not checked", spf.Explanation);
    }
}
