using System.Management.Automation;
using System.Net;

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
}
