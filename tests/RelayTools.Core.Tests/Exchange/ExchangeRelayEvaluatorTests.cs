using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Exchange;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;
using static RelayTools.Core.Tests.Exchange.ExchangeFixtures;

namespace RelayTools.Core.Tests.Exchange;

/// <summary>
/// Rights and decisions, following the permission-group table of "Receive connectors in Exchange Server"
/// (exchange/mail-flow/connectors/receive-connectors) and the two methods of "Allow anonymous relay on Exchange servers"
/// (exchange/mail-flow/connectors/allow-anonymous-relay).
/// </summary>
public class ExchangeRelayEvaluatorTests
{
    static (List<ExchangeReceiveConnector>, List<ExchangeAcceptedDomain>, List<ExchangePermission>) Setup(string name)
    {
        var domains = new List<ExchangeAcceptedDomain> { Contoso() };
        return name switch
        {
            "defaults" => (Defaults(), domains, []),
            "relay" => (DefaultsWithRelay(), domains, [RelayPermission()]),
            "relay-without-permission" => (DefaultsWithRelay(), domains, []),
            // The second method of "Allow anonymous relay on Exchange servers": -AuthMechanism ExternalAuthoritative -PermissionGroups ExchangeServers.
            "externally-secured" => ([.. Defaults(), Make("Anonymous Relay", "0.0.0.0:25", "192.168.5.10,192.168.5.11", "ExchangeServers", auth: "ExternalAuthoritative")], domains, []),
            "externally-secured-without-group" => ([.. Defaults(), Make("Anonymous Relay", "0.0.0.0:25", "192.168.5.10", "AnonymousUsers", auth: "ExternalAuthoritative")], domains, []),
            "deny" => (DefaultsWithRelay(), domains, [RelayPermission(), new ExchangePermission { Identity = @"EX01\Anonymous Relay", User = @"NT AUTHORITY\ANONYMOUS LOGON", ExtendedRights = [ExchangeRights.AcceptAnyRecipient], Deny = true, Origin = "perm.csv row 2" }]),
            // The Custom usage type assigns no permission group ("Receive connector usage types").
            "custom-no-groups" => ([.. Defaults(), Make("Scanner", "0.0.0.0:25", "10.20.1.5", "None")], domains, []),
            "internal-relay" => (Defaults(), [.. domains, new ExchangeAcceptedDomain { Name = "fabrikam", DomainName = "fabrikam.com", DomainType = ExchangeAcceptedDomainType.InternalRelay }], []),
            "wildcard" => (Defaults(), [new ExchangeAcceptedDomain { Name = "contoso subdomains", DomainName = "*.contoso.com" }], []),
            "none" => ([Make("Relay", "0.0.0.0:25", "192.168.5.10")], domains, []),
            _ => throw new System.ArgumentException(name),
        };
    }

    [Theory]
    // setup, client, port, recipient, authenticated user ("" = anonymous), decision, reply code, enhanced code, connector.
    [InlineData("defaults", "10.20.1.5", 25, "x@fabrikam.com", "", RelayDecision.Reject, 550, "5.7.54", @"EX01\Default Frontend EX01")]
    [InlineData("defaults", "10.20.1.5", 25, "user@contoso.com", "", RelayDecision.Permit, 250, "2.1.5", @"EX01\Default Frontend EX01")]
    [InlineData("defaults", "10.20.1.5", 587, "x@fabrikam.com", @"CONTOSO\scanner", RelayDecision.Permit, 250, "2.1.5", @"EX01\Client Frontend EX01")]
    // Default Frontend grants nothing to Authenticated Users (its groups are AnonymousUsers, ExchangeLegacyServers, ExchangeServers), so AUTH and MAIL FROM fail.
    [InlineData("defaults", "10.20.1.5", 25, "x@fabrikam.com", @"CONTOSO\scanner", RelayDecision.Reject, 530, "5.7.1", @"EX01\Default Frontend EX01")]
    [InlineData("defaults", "10.20.1.5", 587, "x@fabrikam.com", "", RelayDecision.Reject, 530, "5.7.1", @"EX01\Client Frontend EX01")]
    [InlineData("relay", "192.168.5.10", 25, "x@fabrikam.com", "", RelayDecision.Permit, 250, "2.1.5", @"EX01\Anonymous Relay")]
    [InlineData("relay", "192.168.5.99", 25, "x@fabrikam.com", "", RelayDecision.Reject, 550, "5.7.54", @"EX01\Default Frontend EX01")]
    [InlineData("relay-without-permission", "192.168.5.10", 25, "x@fabrikam.com", "", RelayDecision.Reject, 550, "5.7.54", @"EX01\Anonymous Relay")]
    [InlineData("externally-secured", "192.168.5.11", 25, "x@fabrikam.com", "", RelayDecision.Permit, 250, "2.1.5", @"EX01\Anonymous Relay")]
    [InlineData("externally-secured-without-group", "192.168.5.10", 25, "x@fabrikam.com", "", RelayDecision.Reject, 550, "5.7.54", @"EX01\Anonymous Relay")]
    [InlineData("deny", "192.168.5.10", 25, "x@fabrikam.com", "", RelayDecision.Reject, 550, "5.7.54", @"EX01\Anonymous Relay")]
    [InlineData("custom-no-groups", "10.20.1.5", 25, "user@contoso.com", "", RelayDecision.Reject, 530, "5.7.1", @"EX01\Scanner")]
    [InlineData("internal-relay", "203.0.113.9", 25, "x@fabrikam.com", "", RelayDecision.Permit, 250, "2.1.5", @"EX01\Default Frontend EX01")]
    [InlineData("wildcard", "203.0.113.9", 25, "x@sales.contoso.com", "", RelayDecision.Permit, 250, "2.1.5", @"EX01\Default Frontend EX01")]
    [InlineData("none", "10.20.1.5", 25, "x@fabrikam.com", "", RelayDecision.Reject, 0, "", "")]
    [InlineData("defaults", "2001:db8::77", 25, "x@fabrikam.com", "", RelayDecision.Reject, 550, "5.7.54", @"EX01\Default Frontend EX01")]
    public void Rights_and_decisions(string setup, string client, int port, string recipient, string user, RelayDecision decision, int code, string enhanced, string connector)
    {
        var (connectors, domains, permissions) = Setup(setup);
        var serverAddress = client.Contains(':') ? "2001:db8::25" : "10.0.0.5";
        var r = ExchangeRelayEvaluator.Evaluate(connectors, domains, permissions, new ExchangeRelayQuery
        {
            ClientAddress = client,
            ServerAddress = serverAddress,
            Port = port,
            Recipient = recipient,
            Authenticated = user.Length > 0,
            AuthenticatedUser = user,
            Server = Server,
        });
        Assert.Equal("Exchange", r.Mta);
        Assert.Equal(decision, r.Decision);
        Assert.Equal(code, r.ReplyCode);
        Assert.Equal(enhanced, r.EnhancedStatusCode);
        Assert.Equal(connector, r.Connector);
        if (decision == RelayDecision.Permit) Assert.Empty(r.Fix);
        else Assert.NotEmpty(r.Fix);
    }

    static ExchangeRelayResult Run(string setup, string client, int port = 25, string recipient = "x@fabrikam.com", string user = "", string server = Server) =>
        ExchangeRelayEvaluator.Evaluate(Setup(setup).Item1, Setup(setup).Item2, Setup(setup).Item3, new ExchangeRelayQuery
        {
            ClientAddress = client,
            ServerAddress = client.Contains(':') ? "2001:db8::25" : "10.0.0.5",
            Port = port,
            Recipient = recipient,
            Authenticated = user.Length > 0,
            AuthenticatedUser = user,
            Server = server,
        });

    [Fact]
    public void An_anonymous_client_on_Default_Frontend_gets_550_5_7_54_and_a_connector_for_its_own_address()
    {
        var r = Run("defaults", "10.20.1.5");
        Assert.Equal("550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", r.Reply);
        Assert.Equal(SmtpProbeStage.RcptTo, r.Stage);
        Assert.Equal("ms-Exch-SMTP-Accept-Any-Recipient not granted to NT AUTHORITY\\ANONYMOUS LOGON", r.DecidedBy);
        Assert.Equal([ExchangeRights.AnonymousLogon], r.Principals);
        Assert.DoesNotContain(ExchangeRights.AcceptAnyRecipient, r.EffectiveRights);
        Assert.Equal(
        [
            "New-ReceiveConnector -Name \"Relay 10.20.1.5\" -Server EX01 -TransportRole FrontendTransport -Bindings 0.0.0.0:25 -RemoteIPRanges 10.20.1.5 -PermissionGroups AnonymousUsers",
            "Get-ReceiveConnector \"EX01\\Relay 10.20.1.5\" | Add-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights ms-Exch-SMTP-Accept-Any-Recipient",
        ], r.Fix);
    }

    [Fact]
    public void Without_a_server_name_the_fix_leaves_out_Server_and_an_IPv6_client_gets_an_IPv6_binding()
    {
        var r = Run("defaults", "2001:db8::77", server: "");
        Assert.Equal("New-ReceiveConnector -Name \"Relay 2001:db8::77\" -TransportRole FrontendTransport -Bindings [::]:25 -RemoteIPRanges 2001:db8::77 -PermissionGroups AnonymousUsers", r.Fix[0]);
        Assert.Equal("Get-ReceiveConnector \"Relay 2001:db8::77\" | Add-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights ms-Exch-SMTP-Accept-Any-Recipient", r.Fix[1]);
    }

    [Fact]
    public void The_documented_anonymous_relay_permits_by_its_Add_ADPermission_entry()
    {
        var r = Run("relay", "192.168.5.10");
        Assert.Equal("250 2.1.5 Recipient OK", r.Reply);
        Assert.Equal("Add-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights ms-Exch-SMTP-Accept-Any-Recipient (ms-Exch-SMTP-Accept-Any-Recipient to NT AUTHORITY\\ANONYMOUS LOGON)", r.DecidedBy);
        Assert.Equal("fixture", r.DecidedByOrigin);
        Assert.Contains("the client's own address", r.MatchReason);
        Assert.Equal(@"EX01\Default Frontend EX01", Assert.Single(r.LosingConnectors).Connector);
        Assert.Contains(r.Trace, s => s.Result == "LOST" && s.Rule == @"EX01\Default Frontend EX01");
    }

    [Fact]
    public void A_host_outside_the_relay_connector_is_added_to_that_connector()
    {
        Assert.Equal(["Set-ReceiveConnector \"EX01\\Anonymous Relay\" -RemoteIPRanges @{Add=\"192.168.5.99\"}"], Run("relay", "192.168.5.99").Fix);
    }

    [Fact]
    public void The_relay_connector_without_its_permission_gets_the_Add_ADPermission_of_the_document()
    {
        Assert.Equal(["Get-ReceiveConnector \"EX01\\Anonymous Relay\" | Add-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights ms-Exch-SMTP-Accept-Any-Recipient"], Run("relay-without-permission", "192.168.5.10").Fix);
    }

    [Fact]
    public void Externally_secured_sessions_have_the_rights_of_Externally_Secured_Servers()
    {
        var r = Run("externally-secured", "192.168.5.11");
        Assert.Contains(ExchangeRights.ExternallySecuredServers, r.Principals);
        Assert.Contains(ExchangeRights.BypassAntiSpam, r.EffectiveRights);
        Assert.Equal("PermissionGroups ExchangeServers (ms-Exch-SMTP-Accept-Any-Recipient to MS Exchange\\Externally Secured Servers)", r.DecidedBy);
        Assert.Contains(Run("externally-secured-without-group", "192.168.5.10").Notes, n => n.Contains("requires"));
    }

    [Fact]
    public void A_Deny_entry_decides_and_the_fix_removes_it()
    {
        var r = Run("deny", "192.168.5.10");
        Assert.Equal("perm.csv row 2", r.DecidedByOrigin);
        Assert.StartsWith("Add-ADPermission -Deny", r.DecidedBy);
        Assert.Equal(["Get-ReceiveConnector \"EX01\\Anonymous Relay\" | Remove-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights ms-Exch-SMTP-Accept-Any-Recipient -Deny"], r.Fix);
    }

    [Fact]
    public void An_authenticated_user_on_port_25_is_sent_to_Client_Frontend_on_587()
    {
        var r = Run("defaults", "10.20.1.5", user: @"CONTOSO\scanner");
        Assert.Equal([@"CONTOSO\scanner", ExchangeRights.AuthenticatedUsers], r.Principals);
        Assert.Contains("port 587", Assert.Single(r.Fix));
        Assert.Contains(@"EX01\Client Frontend EX01", r.Fix[0]);
    }

    [Fact]
    public void Without_ms_Exch_SMTP_Submit_MAIL_FROM_fails_with_530()
    {
        var r = Run("custom-no-groups", "10.20.1.5", recipient: "user@contoso.com");
        Assert.Equal(SmtpProbeStage.MailFrom, r.Stage);
        Assert.Equal("530 5.7.1 Client was not authenticated", r.Reply);
        Assert.Equal(["Set-ReceiveConnector \"EX01\\Scanner\" -PermissionGroups AnonymousUsers"], r.Fix);
    }

    [Fact]
    public void No_matching_connector_refuses_the_client_at_connect()
    {
        var r = Run("none", "10.20.1.5");
        Assert.Equal(SmtpProbeStage.Connect, r.Stage);
        Assert.Equal("", r.Reply);
        Assert.Contains(r.Notes, n => n.Contains("refuses the client at connect"));
        Assert.Equal("New-ReceiveConnector -Name \"Relay 10.20.1.5\" -Server EX01 -TransportRole FrontendTransport -Bindings 0.0.0.0:25 -RemoteIPRanges 10.20.1.5 -PermissionGroups AnonymousUsers", r.Fix[0]);
    }

    [Fact]
    public void An_InternalRelay_domain_is_accepted_without_any_relay_right_and_says_so()
    {
        var r = Run("internal-relay", "203.0.113.9");
        Assert.Equal("accepted domain fabrikam.com (InternalRelay)", r.DecidedBy);
        Assert.Contains(r.Notes, n => n.Contains("InternalRelay"));
    }
}
