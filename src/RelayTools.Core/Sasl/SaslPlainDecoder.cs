using System;
using System.Security;
using System.Text;

namespace RelayTools.Core.Sasl;

/// <summary>Reads an AUTH PLAIN token (or a whole <c>AUTH PLAIN &lt;token&gt;</c> line) back into its fields.</summary>
public static class SaslPlainDecoder
{
    private const string CommandPrefix = "AUTH PLAIN";

    // Strict: invalid UTF-8 must be reported, not replaced with U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="input"/>.</summary>
    /// <param name="input">A base64 token, or an SMTP line <c>AUTH PLAIN &lt;token&gt;</c>.</param>
    /// <param name="revealPassword">Also fill <see cref="SaslPlainCredential.PlainTextPassword"/>.</param>
    /// <exception cref="SaslFormatException">The input is not base64, has the wrong number of fields, or is not UTF-8.</exception>
    public static SaslPlainCredential Decode(string input, bool revealPassword)
    {
        byte[] raw = FromBase64(ExtractToken(input));
        try
        {
            int first = Array.IndexOf(raw, (byte)0);
            int second = first < 0 ? -1 : Array.IndexOf(raw, (byte)0, first + 1);
            if (first < 0 || second < 0 || Array.IndexOf(raw, (byte)0, second + 1) >= 0)
            {
                int separators = 0;
                foreach (byte b in raw)
                {
                    if (b == 0)
                    {
                        separators++;
                    }
                }

                throw new SaslFormatException(SaslProblem.WrongFieldCount, $"The decoded token has {separators} NUL separator(s); PLAIN needs exactly 2 (authzid NUL authcid NUL passwd).");
            }

            string authorizationId = DecodeField(raw, 0, first, "authorization id");
            string userName = DecodeField(raw, first + 1, second - first - 1, "user name");
            if (userName.Length == 0)
            {
                throw new SaslFormatException(SaslProblem.EmptyUserName, "The token's user name (authentication identity) is empty.");
            }

            return new SaslPlainCredential
            {
                AuthorizationId = authorizationId,
                UserName = userName,
                Password = DecodePassword(raw, second + 1, raw.Length - second - 1, revealPassword, out string? plain),
                PlainTextPassword = plain,
            };
        }
        finally
        {
            Array.Clear(raw, 0, raw.Length);
        }
    }

    /// <summary>The base64 part of <paramref name="input"/>: the text after <c>AUTH PLAIN</c> when that prefix is present.</summary>
    public static string ExtractToken(string input)
    {
        string text = (input ?? "").Trim();
        if (text.StartsWith(CommandPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(CommandPrefix.Length).Trim();
        }

        return text;
    }

    private static byte[] FromBase64(string token)
    {
        if (token.Length == 0)
        {
            throw new SaslFormatException(SaslProblem.NotBase64, "The token is empty.");
        }

        try
        {
            return Convert.FromBase64String(token);
        }
        catch (FormatException)
        {
            throw new SaslFormatException(SaslProblem.NotBase64, $"The token ({token.Length} characters) is not valid base64.");
        }
    }

    private static string DecodeField(byte[] raw, int index, int count, string fieldName)
    {
        try
        {
            return StrictUtf8.GetString(raw, index, count);
        }
        catch (DecoderFallbackException)
        {
            throw new SaslFormatException(SaslProblem.InvalidUtf8, $"The {fieldName} in the token is not valid UTF-8.");
        }
    }

    private static SecureString DecodePassword(byte[] raw, int index, int count, bool reveal, out string? plain)
    {
        char[] chars;
        try
        {
            chars = StrictUtf8.GetChars(raw, index, count);
        }
        catch (DecoderFallbackException)
        {
            throw new SaslFormatException(SaslProblem.InvalidUtf8, "The password in the token is not valid UTF-8.");
        }

        try
        {
            var secure = new SecureString();
            foreach (char c in chars)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            plain = reveal ? new string(chars) : null;
            return secure;
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
        }
    }
}
