using System;
using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// The Sendmail what-if: runs the session's checks through the rulesets of sendmail.cf in the order
/// sendmail's SMTP server calls them (check_relay at connect, check_mail at MAIL, the address parse and
/// check_rcpt at RCPT) and turns the result into the reply Sendmail sends.
/// </summary>
public static class SendmailRelayEvaluator
{
    /// <summary>The name used to stand for a client whose real name is not known.</summary>
    const string StandInName = "client-name-not-given.invalid";

    /// <summary>Evaluates one session.</summary>
    public static SendmailRelayResult Evaluate(SendmailConfiguration config, SendmailRelayQuery query)
    {
        if (query.ClientName != null) return Run(config, query, query.ClientName);
        // Without a name the answer is only certain when it is the same with no PTR and with a name, and
        // no access entry or relay-domains name could match a real name.
        var noPtr = Run(config, query, "");
        var named = Run(config, query, StandInName);
        var nameEntries = NameBasedEntries(config).ToArray();
        if (noPtr.Decision == RelayDecision.Unknown) return noPtr;
        if (named.Reply == noPtr.Reply && named.Stage == noPtr.Stage && nameEntries.Length == 0)
        {
            noPtr.ClientName = "";
            noPtr.Notes = noPtr.Notes.Concat(["The client's name was not given: the answer is the same with no PTR record and with a verified name."]).ToArray();
            return noPtr;
        }
        var unknown = new SendmailRelayResult
        {
            Mta = "Sendmail",
            Source = config.Source,
            ClientAddress = query.ClientAddress,
            Sender = query.Sender,
            Recipient = query.Recipient,
            Authenticated = query.Authenticated,
            SaslUser = query.SaslUser,
            Decision = RelayDecision.Unknown,
            Daemon = noPtr.Daemon,
            Trace = noPtr.Trace,
        };
        var notes = new List<string> { "Not evaluated: the answer depends on the client's reverse DNS name; give -ClientName (its verified name, or '' for none)." };
        if (named.Reply != noPtr.Reply) notes.Add("With no PTR record Sendmail answers " + noPtr.Reply + "; with a verified name that no entry names: " + named.Reply + ".");
        foreach (string e in nameEntries) notes.Add("A name could match " + e + ".");
        unknown.Notes = notes.ToArray();
        return unknown;
    }

    /// <summary>Access entries (Connect: or untagged) and class R members that match client host names.</summary>
    static IEnumerable<string> NameBasedEntries(SendmailConfiguration config)
    {
        if (config.Access is { } access)
            foreach (var e in access.Entries.Where(e => !e.IsDuplicate && e.KeyKind is SendmailAccessKeyKind.Domain or SendmailAccessKeyKind.AddressLiteral && (e.Tag.Length == 0 || e.Tag.Equals("Connect", StringComparison.OrdinalIgnoreCase))))
                yield return (e.Tag.Length > 0 ? e.Tag + ":" : "") + e.Key + " " + e.Value + " (" + e.Origin + ")";
        if (config.Cf.Classes.TryGetValue("R", out var members))
            foreach (var m in members.Where(m => !IsAddressKey(m.Value)))
                yield return "relay-domains " + m.Value + " (" + m.Origin + ")";
    }

    static bool IsAddressKey(string key) =>
        key.StartsWith("ipv6:", StringComparison.OrdinalIgnoreCase) || key.All(c => char.IsDigit(c) || c == '.' || c == '/') || key.StartsWith("[", StringComparison.Ordinal);

    static SendmailRelayResult Run(SendmailConfiguration config, SendmailRelayQuery query, string clientName)
    {
        var cf = config.Cf;
        var daemon = SendmailDaemon.ForPort(cf, query.Port);
        var session = new SendmailSession(config, query, clientName, daemon.Flags);
        var maps = new SendmailMaps(config.MapSource, name => session.InClass("w", name) || query.ResolvableDomains.Any(d => string.Equals(d.TrimEnd('.'), name, StringComparison.OrdinalIgnoreCase)), session.Define);
        var rewriter = new SendmailRewriter(cf, maps, session.Macro, session.InClass);
        string? blank = cf.Option("BlankSub");
        char blankSub = string.IsNullOrEmpty(blank) ? ' ' : blank![0];
        var result = new SendmailRelayResult
        {
            Mta = "Sendmail",
            Source = config.Source,
            ClientAddress = query.ClientAddress,
            ClientName = clientName.Length > 0 ? clientName : "unknown",
            Sender = query.Sender,
            Recipient = query.Recipient,
            Authenticated = query.Authenticated,
            SaslUser = query.SaslUser,
            Daemon = daemon.Name,
        };
        var notes = new List<string>();
        var stages = new List<(SmtpProbeStage Stage, string Check, string Input, int EventIndex)>();
        string sender = "<" + query.Sender + ">";
        string recipient = "<" + query.Recipient + ">";
        List<string>? error = null;
        string errorAddress = "";
        try
        {
            if (HasRules(cf, "check_relay"))
            {
                stages.Add((SmtpProbeStage.Connect, "check_relay", session.ClientMacroName + " $| " + session.ClientAddrMacro, rewriter.Events.Count));
                var ws = rewriter.Run("check_relay", session.ClientMacroName, session.ClientAddrMacro);
                if (IsError(ws))
                {
                    // Sendmail still greets and answers EHLO; the refusal is the reply to MAIL FROM (and every command after it).
                    error = ws;
                    result.Stage = SmtpProbeStage.MailFrom;
                    notes.Add("check_relay refused the client at connect; Sendmail greets it and accepts EHLO, then gives this reply to MAIL FROM and every later command.");
                }
            }
            if (error == null && HasRules(cf, "check_mail"))
            {
                stages.Add((SmtpProbeStage.MailFrom, "check_mail", sender, rewriter.Events.Count));
                var ws = rewriter.Run("check_mail", sender);
                if (IsError(ws)) { error = ws; errorAddress = sender; result.Stage = SmtpProbeStage.MailFrom; }
            }
            if (error == null)
            {
                result.Stage = SmtpProbeStage.RcptTo;
                errorAddress = recipient;
                stages.Add((SmtpProbeStage.RcptTo, "parse", recipient, rewriter.Events.Count));
                var parsed = rewriter.Rewrite("0", rewriter.Rewrite("3", SendmailTokens.Scan(recipient, cf.OperatorChars), 0), 0);
                if (IsError(parsed)) error = parsed;
                else if (parsed.Count > 1 && SendmailTokens.IsMeta(parsed[0], '#')) result.Mailer = parsed[1];
                if (error == null && HasRules(cf, "check_rcpt"))
                {
                    stages.Add((SmtpProbeStage.RcptTo, "check_rcpt", recipient, rewriter.Events.Count));
                    var ws = rewriter.Run("check_rcpt", recipient);
                    if (IsError(ws)) error = ws;
                }
            }
        }
        catch (SendmailNotEvaluatedException ex)
        {
            result.Decision = RelayDecision.Unknown;
            notes.Add("Not evaluated: " + ex.Message + ".");
        }
        catch (SendmailConfigException ex)
        {
            result.Decision = RelayDecision.Unknown;
            notes.Add("sendmail.cf error: " + ex.Message + " (Sendmail logs a syserr and answers with a temporary failure).");
        }
        if (result.Decision != RelayDecision.Unknown)
        {
            SendmailReply.Parts reply = error != null
                ? SendmailReply.FromError(error, cf.OperatorChars, blankSub, errorAddress)
                : new SendmailReply.Parts(250, "2.1.5", recipient + "... Recipient ok");
            result.ReplyCode = reply.Code;
            result.EnhancedStatusCode = reply.Enhanced;
            result.ReplyText = reply.Text;
            result.Reply = reply.Line;
            result.Decision = reply.Code >= 500 ? RelayDecision.Reject : reply.Code >= 400 ? RelayDecision.Defer : RelayDecision.Permit;
            if (result.Decision == RelayDecision.Permit && string.Equals(result.Mailer, "local", StringComparison.OrdinalIgnoreCase))
                notes.Add("The recipient is local (mailer local): Sendmail also checks that the user or alias exists (550 5.1.1 User unknown otherwise), which is not checked here.");
        }
        SendmailDecisionTrace.Fill(result, config, rewriter, stages, notes);
        if (config.HostNameOrigin.StartsWith("this host", StringComparison.Ordinal))
            notes.Add("$j (the server's own name, in class w) is " + config.HostName + ": sendmail.cf has no Dj line, so Sendmail takes the host's canonical name.");
        result.Notes = notes.ToArray();
        return result;
    }

    static bool HasRules(SendmailCf cf, string name) => cf.Ruleset(name) is { Rules.Count: > 0 };

    static bool IsError(List<string> ws) =>
        ws.Count > 1 && SendmailTokens.IsMeta(ws[0], '#') && string.Equals(ws[1], "error", StringComparison.OrdinalIgnoreCase) && !IsQuarantine(ws);

    static bool IsQuarantine(List<string> ws) => ws.Count > 3 && SendmailTokens.IsMeta(ws[2], '@') && string.Equals(ws[3], "quarantine", StringComparison.OrdinalIgnoreCase);
}
