using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Exchange;

namespace RelayTools.Core.Tests.Exchange;

/// <summary>Reading exported objects: Clixml arrays, CSV joins, and the notes for values Exchange would not take.</summary>
public class ExchangeObjectReaderTests
{
    [Theory]
    // Export-Csv with -join: commas, commas and spaces, semicolons; and the braces Format-List shows.
    [InlineData("0.0.0.0:25,[::]:25", "0.0.0.0:25|[::]:25")]
    [InlineData("0.0.0.0:25, [::]:25", "0.0.0.0:25|[::]:25")]
    [InlineData("[::]:25;0.0.0.0:25", "[::]:25|0.0.0.0:25")]
    [InlineData("{[::]:25, 0.0.0.0:25}", "[::]:25|0.0.0.0:25")]
    [InlineData("10.0.0.5:25", "10.0.0.5:25")]
    [InlineData("[2001:db8::5]:587", "[2001:db8::5]:587")]
    public void Bindings_are_read_from_every_CSV_joining_form(string csv, string expected)
    {
        var c = ExchangeFixtures.ReadConnector(new Dictionary<string, object?> { ["Name"] = "X", ["Bindings"] = csv });
        Assert.Equal(expected.Split('|'), c.Bindings.Select(b => b.Text));
    }

    [Theory]
    // The forms "Allow anonymous relay on Exchange servers" gives for RemoteIpRanges: an address, a-b, CIDR; and the all-ranges of the defaults.
    [InlineData("192.168.5.10", false, "1")]
    [InlineData("192.168.5.10-192.168.5.20", false, "11")]
    [InlineData("192.168.5.1/24", false, "256")]
    [InlineData("192.168.5.0(255.255.255.0)", false, "256")]
    [InlineData("0.0.0.0-255.255.255.255", false, "4294967296")]
    [InlineData("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "340282366920938463463374607431768211456")]
    [InlineData("2001:db8::/64", true, "18446744073709551616")]
    [InlineData("2001:db8::25", true, "1")]
    public void RemoteIPRanges_take_an_address_a_range_and_a_CIDR_block_in_both_families(string text, bool ipv6, string size)
    {
        var r = ExchangeIPRange.TryParse(text)!;
        Assert.Equal(ipv6, r.IsIPv6);
        Assert.Equal(size, r.Size.ToString());
    }

    [Theory]
    [InlineData("AnonymousUsers, ExchangeUsers", ExchangePermissionGroups.AnonymousUsers | ExchangePermissionGroups.ExchangeUsers)]
    [InlineData("AnonymousUsers;ExchangeServers;ExchangeLegacyServers", ExchangePermissionGroups.AnonymousUsers | ExchangePermissionGroups.ExchangeServers | ExchangePermissionGroups.ExchangeLegacyServers)]
    [InlineData("Partners,Custom", ExchangePermissionGroups.Partners | ExchangePermissionGroups.Custom)]
    [InlineData("None", ExchangePermissionGroups.None)]
    public void PermissionGroups_flags_text_is_read(string text, ExchangePermissionGroups expected) =>
        Assert.Equal(expected, ExchangeFixtures.ReadConnector(new Dictionary<string, object?> { ["Name"] = "X", ["PermissionGroups"] = text }).PermissionGroups);

    [Fact]
    public void AuthMechanism_arrays_of_objects_are_read_by_their_ToString()
    {
        var c = ExchangeFixtures.ReadConnector(new Dictionary<string, object?>
        {
            ["Name"] = "X",
            ["AuthMechanism"] = new object[] { ExchangeAuthMechanisms.Tls, "Integrated", "BasicAuth", "BasicAuthRequireTLS", "ExchangeServer", "ExternalAuthoritative" },
        });
        Assert.Equal((ExchangeAuthMechanisms)63, c.AuthMechanism);
    }

    [Fact]
    public void The_documented_defaults_read_without_notes()
    {
        var objects = ExchangeObjectReader.Read(ExchangeFixtures.DefaultConnectorBags(), [ExchangeFixtures.ContosoBag()], [ExchangeFixtures.AnonymousRelayPermissionBag()]);
        Assert.Empty(objects.Notes);
        var frontend = objects.Connectors.Single(c => c.Name == "Default Frontend EX01");
        Assert.Equal(@"EX01\Default Frontend EX01", frontend.Identity);
        Assert.Equal(ExchangeTransportRole.FrontendTransport, frontend.TransportRole);
        Assert.Equal(["[::]:25", "0.0.0.0:25"], frontend.Bindings.Select(b => b.Text));
        Assert.All(frontend.RemoteIPRanges, r => Assert.True(r.IsAll));
        Assert.Equal(ExchangeTransportRole.HubTransport, objects.Connectors.Single(c => c.Name == "Default EX01").TransportRole);
        Assert.Equal([ExchangeRights.AcceptAnyRecipient], objects.Permissions[0].ExtendedRights);
    }

    [Fact]
    public void Bad_values_become_notes_naming_the_object_and_field_and_the_rest_is_read()
    {
        var notes = new List<string>();
        var c = ExchangeObjectReader.ReadConnector(new Dictionary<string, object?>
        {
            ["Identity"] = @"EX01\Relay",
            ["Bindings"] = "0.0.0.0:25;0.0.0.0:99999",
            ["RemoteIPRanges"] = "10.20.1.5, 10.20.1.300, 10.0.0.9-10.0.0.1",
            ["PermissionGroups"] = "AnonymousUsers, Everyone",
            ["Enabled"] = "maybe",
        }, "connectors.csv row 2", notes);
        Assert.Equal("Relay", c.Name);
        Assert.Equal("EX01", c.Server);
        Assert.Equal(["0.0.0.0:25"], c.Bindings.Select(b => b.Text));
        Assert.Equal(["10.20.1.5"], c.RemoteIPRanges.Select(r => r.Text));
        Assert.Equal(ExchangePermissionGroups.AnonymousUsers, c.PermissionGroups);
        Assert.True(c.Enabled);
        Assert.Equal(5, notes.Count);
        Assert.All(notes, n => Assert.StartsWith(@"Receive connector 'EX01\Relay' (connectors.csv row 2): ", n));
        Assert.Contains(notes, n => n.Contains("Bindings value '0.0.0.0:99999'"));
        Assert.Contains(notes, n => n.Contains("RemoteIPRanges value '10.20.1.300'"));
        Assert.Contains(notes, n => n.Contains("PermissionGroups value 'Everyone'"));
        Assert.Contains(notes, n => n.Contains("Enabled 'maybe'"));
    }

    [Fact]
    public void A_CSV_export_without_join_says_how_to_export_the_field()
    {
        var notes = new List<string>();
        ExchangeObjectReader.ReadConnector(new Dictionary<string, object?> { ["Name"] = "X", ["RemoteIPRanges"] = "Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPRange]" }, "", notes);
        Assert.Contains("-join ';'", Assert.Single(notes));
    }

    [Theory]
    [InlineData("PermissionGroups", 1)]
    [InlineData("AuthMechanism", 33)]
    [InlineData("TransportRole", 0)]
    public void An_enum_written_as_a_number_is_not_guessed_and_the_note_says_how_to_export_it(string field, int number)
    {
        var notes = new List<string>();
        var c = ExchangeObjectReader.ReadConnector(new Dictionary<string, object?> { ["Name"] = "X", ["Bindings"] = "0.0.0.0:25", [field] = number }, "", notes);
        var note = Assert.Single(notes);
        Assert.Contains(field + " is the number " + number, note);
        Assert.Contains("-EnumsAsStrings", note);
        Assert.Equal(ExchangePermissionGroups.None, c.PermissionGroups);
        Assert.Equal(ExchangeAuthMechanisms.None, c.AuthMechanism);
        Assert.Equal(ExchangeTransportRole.FrontendTransport, c.TransportRole);
    }

    [Fact]
    public void A_domain_type_written_as_a_number_is_not_guessed()
    {
        var notes = new List<string>();
        var d = ExchangeObjectReader.ReadAcceptedDomain(new Dictionary<string, object?> { ["DomainName"] = "fabrikam.com", ["DomainType"] = 1 }, "", notes);
        Assert.Contains("DomainType is the number 1", Assert.Single(notes));
        Assert.Equal(ExchangeAcceptedDomainType.Authoritative, d.DomainType);
    }

    [Theory]
    [InlineData("contoso.com", "contoso.com", true)]
    [InlineData("contoso.com", "sales.contoso.com", false)]
    [InlineData("*.contoso.com", "sales.contoso.com", true)]
    [InlineData("*.contoso.com", "a.b.contoso.com", true)]
    [InlineData("*.contoso.com", "contoso.com", true)]
    [InlineData("*.contoso.com", "notcontoso.com", false)]
    [InlineData("*", "fabrikam.com", true)]
    public void Accepted_domains_match_their_name_and_wildcards_their_subdomains(string domainName, string domain, bool expected) =>
        Assert.Equal(expected, new ExchangeAcceptedDomain { DomainName = domainName }.Matches(domain));

    [Fact]
    public void A_permission_with_a_DN_identity_names_its_connector()
    {
        var c = ExchangeFixtures.ReadConnector(ExchangeFixtures.AnonymousRelayBag());
        Assert.True(c.IsNamed("CN=Anonymous Relay,CN=SMTP Receive Connectors,CN=Protocols,CN=EX01,CN=Servers"));
        Assert.True(c.IsNamed("Anonymous Relay"));
        Assert.False(c.IsNamed(@"EX02\Anonymous Relay"));
    }
}
