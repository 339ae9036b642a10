using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using RelayTools.Core.Sendmail;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Investigation;

/// <summary>
/// Turns a refusal the Sendmail what-if explains into the smallest change that fixes it (pure): the client's own
/// address as a <c>Connect:</c> RELAY line of the access map and the makemap that rebuilds it, or, for a sendmail.cf
/// without an access map, the address in relay-domains (class R) and a restart. Never a wider network than the
/// client's own address (Sendmail's access keys have no CIDR: a key <c>Connect:10.20.1</c> is a whole /24).
/// </summary>
public static class SendmailFixPlanner
{
    /// <summary>How the knowledge base names the restart of Debian's Sendmail (class files are read only at start).</summary>
    public const string Restart = "systemctl restart sendmail";

    /// <summary>The rebuild of sendmail.cf from sendmail.mc.</summary>
    public const string Recompile = "m4 /etc/mail/sendmail.mc > /etc/mail/sendmail.cf";

    private const string AccessMap = "access";

    /// <summary>The fix for a what-if that refuses <paramref name="query"/> to relay at RCPT TO, or null when the refusal is not a relay matter this planner knows.</summary>
    public static SendmailFix? ForRefusal(SendmailConfiguration config, SendmailRelayQuery query, RelayWhatIfResult result)
    {
        if (config is null || query is null || result is null)
        {
            throw new ArgumentNullException(config is null ? nameof(config) : query is null ? nameof(query) : nameof(result));
        }

        if (result.Stage != SmtpProbeStage.RcptTo || result.Decision is not (RelayDecision.Reject or RelayDecision.Defer) ||
            query.Authenticated || !IPAddress.TryParse(query.ClientAddress, out IPAddress? client) || !IsRelayRefusal(result))
        {
            return null;
        }

        string address = SendmailSession.SendmailAddress(client.ToString());
        string where = $"'{result.DecidedBy}' in {result.DecidedByList} ({(result.DecidedByOrigin.Length > 0 ? result.DecidedByOrigin : config.Source)})";
        var fix = new SendmailFix { CauseId = "client-not-trusted" };
        if (result.ReplyText.Contains("IP name lookup failed") || result.ReplyText.Contains("IP name possibly forged"))
        {
            fix.Notes.Add($"The client {client} has no PTR record (or its name does not resolve back), so Sendmail adds '{(result.ReplyText.Contains("forged") ? "IP name possibly forged" : "IP name lookup failed")}' to the refusal: a PTR record alone would not let it relay (the refusal would read 'Relaying denied'); the access line does, with or without one.");
        }

        if (config.Cf.Maps.TryGetValue(AccessMap, out SendmailMapDeclaration? map))
        {
            string key = "Connect:" + address;
            string line = key + " RELAY";
            string file = map.File.Length > 0 ? map.File : "/etc/mail/access";
            SendmailAccessEntry? existing = config.Access?.Find(key);
            fix.Summary = existing is null
                ? $"The client {client} is not in the access map ({file}: no {key} entry, and no entry for its network), and it does not authenticate, so {where} refuses to relay for it."
                : $"The access map's entry for the client {client} is '{existing.Text}' ({existing.Origin}), which does not let it relay, and it does not authenticate, so {where} refuses to relay for it: replace that line.";
            string text = AccessText(config, map);
            fix.Add(line, cfg => cfg.SetMapSource(AccessMap, SendmailAccessFile.Parse(WithLine(text, existing, line), AccessFileName(map))));
            return fix.Add(RebuildCommand(config, map));
        }

        // No access map: relay-domains (class R) names hosts and networks that may relay, read when Sendmail starts.
        SendmailClassFile? relayDomains = config.Cf.ClassFiles.FirstOrDefault(f => f.ClassName == "R");
        string member = client.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? address : client.ToString();
        if (relayDomains is not null)
        {
            fix.Summary = $"The client {client} is not in relay-domains ({relayDomains.Path}, class R; sendmail.cf has no access map), and it does not authenticate, so {where} refuses to relay for it.";
            fix.Add($"echo '{member}' >> {relayDomains.Path}", cfg => cfg.Cf.AddToClass("R", member, relayDomains.Path + " (ServerFix)"));
            return fix.Add(Restart);
        }

        fix.Summary = $"The client {client} is not in class R (sendmail.cf has no access map and no relay-domains file), and it does not authenticate, so {where} refuses to relay for it.";
        fix.Add($"RELAY_DOMAIN(`{member}')dnl", cfg => cfg.Cf.AddToClass("R", member, "sendmail.mc RELAY_DOMAIN (ServerFix)"));
        fix.Add(Recompile);
        return fix.Add(Restart);
    }

    /// <summary>
    /// The fix when the configuration permits but the running Sendmail refuses: rebuild the databases that are older
    /// than their text (Sendmail reads the .db, not the text), else restart it on the sendmail.cf that is on disk.
    /// </summary>
    public static SendmailFix ForNotLoaded(SendmailConfiguration config, string client, string summaryDetail)
    {
        if (config is null)
        {
            throw new ArgumentNullException(nameof(config));
        }

        List<SendmailDatabaseStatus> stale = [.. config.Databases.Where(d => !d.Current && d.SourceExists)];
        var fix = new SendmailFix { CauseId = "config-not-loaded" };
        if (stale.Count > 0)
        {
            string which = string.Join(", ", stale.Select(d => $"{d.DatabasePath} is {(d.DatabaseExists ? "older than" : "missing for")} {d.SourcePath}"));
            fix.Summary = $"The configuration permits {client} ({summaryDetail}), but the running Sendmail refuses it: {which}, and Sendmail reads the database, not the text. Rebuild it with makemap.";
            foreach (SendmailDatabaseStatus database in stale)
            {
                fix.Add(database.RebuildCommand);
            }

            return fix;
        }

        fix.Summary = $"The configuration permits {client} ({summaryDetail}), but the running Sendmail refuses it: it runs another sendmail.cf (not rebuilt from sendmail.mc, or not restarted since), reads another access database, or sees the client through NAT under another address.";
        return fix.Add(Restart);
    }

    // The refusal the relay check gives (Relay_ok's 'Relaying denied'), not an access entry or a sender check.
    private static bool IsRelayRefusal(RelayWhatIfResult result) =>
        result.DecidedByList is "Relay_ok" or "Rcpt_ok" || result.ReplyText.Contains("Relaying denied");

    private static string RebuildCommand(SendmailConfiguration config, SendmailMapDeclaration map) =>
        config.Databases.FirstOrDefault(d => string.Equals(d.Map, map.Name, StringComparison.OrdinalIgnoreCase))?.RebuildCommand ??
        $"makemap {(map.MapClass.Length > 0 ? map.MapClass.ToLowerInvariant() : "hash")} {map.File} < {map.File}";

    // The access map's text as it is on disk (none for sendmail.cf given as text: the fix is the only line then).
    private static string AccessText(SendmailConfiguration config, SendmailMapDeclaration map)
    {
        if (config.Directory.Length == 0 || map.File.Length == 0)
        {
            return "";
        }

        string path = config.ResolvePath(map.File);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static string AccessFileName(SendmailMapDeclaration map) => map.File.Length > 0 ? Path.GetFileName(map.File) : AccessMap;

    // The line appended, or put in place of the entry for the same key (makemap keeps the first of two).
    private static string WithLine(string text, SendmailAccessEntry? existing, string line)
    {
        if (existing is null)
        {
            return text + (text.Length > 0 && !text.EndsWith("\n", StringComparison.Ordinal) ? "\n" : "") + line + "\n";
        }

        string[] lines = text.Split('\n');
        lines[existing.Line - 1] = line;
        return string.Join("\n", lines);
    }
}
