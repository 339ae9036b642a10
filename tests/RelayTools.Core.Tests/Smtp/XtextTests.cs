using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Smtp;

// RFC 3461 section 4: the encoding XCLIENT values travel in.
public class XtextTests
{
    [Theory]
    [InlineData("127.0.0.5", "127.0.0.5")]
    [InlineData("IPV6:2001:db8::1", "IPV6:2001:db8::1")]
    [InlineData("[UNAVAILABLE]", "[UNAVAILABLE]")]
    [InlineData("relay.corp.example", "relay.corp.example")]
    [InlineData("a+b=c", "a+2Bb+3Dc")]
    [InlineData("two words", "two+20words")]
    [InlineData("x\r\nDATA", "x+0D+0ADATA")]
    [InlineData("nul\0", "nul+00")]
    [InlineData("~!", "~!")]
    [InlineData("\u007f", "+7F")]
    [InlineData("b\u00fccher", "b+C3+BCcher")]
    [InlineData("", "")]
    public void Encode_keeps_printable_ASCII_and_hex_escapes_everything_else(string value, string expected)
    {
        Assert.Equal(expected, Xtext.Encode(value));
    }
}
