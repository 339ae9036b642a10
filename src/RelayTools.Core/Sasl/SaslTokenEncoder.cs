using System;
using System.Net;
using System.Security;
using System.Text;
using MailKit.Security;

namespace RelayTools.Core.Sasl;

/// <summary>
/// Builds AUTH PLAIN (RFC 4616) and AUTH LOGIN client responses with MailKit's own SASL mechanisms,
/// after checking the fields the way a server would.
/// </summary>
public static class SaslTokenEncoder
{
    /// <summary>RFC 4616 obliges servers to accept fields of up to 255 UTF-8 octets; longer ones may be refused.</summary>
    public const int MaxFieldOctets = 255;

    // The prompts a LOGIN server sends, base64 of "Username:" and "Password:".
    private const string LoginUserPrompt = "VXNlcm5hbWU6";
    private const string LoginPasswordPrompt = "UGFzc3dvcmQ6";

    /// <summary>Encodes a user name and a SecureString password for <paramref name="mechanism"/>.</summary>
    /// <exception cref="SaslFormatException">A field is empty, too long or contains NUL.</exception>
    public static SaslToken Encode(string userName, SecureString password, string? authorizationId, SaslMechanismName mechanism)
    {
        var credential = new NetworkCredential(userName, password);

        // NetworkCredential reads a SecureString as a C string: a NUL inside it silently cuts the password short.
        if ((credential.Password ?? "").Length != password.Length)
        {
            throw new SaslFormatException(SaslProblem.NulInField, "The password contains a NUL character, which SASL PLAIN uses as its field separator.");
        }

        return Encode(credential, authorizationId, mechanism);
    }

    /// <summary>Encodes <paramref name="credential"/> for <paramref name="mechanism"/>.</summary>
    /// <param name="credential">The user name and password; the password is read only here.</param>
    /// <param name="authorizationId">The PLAIN authzid, or null/empty for none. Ignored by LOGIN.</param>
    /// <param name="mechanism">PLAIN or LOGIN.</param>
    /// <exception cref="SaslFormatException">A field is empty, too long or contains NUL.</exception>
    public static SaslToken Encode(NetworkCredential credential, string? authorizationId, SaslMechanismName mechanism)
    {
        if (credential is null)
        {
            throw new ArgumentNullException(nameof(credential));
        }

        string userName = credential.UserName ?? "";
        if (userName.Length == 0)
        {
            throw new SaslFormatException(SaslProblem.EmptyUserName, "The user name is empty; SASL needs an authentication identity.");
        }

        CheckField("user name", userName);
        CheckField("password", credential.Password ?? "");
        if (!string.IsNullOrEmpty(authorizationId))
        {
            CheckField("authorization id", authorizationId!);
        }

        return mechanism == SaslMechanismName.Login
            ? EncodeLogin(credential)
            : EncodePlain(credential, authorizationId);
    }

    private static SaslToken EncodePlain(NetworkCredential credential, string? authorizationId)
    {
        var plain = new SaslMechanismPlain(Encoding.UTF8, credential);
        if (!string.IsNullOrEmpty(authorizationId))
        {
            plain.AuthorizationId = authorizationId;
        }

        string token = plain.Challenge(null);
        return new SaslToken
        {
            Mechanism = "PLAIN",
            UserName = credential.UserName,
            AuthorizationId = string.IsNullOrEmpty(authorizationId) ? null : authorizationId,
            Token = token,
            Command = "AUTH PLAIN " + token,
        };
    }

    private static SaslToken EncodeLogin(NetworkCredential credential)
    {
        var login = new SaslMechanismLogin(Encoding.UTF8, credential);
        string userToken = login.Challenge(LoginUserPrompt);
        string passwordToken = login.Challenge(LoginPasswordPrompt);
        return new SaslToken
        {
            Mechanism = "LOGIN",
            UserName = credential.UserName,
            UserToken = userToken,
            PasswordToken = passwordToken,
            Command = "AUTH LOGIN",
        };
    }

    // The field name goes into the message; the value never does.
    private static void CheckField(string fieldName, string value)
    {
        if (value.IndexOf('\0') >= 0)
        {
            throw new SaslFormatException(SaslProblem.NulInField, $"The {fieldName} contains a NUL character, which SASL PLAIN uses as its field separator.");
        }

        int octets = Encoding.UTF8.GetByteCount(value);
        if (octets > MaxFieldOctets)
        {
            throw new SaslFormatException(SaslProblem.FieldTooLong, $"The {fieldName} is {octets} UTF-8 octets long; servers need only accept {MaxFieldOctets} (RFC 4616).");
        }
    }
}
