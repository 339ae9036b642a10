using System;
using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// Finds the Sendmail settings behind open relays and "Relaying denied" (pure): each finding names its
/// line and gives the exact access or mc line and the makemap / m4 command that fix it.
/// </summary>
public static class SendmailLinter
{
    const string Rebuild = "m4 /etc/mail/sendmail.mc > /etc/mail/sendmail.cf";
    const string Restart = "systemctl restart sendmail";

    /// <summary>Checks a configuration.</summary>
    public static List<SendmailFinding> Check(SendmailConfiguration config)
    {
        var findings = new List<SendmailFinding>();
        var setting = SendmailRelaySetting.From(config);
        string makemap = config.Databases.FirstOrDefault(d => d.Map.Equals("access", StringComparison.OrdinalIgnoreCase))?.RebuildCommand ?? "makemap hash /etc/mail/access < /etc/mail/access";
        var features = setting.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        string Mc(string feature) => config.Mc?.Features.TryGetValue(feature, out var s) == true ? s.Text : "FEATURE(`" + feature + "')dnl";

        void Remove(string id, FindingSeverity severity, string feature, string message)
        {
            if (!features.TryGetValue(feature, out var f)) return;
            findings.Add(new SendmailFinding
            {
                Severity = severity,
                Id = id,
                Origin = f.Origin,
                Message = message,
                Fix = ["# delete from /etc/mail/sendmail.mc: " + Mc(feature), Rebuild, Restart],
            });
        }

        Remove("PromiscuousRelay", FindingSeverity.Error, "promiscuous_relay", "FEATURE(`promiscuous_relay') removes the relay check: anyone on the Internet may relay through this server to any domain (an open relay).");
        Remove("RelayBasedOnMx", FindingSeverity.Warning, "relay_based_on_MX", "FEATURE(`relay_based_on_MX') relays for any domain whose MX record points at this server; outsiders can point their own domain's MX here and relay through it. List the domains in relay-domains instead.");
        Remove("RelayLocalFrom", FindingSeverity.Warning, "relay_local_from", "FEATURE(`relay_local_from') lets any client relay when the envelope sender is in a local domain; the sender is trivially forged, so spammers relay with MAIL FROM:<anything@" + FirstLocal(setting) + ">.");
        Remove("RelayMailFrom", FindingSeverity.Warning, "relay_mail_from", "FEATURE(`relay_mail_from') lets any client relay when the envelope sender has a From: RELAY access entry; the sender is trivially forged.");
        if (setting.DeliveryMode.StartsWith("d", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new SendmailFinding
            {
                Severity = FindingSeverity.Error,
                Id = "DeliveryModeDeferred",
                Origin = config.Cf.Options.LastOrDefault(o => o.Name == "DeliveryMode")?.Origin ?? "",
                Message = "DeliveryMode=deferred makes check_mail and check_rcpt return at once (Basic_check_rcpt: '< d > $* $@ deferred'): no relay check runs, every recipient is accepted.",
                Fix = ["define(`confDELIVERY_MODE', `background')dnl", Rebuild, Restart],
            });
        }
        LintAccess(config, setting, findings, makemap);
        LintDatabases(config, findings);
        LintDaemons(config, setting, findings);
        LintAuth(setting, findings);
        foreach (var domain in setting.RelayDomains)
        {
            if (setting.LocalHostNames.FirstOrDefault(l => string.Equals(l.Value, domain.Value, StringComparison.OrdinalIgnoreCase)) is not { } local) continue;
            findings.Add(new SendmailFinding
            {
                Severity = FindingSeverity.Warning,
                Id = "RelayDomainIsLocal",
                Origin = domain.Origin,
                Message = domain.Value + " is both a relay domain (" + domain.Origin + ") and a local host name (class w, " + local.Origin + "): Sendmail delivers it locally (the class w rule comes first), so mail meant to be relayed to its own server is kept here, and a relay-domains entry also lets any client named *." + domain.Value + " relay.",
                Fix = ["# delete " + domain.Value + " from " + (domain.Origin.StartsWith("relay-domains", StringComparison.Ordinal) ? "/etc/mail/relay-domains" : "the RELAY_DOMAIN line of /etc/mail/sendmail.mc") + " or from /etc/mail/local-host-names, whichever is not meant", Restart],
            });
        }
        foreach (var note in config.Notes.Where(n => n.Kind is SendmailNoteKind.Syntax or SendmailNoteKind.Suspicious or SendmailNoteKind.Unreadable or SendmailNoteKind.UnknownTag or SendmailNoteKind.UnknownValue))
        {
            findings.Add(new SendmailFinding
            {
                Severity = note.Kind is SendmailNoteKind.Syntax or SendmailNoteKind.Unreadable ? FindingSeverity.Error : FindingSeverity.Warning,
                Id = note.Origin.StartsWith("access", StringComparison.Ordinal) ? "Access" + note.Kind : "Config" + note.Kind,
                Origin = note.Origin,
                Message = note.Message,
                Fix = note.Origin.StartsWith("access", StringComparison.Ordinal) ? ["# edit " + note.Origin + " as the message says", makemap] : [],
            });
        }
        return findings;
    }

    static string FirstLocal(SendmailRelaySetting s) => s.LocalHostNames.FirstOrDefault(m => !m.Value.StartsWith("[", StringComparison.Ordinal) && m.Value.Contains('.'))?.Value ?? "your.domain";

    static void LintAccess(SendmailConfiguration config, SendmailRelaySetting setting, List<SendmailFinding> findings, string makemap)
    {
        foreach (var e in setting.Access.Where(e => !e.IsDuplicate))
        {
            bool connect = e.Tag.Length == 0 || e.Tag.Equals("Connect", StringComparison.OrdinalIgnoreCase);
            if (!connect) continue;
            if (e.Action == "RELAY" && e.KeyKind == SendmailAccessKeyKind.IPv4Prefix)
            {
                string[] octets = e.Key.Split('.');
                bool isPrivate = IsPrivateOrLoopback(octets);
                if (octets.Length <= 2 || !isPrivate)
                {
                    int bits = octets.Length * 8;
                    findings.Add(new SendmailFinding
                    {
                        Severity = isPrivate ? FindingSeverity.Warning : FindingSeverity.Error,
                        Id = "ConnectRelayWide",
                        Origin = e.Origin,
                        Message = e.Text.Trim() + " lets " + (isPrivate ? "every host of a /" + bits + " network" : "a public range (" + e.Key + ".x, a /" + bits + ")") + " relay to any domain" +
                            (isPrivate ? "; name the hosts that send mail instead." : ": anyone there, or spoofing an address there over a compromised host, uses this server as an open relay."),
                        Fix = ["# replace " + e.Origin + " with one line per sending host, for example:", (e.Tag.Length > 0 ? e.Tag + ":" : "") + e.Key + (octets.Length < 4 ? string.Concat(Enumerable.Repeat(".1", 4 - octets.Length)) : "") + "\tRELAY", makemap],
                    });
                }
            }
            else if (e.Action == "RELAY" && e.KeyKind == SendmailAccessKeyKind.Domain && !e.Key.Contains('.') && !e.Key.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(new SendmailFinding
                {
                    Severity = FindingSeverity.Error,
                    Id = "ConnectRelayWide",
                    Origin = e.Origin,
                    Message = e.Text.Trim() + " lets every client whose reverse DNS ends in ." + e.Key + " relay; anyone controls the PTR record of their own addresses.",
                    Fix = ["# replace " + e.Origin + " with the sending hosts' own names or addresses", makemap],
                });
            }
            else if (e.Action == "OK" && e.KeyKind is SendmailAccessKeyKind.IPv4Prefix or SendmailAccessKeyKind.IPv6Prefix or SendmailAccessKeyKind.Domain)
            {
                findings.Add(new SendmailFinding
                {
                    Severity = FindingSeverity.Information,
                    Id = "ConnectOkIsNotRelay",
                    Origin = e.Origin,
                    Message = e.Text.Trim() + ": OK only skips the other Connect: checks; it does not let the client relay (only RELAY does), so it still gets 'Relaying denied' for outside domains.",
                    Fix = ["# if relaying is meant:", (e.Tag.Length > 0 ? e.Tag + ":" : "") + e.Key + "\tRELAY", makemap],
                });
            }
        }
    }

    static bool IsPrivateOrLoopback(string[] octets)
    {
        if (!int.TryParse(octets[0], out int a)) return false;
        int b = octets.Length > 1 && int.TryParse(octets[1], out int v) ? v : -1;
        return a == 10 || a == 127 || (a == 192 && b == 168) || (a == 172 && b >= 16 && b <= 31) || (a == 169 && b == 254);
    }

    static void LintDatabases(SendmailConfiguration config, List<SendmailFinding> findings)
    {
        foreach (var d in config.Databases.Where(d => !d.Current && d.SourceExists))
        {
            findings.Add(new SendmailFinding
            {
                Severity = FindingSeverity.Error,
                Id = "MapNotRebuilt",
                Origin = d.Origin,
                Message = d.DatabaseExists
                    ? d.SourcePath + " is newer than " + d.DatabasePath + ": Sendmail reads the .db, so the last edits are not in effect (the makemap step was forgotten)."
                    : d.DatabasePath + " does not exist: Sendmail reads only the .db, so none of " + d.SourcePath + " is in effect (the makemap step was forgotten).",
                Fix = [d.RebuildCommand],
            });
        }
    }

    static void LintDaemons(SendmailConfiguration config, SendmailRelaySetting setting, List<SendmailFinding> findings)
    {
        var network = setting.Daemons.Where(d => d.Family != "local").ToList();
        if (network.Count > 0 && network.All(d => d.LoopbackOnly))
        {
            var first = network[0];
            findings.Add(new SendmailFinding
            {
                Severity = FindingSeverity.Warning,
                Id = "ListensOnLoopbackOnly",
                Origin = first.Origin,
                Message = "Every daemon listens on " + string.Join(", ", network.Select(d => d.Address + ":" + d.Port).Distinct()) + " only (Debian's default): clients on other hosts cannot connect at all, which they report as a timeout or 'connection refused', not a relay error.",
                Fix = ["DAEMON_OPTIONS(`Family=inet, Name=MTA-v4, Port=smtp')dnl", "DAEMON_OPTIONS(`Family=inet, Name=MSP-v4, Port=submission, M=Ea')dnl", "# replace the Addr=127.0.0.1 DAEMON_OPTIONS lines of /etc/mail/sendmail.mc with these", Rebuild, Restart],
            });
        }
        if (network.Count > 0 && !network.Any(d => d.Port == 587))
        {
            findings.Add(new SendmailFinding
            {
                Severity = FindingSeverity.Information,
                Id = "NoSubmissionPort",
                Origin = network[0].Origin,
                Message = "No daemon listens on the submission port 587: mail clients must authenticate on port 25, which many networks block, and get 'Relaying denied' when they send unauthenticated there.",
                Fix = ["DAEMON_OPTIONS(`Family=inet, Name=MSP-v4, Port=submission, M=Ea')dnl", Rebuild, Restart],
            });
        }
    }

    static void LintAuth(SendmailRelaySetting setting, List<SendmailFinding> findings)
    {
        if (setting.AuthMechanisms.Length == 0 || setting.StartTls) return;
        bool clear = setting.AuthMechanisms.Any(m => m.Equals("PLAIN", StringComparison.OrdinalIgnoreCase) || m.Equals("LOGIN", StringComparison.OrdinalIgnoreCase));
        findings.Add(new SendmailFinding
        {
            Severity = clear ? FindingSeverity.Error : FindingSeverity.Warning,
            Id = "AuthWithoutStartTls",
            Origin = "AuthMechanisms",
            Message = "AUTH is offered (" + string.Join(" ", setting.AuthMechanisms) + ") but STARTTLS is not set up (no server certificate)" + (clear ? ": PLAIN and LOGIN send the password in clear text." : ": the session, and what follows AUTH, is not encrypted."),
            Fix = ["define(`CERT_DIR', `/etc/mail/tls')dnl", "define(`confSERVER_CERT', `CERT_DIR/sendmail.crt')dnl", "define(`confSERVER_KEY', `CERT_DIR/sendmail.key')dnl", "define(`confAUTH_OPTIONS', `A p y')dnl", Rebuild, Restart],
        });
    }
}
