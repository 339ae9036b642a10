using System;
using System.Linq;
using System.Net;
using RelayTools.Core.Dns;
using RelayTools.Core.Dns.ReverseDns;

namespace RelayTools.Core.Tests.Dns.ReverseDns;

public class ReverseDnsCheckTests
{
    private static ReverseDnsResult Check(DnsTestZone zone, string address, string? hostName = null)
        => new ReverseDnsCheck(zone).Check(IPAddress.Parse(address), hostName);

    [Fact]
    public void Reverse_names()
    {
        Assert.Equal("25.113.0.203.in-addr.arpa", ReverseDnsName.For(IPAddress.Parse("203.0.113.25")));
        Assert.Equal("25.113.0.203.in-addr.arpa", ReverseDnsName.For(IPAddress.Parse("::ffff:203.0.113.25")));
        // RFC 3596 2.5's example.
        Assert.Equal("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa",
            ReverseDnsName.For(IPAddress.Parse("4321:0:1:2:3:4:567:89ab")));
    }

    [Fact]
    public void A_ptr_name_that_resolves_back_is_confirmed()
    {
        var zone = new DnsTestZone()
            .Ptr("203.0.113.25", "mail.corp.example.")
            .A("mail.corp.example", "203.0.113.24", "203.0.113.25");

        ReverseDnsResult result = Check(zone, "203.0.113.25");

        Assert.Equal(ReverseDnsStatus.Confirmed, result.Status);
        Assert.Equal(["mail.corp.example"], result.PtrNames);
        Assert.Equal("mail.corp.example", result.ConfirmedName);
        Assert.Equal("25.113.0.203.in-addr.arpa", result.ReverseName);
        Assert.Empty(result.Problems);
        Assert.Equal("", result.SuggestedFix);
        Assert.True(result.ForwardChecks.Single().Matches);
    }

    [Fact]
    public void Ipv6_is_confirmed_through_aaaa()
    {
        var zone = new DnsTestZone()
            .Ptr("2001:db8::25", "mail.corp.example")
            .A("mail.corp.example", "203.0.113.25")
            .Aaaa("mail.corp.example", "2001:db8::25");

        ReverseDnsResult result = Check(zone, "2001:db8::25");

        Assert.Equal(ReverseDnsStatus.Confirmed, result.Status);
        Assert.Equal(["PTR ptr:2001:db8::25", "AAAA mail.corp.example"], zone.Queries);
    }

    [Fact]
    public void An_ipv4_mapped_address_is_checked_as_ipv4()
    {
        var zone = new DnsTestZone().Ptr("203.0.113.25", "mail.corp.example").A("mail.corp.example", "203.0.113.25");

        ReverseDnsResult result = Check(zone, "::ffff:203.0.113.25");

        Assert.Equal("203.0.113.25", result.Address);
        Assert.Equal(ReverseDnsStatus.Confirmed, result.Status);
    }

    [Fact]
    public void No_ptr_gives_the_fix_with_the_helo_name()
    {
        var zone = new DnsTestZone().A("mail.corp.example", "203.0.113.25");

        ReverseDnsResult result = Check(zone, "203.0.113.25", "mail.corp.example");

        Assert.Equal(ReverseDnsStatus.NoPtr, result.Status);
        Assert.Empty(result.PtrNames);
        Assert.Equal("", result.ConfirmedName);
        Assert.Contains(result.Notes, n => n.Contains("IP name lookup failed"));
        Assert.Equal("publish PTR 25.113.0.203.in-addr.arpa → mail.corp.example (ask whoever owns the address block 203.0.113.25: the ISP or hosting provider); "
            + "mail.corp.example already has an A record for 203.0.113.25", result.SuggestedFix);
    }

    [Fact]
    public void No_ptr_and_no_host_name_gives_a_placeholder()
    {
        ReverseDnsResult result = Check(new DnsTestZone(), "203.0.113.25");

        Assert.Equal(ReverseDnsStatus.NoPtr, result.Status);
        Assert.StartsWith("publish PTR 25.113.0.203.in-addr.arpa → <the server's host name, as in its HELO>", result.SuggestedFix);
        Assert.EndsWith("and an A record for that name → 203.0.113.25", result.SuggestedFix);
    }

    [Fact]
    public void A_ptr_name_pointing_elsewhere_is_not_confirmed()
    {
        var zone = new DnsTestZone()
            .Ptr("203.0.113.25", "mail.corp.example")
            .A("mail.corp.example", "198.51.100.7");

        ReverseDnsResult result = Check(zone, "203.0.113.25", "relay.corp.example");

        Assert.Equal(ReverseDnsStatus.NotConfirmed, result.Status);
        Assert.Contains("the PTR name mail.corp.example resolves to 198.51.100.7, not to 203.0.113.25", result.Problems);
        Assert.StartsWith("publish an A record mail.corp.example → 203.0.113.25 (the PTR 25.113.0.203.in-addr.arpa already points to mail.corp.example)", result.SuggestedFix);
        Assert.Contains("or have the PTR changed to relay.corp.example", result.SuggestedFix);
    }

    [Fact]
    public void A_ptr_name_without_address_is_not_confirmed()
    {
        var zone = new DnsTestZone().Ptr("203.0.113.25", "gone.corp.example");

        ReverseDnsResult result = Check(zone, "203.0.113.25");

        Assert.Equal(ReverseDnsStatus.NotConfirmed, result.Status);
        Assert.Contains("the PTR name gone.corp.example has no A record (NXDOMAIN)", result.Problems);
    }

    [Fact]
    public void The_second_ptr_name_can_confirm()
    {
        var zone = new DnsTestZone()
            .Ptr("203.0.113.25", "old.corp.example", "mail.corp.example")
            .A("old.corp.example", "198.51.100.7")
            .A("mail.corp.example", "203.0.113.25");

        ReverseDnsResult result = Check(zone, "203.0.113.25");

        Assert.Equal(ReverseDnsStatus.Confirmed, result.Status);
        Assert.Equal("mail.corp.example", result.ConfirmedName);
        Assert.Equal(2, result.ForwardChecks.Length);
        Assert.Contains(result.Notes, n => n.StartsWith("2 PTR names", StringComparison.Ordinal));
    }

    [Fact]
    public void At_most_ten_names_are_checked()
    {
        string[] names = Enumerable.Range(1, 12).Select(i => $"h{i}.corp.example").ToArray();
        var zone = new DnsTestZone().Ptr("203.0.113.25", names);

        ReverseDnsResult result = Check(zone, "203.0.113.25");

        Assert.Equal(12, result.PtrNames.Length);
        Assert.Equal(ReverseDnsCheck.MaxNames, result.ForwardChecks.Length);
        Assert.Equal(1 + ReverseDnsCheck.MaxNames, zone.Queries.Count);
        Assert.Equal(ReverseDnsStatus.NotConfirmed, result.Status);
    }

    [Fact]
    public void A_ptr_timeout_is_a_temporary_error_naming_the_server()
    {
        var zone = new DnsTestZone().FailPtr("203.0.113.25", DnsLookupStatus.Timeout);

        ReverseDnsResult result = Check(zone, "203.0.113.25");

        Assert.Equal(ReverseDnsStatus.TempError, result.Status);
        Assert.Contains(result.Problems, p => p.StartsWith("PTR 25.113.0.203.in-addr.arpa: timeout asking " + DnsTestZone.ServerName, StringComparison.Ordinal));
    }

    [Fact]
    public void A_forward_server_failure_without_confirmation_is_a_temporary_error()
    {
        var zone = new DnsTestZone()
            .Ptr("203.0.113.25", "mail.corp.example")
            .Fail("mail.corp.example", "A", DnsLookupStatus.ServerFailure);

        ReverseDnsResult result = Check(zone, "203.0.113.25");

        Assert.Equal(ReverseDnsStatus.TempError, result.Status);
        Assert.Contains(result.Problems, p => p.StartsWith("A mail.corp.example: server failure asking " + DnsTestZone.ServerName, StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_that_spells_the_address_is_flagged()
    {
        var zone = new DnsTestZone()
            .Ptr("203.0.113.25", "203-0-113-25.dsl.isp.example")
            .A("203-0-113-25.dsl.isp.example", "203.0.113.25");

        ReverseDnsResult result = Check(zone, "203.0.113.25", "mail.corp.example");

        Assert.Equal(ReverseDnsStatus.Confirmed, result.Status);
        Assert.Contains(result.Notes, n => n.Contains("dynamic or default name"));
        Assert.Contains(result.Notes, n => n.Contains("the HELO name mail.corp.example is not the PTR name"));
    }
}
