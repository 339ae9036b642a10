using System.Security;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Core.Tests.Smtp.Syntax;

// The values of an OAuth SMTP AUTH (XOAUTH2, OAUTHBEARER), checked before anything is sent.
public class OAuthSyntaxTests
{
    [Theory]
    [InlineData(null, "XOAUTH2")]
    [InlineData("xoauth2", "XOAUTH2")]
    [InlineData("OAuthBearer", "OAUTHBEARER")]
    public void An_access_token_goes_with_XOAUTH2_by_default_or_OAUTHBEARER(string? value, string expected)
    {
        Assert.Equal(expected, OAuthSyntax.Mechanism(value, "AuthenticationMechanism"));
    }

    [Theory]
    [InlineData("PLAIN")]
    [InlineData("SCRAM-SHA-256")]
    public void A_password_mechanism_is_refused_with_a_token(string value)
    {
        var ex = Assert.Throws<SmtpArgumentException>(() => OAuthSyntax.Mechanism(value, "AuthenticationMechanism"));
        Assert.Equal("SaslMechanismSyntax", ex.ErrorId);
    }

    [Theory]
    [InlineData("app@contoso.com")]
    [InlineData("DOMAIN\\user")]
    public void Account_names_are_kept_as_given(string value)
    {
        Assert.Equal(value, OAuthSyntax.UserName(value, "UserName"));
    }

    [Theory]
    [InlineData("a\r\nb@lab.test", "SaslUserNameControlCharacter", 1)]
    [InlineData("a\u0001auth=Bearer x", "SaslUserNameControlCharacter", 1)]
    [InlineData("a\0b", "SaslUserNameControlCharacter", 1)]
    [InlineData("a,b@lab.test", "SaslUserNameSyntax", 1)]
    [InlineData("", "SaslUserNameEmpty", -1)]
    public void Account_names_that_would_break_the_SASL_message_are_refused(string value, string errorId, int position)
    {
        var ex = Assert.Throws<SmtpArgumentException>(() => OAuthSyntax.UserName(value, "UserName"));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(position, ex.Position);
    }

    [Fact]
    public void A_bearer_token_passes()
    {
        OAuthSyntax.CheckToken(Secure("ya29.a0AfB_byC-x~y+z/w=="), "AccessToken");
    }

    [Theory]
    [InlineData("secret-token\r\n", 12)]
    [InlineData("Bearer secret-token", 6)]
    [InlineData("secret\u0001token", 6)]
    public void A_token_with_a_space_or_control_character_is_refused_without_showing_it(string token, int position)
    {
        var ex = Assert.Throws<SmtpArgumentException>(() => OAuthSyntax.CheckToken(Secure(token), "AccessToken"));
        Assert.Equal("AccessTokenControlCharacter", ex.ErrorId);
        Assert.Equal(position, ex.Position);
        Assert.Equal($"<{token.Length} characters>", ex.Value);
        Assert.DoesNotContain("secret", ex.Message);
    }

    [Fact]
    public void An_empty_token_is_refused()
    {
        var ex = Assert.Throws<SmtpArgumentException>(() => OAuthSyntax.CheckToken(new SecureString(), "AccessToken"));
        Assert.Equal("AccessTokenEmpty", ex.ErrorId);
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
