using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.Smtp;
using RelayTools.Core.Smtp.Syntax;
using RelayTools.Tests.Fakes;

namespace RelayTools.Core.Tests.Smtp;

// The XCLIENT step against a scripted server that records every line it receives: what went on the wire,
// in which order, and that nothing goes on when XCLIENT is not offered or refused.
public class XclientProbeTests
{
    private static SmtpProbeRequest Request(int port, string? address, string? name) => new()
    {
        Server = "127.0.0.1",
        Port = port,
        Timeout = TimeSpan.FromSeconds(5),
        ClientAddress = address,
        ClientName = name,
        HeloName = "probe.relaytools.test",
        IncludeTranscript = true,
    };

    [Fact]
    public async Task Accepted_XCLIENT_is_followed_by_EHLO_again_then_the_transaction_as_that_client()
    {
        using var server = new ScriptedSmtpServer(FaultScript.XclientAccepted);

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port, "192.0.2.10", "unknown"), CancellationToken.None);
        await WaitForAsync(() => server.Received.Contains("QUIT"));

        Assert.Equal(SmtpRelayStatus.RelayPermitted, result.Status);
        Assert.Equal(SmtpProbeStage.Done, result.Stage);
        Assert.True(result.XclientOffered);
        Assert.Equal("192.0.2.10", result.ClientAddress);
        Assert.Equal("[UNAVAILABLE]", result.ClientName);
        Assert.Equal(
            ["EHLO probe.relaytools.test", "XCLIENT ADDR=192.0.2.10 NAME=[UNAVAILABLE]", "EHLO probe.relaytools.test",
             "MAIL FROM:<relay-probe@example.net>", "RCPT TO:<relay-probe@example.com>", "RSET", "QUIT"],
            server.Received);
        Assert.Contains("S: 220 fault.test ESMTP", result.Transcript!);
    }

    [Fact]
    public async Task IPv6_client_address_goes_out_tagged_IPV6()
    {
        using var server = new ScriptedSmtpServer(FaultScript.XclientAccepted);

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port, "[IPv6:2001:DB8::25]", null), CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.RelayPermitted, result.Status);
        Assert.Equal("2001:db8::25", result.ClientAddress);
        Assert.Null(result.ClientName);
        Assert.Contains("XCLIENT ADDR=IPV6:2001:db8::25", server.Received);
    }

    [Fact]
    public async Task Refused_XCLIENT_gives_XclientRefused_with_the_reply_and_no_transaction()
    {
        using var server = new ScriptedSmtpServer(FaultScript.XclientRefused);

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port, "127.0.0.5", null), CancellationToken.None);
        await WaitForAsync(() => server.Received.Contains("QUIT"));

        Assert.Equal(SmtpRelayStatus.XclientRefused, result.Status);
        Assert.Equal(SmtpProbeStage.Xclient, result.Stage);
        Assert.Equal(550, result.ReplyCode);
        Assert.Equal("5.7.0", result.EnhancedStatusCode);
        Assert.Equal("Error: insufficient authorization", result.ReplyText);
        Assert.Equal(["xclient-not-authorized"], result.Evidence);
        Assert.Equal("xclient-not-authorized", result.Diagnosis!.Causes[0].Id);
        Assert.True(result.XclientOffered);
        Assert.Equal("127.0.0.5", result.ClientAddress);
        Assert.DoesNotContain(server.Received, line => line.StartsWith("MAIL", StringComparison.Ordinal) || line.StartsWith("RCPT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task XCLIENT_not_offered_is_never_sent_and_the_probe_stops_with_the_reason()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port, "127.0.0.5", "relay.corp.example"), CancellationToken.None);
        await WaitForAsync(() => server.Received.Contains("QUIT"));

        Assert.Equal(SmtpRelayStatus.XclientRefused, result.Status);
        Assert.Equal(SmtpProbeStage.Xclient, result.Stage);
        Assert.Null(result.ReplyCode);
        Assert.False(result.XclientOffered);
        Assert.Contains("does not offer XCLIENT", result.ReplyText);
        Assert.Contains("smtpd_authorized_xclient_hosts", result.ReplyText);
        Assert.Contains("XCLIENT ADDR=127.0.0.5 NAME=relay.corp.example", result.ReplyText);
        Assert.Null(result.ClientAddress);
        Assert.Null(result.ClientName);
        Assert.Equal(["EHLO", "RSET", "QUIT"], server.Received.Select(line => line.Split(' ')[0]).ToArray());
    }

    [Theory]
    [InlineData("127.0.0.5\r\nDATA", null, "ClientAddressControlCharacter")]
    [InlineData(null, "relay.example\nMAIL FROM:<x@y.example>", "ClientNameControlCharacter")]
    [InlineData("relay.example", null, "ClientAddressSyntax")]
    public async Task A_bad_value_is_refused_before_any_connection(string? address, string? name, string errorId)
    {
        using var server = new ScriptedSmtpServer(FaultScript.XclientAccepted);

        SmtpArgumentException ex = await Assert.ThrowsAsync<SmtpArgumentException>(() => SmtpRelayProbe.RunAsync(Request(server.Port, address, name), CancellationToken.None));

        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task Empty_client_values_mean_no_XCLIENT()
    {
        using var server = new ScriptedSmtpServer(FaultScript.XclientAccepted);

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port, "", ""), CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.RelayPermitted, result.Status);
        Assert.True(result.XclientOffered);
        Assert.DoesNotContain(server.Received, line => line.StartsWith("XCLIENT", StringComparison.Ordinal));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}
