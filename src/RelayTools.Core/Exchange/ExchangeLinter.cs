using System;
using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Exchange;

/// <summary>
/// Checks exported Receive connectors, accepted domains and permissions for what makes relay wrong: open relay,
/// externally secured ranges that trust too much, overlapping ranges Exchange refuses, relay on the Transport service,
/// disabled connectors, and relay domains. The rules come from "Allow anonymous relay on Exchange servers"
/// (exchange/mail-flow/connectors/allow-anonymous-relay), "Receive connectors in Exchange Server"
/// (exchange/mail-flow/connectors/receive-connectors) and "Accepted domains in Exchange Server"
/// (exchange/mail-flow/accepted-domains/accepted-domains).
/// </summary>
public static class ExchangeLinter
{
    /// <summary>How many addresses an externally secured connector may trust before it is reported.</summary>
    public const int ExternallySecuredLimit = 16;

    static readonly ExchangeIPRange[] PrivateBlocks = new[]
    {
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "fc00::/7", "fe80::/10", "::1",
    }.Select(t => ExchangeIPRange.TryParse(t)!).ToArray();

    /// <summary>True when every address of the entry is private, loopback or link-local.</summary>
    public static bool IsPrivate(ExchangeIPRange range) => PrivateBlocks.Any(b => b.Covers(range));

    /// <summary>Every finding, connectors first, then accepted domains.</summary>
    public static List<ExchangeFinding> Check(IEnumerable<ExchangeReceiveConnector> connectors, IEnumerable<ExchangeAcceptedDomain> domains, IEnumerable<ExchangePermission> permissions)
    {
        var all = connectors.ToList();
        var perms = permissions.ToList();
        var findings = new List<ExchangeFinding>();
        foreach (var c in all)
        {
            if (!c.Enabled)
            {
                findings.Add(new ExchangeFinding
                {
                    Severity = FindingSeverity.Information,
                    Id = "ConnectorDisabled",
                    Origin = Where(c),
                    Message = "'" + c.CommandIdentity + "' is disabled: Exchange uses no disabled connector, so its RemoteIPRanges (" + Ranges(c) + ") fall to another connector or are refused.",
                    Fix = ["Set-ReceiveConnector \"" + c.CommandIdentity + "\" -Enabled $true"],
                });
                continue;
            }
            if (!ExchangeRelayFix.IsAnonymousRelay(c, perms)) continue;
            var secured = ExchangeSessionRights.IsExternallySecured(c);
            var how = secured ? "ExternalAuthoritative with ExchangeServers (Externally Secured)" : "ms-Exch-SMTP-Accept-Any-Recipient for NT AUTHORITY\\ANONYMOUS LOGON";
            var publicRanges = c.RemoteIPRanges.Where(r => !IsPrivate(r)).ToList();
            var privateRanges = c.RemoteIPRanges.Where(IsPrivate).ToList();
            if (publicRanges.Count > 0)
            {
                string[] fix = privateRanges.Count > 0
                    ? ["Set-ReceiveConnector \"" + c.CommandIdentity + "\" -RemoteIPRanges " + string.Join(",", privateRanges.Select(r => r.Text))]
                    : secured
                        ? ["Set-ReceiveConnector \"" + c.CommandIdentity + "\" -AuthMechanism Tls -PermissionGroups AnonymousUsers"]
                        : ["Get-ReceiveConnector \"" + c.CommandIdentity + "\" | Remove-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights " + ExchangeRights.AcceptAnyRecipient];
                findings.Add(new ExchangeFinding
                {
                    Severity = FindingSeverity.Error,
                    Id = "OpenRelay",
                    Origin = Where(c),
                    Fix = fix,
                    Message = "'" + c.CommandIdentity + "' lets anonymous clients relay (" + how + ") from " + string.Join(", ", publicRanges.Select(r => r.Text))
                        + (publicRanges.Any(r => r.IsAll) ? " (every address)" : " (public addresses)") + ": an open relay. Anonymous relay belongs on a dedicated connector for the specific internal hosts.",
                });
            }
            else if (secured && c.RemoteIPRanges.Aggregate(System.Numerics.BigInteger.Zero, (n, r) => n + r.Size) > ExternallySecuredLimit)
            {
                findings.Add(new ExchangeFinding
                {
                    Severity = FindingSeverity.Warning,
                    Id = "ExternallySecuredWide",
                    Origin = Where(c),
                    Message = "'" + c.CommandIdentity + "' treats every host of " + Ranges(c) + " as Externally Secured: they bypass antispam and message size limits and are \"considered completely trustworthy\". Trust only the few hosts that relay, or use the anonymous method.",
                    Fix =
                    [
                        "Set-ReceiveConnector \"" + c.CommandIdentity + "\" -AuthMechanism Tls -PermissionGroups AnonymousUsers",
                        "Get-ReceiveConnector \"" + c.CommandIdentity + "\" | Add-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights " + ExchangeRights.AcceptAnyRecipient,
                    ],
                });
            }
            if (c.TransportRole == ExchangeTransportRole.HubTransport || c.Bindings.Any(b => b.Port == 2525))
            {
                var name = c.Name + " Frontend";
                findings.Add(new ExchangeFinding
                {
                    Severity = FindingSeverity.Warning,
                    Id = "RelayOnTransportService",
                    Origin = Where(c),
                    Message = "'" + c.CommandIdentity + "' is a relay connector in the Transport service (" + c.TransportRole + ", " + string.Join(", ", c.Bindings.Select(b => b.Text))
                        + "): the dedicated relay connector belongs in the Front End Transport service on port 25; 2525 is for other Exchange transport services.",
                    Fix =
                    [
                        "New-ReceiveConnector -Name \"" + name + "\"" + (c.Server.Length > 0 ? " -Server " + c.Server : "") + " -TransportRole FrontendTransport -Bindings 0.0.0.0:25 -RemoteIPRanges " + string.Join(",", c.RemoteIPRanges.Select(r => r.Text)) + " -PermissionGroups AnonymousUsers",
                        "Get-ReceiveConnector \"" + (c.Server.Length > 0 ? c.Server + "\\" : "") + name + "\" | Add-ADPermission -User \"NT AUTHORITY\\ANONYMOUS LOGON\" -ExtendedRights " + ExchangeRights.AcceptAnyRecipient,
                        "Remove-ReceiveConnector \"" + c.CommandIdentity + "\"",
                    ],
                });
            }
        }
        findings.AddRange(Overlaps(all));
        findings.AddRange(RelayDomains(domains));
        return findings;
    }

    /// <summary>
    /// Connectors on the same server and binding whose ranges are the same or overlap without one containing the other:
    /// "Multiple Receive connectors on the server can have overlapping remote IP address ranges as long as one range is
    /// completely overlapped by another."
    /// </summary>
    static IEnumerable<ExchangeFinding> Overlaps(List<ExchangeReceiveConnector> all)
    {
        for (var i = 0; i < all.Count; i++)
            for (var j = i + 1; j < all.Count; j++)
            {
                var a = all[i];
                var b = all[j];
                if (!string.Equals(a.Server, b.Server, StringComparison.OrdinalIgnoreCase)) continue;
                var binding = a.Bindings.FirstOrDefault(x => b.Bindings.Any(y => y.Port == x.Port && y.Address == x.Address));
                if (binding == null) continue;
                foreach (var ra in a.RemoteIPRanges)
                    foreach (var rb in b.RemoteIPRanges)
                    {
                        var same = ra.Covers(rb) && rb.Covers(ra);
                        if (!ra.Overlaps(rb) || (!same && (ra.Covers(rb) || rb.Covers(ra)))) continue;
                        yield return new ExchangeFinding
                        {
                            Severity = FindingSeverity.Error,
                            Id = same ? "SameRemoteRange" : "PartlyOverlappingRanges",
                            Origin = Where(b),
                            Message = "'" + a.CommandIdentity + "' (" + ra.Text + ") and '" + b.CommandIdentity + "' (" + rb.Text + ") share binding " + binding.Text + " with "
                                + (same ? "the same remote range" : "ranges that overlap without one containing the other")
                                + ": Exchange allows overlapping ranges only when one completely contains the other, so which connector takes these clients is undefined.",
                            Fix = ["Set-ReceiveConnector \"" + b.CommandIdentity + "\" -RemoteIPRanges @{Remove=\"" + rb.Text + "\"}"],
                        };
                    }
            }
    }

    /// <summary>InternalRelay and ExternalRelay domains: mail for them is accepted from anyone and relayed, with no relay right.</summary>
    static IEnumerable<ExchangeFinding> RelayDomains(IEnumerable<ExchangeAcceptedDomain> domains)
    {
        foreach (var d in domains.Where(d => d.DomainType != ExchangeAcceptedDomainType.Authoritative))
        {
            var all = d.DomainName.Trim() == "*";
            yield return new ExchangeFinding
            {
                Severity = all ? FindingSeverity.Error : FindingSeverity.Warning,
                Id = all ? "RelayDomainEverything" : "RelayDomain",
                Origin = "accepted domain '" + d.Name + "'" + (d.Origin.Length > 0 ? " (" + d.Origin + ")" : ""),
                Message = all
                    ? "The accepted domain '*' is " + d.DomainType + ": every domain is accepted and relayed onward, so any anonymous client can relay to anywhere (an open relay)."
                    : d.DomainName + " is " + d.DomainType + ": Exchange accepts mail for it from any client and relays what it cannot deliver, so relay to it works without ms-Exch-SMTP-Accept-Any-Recipient and looks local. Make it Authoritative if every recipient is in this organization.",
                Fix = all ? ["Remove-AcceptedDomain \"" + d.Name + "\""] : ["Set-AcceptedDomain \"" + d.Name + "\" -DomainType Authoritative"],
            };
        }
    }

    static string Ranges(ExchangeReceiveConnector c) => string.Join(", ", c.RemoteIPRanges.Select(r => r.Text));

    static string Where(ExchangeReceiveConnector c) => c.CommandIdentity + (c.Origin.Length > 0 ? " (" + c.Origin + ")" : "");
}
