using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.OpenRelay;
using RelayTools.Core.Smtp;
using RelayTools.Core.Smtp.Syntax;
using RelayTools.Tests.Fakes;

namespace RelayTools.Core.Tests.Smtp.Syntax;

// What reaches the wire, seen by a scripted server that records every line it receives.
public class WireGuardTests
{
    private static SmtpProbeRequest Request(int port) => new()
    {
        Server = "127.0.0.1",
        Port = port,
        Security = SmtpSecurityMode.None,
        Timeout = TimeSpan.FromSeconds(5),
    };

    [Theory]
    [InlineData("To", "x@gmail.com>\r\nDATA\r\nSubject: injected\r\n\r\n.\r\nQUIT")]
    [InlineData("From", "a@b.example>\r\nRCPT TO:<x@gmail.com")]
    [InlineData("HeloName", "probe\r\nMAIL FROM:<a@b.example>")]
    [InlineData("AuthenticationMechanism", "PLAIN\r\nDATA")]
    [InlineData("Server", "127.0.0.1\r\nDATA")]
    public async Task An_injected_line_is_refused_before_any_connection(string parameter, string value)
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        SmtpProbeRequest request = Request(server.Port);
        typeof(SmtpProbeRequest).GetProperty(parameter)!.SetValue(request, value);

        SmtpArgumentException ex = await Assert.ThrowsAsync<SmtpArgumentException>(() => SmtpRelayProbe.RunAsync(request, CancellationToken.None));

        Assert.Equal(SmtpArgumentProblem.ControlCharacter, ex.Problem);
        Assert.Equal(parameter, ex.ParamName);
        await Task.Delay(100);
        Assert.Equal(0, server.Connections);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task An_open_relay_audit_refuses_an_injected_external_domain_before_connecting()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        var request = new OpenRelayAuditRequest { Server = "127.0.0.1", Port = server.Port, ExternalDomain = "example.com>\r\nDATA" };

        SmtpArgumentException ex = await Assert.ThrowsAsync<SmtpArgumentException>(() => OpenRelayAudit.RunAsync(request, CancellationToken.None));

        Assert.Equal("DomainControlCharacter", ex.ErrorId);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task The_one_place_that_writes_commands_refuses_CR_LF_and_NUL_whatever_its_caller_checked()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        using var session = new ProbeSession("127.0.0.1", server.Port, SmtpSecurityMode.None, "probe.test", null, false, TimeSpan.FromSeconds(5), CancellationToken.None);
        await session.OpenAsync();

        foreach (string command in new[] { "RCPT TO:<x@gmail.com>\r\nDATA", "MAIL FROM:<a@b>\nDATA", "RCPT TO:<x\0@gmail.com>" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => session.CommandAsync(command));
        }

        SmtpReply ok = await session.CommandAsync("MAIL FROM:<a@b.example>");
        await session.CloseAsync(true);
        await Task.Delay(100);

        Assert.Equal(250, ok.Code);
        Assert.Equal(["EHLO probe.test", "MAIL FROM:<a@b.example>", "RSET", "QUIT"], server.Received);
    }

    [Fact]
    public async Task The_null_sender_goes_out_as_MAIL_FROM_empty_brackets_and_bracketed_addresses_are_not_doubled()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        SmtpProbeRequest request = Request(server.Port);
        request.From = "<>";
        request.To = "<someone@example.com>";
        request.HeloName = "[127.0.0.1]";

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(request, CancellationToken.None);
        await Task.Delay(100);

        Assert.Equal(SmtpRelayStatus.RelayPermitted, result.Status);
        Assert.Equal(["EHLO [127.0.0.1]", "MAIL FROM:<>", "RCPT TO:<someone@example.com>", "RSET", "QUIT"], server.Received);
        Assert.DoesNotContain(server.Received, line => line.StartsWith("DATA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_port_in_the_server_value_overrides_the_port_of_the_request()
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll);
        var request = new SmtpProbeRequest { Server = "[127.0.0.1]:" + server.Port, Port = 1, Security = SmtpSecurityMode.None, Timeout = TimeSpan.FromSeconds(5) };

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(request, CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.RelayPermitted, result.Status);
        Assert.Equal("127.0.0.1", result.Server);
        Assert.Equal(server.Port, result.Port);
    }

    [Theory]
    [InlineData("[IPv6:::1]:{0}", 1)]
    [InlineData("[::1]:{0}", 1)]
    [InlineData("::1", 0)]
    public async Task IPv6_server_forms_connect_to_the_IPv6_loopback(string form, int portInValue)
    {
        using var server = new ScriptedSmtpServer(FaultScript.AcceptAll, System.Net.IPAddress.IPv6Loopback);
        var request = new SmtpProbeRequest
        {
            Server = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, server.Port),
            Port = portInValue == 1 ? 1 : server.Port,
            Security = SmtpSecurityMode.None,
            Timeout = TimeSpan.FromSeconds(5),
        };

        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(request, CancellationToken.None);

        Assert.Equal(SmtpRelayStatus.RelayPermitted, result.Status);
        Assert.Equal("::1", result.Server);
        Assert.Equal("::1", result.RemoteAddress);
        Assert.Equal(server.Port, result.Port);
    }

    [Theory]
    [InlineData(typeof(SocketException), true)]
    [InlineData(typeof(IOException), true)]
    [InlineData(typeof(TimeoutException), true)]
    [InlineData(typeof(OperationCanceledException), true)]
    [InlineData(typeof(ObjectDisposedException), true)]
    [InlineData(typeof(MailKit.Security.SslHandshakeException), true)]
    [InlineData(typeof(MailKit.Net.Smtp.SmtpProtocolException), true)]
    [InlineData(typeof(MailKit.ServiceNotConnectedException), true)]
    [InlineData(typeof(MailKit.Security.AuthenticationException), true)]
    [InlineData(typeof(NullReferenceException), false)]
    [InlineData(typeof(InvalidCastException), false)]
    [InlineData(typeof(ArgumentException), false)]
    [InlineData(typeof(IndexOutOfRangeException), false)]
    [InlineData(typeof(InvalidOperationException), false)]
    [InlineData(typeof(NotSupportedException), false)]
    [InlineData(typeof(System.Collections.Generic.KeyNotFoundException), false)]
    public void Only_network_TLS_timeout_and_protocol_faults_are_server_outcomes(Type exceptionType, bool isSessionFault)
    {
        using var session = new ProbeSession("127.0.0.1", 25, SmtpSecurityMode.None, null, null, false, TimeSpan.FromSeconds(1), CancellationToken.None);
        var ex = (Exception)(exceptionType == typeof(ObjectDisposedException)
            ? new ObjectDisposedException("socket")
            : Activator.CreateInstance(exceptionType, exceptionType == typeof(SocketException) ? [(int)SocketError.ConnectionReset] : [])!);

        Assert.Equal(isSessionFault, session.IsSessionFault(ex));
    }

    [Theory]
    [InlineData(465, SmtpSecurityMode.Tls, false)]
    [InlineData(25, SmtpSecurityMode.None, true)]
    [InlineData(587, SmtpSecurityMode.StartTlsWhenAvailable, true)]
    public void Session_facts_record_AUTH_before_TLS_only_where_clear_text_came_first(int port, SmtpSecurityMode security, bool before)
    {
        using var session = new ProbeSession("127.0.0.1", port, security, null, null, false, TimeSpan.FromSeconds(1), CancellationToken.None);
        byte[] greeting = System.Text.Encoding.ASCII.GetBytes("220 mx.lab.test ESMTP\r\n");
        byte[] ehlo = System.Text.Encoding.ASCII.GetBytes("EHLO probe\r\n");
        session.Logger.LogServer(greeting, 0, greeting.Length);
        byte[] reply = System.Text.Encoding.ASCII.GetBytes("250-mx.lab.test\r\n250 AUTH PLAIN LOGIN\r\n");
        session.Logger.LogClient(ehlo, 0, ehlo.Length);
        session.Logger.LogServer(reply, 0, reply.Length);

        ProbeSessionFacts facts = session.Facts();

        Assert.Equal(port, facts.Port);
        Assert.True(facts.AuthOffered);
        Assert.Equal(before, facts.AuthOfferedBeforeTls);
    }
}
