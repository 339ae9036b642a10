using System;

namespace RelayTools.Core.Exchange;

/// <summary>
/// The permission groups of a Receive connector (PermissionGroups), as the table "Receive connector permission groups"
/// in "Receive connectors in Exchange Server" (exchange/mail-flow/connectors/receive-connectors) lists them.
/// </summary>
[Flags]
public enum ExchangePermissionGroups
{
    /// <summary>No permission group.</summary>
    None = 0,
    /// <summary>Anonymous users: NT AUTHORITY\ANONYMOUS LOGON.</summary>
    AnonymousUsers = 1,
    /// <summary>Exchange users: NT AUTHORITY\Authenticated Users.</summary>
    ExchangeUsers = 2,
    /// <summary>Exchange servers (and, with ExternalAuthoritative, MS Exchange\Externally Secured Servers).</summary>
    ExchangeServers = 4,
    /// <summary>Legacy Exchange servers: &lt;Domain&gt;\ExchangeLegacyInterop.</summary>
    ExchangeLegacyServers = 8,
    /// <summary>Partners: MS Exchange\Partner Servers.</summary>
    Partners = 16,
    /// <summary>Custom: permissions given with Add-ADPermission only.</summary>
    Custom = 32,
}
