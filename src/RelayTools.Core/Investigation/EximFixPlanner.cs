using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using RelayTools.Core.Exim;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Investigation;

/// <summary>
/// Turns a refusal the Exim what-if explains into the smallest change that fixes it (pure): the client's
/// own address added to relay_from_hosts (for a Debian /etc/exim4 directory through dc_relay_nets and
/// update-exim4.conf, else the hostlist line itself), the trusting accept moved before the statement
/// that refuses, or a reload. Never a wider network than the client's own address.
/// </summary>
public static class EximFixPlanner
{
    /// <summary>How the knowledge base names the reload of Debian's Exim (exim re-reads its configuration on SIGHUP).</summary>
    public const string Reload = "systemctl reload exim4";

    /// <summary>Debian's generator of the runtime configuration from update-exim4.conf.conf.</summary>
    public const string Regenerate = "update-exim4.conf";

    private const string RelayList = "relay_from_hosts";

    /// <summary>The fix for a what-if that refuses <paramref name="query"/> at RCPT TO, or null when the refusal is not a relay matter this planner knows.</summary>
    public static EximFix? ForRefusal(EximConfiguration config, EximRelayQuery query, RelayWhatIfResult result)
    {
        if (config is null || query is null || result is null)
        {
            throw new ArgumentNullException(config is null ? nameof(config) : query is null ? nameof(query) : nameof(result));
        }

        if (result.Stage != SmtpProbeStage.RcptTo || result.Decision is not (RelayDecision.Reject or RelayDecision.Defer) ||
            query.AuthenticatedId.Length > 0 || !IPAddress.TryParse(query.ClientAddress, out IPAddress? client) ||
            !config.Acls.TryGetValue(result.DecidedByList, out List<EximAclStatement>? acl))
        {
            return null;
        }

        int decider = result.Trace.LastOrDefault(t => t.List == result.DecidedByList)?.Position ?? acl.Count + 1;
        int trust = acl.FindIndex(TrustsRelayHosts);
        string where = $"'{result.DecidedBy}' in {result.DecidedByList} ({(result.DecidedByOrigin.Length > 0 ? result.DecidedByOrigin : config.Source)})";
        if (trust < 0 || acl[trust].Position > decider)
        {
            var order = new EximFix
            {
                CauseId = "restriction-order",
                Summary = trust < 0
                    ? $"{result.DecidedByList} has no 'accept hosts = +relay_from_hosts', so the unauthenticated client {client} is refused by {where} whatever relay_from_hosts holds."
                    : $"{result.DecidedByList} runs {where} (statement {decider}) before '{acl[trust].Text}' (statement {acl[trust].Position}, {acl[trust].Origin}), so the client {client} is refused before relay_from_hosts is consulted.",
            };
            string move = $"# in {result.DecidedByList}, put 'accept hosts = +relay_from_hosts' before '{result.DecidedBy}' ({result.DecidedByOrigin})";
            order.Add(move, trust < 0 ? null : cfg => MoveBefore(cfg.Acls[result.DecidedByList], acl[trust].Position, decider));
            AddRegenerate(order, config);
            return order.Add(Reload);
        }

        EximNamedList? list = config.NamedLists.TryGetValue(RelayList, out EximNamedList? named) ? named : null;
        var fix = new EximFix { CauseId = "client-not-trusted" };
        if (config.IsDebianDirectory)
        {
            EximOption? dc = config.DebianValues.TryGetValue("dc_relay_nets", out EximOption? value) ? value : null;
            string entry = client.AddressFamily == AddressFamily.InterNetworkV6 ? client + "/128" : client + "/32";
            string current = dc?.Value.Trim() ?? "";
            List<string> items = current.Length == 0 ? [] : EximListMatcher.Split(current.IndexOf(';') >= 0 ? "<;" + current : current);
            string line = "dc_relay_nets='" + string.Join(" ; ", items.Append(entry)) + "'";
            fix.Summary = $"The client {client} is not in relay_from_hosts (dc_relay_nets, {dc?.Origin ?? "update-exim4.conf.conf"}), and it does not authenticate, so {where} refuses to relay for it.";
            fix.Add(line, cfg => AddHost(cfg, client, entry, list?.Origin ?? "update-exim4.conf"));
            fix.Add(Regenerate);
        }
        else
        {
            string value = AppendTo(list?.Value ?? "", client.ToString(), client.AddressFamily == AddressFamily.InterNetworkV6);
            fix.Summary = $"The client {client} is not in relay_from_hosts ({list?.Origin ?? "not defined"}), and it does not authenticate, so {where} refuses to relay for it.";
            fix.Add("hostlist relay_from_hosts = " + value, cfg => AddHost(cfg, client, client.ToString(), list?.Origin ?? config.Source));
        }

        return fix.Add(Reload);
    }

    /// <summary>The fix when the configuration permits but the running Exim refuses: load the configuration that is on disk.</summary>
    public static EximFix ForNotLoaded(EximConfiguration config, string client, string summaryDetail)
    {
        var fix = new EximFix
        {
            CauseId = "config-not-loaded",
            Summary = $"The configuration permits {client} ({summaryDetail}), but the running Exim refuses it: it runs another configuration, was not reloaded since the change" +
                (config.IsDebianDirectory ? " (or update-exim4.conf was not run after update-exim4.conf.conf changed)" : "") + ", or sees the client through NAT under another address.",
        };
        AddRegenerate(fix, config);
        return fix.Add(Reload);
    }

    private static void AddRegenerate(EximFix fix, EximConfiguration config)
    {
        if (config.IsDebianDirectory)
        {
            fix.Add(Regenerate);
        }
    }

    private static bool TrustsRelayHosts(EximAclStatement statement) =>
        statement.Verb == "accept" && statement.Items.Any(c => c.Name == "hosts" && !c.Negated &&
            EximListMatcher.Split(c.Value).Any(i => i == "+" + RelayList));

    // The host list with the client added, in the list's own separator (a colon list becomes <; for an IPv6 address).
    private static string AppendTo(string value, string entry, bool ipv6)
    {
        string current = value.Trim();
        if (current.Length == 0)
        {
            return ipv6 ? "<; " + entry : entry;
        }

        if (current.StartsWith("<", StringComparison.Ordinal) && current.Length >= 2)
        {
            return current + " " + current[1] + " " + entry;
        }

        return ipv6 ? "<; " + string.Join(" ; ", EximListMatcher.Split(current).Append(entry)) : current + " : " + entry;
    }

    private static void AddHost(EximConfiguration config, IPAddress client, string entry, string origin)
    {
        string current = config.NamedLists.TryGetValue(RelayList, out EximNamedList? list) ? list.Value : "";
        config.NamedLists[RelayList] = new EximNamedList
        {
            Kind = "hostlist",
            Name = RelayList,
            Value = AppendTo(current, entry, client.AddressFamily == AddressFamily.InterNetworkV6),
            Origin = origin + " (ServerFix)",
        };
    }

    private static void MoveBefore(List<EximAclStatement> acl, int position, int before)
    {
        EximAclStatement moved = acl.First(s => s.Position == position);
        acl.Remove(moved);
        int at = acl.FindIndex(s => s.Position == before);
        acl.Insert(at < 0 ? acl.Count : at, moved);
        for (int i = 0; i < acl.Count; i++)
        {
            acl[i].Position = i + 1;
        }
    }
}
