using System;
using System.Runtime.InteropServices;
using System.Security;
using RelayTools.Core.Sasl;

namespace RelayTools.Core.Tests.Sasl;

public class SaslPlainDecoderTests
{
    [Theory]
    [InlineData("AHVzZXJAZXhhbXBsZS5jb20AcGFzc3dvcmQ=", "", "user@example.com", "password")]
    [InlineData("AUTH PLAIN AHRlc3QAdGVzdHBhc3M=", "", "test", "testpass")]
    [InlineData("  auth plain   AHRlc3QAdGVzdHBhc3M=  ", "", "test", "testpass")]
    [InlineData("c2hhcmVkQGxhYi50ZXN0AGxhYnVzZXIAbGFicGFzcw==", "shared@lab.test", "labuser", "labpass")]
    [InlineData("AGrDvHJnZW4AcMOkc3N3w7ZydA==", "", "jürgen", "pässwört")]
    // An empty password is legal PLAIN; the server decides whether it is accepted.
    [InlineData("AHVzZXIA", "", "user", "")]
    public void Decodes_the_three_fields(string input, string authzid, string user, string password)
    {
        SaslPlainCredential credential = SaslPlainDecoder.Decode(input, revealPassword: true);

        Assert.Equal(authzid, credential.AuthorizationId);
        Assert.Equal(user, credential.UserName);
        Assert.Equal(password, credential.PlainTextPassword);
        Assert.Equal(password, Reveal(credential.Password!));
        Assert.True(credential.Password!.IsReadOnly());
    }

    [Fact]
    public void The_password_stays_secure_unless_revealed()
    {
        SaslPlainCredential credential = SaslPlainDecoder.Decode("AHRlc3QAdGVzdHBhc3M=", revealPassword: false);

        Assert.Null(credential.PlainTextPassword);
        Assert.Equal(8, credential.Password!.Length);
    }

    [Theory]
    [InlineData("not base64!", SaslProblem.NotBase64)]
    [InlineData("AUTH PLAIN", SaslProblem.NotBase64)]
    [InlineData("", SaslProblem.NotBase64)]
    [InlineData("AHRlc3QAdGVzdHBhc3M", SaslProblem.NotBase64)]          // missing padding
    [InlineData("dXNlckBleGFtcGxlLmNvbQ==", SaslProblem.WrongFieldCount)] // LOGIN user token: no NUL at all
    [InlineData("AHRlc3Q=", SaslProblem.WrongFieldCount)]                // one NUL
    [InlineData("AHRlc3QAdGVzdABwYXNz", SaslProblem.WrongFieldCount)]    // three NULs
    [InlineData("AP8AcGFzcw==", SaslProblem.InvalidUtf8)]                // user name byte 0xFF
    [InlineData("AHUAcP9zcw==", SaslProblem.InvalidUtf8)]                // password byte 0xFF
    [InlineData("/wB1AHA=", SaslProblem.InvalidUtf8)]                    // authzid byte 0xFF
    [InlineData("AABwYXNz", SaslProblem.EmptyUserName)]
    public void Bad_tokens_give_the_specific_problem(string input, SaslProblem problem)
    {
        var ex = Assert.Throws<SaslFormatException>(() => SaslPlainDecoder.Decode(input, revealPassword: true));

        Assert.Equal(problem, ex.Problem);
    }

    [Fact]
    public void Error_messages_do_not_echo_the_token()
    {
        const string token = "AHRlc3QAdGVzdABwYXNz"; // three NULs: refused after decoding
        var ex = Assert.Throws<SaslFormatException>(() => SaslPlainDecoder.Decode(token, revealPassword: true));

        Assert.DoesNotContain(token, ex.Message);
        Assert.DoesNotContain("test", ex.Message);
        Assert.Contains("3 NUL", ex.Message);
    }

    [Fact]
    public void Encoding_then_decoding_gives_back_the_fields()
    {
        var token = SaslTokenEncoder.Encode(new System.Net.NetworkCredential("ünïcode@lab.test", "pa ss:wörd"), "boss", SaslMechanismName.Plain);

        SaslPlainCredential back = SaslPlainDecoder.Decode(token.Command, revealPassword: true);

        Assert.Equal(("boss", "ünïcode@lab.test", "pa ss:wörd"), (back.AuthorizationId, back.UserName, back.PlainTextPassword));
    }

    private static string Reveal(SecureString secure)
    {
        IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer)!;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
