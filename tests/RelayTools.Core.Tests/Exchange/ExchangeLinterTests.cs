using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Exchange;
using RelayTools.Core.Postfix;
using static RelayTools.Core.Tests.Exchange.ExchangeFixtures;

namespace RelayTools.Core.Tests.Exchange;

/// <summary>
/// The linter, following "Allow anonymous relay on Exchange servers" (exchange/mail-flow/connectors/allow-anonymous-relay),
/// "Receive connectors in Exchange Server" (exchange/mail-flow/connectors/receive-connectors) and "Accepted domains in
/// Exchange Server" (exchange/mail-flow/accepted-domains/accepted-domains).
/// </summary>
public class ExchangeLinterTests
{
    static ExchangePermission AnonRelay(string connector) =>
        new() { Identity = @"EX01\" + connector, User = ExchangeRights.AnonymousLogon, ExtendedRights = [ExchangeRights.AcceptAnyRecipient] };

    [Fact]
    public void The_documented_defaults_and_anonymous_relay_have_no_findings() =>
        Assert.Empty(ExchangeLinter.Check(DefaultsWithRelay(), [Contoso()], [RelayPermission()]));

    [Theory]
    // connector "name|bindings|ranges|groups|auth|role|enabled", permission on it for ANONYMOUS LOGON (true/false); expected ids.
    // Every address is also Default Frontend's own range on 0.0.0.0:25, which Exchange refuses as well.
    [InlineData("Relay|0.0.0.0:25|0.0.0.0-255.255.255.255|AnonymousUsers|Tls|FrontendTransport|true", true, "OpenRelay,SameRemoteRange")]
    [InlineData("Relay|0.0.0.0:25|203.0.113.0/24|AnonymousUsers|Tls|FrontendTransport|true", true, "OpenRelay")]
    [InlineData("Relay|0.0.0.0:25|10.20.1.5|AnonymousUsers|Tls|FrontendTransport|true", true, "")]
    [InlineData("Relay|0.0.0.0:25|10.20.1.5|AnonymousUsers|Tls|FrontendTransport|true", false, "")]
    [InlineData("Relay|0.0.0.0:25|0.0.0.0/0|ExchangeServers|ExternalAuthoritative|FrontendTransport|true", false, "OpenRelay,SameRemoteRange")]
    [InlineData("Relay|0.0.0.0:25|10.20.0.0/16|ExchangeServers|ExternalAuthoritative|FrontendTransport|true", false, "ExternallySecuredWide")]
    [InlineData("Relay|0.0.0.0:25|10.20.1.5,10.20.1.6|ExchangeServers|ExternalAuthoritative|FrontendTransport|true", false, "")]
    [InlineData("Relay|0.0.0.0:2525|10.20.1.5|AnonymousUsers|Tls|HubTransport|true", true, "RelayOnTransportService")]
    [InlineData("Relay|0.0.0.0:25|10.20.1.5|AnonymousUsers|Tls|FrontendTransport|false", true, "ConnectorDisabled")]
    [InlineData("Relay|0.0.0.0:25|2001:db8::/32|AnonymousUsers|Tls|FrontendTransport|true", true, "OpenRelay")]
    [InlineData("Relay|[::]:25|fd00::5|AnonymousUsers|Tls|FrontendTransport|true", true, "")]
    public void Connector_findings(string connector, bool anonymousPermission, string expected)
    {
        var f = connector.Split('|');
        var c = Make(f[0], f[1], f[2], f[3], f[5], bool.Parse(f[6]), f[4]);
        List<ExchangePermission> perms = anonymousPermission ? [AnonRelay(f[0])] : [];
        var ids = ExchangeLinter.Check([.. Defaults(), c], [Contoso()], perms).Select(x => x.Id);
        Assert.Equal(expected.Length == 0 ? [] : expected.Split(','), ids);
    }

    [Fact]
    public void Anonymous_relay_from_every_address_on_Default_Frontend_is_an_open_relay_and_the_fix_removes_the_permission()
    {
        var finding = Assert.Single(ExchangeLinter.Check(Defaults(), [Contoso()], [AnonRelay("Default Frontend EX01")]));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(@"EX01\Default Frontend EX01 (fixture)", finding.Origin);
        Assert.Contains("(every address)", finding.Message);
        Assert.Equal(["Get-ReceiveConnector \"EX01\\Default Frontend EX01\" | Remove-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights ms-Exch-SMTP-Accept-Any-Recipient"], finding.Fix);
    }

    [Fact]
    public void An_open_relay_with_private_entries_keeps_only_those()
    {
        var c = Make("Relay", "0.0.0.0:25", "10.20.1.5, 198.51.100.7");
        var finding = Assert.Single(ExchangeLinter.Check([c], [], [AnonRelay("Relay")]));
        Assert.Equal(["Set-ReceiveConnector \"EX01\\Relay\" -RemoteIPRanges 10.20.1.5"], finding.Fix);
        Assert.Contains("198.51.100.7", finding.Message);
    }

    [Theory]
    // Two connectors on one binding: the same range, or ranges that overlap without containment, are refused; containment is allowed.
    [InlineData("10.20.1.0/24", "10.20.1.0-10.20.1.255", "SameRemoteRange")]
    [InlineData("10.20.1.0/24", "10.20.1.128-10.20.2.10", "PartlyOverlappingRanges")]
    [InlineData("10.20.1.0/24", "10.20.1.5", "")]
    [InlineData("10.20.1.0/24", "10.20.2.0/24", "")]
    [InlineData("2001:db8::/48", "2001:db8::/48", "SameRemoteRange")]
    public void Overlapping_ranges_on_one_binding(string a, string b, string expected)
    {
        var ids = ExchangeLinter.Check([Make("A", "0.0.0.0:25", a, "ExchangeUsers"), Make("B", "0.0.0.0:25", b, "ExchangeUsers")], [], []).Select(x => x.Id);
        Assert.Equal(expected.Length == 0 ? [] : [expected], ids);
    }

    [Fact]
    public void A_second_connector_with_Default_Frontends_all_ranges_is_refused_and_the_fix_removes_the_entry()
    {
        var c = Make("Internet", "0.0.0.0:25", "0.0.0.0-255.255.255.255", "AnonymousUsers");
        var finding = Assert.Single(ExchangeLinter.Check([.. Defaults(), c], [], []));
        Assert.Equal("SameRemoteRange", finding.Id);
        Assert.Equal(["Set-ReceiveConnector \"EX01\\Internet\" -RemoteIPRanges @{Remove=\"0.0.0.0-255.255.255.255\"}"], finding.Fix);
    }

    [Theory]
    [InlineData("fabrikam.com", ExchangeAcceptedDomainType.InternalRelay, "RelayDomain", FindingSeverity.Warning, "Set-AcceptedDomain \"fabrikam.com\" -DomainType Authoritative")]
    [InlineData("fabrikam.com", ExchangeAcceptedDomainType.ExternalRelay, "RelayDomain", FindingSeverity.Warning, "Set-AcceptedDomain \"fabrikam.com\" -DomainType Authoritative")]
    [InlineData("*", ExchangeAcceptedDomainType.InternalRelay, "RelayDomainEverything", FindingSeverity.Error, "Remove-AcceptedDomain \"*\"")]
    public void Relay_domains_make_relay_look_local(string domain, ExchangeAcceptedDomainType type, string id, FindingSeverity severity, string fix)
    {
        var finding = Assert.Single(ExchangeLinter.Check([], [Contoso(), new ExchangeAcceptedDomain { Name = domain, DomainName = domain, DomainType = type }], []));
        Assert.Equal(id, finding.Id);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal([fix], finding.Fix);
    }

    [Fact]
    public void A_relay_connector_on_the_Transport_service_is_moved_to_Front_End_on_port_25()
    {
        var c = Make("Relay", "0.0.0.0:2525", "10.20.1.5", role: "HubTransport");
        var finding = Assert.Single(ExchangeLinter.Check([c], [], [AnonRelay("Relay")]));
        Assert.Equal(
        [
            "New-ReceiveConnector -Name \"Relay Frontend\" -Server EX01 -TransportRole FrontendTransport -Bindings 0.0.0.0:25 -RemoteIPRanges 10.20.1.5 -PermissionGroups AnonymousUsers",
            "Get-ReceiveConnector \"EX01\\Relay Frontend\" | Add-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights ms-Exch-SMTP-Accept-Any-Recipient",
            "Remove-ReceiveConnector \"EX01\\Relay\"",
        ], finding.Fix);
    }
}
