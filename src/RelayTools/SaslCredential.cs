using System.Management.Automation;
using System.Net;
using System.Security;

namespace RelayTools;

/// <summary>Turns the PSCredential a cmdlet took into what SASL reads at AUTH time.</summary>
internal static class SaslCredential
{
    /// <summary>
    /// The credential as a NetworkCredential with the user name exactly as typed (not GetNetworkCredential(),
    /// which splits DOMAIN\user), the password still a SecureString; null for none or PSCredential.Empty.
    /// </summary>
    public static NetworkCredential? From(PSCredential? credential) =>
        credential is null || credential == PSCredential.Empty ? null : new NetworkCredential(credential.UserName, credential.Password);

    /// <summary>
    /// The account and its OAuth access token as a NetworkCredential (the token in SecurePassword, still a
    /// SecureString, read by MailKit only at AUTH), or null without a token. The account is
    /// <paramref name="userName"/>, else the user name of <paramref name="credential"/>.
    /// </summary>
    public static NetworkCredential? FromToken(SecureString? accessToken, string? userName, PSCredential? credential)
    {
        if (accessToken is null)
        {
            return null;
        }

        string account = userName ?? (credential is null || credential == PSCredential.Empty ? "" : credential.UserName);
        return new NetworkCredential(account, accessToken);
    }
}
