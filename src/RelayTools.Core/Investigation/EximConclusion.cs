using System;
using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Exim;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Investigation;

/// <summary>
/// The configuration side of <see cref="RelayConclusion"/> for an Exim configuration (pure): the Exim
/// what-if for the client's session as evidence, the root cause it explains, and the fix from
/// <see cref="EximFixPlanner"/>, checked by the what-if on a fresh copy with the fix applied.
/// </summary>
internal static class EximConclusion
{
    /// <summary>True when the what-if settled the root cause (and the fix) of a refused client path.</summary>
    internal static bool Conclude(RelayFindings findings, RelayDiagnosis diagnosis, RelayPath path, SmtpProbeResult client,
        EximConfiguration config, List<RelayEvidence> evidence, List<string> notes)
    {
        if (client.Stage is not (SmtpProbeStage.RcptTo or SmtpProbeStage.Done))
        {
            return false; // the session never reached RCPT: the what-if has nothing to compare
        }

        EximRelayQuery query = QueryFor(findings, client, path);
        RelayWhatIfResult whatIf = EximRelayEvaluator.Evaluate(config, query);
        evidence.Add(new RelayEvidence
        {
            Source = EvidenceSource.Config,
            Origin = whatIf.DecidedByOrigin.Length > 0 ? whatIf.DecidedByOrigin : config.Source,
            Text = $"{whatIf.DecidedByList}: {whatIf.DecidedBy} -> {whatIf.Decision} {whatIf.Reply}".Replace("  ", " "),
        });
        foreach (RelayTraceStep step in whatIf.Trace.Where(s => s.Result == "next" && s.Rule.StartsWith("accept ", StringComparison.Ordinal) &&
            (s.Rule.Contains("+relay_from_hosts") || s.Rule.Contains("authenticated ="))))
        {
            evidence.Add(new RelayEvidence { Source = EvidenceSource.Config, Origin = step.Origin, Text = step.ToString() });
        }

        bool probeRefused = client.Status is not (SmtpRelayStatus.RelayPermitted or SmtpRelayStatus.Accepted);
        string decided = $"'{whatIf.DecidedBy}' in {whatIf.DecidedByList}, {whatIf.DecidedByOrigin}";
        if (whatIf.Decision == RelayDecision.Permit && probeRefused && !findings.StoodIn)
        {
            diagnosis.RootCause = new RootCause
            {
                Id = "not-reproduced",
                Summary = $"The configuration permits {query.ClientAddress} ({decided}); the probes could not come from that address, so whether the running server agrees is not proven. Run Debug-SmtpRelay on the application server.",
            };
            return true;
        }

        if (whatIf.Decision == RelayDecision.Permit && probeRefused)
        {
            Offer(findings, diagnosis, EximFixPlanner.ForNotLoaded(config, query.ClientAddress, decided), query, alreadyPermits: true);
            return true;
        }

        if (whatIf.Decision is RelayDecision.Reject or RelayDecision.Defer && EximFixPlanner.ForRefusal(config, query, whatIf) is { } fix)
        {
            Offer(findings, diagnosis, fix, query);
            return true;
        }

        if (whatIf.Decision == RelayDecision.Unknown)
        {
            notes.Add("The Exim what-if could not decide offline: " + whatIf.ReplyText + (whatIf.Notes.Length > 0 ? "; " + string.Join("; ", whatIf.Notes) : ""));
        }

        return false;
    }

    // Checks a fix on a fresh copy of the configuration: the same session, the what-if run again.
    private static void Offer(RelayFindings findings, RelayDiagnosis diagnosis, EximFix fix, EximRelayQuery query, bool alreadyPermits = false)
    {
        diagnosis.RootCause = new RootCause { Id = fix.CauseId, Summary = fix.Summary };
        diagnosis.ServerFix = [.. fix.Commands];
        if (alreadyPermits)
        {
            diagnosis.FixVerified = true;
            return;
        }

        if (!fix.Checkable)
        {
            diagnosis.FixVerified = null;
            return;
        }

        EximConfiguration fresh = findings.EximConfiguration!();
        fix.ApplyTo(fresh);
        diagnosis.FixVerified = EximRelayEvaluator.Evaluate(fresh, query).Decision == RelayDecision.Permit;
    }

    private static EximRelayQuery QueryFor(RelayFindings findings, SmtpProbeResult client, RelayPath path) => new()
    {
        ClientAddress = findings.ClientAddress ?? client.LocalAddress ?? "",
        Helo = client.LocalAddress is { } local ? "[" + local + "]" : "",
        Sender = findings.From,
        Recipient = findings.To,
        // A path with AUTH is what the client means to do: the what-if asks whether it would then relay.
        AuthenticatedId = path.Authenticate ? findings.UserName ?? "" : "",
        Tls = path.Security != SmtpSecurityMode.None,
    };
}
