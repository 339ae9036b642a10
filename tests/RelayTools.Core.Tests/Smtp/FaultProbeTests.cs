using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.Smtp;
using RelayTools.Tests.Fakes;

namespace RelayTools.Core.Tests.Smtp;

// The probe against a scripted misbehaving server on loopback: every fault is a result, never a hang or an exception.
public class FaultProbeTests
{
    private static SmtpProbeRequest Request(int port, int timeoutSeconds = 5) => new()
    {
        Server = "127.0.0.1",
        Port = port,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        IncludeTranscript = true,
    };

    [Fact]
    public async Task Refused_port_gives_ConnectionFailed_at_Connect()
    {
        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(ScriptedSmtpServer.UnusedPort()), CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.ConnectionFailed, result.Status);
        Assert.Equal(SmtpProbeStage.Connect, result.Stage);
        Assert.Null(result.ReplyCode);
        Assert.Contains("ConnectionRefused", result.ReplyText);
        Assert.Equal(["server-unreachable", "firewall-blocked"], result.Evidence);
    }

    [Fact]
    public async Task Silent_server_gives_Timeout_at_Greeting_within_the_timeout_plus_one_second()
    {
        using var server = new ScriptedSmtpServer(FaultScript.Silent);
        var clock = Stopwatch.StartNew();

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port, timeoutSeconds: 2), CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.Timeout, result.Status);
        Assert.Equal(SmtpProbeStage.Greeting, result.Stage);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.9, 3.0);
    }

    [Fact]
    public async Task Greeting_421_gives_TemporaryFailure_with_the_reply()
    {
        using var server = new ScriptedSmtpServer(FaultScript.Greeting421);

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port), CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.TemporaryFailure, result.Status);
        Assert.Equal(SmtpProbeStage.Greeting, result.Stage);
        Assert.Equal(421, result.ReplyCode);
        Assert.Equal("4.3.2", result.EnhancedStatusCode);
    }

    [Fact]
    public async Task Garbage_reply_gives_ProtocolError_at_Ehlo_naming_the_line()
    {
        using var server = new ScriptedSmtpServer(FaultScript.Garbage);

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port), CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.ProtocolError, result.Status);
        Assert.Equal(SmtpProbeStage.Ehlo, result.Stage);
        Assert.Contains("HTTP/1.1 400 Bad Request", result.ReplyText);
    }

    [Fact]
    public async Task Overlong_line_gives_ProtocolError_quickly()
    {
        using var server = new ScriptedSmtpServer(FaultScript.OverlongLine);
        var clock = Stopwatch.StartNew();

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port), CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.ProtocolError, result.Status);
        Assert.Equal(SmtpProbeStage.Ehlo, result.Stage);
        Assert.Contains("longer than", result.ReplyText);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), "the probe gives up on the line instead of waiting for the timeout");
    }

    [Fact]
    public async Task Connection_dropped_at_MAIL_FROM_gives_ProtocolError_at_MailFrom()
    {
        using var server = new ScriptedSmtpServer(FaultScript.DropAtMailFrom);

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port), CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.ProtocolError, result.Status);
        Assert.Equal(SmtpProbeStage.MailFrom, result.Stage);
        Assert.Null(result.ReplyCode);
    }

    [Fact]
    public async Task StartTls_offered_but_handshake_failing_gives_TlsFailed_at_StartTls()
    {
        using var server = new ScriptedSmtpServer(FaultScript.StartTlsHandshakeFails);

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port), CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.TlsFailed, result.Status);
        Assert.Equal(SmtpProbeStage.StartTls, result.Stage);
        Assert.True(result.StartTlsOffered);
        Assert.Contains("handshake", result.ReplyText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Server_silent_during_the_TLS_handshake_gives_Timeout_at_StartTls()
    {
        using var server = new ScriptedSmtpServer(FaultScript.StartTlsSilent);
        var clock = Stopwatch.StartNew();

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port, timeoutSeconds: 2), CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.Timeout, result.Status);
        Assert.Equal(SmtpProbeStage.StartTls, result.Stage);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.9, 3.0);
    }

    [Fact]
    public async Task StartTls_demanded_from_a_server_without_it_gives_TlsFailed()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        SmtpProbeRequest request = Request(server.Port);
        request.Security = SmtpSecurityMode.StartTls;

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(request, CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.TlsFailed, result.Status);
        Assert.Contains("does not offer STARTTLS", result.ReplyText);
    }

    [Fact]
    public async Task Accepting_server_gives_RelayPermitted_ends_with_RSET_and_QUIT_and_never_sends_DATA()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(Request(server.Port), CancellationToken.None);
        await WaitForAsync(() => server.Received.Contains("QUIT"));

        Assert.Equal(SmtpRelayStatus.RelayPermitted, result.Status);
        Assert.Equal(SmtpProbeStage.Done, result.Stage);
        Assert.Equal(250, result.ReplyCode);
        string[] verbs = server.Received.Select(line => line.Split(' ')[0]).ToArray();
        Assert.Equal(["EHLO", "MAIL", "RCPT", "RSET", "QUIT"], verbs);
    }

    [Fact]
    public async Task SendMessage_sends_DATA_with_the_probe_header_after_an_accepted_recipient()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        SmtpProbeRequest request = Request(server.Port);
        request.SendMessage = true;

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(request, CancellationToken.None);
        await WaitForAsync(() => server.Received.Contains("QUIT"));

        Assert.Equal(SmtpRelayStatus.RelayPermitted, result.Status);
        Assert.Equal(SmtpProbeStage.Done, result.Stage);
        Assert.Equal(250, result.ReplyCode);
        Assert.Contains("queued as FAKE1", result.ReplyText);
        Assert.Contains("DATA", server.Received);
        Assert.Contains(server.Received, line => line.StartsWith(SmtpRelayProbe.ProbeHeader + ": ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Caller_cancellation_ends_a_probe_of_a_silent_server_at_once_and_throws()
    {
        using var server = new ScriptedSmtpServer(FaultScript.Silent);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SmtpRelayProbe.RunAsync(Request(server.Port, timeoutSeconds: 30), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Local_address_binds_the_source_of_the_connection()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        SmtpProbeRequest request = Request(server.Port);
        request.LocalAddress = IPAddress.Parse("127.0.0.5");

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(request, CancellationToken.None);

        Assert.Equal("127.0.0.5", result.LocalAddress);
        Assert.Equal("127.0.0.1", result.RemoteAddress);
    }

    [Fact]
    public async Task Local_address_that_is_not_ours_gives_ConnectionFailed_naming_it()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        SmtpProbeRequest request = Request(server.Port);
        request.LocalAddress = IPAddress.Parse("192.0.2.44"); // TEST-NET-1: bind fails locally, nothing is sent

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(request, CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.ConnectionFailed, result.Status);
        Assert.Contains("192.0.2.44", result.ReplyText);
        Assert.Contains("-LocalAddress", result.ReplyText);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task Credential_over_plain_text_is_refused_without_sending_AUTH()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        SmtpProbeRequest request = Request(server.Port);
        request.Credential = new NetworkCredential("labuser", "s3cret-pass");

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(request, CancellationToken.None);
        await WaitForAsync(() => server.Received.Contains("QUIT"));

        Assert.Equal(SmtpRelayStatus.EncryptionRequired, result.Status);
        Assert.Equal(SmtpProbeStage.Auth, result.Stage);
        Assert.DoesNotContain(server.Received, line => line.StartsWith("AUTH", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("s3cret-pass", string.Join("\n", result.Transcript!) + result.ReplyText);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}
