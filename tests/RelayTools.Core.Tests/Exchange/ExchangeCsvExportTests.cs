using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Exchange;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Tests.Exchange;

/// <summary>
/// Objects exported with Export-Csv and multi-valued fields joined (-join ',' or ';'), read and evaluated end to end:
/// the documented anonymous relay of "Allow anonymous relay on Exchange servers" (exchange/mail-flow/connectors/allow-anonymous-relay).
/// </summary>
public class ExchangeCsvExportTests
{
    static IReadOnlyDictionary<string, object?> Row(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => (object?)f.Value);

    static ExchangeObjects Export() => ExchangeObjectReader.Read(
        [
            Row(("Identity", @"EX01\Default Frontend EX01"), ("TransportRole", "FrontendTransport"), ("Bindings", "[::]:25;0.0.0.0:25"),
                ("RemoteIPRanges", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff;0.0.0.0-255.255.255.255"),
                ("AuthMechanism", "Tls, BasicAuth, BasicAuthRequireTLS, ExchangeServer, Integrated"), ("PermissionGroups", "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"), ("Enabled", "True")),
            Row(("Identity", @"EX01\Anonymous Relay"), ("TransportRole", "FrontendTransport"), ("Bindings", "0.0.0.0:25"),
                ("RemoteIPRanges", "192.168.5.10,192.168.5.11"), ("AuthMechanism", "Tls"), ("PermissionGroups", "AnonymousUsers"), ("Enabled", "True")),
        ],
        [Row(("Name", "Contoso"), ("DomainName", "contoso.com"), ("DomainType", "Authoritative")), Row(("Name", "Odd"), ("DomainName", "odd.example"), ("DomainType", "Relay"))],
        [Row(("Identity", @"EX01\Anonymous Relay"), ("User", @"NT AUTHORITY\ANONYMOUS LOGON"), ("ExtendedRights", "ms-Exch-SMTP-Accept-Any-Recipient"), ("Deny", "False"), ("IsInherited", "False"))],
        "export.csv");

    [Fact]
    public void The_export_reads_with_a_note_for_the_one_bad_domain_type()
    {
        var x = Export();
        Assert.Equal(2, x.Connectors.Length);
        Assert.Equal("export.csv connector 2", x.Connectors[1].Origin);
        Assert.Equal("accepted domain 'Odd' (export.csv accepted domain 2): DomainType 'Relay' is not Authoritative, InternalRelay or ExternalRelay; Authoritative assumed.", Assert.Single(x.Notes));
    }

    [Theory]
    [InlineData("192.168.5.10", RelayDecision.Permit, "250 2.1.5 Recipient OK", @"EX01\Anonymous Relay")]
    [InlineData("192.168.5.11", RelayDecision.Permit, "250 2.1.5 Recipient OK", @"EX01\Anonymous Relay")]
    [InlineData("192.168.5.12", RelayDecision.Reject, "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", @"EX01\Default Frontend EX01")]
    public void The_exported_relay_lets_its_two_hosts_relay_and_no_other(string client, RelayDecision decision, string reply, string connector)
    {
        var x = Export();
        var r = ExchangeRelayEvaluator.Evaluate(x.Connectors, x.Domains, x.Permissions, new ExchangeRelayQuery { ClientAddress = client, ServerAddress = "10.1.1.1", Recipient = "someone@fabrikam.com" });
        Assert.Equal(decision, r.Decision);
        Assert.Equal(reply, r.Reply);
        Assert.Equal(connector, r.Connector);
        Assert.Equal(decision == RelayDecision.Permit ? "export.csv permission 1" : "export.csv connector 1", r.DecidedByOrigin);
    }
}
