using System.Text;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Smtp;

public class ProbeTranscriptLoggerTests
{
    private static void Client(ProbeTranscriptLogger logger, string text) { byte[] b = Encoding.ASCII.GetBytes(text); logger.LogClient(b, 0, b.Length); }

    private static void Server(ProbeTranscriptLogger logger, string text) { byte[] b = Encoding.ASCII.GetBytes(text); logger.LogServer(b, 0, b.Length); }

    [Fact]
    public void Auth_plain_initial_response_is_redacted()
    {
        var logger = new ProbeTranscriptLogger();
        Server(logger, "220 mx ESMTP\r\n");
        Client(logger, "AUTH PLAIN AGxhYnVzZXIAbGFicGFzcw==\r\n");
        Server(logger, "235 2.7.0 Authentication successful\r\n");
        Client(logger, "MAIL FROM:<a@b.example>\r\n");

        Assert.Equal(["S: 220 mx ESMTP", "C: AUTH PLAIN ********", "S: 235 2.7.0 Authentication successful", "C: MAIL FROM:<a@b.example>"], logger.Transcript);
        Assert.Equal(SmtpProbeStage.MailFrom, logger.Stage);
    }

    [Fact]
    public void Auth_login_continuation_lines_are_redacted_until_the_final_reply()
    {
        var logger = new ProbeTranscriptLogger();
        Server(logger, "220 mx ESMTP\r\n");
        Client(logger, "AUTH LOGIN\r\n");
        Server(logger, "334 VXNlcm5hbWU6\r\n");
        Client(logger, "bGFidXNlcg==\r\n");
        Server(logger, "334 UGFzc3dvcmQ6\r\n");
        Client(logger, "bGFicGFzcw==\r\n");
        // A server reply split across reads is reassembled.
        Server(logger, "535 5.7.8 Error: authentication ");
        Server(logger, "failed\r\n");

        string transcript = string.Join("\n", logger.Transcript);
        Assert.DoesNotContain("bGFicGFzcw==", transcript);
        Assert.DoesNotContain("bGFidXNlcg==", transcript);
        Assert.Equal("C: ********", logger.Transcript[3]);
        Assert.Equal(535, logger.LastReply!.Code);
        Assert.Equal("AUTH", logger.LastReplyVerb);
    }

    [Fact]
    public void Ehlo_replies_are_kept_in_order_so_the_clear_text_one_stays_visible_after_starttls()
    {
        var logger = new ProbeTranscriptLogger();
        Server(logger, "220 mx ESMTP\r\n");
        Client(logger, "EHLO probe\r\n");
        Server(logger, "250-mx\r\n250 STARTTLS\r\n");
        Client(logger, "STARTTLS\r\n");
        Server(logger, "220 2.0.0 Ready\r\n");
        Client(logger, "EHLO probe\r\n");
        Server(logger, "250-mx\r\n250 AUTH PLAIN LOGIN\r\n");

        Assert.Equal(2, logger.EhloReplies.Count);
        Assert.True(EhloCapabilities.Parse(logger.EhloReplies[0]).StartTls);
        Assert.Empty(EhloCapabilities.Parse(logger.EhloReplies[0]).AuthMechanisms);
        Assert.Equal(["PLAIN", "LOGIN"], EhloCapabilities.Parse(logger.EhloReplies[1]).AuthMechanisms);
    }
}
