using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.OpenRelay;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.OpenRelay;

public class OpenRelayAuditTests
{
    [Fact]
    public void Build_gives_the_16_nmap_forms_in_order()
    {
        IReadOnlyList<OpenRelayTest> tests = OpenRelayTests.Build("F", "T", "d.example", "mx.s.test", "192.0.2.1");

        string[] expected =
        [
            "<> -> <T@d.example>",
            "<F@d.example> -> <T@d.example>",
            "<F@mx.s.test> -> <T@d.example>",
            "<F@[192.0.2.1]> -> <T@d.example>",
            "<F@[192.0.2.1]> -> <T%d.example@[192.0.2.1]>",
            "<F@[192.0.2.1]> -> <T%d.example@mx.s.test>",
            "<F@[192.0.2.1]> -> <\"T@d.example\">",
            "<F@[192.0.2.1]> -> <\"T%d.example\">",
            "<F@[192.0.2.1]> -> <T@d.example@[192.0.2.1]>",
            "<F@[192.0.2.1]> -> <\"T@d.example\"@[192.0.2.1]>",
            "<F@[192.0.2.1]> -> <T@d.example@mx.s.test>",
            "<F@[192.0.2.1]> -> <@[192.0.2.1]:T@d.example>",
            "<F@[192.0.2.1]> -> <@mx.s.test:T@d.example>",
            "<F@[192.0.2.1]> -> <d.example!T>",
            "<F@[192.0.2.1]> -> <d.example!T@[192.0.2.1]>",
            "<F@[192.0.2.1]> -> <d.example!T@mx.s.test>",
        ];
        Assert.Equal(expected, tests.Select(t => $"<{t.MailFrom}> -> <{t.RcptTo}>").ToArray());
        Assert.Equal(Enumerable.Range(1, 16), tests.Select(t => t.Number));
    }

    private static OpenRelayTestResult Test(int number, bool relayed, bool refused) =>
        new() { Number = number, Relayed = relayed, Refused = refused, Status = relayed ? SmtpRelayStatus.RelayPermitted : refused ? SmtpRelayStatus.RelayDenied : SmtpRelayStatus.TemporaryFailure };

    [Theory]
    // 16 refused: Closed. One relayed among refusals: Open. A 4xx among refusals: Inconclusive.
    [InlineData(16, 0, 0, false, OpenRelayVerdict.Closed)]
    [InlineData(15, 1, 0, false, OpenRelayVerdict.Open)]
    [InlineData(15, 0, 1, false, OpenRelayVerdict.Inconclusive)]
    // The session ended early: relayed forms still make it Open, otherwise Inconclusive.
    [InlineData(5, 0, 0, true, OpenRelayVerdict.Inconclusive)]
    [InlineData(4, 1, 0, true, OpenRelayVerdict.Open)]
    [InlineData(0, 0, 0, true, OpenRelayVerdict.Inconclusive)]
    public void Verdict_follows_the_forms(int refused, int relayed, int temporary, bool failed, OpenRelayVerdict verdict)
    {
        var tests = new List<OpenRelayTestResult>();
        for (int i = 0; i < refused; i++) { tests.Add(Test(tests.Count + 1, false, true)); }
        for (int i = 0; i < relayed; i++) { tests.Add(Test(tests.Count + 1, true, false)); }
        for (int i = 0; i < temporary; i++) { tests.Add(Test(tests.Count + 1, false, false)); }
        var result = new OpenRelayAuditResult { Tests = [.. tests] };
        ProbeFailure? failure = failed ? new ProbeFailure { Status = SmtpRelayStatus.ProtocolError, Stage = SmtpProbeStage.RcptTo, Reason = "dropped" } : null;

        OpenRelayAudit.Decide(result, failure);

        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(relayed, result.RelayedCount);
        Assert.Equal(tests.Count, result.TestedCount);
        Assert.Equal(failure?.Status, result.ConnectionStatus);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public void A_server_demanding_STARTTLS_before_MAIL_is_Inconclusive_not_Closed()
    {
        var tests = new List<OpenRelayTestResult>();
        for (int i = 1; i <= 16; i++)
        {
            tests.Add(new OpenRelayTestResult { Number = i, Status = SmtpRelayStatus.EncryptionRequired, Refused = false });
        }

        var result = new OpenRelayAuditResult { Tests = [.. tests] };
        OpenRelayAudit.Decide(result, null);

        Assert.Equal(OpenRelayVerdict.Inconclusive, result.Verdict);
        Assert.Contains("-Security StartTls", result.Reason);
    }
}
