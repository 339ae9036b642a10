using System.Net;
using RelayTools.Core.Sasl;

namespace RelayTools.Core.Tests.Sasl;

public class SaslTokenEncoderTests
{
    [Theory]
    // The vector, and Postfix SASL_README's test/testpass vector.
    [InlineData("user@example.com", "password", null, "AHVzZXJAZXhhbXBsZS5jb20AcGFzc3dvcmQ=")]
    [InlineData("test", "testpass", null, "AHRlc3QAdGVzdHBhc3M=")]
    [InlineData("test", "testpass", "", "AHRlc3QAdGVzdHBhc3M=")]
    [InlineData("labuser", "labpass", "shared@lab.test", "c2hhcmVkQGxhYi50ZXN0AGxhYnVzZXIAbGFicGFzcw==")]
    // Non-ASCII is UTF-8 on the wire: "jürgen" / "pässwört".
    [InlineData("jürgen", "pässwört", null, "AGrDvHJnZW4AcMOkc3N3w7ZydA==")]
    public void Plain_token_is_base64_of_authzid_nul_authcid_nul_password(string user, string password, string? authzid, string expected)
    {
        SaslToken token = SaslTokenEncoder.Encode(new NetworkCredential(user, password), authzid, SaslMechanismName.Plain);

        Assert.Equal("PLAIN", token.Mechanism);
        Assert.Equal(expected, token.Token);
        Assert.Equal("AUTH PLAIN " + expected, token.Command);
        Assert.Equal(user, token.UserName);
        Assert.Equal(string.IsNullOrEmpty(authzid) ? null : authzid, token.AuthorizationId);
        Assert.Null(token.UserToken);
        Assert.Null(token.PasswordToken);
    }

    [Fact]
    public void Login_gives_the_user_and_password_answers_to_the_two_prompts()
    {
        SaslToken token = SaslTokenEncoder.Encode(new NetworkCredential("user@example.com", "password"), "ignored", SaslMechanismName.Login);

        Assert.Equal("LOGIN", token.Mechanism);
        Assert.Equal("dXNlckBleGFtcGxlLmNvbQ==", token.UserToken);
        Assert.Equal("cGFzc3dvcmQ=", token.PasswordToken);
        Assert.Equal("AUTH LOGIN", token.Command);
        Assert.Null(token.Token);
        Assert.Null(token.AuthorizationId);
    }

    [Theory]
    [InlineData("", "pw", null, SaslProblem.EmptyUserName)]
    [InlineData("us\0er", "pw", null, SaslProblem.NulInField)]
    [InlineData("user", "p\0w", null, SaslProblem.NulInField)]
    [InlineData("user", "pw", "a\0b", SaslProblem.NulInField)]
    public void Bad_fields_are_refused_with_the_specific_problem(string user, string password, string? authzid, SaslProblem problem)
    {
        var ex = Assert.Throws<SaslFormatException>(() => SaslTokenEncoder.Encode(new NetworkCredential(user, password), authzid, SaslMechanismName.Plain));

        Assert.Equal(problem, ex.Problem);
    }

    [Fact]
    public void A_nul_inside_a_secure_string_password_is_caught_not_truncated()
    {
        var password = new System.Security.SecureString();
        foreach (char c in "p\0w")
        {
            password.AppendChar(c);
        }

        var ex = Assert.Throws<SaslFormatException>(() => SaslTokenEncoder.Encode("user", password, null, SaslMechanismName.Plain));
        Assert.Equal(SaslProblem.NulInField, ex.Problem);
    }

    [Fact]
    public void A_field_of_255_octets_is_accepted_and_256_is_refused()
    {
        string max = new('a', SaslTokenEncoder.MaxFieldOctets);
        Assert.NotNull(SaslTokenEncoder.Encode(new NetworkCredential(max, "pw"), null, SaslMechanismName.Plain).Token);

        var ex = Assert.Throws<SaslFormatException>(() => SaslTokenEncoder.Encode(new NetworkCredential("user", max + "b"), null, SaslMechanismName.Plain));
        Assert.Equal(SaslProblem.FieldTooLong, ex.Problem);
    }

    [Fact]
    public void The_limit_counts_utf8_octets_not_characters()
    {
        // 128 "ü" are 128 characters but 256 octets.
        var ex = Assert.Throws<SaslFormatException>(() => SaslTokenEncoder.Encode(new NetworkCredential(new string('ü', 128), "pw"), null, SaslMechanismName.Plain));
        Assert.Equal(SaslProblem.FieldTooLong, ex.Problem);
    }

    [Fact]
    public void Error_messages_never_contain_the_password()
    {
        const string secret = "s3cr\0t-Passw0rd";
        var ex = Assert.Throws<SaslFormatException>(() => SaslTokenEncoder.Encode(new NetworkCredential("user", secret), null, SaslMechanismName.Plain));

        Assert.DoesNotContain("s3cr", ex.Message);
        Assert.Contains("password", ex.Message);
    }
}
