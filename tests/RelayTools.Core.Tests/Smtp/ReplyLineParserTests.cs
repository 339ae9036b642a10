using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Smtp;

public class ReplyLineParserTests
{
    [Theory]
    [InlineData("554 5.7.1 <x@gmail.com>: Relay access denied", 554, "5.7.1", "<x@gmail.com>: Relay access denied")]
    [InlineData("454 4.7.1 <x@gmail.com>: Relay access denied", 454, "4.7.1", "<x@gmail.com>: Relay access denied")]
    [InlineData("535 5.7.8 Error: authentication failed: (reason unavailable)", 535, "5.7.8", "Error: authentication failed: (reason unavailable)")]
    [InlineData("250 2.1.5 Ok", 250, "2.1.5", "Ok")]
    [InlineData("530 5.7.0 Must issue a STARTTLS command first", 530, "5.7.0", "Must issue a STARTTLS command first")]
    [InlineData("220 mail.lab.test ESMTP RelayTools lab", 220, null, "mail.lab.test ESMTP RelayTools lab")]
    // The class of the enhanced code must match the reply code (RFC 3463): otherwise it is just text.
    [InlineData("250 5.7.1 odd", 250, null, "5.7.1 odd")]
    [InlineData("550 Relay not permitted", 550, null, "Relay not permitted")]
    [InlineData("421", 421, null, "")]
    public void Single_line_reply_splits_code_enhanced_code_and_text(string line, int code, string? enhanced, string text)
    {
        SmtpReply reply = ReplyLineParser.FromLines([line]);

        Assert.Equal(code, reply.Code);
        Assert.Equal(enhanced, reply.EnhancedStatusCode);
        Assert.Equal(text, reply.Text);
    }

    [Fact]
    public void Multi_line_reply_joins_the_texts_and_strips_the_repeated_enhanced_code()
    {
        SmtpReply reply = ReplyLineParser.FromLines(["550-5.7.1 Unauthenticated relaying", "550 5.7.1 is not allowed"]);

        Assert.Equal(550, reply.Code);
        Assert.Equal("5.7.1", reply.EnhancedStatusCode);
        Assert.Equal("Unauthenticated relaying\nis not allowed", reply.Text);
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request")]
    [InlineData("25 short")]
    [InlineData("999 out of range")]
    [InlineData("250x no separator")]
    [InlineData("")]
    public void Garbage_is_not_a_reply_line(string line)
    {
        Assert.False(ReplyLineParser.TryParseLine(line, out _, out _, out _));
        Assert.Throws<System.FormatException>(() => ReplyLineParser.FromLines([line]));
    }

    [Theory]
    [InlineData("250-PIPELINING", 250, false, "PIPELINING")]
    [InlineData("250 CHUNKING", 250, true, "CHUNKING")]
    public void Continuation_lines_are_told_from_last_lines(string line, int code, bool isLast, string text)
    {
        Assert.True(ReplyLineParser.TryParseLine(line, out int parsedCode, out bool parsedLast, out string parsedText));
        Assert.Equal(code, parsedCode);
        Assert.Equal(isLast, parsedLast);
        Assert.Equal(text, parsedText);
    }
}
