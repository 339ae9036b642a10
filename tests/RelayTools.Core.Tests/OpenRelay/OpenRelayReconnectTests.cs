using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.OpenRelay;
using RelayTools.Core.Smtp;
using RelayTools.Tests.Fakes;

namespace RelayTools.Core.Tests.OpenRelay;

public class OpenRelayReconnectTests
{
    private static Task<OpenRelayAuditResult> AuditAsync(ScriptedSmtpServer server, TimeSpan? delay = null) =>
        OpenRelayAudit.RunAsync(
            new OpenRelayAuditRequest { Server = "127.0.0.1", Port = server.Port, Timeout = TimeSpan.FromSeconds(30), ReconnectDelay = delay ?? TimeSpan.Zero, IncludeTranscript = true },
            CancellationToken.None);

    [Theory]
    [InlineData(FaultScript.DropAfterSyntaxErrors)]
    [InlineData(FaultScript.HangUpAfterSyntaxErrors)]
    public async Task A_server_that_drops_after_3_syntax_errors_is_audited_in_4_sessions_and_Closed(FaultScript script)
    {
        using var server = new ScriptedSmtpServer(script, 3);

        OpenRelayAuditResult result = await AuditAsync(server);

        Assert.Equal(OpenRelayVerdict.Closed, result.Verdict);
        Assert.Equal(16, result.TestedCount);
        Assert.Equal(Enumerable.Range(1, 16), result.Tests.Select(t => t.Number));
        Assert.All(result.Tests, t => Assert.True(t.Refused));
        // Forms 1-3 reach RCPT (550 relay not permitted); 4-16 send the address literal as sender (501).
        Assert.Equal(Enumerable.Range(4, 13), result.Tests.Where(t => t.SyntaxRefused).Select(t => t.Number));
        Assert.All(result.Tests.Take(3), t => Assert.Equal(550, t.RcptReply!.Code));
        // The first session ends at the 4th syntax error; later ones stop after 3, below the limit.
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4 }, result.Tests.Select(t => t.Session));
        Assert.Equal(4, result.Sessions);
        Assert.Equal(1, result.EndedByServer);
        Assert.Equal(4, server.Connections);
        Assert.Equal(1, server.Drops);
        Assert.Null(result.ConnectionStatus);
        Assert.Contains("13 of them as syntax errors", result.Reason);
        Assert.Contains("reconnected (4 sessions in all)", result.Reason);
    }

    [Fact]
    public async Task Nothing_but_the_forms_RSET_and_QUIT_reaches_the_wire_and_the_dropped_session_gets_no_QUIT()
    {
        using var server = new ScriptedSmtpServer(FaultScript.DropAfterSyntaxErrors, 3);

        await AuditAsync(server);

        string[] verbs = server.Received.Select(l => l.Split(' ')[0].ToUpperInvariant()).ToArray();
        Assert.DoesNotContain("DATA", verbs);
        Assert.All(verbs, v => Assert.Contains(v, new[] { "EHLO", "MAIL", "RCPT", "RSET", "QUIT" }));
        Assert.Equal(4, verbs.Count(v => v == "EHLO"));
        Assert.Equal(3, verbs.Count(v => v == "QUIT"));
        Assert.Equal(3, verbs.Count(v => v == "RCPT"));
        Assert.Equal(16, verbs.Count(v => v == "MAIL"));
    }

    [Fact]
    public async Task A_form_answered_421_is_tried_again_in_the_next_session()
    {
        using var server = new ScriptedSmtpServer(FaultScript.CloseWith421AfterSyntaxErrors, 3);

        OpenRelayAuditResult result = await AuditAsync(server);

        Assert.Equal(OpenRelayVerdict.Closed, result.Verdict);
        Assert.Equal(16, result.TestedCount);
        Assert.DoesNotContain(result.Tests, t => t.MailReply?.Code == 421);
        // Form 7 got 421 in session 1 and its 501 in session 2; the budget learned is 3.
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5 }, result.Tests.Select(t => t.Session));
        Assert.Equal(1, server.Drops);
        Assert.Equal(1, result.EndedByServer);
    }

    [Fact]
    public async Task The_reconnects_are_bounded_when_every_syntax_error_ends_the_session()
    {
        using var server = new ScriptedSmtpServer(FaultScript.DropAfterSyntaxErrors, 0);

        OpenRelayAuditResult result = await AuditAsync(server);

        Assert.Equal(OpenRelayVerdict.Inconclusive, result.Verdict);
        Assert.Equal(OpenRelayAudit.MaxSessions, result.Sessions);
        Assert.Equal(OpenRelayAudit.MaxSessions, server.Connections);
        Assert.Equal(3 + OpenRelayAudit.MaxSessions, result.TestedCount);
        Assert.Contains("stops after 10", result.Reason);
    }

    [Fact]
    public async Task A_server_that_hangs_up_before_any_form_is_answered_is_not_reconnected_to()
    {
        using var server = new ScriptedSmtpServer(FaultScript.DropAtMailFrom);

        OpenRelayAuditResult result = await AuditAsync(server);

        Assert.Equal(OpenRelayVerdict.Inconclusive, result.Verdict);
        Assert.Equal(1, server.Connections);
        Assert.Equal(0, result.TestedCount);
        Assert.NotNull(result.ConnectionStatus);
    }

    [Fact]
    public async Task The_audit_pauses_before_each_reconnect()
    {
        using var server = new ScriptedSmtpServer(FaultScript.DropAfterSyntaxErrors, 3);

        OpenRelayAuditResult result = await AuditAsync(server, TimeSpan.FromMilliseconds(300));

        Assert.Equal(4, result.Sessions);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(850), $"3 pauses of 300 ms, took {result.Elapsed}");
    }

    [Theory]
    [InlineData(501, "<f@[192.0.2.1]>: domain literals not allowed", true, false)]
    [InlineData(553, "5.1.3 <f@[x>... User address required", true, false)]
    [InlineData(550, "relay not permitted", false, false)]
    [InlineData(421, "4.7.0 mx Error: too many errors", false, true)]
    [InlineData(501, "<f@[192.0.2.1]>: domain literals not allowed\nToo many syntax or protocol errors", true, true)]
    public void Syntax_refusals_and_session_ends_are_told_apart(int code, string text, bool syntax, bool ends)
    {
        var reply = new SmtpReply { Code = code, Text = text, Lines = text.Split('\n') };

        Assert.Equal(syntax, OpenRelaySessionLimit.IsSyntaxRefusal(reply));
        Assert.Equal(ends, OpenRelaySessionLimit.EndsSession(reply));
    }

    [Fact]
    public void The_budget_is_one_below_the_errors_the_server_ended_a_session_at()
    {
        var limit = new OpenRelaySessionLimit();
        Assert.False(limit.IsSpent(100));

        limit.ServerEndedAfter(4);
        Assert.Equal(3, limit.SyntaxErrorBudget);
        Assert.False(limit.IsSpent(2));
        Assert.True(limit.IsSpent(3));

        limit.ServerEndedAfter(1);
        Assert.Equal(1, limit.SyntaxErrorBudget);
    }
}
