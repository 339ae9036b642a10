using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Exim;

/// <summary>
/// Finds the Exim configuration mistakes behind open relays and "550 relay not permitted", each with the
/// exact line that fixes it (for a Debian directory, the dc_* line and the commands that apply it).
/// </summary>
public static class EximLinter
{
    static readonly string[] PrivateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "fc00::/7", "fe80::/10", "::1/128"];
    const string PrivateDc = "10.0.0.0/8 ; 172.16.0.0/12 ; 192.168.0.0/16";

    /// <summary>Checks a configuration.</summary>
    public static List<EximFinding> Check(EximConfiguration config)
    {
        var findings = new List<EximFinding>();
        foreach (var note in config.Notes)
        {
            findings.Add(new EximFinding
            {
                Severity = FindingSeverity.Error,
                Id = note.Kind switch { EximNoteKind.UnknownOption => "UnknownOption", EximNoteKind.Unreadable => "UnreadableFile", _ => "SyntaxError" },
                Message = note.Message,
                Origin = note.Origin,
            });
        }
        bool debian = config.IsDebianDirectory;
        string Dc(string n) => config.DebianValues.TryGetValue(n, out var o) ? o.Value : "";
        string DcOrigin(string n) => config.DebianValues.TryGetValue(n, out var o) ? o.Origin : "update-exim4.conf.conf";
        string[] Apply(params string[] lines) => [.. lines, "update-exim4.conf", "systemctl reload exim4"];

        // 1. relay_from_hosts wider than the private ranges.
        var relay = EximRelaySettingReader.List(config, "relay_from_hosts");
        var wide = relay.Entries.Where(e => !e.Negated && IsWide(e.Item)).ToList();
        if (wide.Count > 0)
        {
            var keep = relay.Entries.Where(e => !wide.Contains(e)).Select(e => e.ToString()).ToList();
            string[] fix;
            if (debian)
            {
                var dcKeep = EximListMatcher.Split(Dc("dc_relay_nets")).Where(i => !IsWide(i.TrimStart('!'))).ToList();
                fix = Apply("dc_relay_nets='" + string.Join(" ; ", dcKeep) + "'");
            }
            else fix = ["hostlist relay_from_hosts = " + (keep.Any(k => k.Contains(":")) ? "<; " + string.Join(" ; ", keep) : string.Join(" : ", keep))];
            findings.Add(new EximFinding
            {
                Severity = FindingSeverity.Error,
                Id = "OpenRelayHosts",
                Origin = debian ? DcOrigin("dc_relay_nets") : relay.Origin,
                Message = "relay_from_hosts contains " + string.Join(", ", wide.Select(w => w.Item)) + ", wider than the private ranges: any client there may relay to any domain (an open relay).",
                Fix = fix,
            });
        }

        string rcptAcl = config.Get("acl_smtp_rcpt");
        config.Acls.TryGetValue(rcptAcl, out var rcpt);
        rcpt ??= new List<EximAclStatement>();

        // 2. accept hosts = * (or an unconditional accept) before the relay check.
        int guard = rcpt.FindIndex(IsRelayGuard);
        foreach (var s in rcpt.Take(guard < 0 ? rcpt.Count : guard))
        {
            if (s.Verb != "accept") continue;
            var conds = s.Items.Where(i => !i.IsModifier).ToList();
            bool all = conds.Count == 0 ? guard >= 0 : conds.All(c => !c.Negated && (c.Name == "hosts" && c.Value.Trim() is "*" or "0.0.0.0/0" or "<; ::/0 ; 0.0.0.0/0"));
            if (!all) continue;
            findings.Add(new EximFinding
            {
                Severity = FindingSeverity.Error,
                Id = "AcceptAllBeforeRelayCheck",
                Origin = s.Origin,
                Message = "'" + s.Text + "' in " + rcptAcl + " accepts every client before the relay check" + (guard >= 0 ? " at " + rcpt[guard].Origin : "") + ": Exim relays for anyone (an open relay).",
                Fix = ["accept hosts = +relay_from_hosts"],
            });
        }

        // 3. AUTH advertised without TLS.
        var servers = config.Authenticators.Where(a => a.IsServer).ToList();
        string adv = config.Get("auth_advertise_hosts");
        bool advTls = MentionsTls(adv);
        var plain = servers.Where(a => a.Driver == "plaintext" || a.PublicName.ToUpperInvariant() is "PLAIN" or "LOGIN").Where(a => !advTls && !MentionsTls(a.ServerAdvertiseCondition)).ToList();
        if (plain.Count > 0)
        {
            findings.Add(new EximFinding
            {
                Severity = FindingSeverity.Warning,
                Id = "AuthWithoutTls",
                Origin = plain[0].Origin,
                Message = "AUTH " + string.Join(", ", plain.Select(p => p.PublicName)) + " (" + string.Join(", ", plain.Select(p => p.Origin)) + ") is offered without TLS: auth_advertise_hosts = " + adv +
                          " is not limited to TLS sessions, so passwords cross the network in clear text.",
                Fix = ["auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}"],
            });
        }

        // 4. authenticated = * in the RCPT ACL but no authenticator.
        var authStmt = rcpt.FirstOrDefault(s => s.Items.Any(i => i.Name == "authenticated" && !i.Negated));
        if (authStmt != null && servers.Count == 0)
        {
            findings.Add(new EximFinding
            {
                Severity = FindingSeverity.Warning,
                Id = "NoAuthenticator",
                Origin = authStmt.Origin,
                Message = "'" + authStmt.Text + "' lets authenticated clients relay, but no server authenticator is configured: AUTH is never offered, so roaming users get '550 relay not permitted'.",
                Fix = debian
                    ? ["# in " + (Dc("dc_use_split_config") == "true" ? "conf.d/auth/30_exim4-config_examples" : "exim4.conf.template") + ", uncomment the plain_server authenticator (driver = plaintext, public_name = PLAIN, server_advertise_condition = ${if eq{$tls_in_cipher}{}{}{*}})", "update-exim4.conf", "systemctl reload exim4"]
                    : ["begin authenticators", "plain_server:", "  driver = plaintext", "  public_name = PLAIN", "  server_condition = \"${if crypteq{$auth3}{${extract{1}{:}{${lookup{$auth2}lsearch{/etc/exim/passwd}{$value}{*:*}}}}}{1}{0}}\"", "  server_set_id = $auth2", "  server_prompts = :", "  server_advertise_condition = ${if eq{$tls_in_cipher}{}{}{*}}"],
            });
        }

        // 5. Debian's default dc_local_interfaces (loopback only).
        string dcLi = Dc("dc_local_interfaces");
        if (dcLi.IndexOf(';') >= 0 && !dcLi.TrimStart().StartsWith("<", StringComparison.Ordinal)) dcLi = "<; " + dcLi;
        string li = debian ? dcLi : config.IsSet("local_interfaces") ? config.Get("local_interfaces") : "";
        if (li.Length > 0 && EximListMatcher.Split(li).All(i => IsLoopback(i)))
        {
            findings.Add(new EximFinding
            {
                Severity = FindingSeverity.Warning,
                Id = "LoopbackOnly",
                Origin = debian ? DcOrigin("dc_local_interfaces") : config.OriginOf("local_interfaces"),
                Message = "Exim listens on " + li + " only: other hosts cannot connect at all (it looks like a firewall problem).",
                Fix = debian ? Apply("dc_local_interfaces=''") : ["local_interfaces = <; 0.0.0.0 ; ::0"],
            });
        }

        if (debian)
        {
            string type = Dc("dc_eximconfig_configtype");
            // 6. dc_relay_nets empty.
            if (Dc("dc_relay_nets").Trim().Length == 0 && type is "internet" or "smarthost")
            {
                findings.Add(new EximFinding
                {
                    Severity = FindingSeverity.Information,
                    Id = "RelayNetsEmpty",
                    Origin = DcOrigin("dc_relay_nets"),
                    Message = "dc_relay_nets is empty: only 127.0.0.1 and ::1 may relay without AUTH; LAN clients and application servers get '550 relay not permitted'.",
                    Fix = Apply("dc_relay_nets='" + PrivateDc + "'"),
                });
            }
            // 7. configtype local.
            if (type == "local")
            {
                findings.Add(new EximFinding
                {
                    Severity = FindingSeverity.Warning,
                    Id = "LocalOnlyConfig",
                    Origin = DcOrigin("dc_eximconfig_configtype"),
                    Message = "dc_eximconfig_configtype is 'local': Exim takes no mail from the network and sends none to it.",
                    Fix = Apply("dc_eximconfig_configtype='internet'", "dc_local_interfaces=''"),
                });
            }
        }

        // 8. No submission port.
        string ports = config.Get("daemon_smtp_ports");
        var portList = EximListMatcher.Split(ports);
        if (!portList.Any(p => p is "587" or "submission"))
        {
            findings.Add(new EximFinding
            {
                Severity = FindingSeverity.Information,
                Id = "NoSubmissionPort",
                Origin = config.OriginOf("daemon_smtp_ports"),
                Message = "daemon_smtp_ports = " + ports + " has no port 587: mail clients that submit on 587 cannot connect (many ISPs block 25).",
                Fix = debian ? ["SMTPLISTENEROPTIONS='-oX 25:587 -oP /run/exim4/exim.pid'   # in /etc/default/exim4", "systemctl restart exim4"]
                             : ["daemon_smtp_ports = " + string.Join(" : ", portList.Concat(["587"]))],
            });
        }

        // 9. Statements after an unconditional accept or deny.
        foreach (var kv in config.Acls)
        {
            var list = kv.Value;
            int stop = list.FindIndex(s => s.Verb is "accept" or "deny" or "drop" && !s.Items.Any(i => !i.IsModifier));
            if (stop < 0 || stop == list.Count - 1) continue;
            var dead = list.Skip(stop + 1).ToList();
            findings.Add(new EximFinding
            {
                Severity = FindingSeverity.Warning,
                Id = "UnreachableStatement",
                Origin = dead[0].Origin,
                Message = "In ACL " + kv.Key + ", '" + list[stop].Text + "' (" + list[stop].Origin + ") has no condition, so the " + dead.Count + " statement(s) after it never run: " +
                          string.Join(", ", dead.Select(d => d.Verb + " (" + d.Origin + ")")) + ".",
            });
        }
        return findings;
    }

    /// <summary>True for the statement that refuses relaying: require/deny on <c>domains = +local_domains : +relay_to_domains</c>.</summary>
    static bool IsRelayGuard(EximAclStatement s) =>
        (s.Verb == "require" && s.Items.Any(i => i.Name == "domains" && !i.Negated && i.Value.Contains("+relay_to_domains"))) ||
        (s.Verb == "deny" && s.Items.Any(i => i.Name == "domains" && i.Negated && i.Value.Contains("+relay_to_domains")));

    static bool MentionsTls(string value) => value.Contains("tls_in_cipher") || value.Contains("tls_cipher") || value.Contains("encrypted");

    static bool IsLoopback(string item)
    {
        string a = item.Trim().Trim('[', ']');
        return a is "127.0.0.1" or "::1" || (EximNetwork.TryParseAddress(a, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>True for <c>*</c>, <c>0.0.0.0/0</c>, <c>::/0</c>, or a network not inside the private ranges.</summary>
    static bool IsWide(string item)
    {
        if (item == "*") return true;
        if (!EximNetwork.IsAddressOrCidr(item)) return false;
        int slash = item.IndexOf('/');
        if (slash < 0) return false; // one address is not a range
        string net = item.Substring(0, slash);
        int prefix = int.Parse(item.Substring(slash + 1));
        if (!EximNetwork.TryParseAddress(net, out var ip)) return false;
        int bits = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        foreach (string p in PrivateRanges)
        {
            int ps = p.IndexOf('/');
            int pprefix = int.Parse(p.Substring(ps + 1));
            if (EximNetwork.TryParseAddress(p.Substring(0, ps), out var pip) && pip.AddressFamily == ip.AddressFamily && prefix >= pprefix && EximNetwork.Contains(p, ip)) return false;
        }
        // Public networks: wide when larger than a /24 (IPv4) or /48 (IPv6).
        return bits == 32 ? prefix < 24 : prefix < 48;
    }
}
