using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Exchange;
using static RelayTools.Core.Tests.Exchange.ExchangeFixtures;

namespace RelayTools.Core.Tests.Exchange;

/// <summary>
/// Which connector takes a connection, following "Receive connectors in Exchange Server"
/// (exchange/mail-flow/connectors/receive-connectors: "the remote IP address range that has the most specific match to the
/// connecting server's IP address is used") and "Allow anonymous relay on Exchange servers".
/// </summary>
public class ExchangeConnectorSelectorTests
{
    /// <summary>The example of "Receive connector remote addresses": Client Frontend Exchange01, Custom Connector A and B, all on port 25.</summary>
    static List<ExchangeReceiveConnector> DocumentExample() =>
    [
        Make("Client Frontend Exchange01", "0.0.0.0:25", "0.0.0.0-255.255.255.255"),
        Make("Custom Connector A", "0.0.0.0:25", "192.168.1.0-192.168.1.255"),
        Make("Custom Connector B", "0.0.0.0:25", "192.168.1.75"),
    ];

    [Theory]
    // The document's own two cases, then the rest of the table.
    [InlineData("192.168.1.75", @"EX01\Custom Connector B", 2)]
    [InlineData("192.168.1.100", @"EX01\Custom Connector A", 1)]
    [InlineData("10.1.1.1", @"EX01\Client Frontend Exchange01", 0)]
    public void The_most_specific_remote_range_wins_as_in_the_documents_example(string client, string expected, int losers)
    {
        var s = ExchangeConnectorSelector.Select(DocumentExample(), "10.0.0.5", 25, client);
        Assert.Equal(expected, s.Connector!.Identity);
        Assert.Equal(losers, s.LosingConnectors.Length);
        Assert.All(s.LosingConnectors, l => Assert.StartsWith("matched but lost: its RemoteIPRanges entry", l.Reason));
    }

    [Theory]
    // connectors "name|bindings|ranges|role|enabled" separated by '#'; server address, port, client; expected winner ("" = none).
    [InlineData("A|0.0.0.0:25|10.0.0.0/8|FrontendTransport|true#B|0.0.0.0:25|10.20.0.0/16|FrontendTransport|true", "10.0.0.5", 25, "10.20.1.5", "B")]
    [InlineData("A|0.0.0.0:25|10.20.1.0/24|FrontendTransport|true#B|0.0.0.0:25|10.20.1.0-10.20.1.127|FrontendTransport|true", "10.0.0.5", 25, "10.20.1.5", "B")]
    [InlineData("A|0.0.0.0:25|10.20.1.5|FrontendTransport|false#B|0.0.0.0:25|10.0.0.0/8|FrontendTransport|true", "10.0.0.5", 25, "10.20.1.5", "B")]
    [InlineData("A|0.0.0.0:25|10.20.1.5|FrontendTransport|false", "10.0.0.5", 25, "10.20.1.5", "")]
    [InlineData("A|0.0.0.0:25|10.0.0.0/8|FrontendTransport|true", "10.0.0.5", 587, "10.20.1.5", "")]
    [InlineData("A|10.0.0.5:25|0.0.0.0-255.255.255.255|FrontendTransport|true#B|0.0.0.0:25|10.20.1.5|FrontendTransport|true", "10.0.0.5", 25, "10.20.1.5", "A")]
    [InlineData("A|10.0.0.6:25|10.20.1.5|FrontendTransport|true#B|0.0.0.0:25|10.0.0.0/8|FrontendTransport|true", "10.0.0.5", 25, "10.20.1.5", "B")]
    [InlineData("A|[::]:25|2001:db8::/32|FrontendTransport|true#B|[::]:25|2001:db8:1::/48|FrontendTransport|true", "2001:db8::25", 25, "2001:db8:1::77", "B")]
    [InlineData("A|0.0.0.0:25|0.0.0.0-255.255.255.255|FrontendTransport|true#B|[::]:25|::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff|FrontendTransport|true", "2001:db8::25", 25, "2001:db8::9", "B")]
    [InlineData("A|0.0.0.0:25|10.0.0.0/8|FrontendTransport|true", "::ffff:10.0.0.5", 25, "::ffff:10.20.1.5", "A")]
    [InlineData("F|0.0.0.0:25|10.0.0.0/8|FrontendTransport|true#H|0.0.0.0:25|10.20.1.5|HubTransport|true", "10.0.0.5", 25, "10.20.1.5", "F")]
    [InlineData("F|0.0.0.0:2525|10.20.1.5|FrontendTransport|true#H|0.0.0.0:2525|0.0.0.0/0|HubTransport|true", "10.0.0.5", 2525, "10.20.1.5", "H")]
    public void Selection_table(string connectors, string serverAddress, int port, string client, string expected)
    {
        var list = connectors.Split('#').Select(s => s.Split('|')).Select(f => Make(f[0], f[1], f[2], role: f[3], enabled: bool.Parse(f[4]))).ToList();
        var s = ExchangeConnectorSelector.Select(list, serverAddress, port, client);
        Assert.Equal(expected, s.Connector?.Name ?? "");
    }

    [Fact]
    public void A_disabled_connector_that_matched_is_named_with_the_reason_it_lost()
    {
        var s = ExchangeConnectorSelector.Select([Make("Relay", "0.0.0.0:25", "10.20.1.5", enabled: false), .. Defaults()], "10.0.0.5", 25, "10.20.1.5");
        Assert.Equal(@"EX01\Default Frontend EX01", s.Connector!.Identity);
        var lost = Assert.Single(s.LosingConnectors);
        Assert.Equal(@"EX01\Relay", lost.Connector);
        Assert.Contains("disabled", lost.Reason);
    }

    [Theory]
    // The documented defaults: each port reaches the connector the tables list for it.
    [InlineData(25, "Default Frontend EX01")]
    [InlineData(587, "Client Frontend EX01")]
    [InlineData(717, "Outbound Proxy Frontend EX01")]
    [InlineData(2525, "Default EX01")]
    [InlineData(465, "Client Proxy EX01")]
    [InlineData(26, "")]
    public void The_default_connectors_take_their_documented_ports(int port, string expected) =>
        Assert.Equal(expected, ExchangeConnectorSelector.Select(Defaults(), "10.0.0.5", port, "203.0.113.9").Connector?.Name ?? "");

    [Fact]
    public void The_dedicated_relay_connector_wins_over_Default_Frontend_for_its_hosts_only()
    {
        var relay = ExchangeConnectorSelector.Select(DefaultsWithRelay(), "10.0.0.5", 25, "192.168.5.10");
        Assert.Equal("Anonymous Relay", relay.Connector!.Name);
        Assert.Equal("192.168.5.10", relay.RemoteIPRange);
        Assert.Contains("the client's own address", relay.MatchReason);
        Assert.Equal(@"EX01\Default Frontend EX01", Assert.Single(relay.LosingConnectors).Connector);
        Assert.Equal("Default Frontend EX01", ExchangeConnectorSelector.Select(DefaultsWithRelay(), "10.0.0.5", 25, "192.168.5.12").Connector!.Name);
    }

    [Fact]
    public void Two_equally_specific_connectors_are_noted_as_a_configuration_Exchange_refuses()
    {
        var s = ExchangeConnectorSelector.Select([Make("A", "0.0.0.0:25", "10.20.1.0/24"), Make("B", "0.0.0.0:25", "10.20.1.0-10.20.1.255")], "10.0.0.5", 25, "10.20.1.5");
        Assert.Equal("A", s.Connector!.Name);
        Assert.Contains("equally specifically", Assert.Single(s.Notes));
    }
}
