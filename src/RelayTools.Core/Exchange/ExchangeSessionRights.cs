using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Exchange;

/// <summary>
/// The extended rights a session gets on a Receive connector, from its permission groups and its Add-ADPermission
/// entries, as "Receive connectors in Exchange Server" (exchange/mail-flow/connectors/receive-connectors, "Receive
/// connector permission groups" and "Receive connector permissions") and "Allow anonymous relay on Exchange servers"
/// (exchange/mail-flow/connectors/allow-anonymous-relay) describe them.
/// </summary>
public static class ExchangeSessionRights
{
    /// <summary>Mechanisms with which a user can authenticate (AUTH): basic, basic after STARTTLS, NTLM/Kerberos.</summary>
    public const ExchangeAuthMechanisms UserAuth = ExchangeAuthMechanisms.BasicAuth | ExchangeAuthMechanisms.BasicAuthRequireTLS | ExchangeAuthMechanisms.Integrated;

    /// <summary>
    /// The principals of the session: ANONYMOUS LOGON when it does not authenticate (or the connector offers no user
    /// authentication); the user and Authenticated Users when it does; and, on a connector with ExternalAuthoritative
    /// and the ExchangeServers group, MS Exchange\Externally Secured Servers for every session.
    /// </summary>
    public static string[] Principals(ExchangeReceiveConnector connector, bool authenticated, string user, ICollection<string> notes)
    {
        var list = new List<string>();
        if (authenticated && (connector.AuthMechanism & UserAuth) == 0)
        {
            notes.Add("'" + connector.CommandIdentity + "' offers no user authentication (AuthMechanism " + connector.AuthMechanism + "), so the client cannot AUTH there; the session is anonymous.");
            authenticated = false;
        }
        if (authenticated)
        {
            if (user.Length > 0) list.Add(user);
            list.Add(ExchangeRights.AuthenticatedUsers);
        }
        else list.Add(ExchangeRights.AnonymousLogon);
        if (IsExternallySecured(connector)) list.Add(ExchangeRights.ExternallySecuredServers);
        else if ((connector.AuthMechanism & ExchangeAuthMechanisms.ExternalAuthoritative) != 0)
            notes.Add("'" + connector.CommandIdentity + "' has ExternalAuthoritative without the ExchangeServers permission group, which that mechanism requires; it grants nothing.");
        return list.ToArray();
    }

    /// <summary>True when the connector is externally secured: ExternalAuthoritative with the ExchangeServers group.</summary>
    public static bool IsExternallySecured(ExchangeReceiveConnector c) =>
        (c.AuthMechanism & ExchangeAuthMechanisms.ExternalAuthoritative) != 0 && (c.PermissionGroups & ExchangePermissionGroups.ExchangeServers) != 0;

    /// <summary>Every grant and deny for the principals on the connector: its permission groups first, then its Add-ADPermission entries.</summary>
    public static List<ExchangeRightGrant> Grants(ExchangeReceiveConnector connector, IEnumerable<ExchangePermission> permissions, IReadOnlyList<string> principals)
    {
        var grants = new List<ExchangeRightGrant>();
        foreach (ExchangePermissionGroups group in Enum.GetValues(typeof(ExchangePermissionGroups)))
        {
            if (group == ExchangePermissionGroups.None || (connector.PermissionGroups & group) == 0) continue;
            foreach (var principal in principals)
            {
                if (group == ExchangePermissionGroups.ExchangeServers && !IsExternallySecured(connector)) continue;
                foreach (var right in ExchangeRights.GrantedBy(group, principal))
                    grants.Add(new ExchangeRightGrant { Right = right, Principal = principal, Source = "PermissionGroups " + group, Origin = connector.Origin });
            }
        }
        foreach (var p in permissions.Where(p => connector.IsNamed(p.Identity)))
        {
            var principal = principals.FirstOrDefault(x => ExchangeRights.IsPrincipal(x, p.User));
            if (principal == null) continue;
            foreach (var right in p.ExtendedRights)
                grants.Add(new ExchangeRightGrant
                {
                    Right = Canonical(right),
                    Principal = principal,
                    Deny = p.Deny,
                    Origin = p.Origin,
                    Source = (p.Deny ? "Add-ADPermission -Deny" : "Add-ADPermission") + " -User \"" + p.User + "\" -ExtendedRights " + right,
                });
        }
        return grants;
    }

    /// <summary>The rights granted and not denied (a Deny entry takes a right away whatever grants it).</summary>
    public static string[] Effective(IEnumerable<ExchangeRightGrant> grants)
    {
        var list = grants.ToList();
        var denied = new HashSet<string>(list.Where(g => g.Deny).Select(g => g.Right), StringComparer.OrdinalIgnoreCase);
        return list.Where(g => !g.Deny && !denied.Contains(g.Right)).Select(g => g.Right).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    static string Canonical(string right) => right.StartsWith("ms-exch-", StringComparison.OrdinalIgnoreCase) ? "ms-Exch-" + right.Substring(8) : right;
}
