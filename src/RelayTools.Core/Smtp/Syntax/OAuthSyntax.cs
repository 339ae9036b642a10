using System;
using System.Runtime.InteropServices;
using System.Security;

namespace RelayTools.Core.Smtp.Syntax;

/// <summary>
/// Checks the values of an OAuth 2.0 SMTP AUTH (XOAUTH2, RFC 7628 OAUTHBEARER) before anything is sent:
/// the mechanism, the account name and the access token. The token is read from its SecureString in
/// place and never copied into a managed string, and an error about it never shows its value.
/// </summary>
public static class OAuthSyntax
{
    /// <summary>The mechanism used with an access token when none is named.</summary>
    public const string DefaultMechanism = "XOAUTH2";

    /// <summary>The mechanisms an access token can be sent with.</summary>
    public static readonly string[] Mechanisms = ["XOAUTH2", "OAUTHBEARER"];

    /// <summary>Returns XOAUTH2 for none, or the named mechanism in upper case when it is XOAUTH2 or OAUTHBEARER.</summary>
    /// <exception cref="SmtpArgumentException">Another mechanism was named: it cannot carry a token.</exception>
    public static string Mechanism(string? value, string parameterName)
    {
        if (value is null)
        {
            return DefaultMechanism;
        }

        string name = SmtpSyntax.SaslMechanism(value, parameterName);
        if (Array.IndexOf(Mechanisms, name) < 0)
        {
            throw SmtpSyntax.Fail(SmtpArgumentKind.SaslMechanism, SmtpArgumentProblem.Syntax, parameterName, value, -1,
                "an access token is sent with XOAUTH2 (the default) or OAUTHBEARER; use -Credential for password mechanisms");
        }

        return name;
    }

    /// <summary>
    /// Checks the account name sent inside the SASL message: not empty, no control character (CR, LF and
    /// NUL, and the ^A that separates XOAUTH2 and OAUTHBEARER fields), no ',' (the OAUTHBEARER header separator).
    /// </summary>
    /// <exception cref="SmtpArgumentException">The name is refused; nothing has been sent.</exception>
    public static string UserName(string? value, string parameterName)
    {
        const SmtpArgumentKind kind = SmtpArgumentKind.SaslUserName;
        string text = value ?? "";
        if (text.Length == 0)
        {
            throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Empty, parameterName, text, -1,
                "an access token is sent for an account: give -UserName (or -Credential with the account as its user name)");
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x20 || c == 0x7F)
            {
                throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.ControlCharacter, parameterName, text, i,
                    "it contains a control character; the account name of an OAuth AUTH cannot hold CR, LF, NUL or ^A");
            }

            if (c == ',')
            {
                throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, i,
                    "',' separates the fields of an OAUTHBEARER message and cannot be part of the account name");
            }
        }

        return text;
    }

    /// <summary>
    /// Checks the token: not empty, and no control character, space or tab (an RFC 6750 bearer token is
    /// letters, digits and -._~+/=). The error names the position and the length, never the token.
    /// </summary>
    /// <exception cref="SmtpArgumentException">The token is refused; nothing has been sent.</exception>
    public static void CheckToken(SecureString? token, string parameterName)
    {
        const SmtpArgumentKind kind = SmtpArgumentKind.AccessToken;
        int length = token?.Length ?? 0;
        string shown = $"<{length} characters>";
        if (token is null || length == 0)
        {
            throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Empty, parameterName, shown, -1, "the access token is empty");
        }

        int bad = -1;
        IntPtr buffer = Marshal.SecureStringToGlobalAllocUnicode(token);
        try
        {
            for (int i = 0; i < length && bad < 0; i++)
            {
                char c = (char)Marshal.ReadInt16(buffer, i * 2);
                if (c <= 0x20 || c == 0x7F)
                {
                    bad = i;
                }
            }
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(buffer);
        }

        if (bad >= 0)
        {
            throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.ControlCharacter, parameterName, shown, bad,
                "the access token holds a space or a control character (a bearer token is letters, digits and -._~+/=); was a line break or a 'Bearer ' prefix copied with it?");
        }
    }
}
