using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.OpenRelay;
using RelayTools.Core.Smtp;
using RelayTools.Tests.Fakes;

namespace RelayTools.Core.Tests.Smtp;

// An MX host's address comes from the DNS server the user named, not from the system resolver: with ConnectAddress the
// probe connects there and never resolves Server (a .invalid name, RFC 2606: were it resolved, the probe would fail at Connect).
public class ConnectAddressTests
{
    [Fact]
    public async Task The_relay_probe_connects_to_the_given_address_without_resolving_the_name()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        var request = new SmtpProbeRequest
        {
            Server = "mx1.relaytools.invalid",
            ConnectAddress = IPAddress.Loopback,
            Port = server.Port,
            Timeout = TimeSpan.FromSeconds(5),
        };

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(request, CancellationToken.None);

        Assert.Equal("mx1.relaytools.invalid", result.Server);
        Assert.Equal("127.0.0.1", result.RemoteAddress);
        Assert.Equal(SmtpRelayStatus.RelayPermitted, result.Status);
    }

    [Fact]
    public async Task The_open_relay_audit_connects_to_the_given_address_too()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        var request = new OpenRelayAuditRequest
        {
            Server = "mx1.relaytools.invalid",
            ConnectAddress = IPAddress.Loopback,
            Port = server.Port,
            Timeout = TimeSpan.FromSeconds(20),
        };

        OpenRelayAuditResult result = await OpenRelayAudit.RunAsync(request, CancellationToken.None);

        Assert.Equal("127.0.0.1", result.RemoteAddress);
        Assert.True(result.Sessions > 0);
    }
}
