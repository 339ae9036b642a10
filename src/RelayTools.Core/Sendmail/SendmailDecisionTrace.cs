using System;
using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// Turns the rewriter's record into the what-if's Trace (the checks in the order the SMTP server calls
/// them, every access lookup, every rule that returned) and names what decided: an access line, a class
/// member, or the rule itself.
/// </summary>
internal static class SendmailDecisionTrace
{
    // Address-shuffling helpers: their steps say nothing about the decision.
    static readonly HashSet<string> Helpers = new(StringComparer.Ordinal)
    {
        "D", "A", "E", "F", "U", "SearchList", "canonify", "Canonify2", "parse", "Parse0", "Parse1", "ParseLocal", "final",
        "CanonAddr", "FullAddr", "ParseRecipient", "Recurse", "MasqEnv", "MasqHdr", "localaddr", "Local_localaddr",
        "MailerToTriple", "Mailertable", "CanonLocal", "tls_client", "Delay_TLS_Clt", "Delay_TLS_Clt2", "max",
        "3", "96", "0", "4", "97", "98", "5", "90", "95", "93", "94",
    };

    static readonly HashSet<string> DatabaseClasses = new(StringComparer.OrdinalIgnoreCase) { "hash", "btree", "dbm" };

    public static void Fill(SendmailRelayResult result, SendmailConfiguration config, SendmailRewriter rewriter,
        List<(SmtpProbeStage Stage, string Check, string Input, int EventIndex)> stages, List<string> notes)
    {
        var trace = new List<RelayTraceStep>();
        for (int s = 0; s < stages.Count; s++)
        {
            var stage = stages[s];
            int end = s + 1 < stages.Count ? stages[s + 1].EventIndex : rewriter.Events.Count;
            trace.Add(new RelayTraceStep { List = stage.Stage.ToString(), Position = 0, Rule = stage.Check + " " + stage.Input, Origin = config.Cf.Ruleset(stage.Check)?.Origin ?? "", Result = "called" });
            for (int i = stage.EventIndex; i < end; i++)
            {
                switch (rewriter.Events[i])
                {
                    case SendmailLookupStep lookup when DatabaseClasses.Contains(lookup.Map.MapClass):
                        trace.Add(new RelayTraceStep
                        {
                            List = lookup.Ruleset,
                            Position = lookup.Rule.Number,
                            Rule = lookup.Map.Name + " " + lookup.Key,
                            Origin = lookup.Rule.Origin,
                            Result = lookup.Result.Found ? lookup.Result.Value : "not found",
                            Detail = lookup.Result.Found ? lookup.Result.Detail : "",
                        });
                        break;
                    case SendmailRewriteStep step when !Helpers.Contains(step.Ruleset) && Returns(step):
                        trace.Add(new RelayTraceStep
                        {
                            List = step.Ruleset,
                            Position = step.Rule.Number,
                            Rule = step.Rule.Text.Replace('\t', ' '),
                            Origin = step.Rule.Origin,
                            Result = step.Result,
                            Detail = string.Join(", ", step.ClassMatches.Select(c => "$=" + c.Class + " matched " + c.Member)),
                        });
                        break;
                }
            }
        }
        result.Trace = trace.ToArray();
        if (result.Decision == RelayDecision.Unknown) return;
        if (result.Decision == RelayDecision.Permit) DecidePermit(result, config, rewriter, notes);
        else DecideRefusal(result, config, rewriter);
    }

    static bool Returns(SendmailRewriteStep step) =>
        step.Result.StartsWith("$#", StringComparison.Ordinal) || (step.Rule.Rhs.Count > 0 && SendmailTokens.IsMeta(step.Rule.Rhs[0], '@'));

    static void DecideRefusal(SendmailRelayResult result, SendmailConfiguration config, SendmailRewriter rewriter)
    {
        int origin = rewriter.Events.FindIndex(e => e is SendmailRewriteStep s && s.Result.StartsWith("$# error", StringComparison.OrdinalIgnoreCase));
        if (origin < 0) return;
        var step = (SendmailRewriteStep)rewriter.Events[origin];
        var hit = LastDatabaseHit(rewriter, origin);
        if (hit != null && !IsPermitValue(hit.Result.Value) && Consumed(step, hit, config))
        {
            result.DecidedBy = hit.Key + " " + hit.Result.Value;
            result.DecidedByList = hit.Map.Name;
            result.DecidedByOrigin = hit.Result.Detail;
            return;
        }
        result.DecidedBy = step.Rule.Text.Replace('\t', ' ');
        result.DecidedByList = step.Ruleset;
        result.DecidedByOrigin = step.Rule.Origin;
    }

    static void DecidePermit(SendmailRelayResult result, SendmailConfiguration config, SendmailRewriter rewriter, List<string> notes)
    {
        for (int i = 0; i < rewriter.Events.Count; i++)
        {
            if (rewriter.Events[i] is not SendmailRewriteStep step || Helpers.Contains(step.Ruleset)) continue;
            bool relay = step.Result == "RELAY" || step.Result.StartsWith("$# RELAY", StringComparison.OrdinalIgnoreCase) || step.Result.StartsWith("$# OK", StringComparison.OrdinalIgnoreCase);
            if (!relay) continue;
            var classMatch = step.ClassMatches.LastOrDefault();
            if (classMatch.Class != null)
            {
                var member = config.Cf.Classes.TryGetValue(classMatch.Class, out var members) ? members.FirstOrDefault(m => string.Equals(m.Value, classMatch.Member, StringComparison.OrdinalIgnoreCase)) : null;
                if (member == null && classMatch.Class == "m") member = SendmailSession.AutomaticClassM(config);
                member ??= classMatch.Class == "w" ? SendmailSession.AutomaticClassW(config).FirstOrDefault(m => string.Equals(m.Value, classMatch.Member, StringComparison.OrdinalIgnoreCase)) : null;
                result.DecidedBy = "class " + classMatch.Class + ": " + classMatch.Member;
                result.DecidedByList = step.Ruleset;
                result.DecidedByOrigin = member?.Origin ?? step.Rule.Origin;
                return;
            }
            var hit = LastDatabaseHit(rewriter, i);
            if (hit != null && IsPermitValue(hit.Result.Value) && Consumed(step, hit, config))
            {
                result.DecidedBy = hit.Key + " " + hit.Result.Value;
                result.DecidedByList = hit.Map.Name;
                result.DecidedByOrigin = hit.Result.Detail;
                return;
            }
            result.DecidedBy = step.Rule.Text.Replace('\t', ' ');
            result.DecidedByList = step.Ruleset;
            result.DecidedByOrigin = step.Rule.Origin;
            return;
        }
        var deferred = rewriter.Steps.FirstOrDefault(s => s.Result == "deferred");
        if (deferred != null)
        {
            result.DecidedBy = deferred.Rule.Text.Replace('\t', ' ');
            result.DecidedByList = deferred.Ruleset;
            result.DecidedByOrigin = deferred.Rule.Origin;
            notes.Add("DeliveryMode=deferred: Sendmail skips the relay checks, so every recipient is accepted.");
            return;
        }
        result.DecidedBy = "no rule of check_rcpt refused the recipient";
        result.DecidedByList = "check_rcpt";
        result.DecidedByOrigin = config.Cf.Ruleset("check_rcpt")?.Origin ?? "";
    }

    static SendmailLookupStep? LastDatabaseHit(SendmailRewriter rewriter, int before)
    {
        for (int i = before; i >= 0; i--)
            if (rewriter.Events[i] is SendmailLookupStep l && l.Result.Found && DatabaseClasses.Contains(l.Map.MapClass) && l.Result.Value != "?")
                return l;
        return null;
    }

    static bool IsPermitValue(string value) => value.Equals("RELAY", StringComparison.OrdinalIgnoreCase) || value.Equals("OK", StringComparison.OrdinalIgnoreCase);

    // The rule acted on the value when its workspace holds the value as the lookup left it: <REJECT> <...>.
    static bool Consumed(SendmailRewriteStep step, SendmailLookupStep hit, SendmailConfiguration config)
    {
        var value = SendmailTokens.Scan(hit.Result.Value + hit.Map.AppendOnMatch, config.Cf.OperatorChars);
        if (value.Count == 0) return false;
        for (int i = 0; i + value.Count <= step.Input.Count; i++)
        {
            int k = 0;
            while (k < value.Count && string.Equals(step.Input[i + k], value[k], StringComparison.OrdinalIgnoreCase)) k++;
            if (k == value.Count) return true;
        }
        return false;
    }
}
