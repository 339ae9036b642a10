using System;
using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Postfix;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Investigation;

/// <summary>
/// The configuration side of <see cref="RelayConclusion"/> for a Postfix configuration (pure): the
/// Postfix what-if on the service that listens on the client's port as evidence, the root cause it
/// explains, and the fix from <see cref="PostfixFixPlanner"/>, checked by the what-if on a fresh copy.
/// </summary>
internal static class PostfixConclusion
{
    /// <summary>True when the what-if settled the root cause (and the fix) of a refused client path.</summary>
    internal static bool Conclude(RelayFindings findings, RelayDiagnosis diagnosis, RelayPath path, SmtpProbeResult client,
        PostfixConfiguration config, List<RelayEvidence> evidence, List<string> notes)
    {
        MasterService? service = config.SmtpdServices().FirstOrDefault(s => s.Port == path.Port);
        if (service is null)
        {
            if (client.Status is SmtpRelayStatus.ConnectionFailed)
            {
                PostfixFix missing = PostfixFixPlanner.ForMissingService(config, path.Port);
                evidence.Add(new RelayEvidence { Source = EvidenceSource.Config, Origin = config.MasterSource.Length > 0 ? config.MasterSource : "master.cf", Text = $"no smtpd service on port {path.Port}; smtpd services: {string.Join(", ", config.SmtpdServices().Select(s => s.Name))}" });
                Offer(findings, diagnosis, missing, path);
                return true;
            }

            notes.Add($"The configuration has no smtpd service on port {path.Port}, yet the port answered: the running server uses another configuration.");
            return false;
        }

        if (client.Stage is not (SmtpProbeStage.RcptTo or SmtpProbeStage.Done))
        {
            return false; // the session never reached RCPT: the what-if has nothing to compare
        }

        PostfixRelayQuery query = QueryFor(findings, client, path);
        PostfixRelayResult whatIf = PostfixRelayEvaluator.Evaluate(config, service, query, MyNetworks.ReadFileOrNull);
        evidence.Add(new RelayEvidence
        {
            Source = EvidenceSource.Config,
            Origin = whatIf.DecidedByOrigin.Length > 0 ? whatIf.DecidedByOrigin : service.Origin,
            Text = $"{service.Name}: {whatIf.DecidedByList} {whatIf.DecidedBy} -> {whatIf.Decision} {whatIf.Reply}".Replace("  ", " "),
        });
        foreach (RelayTraceStep step in whatIf.Trace.Where(s => s.Result == "DUNNO" && s.Rule.StartsWith("permit_", StringComparison.Ordinal)))
        {
            evidence.Add(new RelayEvidence { Source = EvidenceSource.Config, Origin = whatIf.DecidedByOrigin, Text = step.ToString() });
        }

        bool probeRefused = client.Status is not (SmtpRelayStatus.RelayPermitted or SmtpRelayStatus.Accepted);
        if (whatIf.Decision == RelayDecision.Permit && probeRefused && !findings.StoodIn)
        {
            diagnosis.RootCause = new RootCause
            {
                Id = "not-reproduced",
                Summary = $"The configuration permits {query.ClientAddress} ({whatIf.DecidedBy} in {whatIf.DecidedByList}, {whatIf.DecidedByOrigin}); the probes could not come from that address, so whether the running server agrees is not proven. Run Debug-SmtpRelay on the application server, or let this host use XCLIENT.",
            };
            return true;
        }

        if (whatIf.Decision == RelayDecision.Permit && probeRefused)
        {
            Offer(findings, diagnosis, PostfixFixPlanner.ForNotLoaded(service.Id, query.ClientAddress, $"{whatIf.DecidedBy} in {whatIf.DecidedByList}, {whatIf.DecidedByOrigin}"), path, alreadyPermits: true);
            return true;
        }

        if (whatIf.Decision is RelayDecision.Reject or RelayDecision.Defer && PostfixFixPlanner.ForRefusal(config, service, query, whatIf) is { } fix)
        {
            Offer(findings, diagnosis, fix, path);
            return true;
        }

        if (whatIf.Decision == RelayDecision.Unknown)
        {
            notes.Add("The what-if could not decide offline: " + string.Join("; ", whatIf.Notes));
        }

        return false;
    }

    // Checks a fix on a fresh copy of the configuration: the same session on the service the client reaches.
    private static void Offer(RelayFindings findings, RelayDiagnosis diagnosis, PostfixFix fix, RelayPath path, bool alreadyPermits = false)
    {
        diagnosis.RootCause = new RootCause { Id = fix.CauseId, Summary = fix.Summary };
        diagnosis.ServerFix = [.. fix.Commands];
        if (alreadyPermits)
        {
            diagnosis.FixVerified = true;
            return;
        }

        PostfixConfiguration fresh = findings.PostfixConfiguration!();
        fix.ApplyTo(fresh);
        MasterService? service = fresh.SmtpdServices().FirstOrDefault(s => s.Id == fix.ServiceId);
        if (service is null)
        {
            diagnosis.FixVerified = false;
            return;
        }

        SmtpProbeResult client = diagnosis.Paths[0];
        PostfixRelayQuery query = QueryFor(findings, client, path);
        diagnosis.FixVerified = PostfixRelayEvaluator.Evaluate(fresh, service, query, MyNetworks.ReadFileOrNull).Decision == RelayDecision.Permit;
    }

    private static PostfixRelayQuery QueryFor(RelayFindings findings, SmtpProbeResult client, RelayPath path) => new()
    {
        ClientAddress = findings.ClientAddress ?? client.LocalAddress ?? "",
        Helo = client.LocalAddress is { } local ? "[" + local + "]" : "",
        Sender = findings.From,
        Recipient = findings.To,
        // A path with AUTH is what the client means to do: the what-if asks whether it would then relay.
        Authenticated = path.Authenticate,
        SaslUser = path.Authenticate ? findings.UserName ?? "" : "",
    };
}
