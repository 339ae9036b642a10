using System;
using System.Collections.Generic;

namespace RelayTools.Core.Exchange;

/// <summary>
/// The Receive connector extended rights and the security principals of the permission groups, as the tables
/// "Receive connector permission groups" and "Receive connector permissions" in "Receive connectors in Exchange Server"
/// (exchange/mail-flow/connectors/receive-connectors) give them.
/// </summary>
public static class ExchangeRights
{
    /// <summary>Relaying: without it only recipients in accepted domains are accepted.</summary>
    public const string AcceptAnyRecipient = "ms-Exch-SMTP-Accept-Any-Recipient";
    /// <summary>Required to submit: without it MAIL FROM and AUTH fail.</summary>
    public const string Submit = "ms-Exch-SMTP-Submit";
    /// <summary>Bypasses the sender spoofing check.</summary>
    public const string AcceptAnySender = "ms-Exch-SMTP-Accept-Any-Sender";
    /// <summary>Senders in authoritative domains may use the connector.</summary>
    public const string AcceptAuthoritativeDomainSender = "ms-Exch-SMTP-Accept-Authoritative-Domain-Sender";
    /// <summary>Received and Resent-* headers are kept.</summary>
    public const string AcceptHeadersRouting = "ms-Exch-Accept-Headers-Routing";
    /// <summary>Antispam filtering is bypassed.</summary>
    public const string BypassAntiSpam = "ms-Exch-Bypass-Anti-Spam";
    /// <summary>The message size limit is bypassed.</summary>
    public const string BypassMessageSizeLimit = "ms-Exch-Bypass-Message-Size-Limit";
    /// <summary>Messages are treated as authenticated.</summary>
    public const string AcceptAuthenticationFlag = "ms-Exch-SMTP-Accept-Authentication-Flag";
    /// <summary>XEXCH50 is accepted.</summary>
    public const string AcceptExch50 = "ms-Exch-SMTP-Accept-Exch50";
    /// <summary>Exchange forest headers are kept.</summary>
    public const string AcceptHeadersForest = "ms-Exch-Accept-Headers-Forest";
    /// <summary>Exchange organization headers are kept.</summary>
    public const string AcceptHeadersOrganization = "ms-Exch-Accept-Headers-Organization";

    /// <summary>The principal of an unauthenticated session.</summary>
    public const string AnonymousLogon = @"NT AUTHORITY\ANONYMOUS LOGON";
    /// <summary>The principal of the Exchange users group: every authenticated user.</summary>
    public const string AuthenticatedUsers = @"NT AUTHORITY\Authenticated Users";
    /// <summary>The principal of a session on a connector with ExternalAuthoritative and ExchangeServers.</summary>
    public const string ExternallySecuredServers = @"MS Exchange\Externally Secured Servers";
    /// <summary>The principal of the Partners group.</summary>
    public const string PartnerServers = @"MS Exchange\Partner Servers";

    static readonly string[] AnonymousRights = [AcceptHeadersRouting, AcceptAnySender, AcceptAuthoritativeDomainSender, Submit];
    static readonly string[] ExchangeUsersRights = [AcceptHeadersRouting, BypassAntiSpam, AcceptAnyRecipient, Submit];
    static readonly string[] ExternallySecuredRights =
    [
        AcceptHeadersRouting, BypassAntiSpam, BypassMessageSizeLimit, AcceptAnyRecipient, AcceptAnySender,
        AcceptAuthenticationFlag, AcceptAuthoritativeDomainSender, AcceptExch50, Submit,
    ];
    static readonly string[] PartnersRights = [AcceptHeadersRouting, Submit];

    /// <summary>
    /// The rights a permission group grants its principal: Anonymous users to ANONYMOUS LOGON (no Accept-Any-Recipient),
    /// Exchange users to Authenticated Users (with Accept-Any-Recipient), Exchange servers to Externally Secured Servers
    /// (the externally secured row), Partners to Partner Servers. Empty for other principals.
    /// </summary>
    public static IReadOnlyList<string> GrantedBy(ExchangePermissionGroups group, string principal)
    {
        if (group == ExchangePermissionGroups.AnonymousUsers && IsPrincipal(principal, AnonymousLogon)) return AnonymousRights;
        if (group == ExchangePermissionGroups.ExchangeUsers && IsPrincipal(principal, AuthenticatedUsers)) return ExchangeUsersRights;
        if (group == ExchangePermissionGroups.ExchangeServers && IsPrincipal(principal, ExternallySecuredServers)) return ExternallySecuredRights;
        if (group == ExchangePermissionGroups.Partners && IsPrincipal(principal, PartnerServers)) return PartnersRights;
        return [];
    }

    /// <summary>True when two principal names are the same (case-insensitive; the domain part optional on either side).</summary>
    public static bool IsPrincipal(string a, string b)
    {
        if (string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase)) return true;
        static string Bare(string? s) { var t = (s ?? "").Trim(); var i = t.LastIndexOf('\\'); return i >= 0 ? t.Substring(i + 1) : t; }
        var ba = Bare(a);
        return ba.Length > 0 && (a ?? "").IndexOf('\\') < 0 != ((b ?? "").IndexOf('\\') < 0) && string.Equals(ba, Bare(b), StringComparison.OrdinalIgnoreCase);
    }
}
