using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RelayTools.Core.Sendmail;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Investigation;

/// <summary>
/// The configuration side of <see cref="RelayConclusion"/> for a Sendmail configuration (pure): the Sendmail
/// what-if for the client's session as evidence, the root cause it explains, and the fix from
/// <see cref="SendmailFixPlanner"/>, checked by the what-if on a fresh copy with the fix applied.
/// </summary>
internal static class SendmailConclusion
{
    // Debian's SmtpGreetingMessage: '... logging access from: pc9.corp.example(OK)-pc9.corp.example [127.0.0.9]'.
    private static readonly Regex LoggingAccess = new(@"logging access from: (\S+?)\((OK|FAIL|FORGED|TEMP)\)", RegexOptions.CultureInvariant);

    /// <summary>True when the what-if settled the root cause (and the fix) of a refused client path.</summary>
    internal static bool Conclude(RelayFindings findings, RelayDiagnosis diagnosis, RelayPath path, SmtpProbeResult client,
        SendmailConfiguration config, List<RelayEvidence> evidence, List<string> notes)
    {
        if (client.Stage is not (SmtpProbeStage.RcptTo or SmtpProbeStage.Done))
        {
            return false; // the session never reached RCPT: the what-if has nothing to compare
        }

        SendmailRelayQuery query = QueryFor(findings, client, path, config);
        SendmailRelayResult whatIf = SendmailRelayEvaluator.Evaluate(config, query);
        if (whatIf.Decision == RelayDecision.Unknown)
        {
            notes.Add("The Sendmail what-if could not decide offline: " + string.Join("; ", whatIf.Notes));
            return false;
        }

        evidence.Add(new RelayEvidence
        {
            Source = EvidenceSource.Config,
            Origin = whatIf.DecidedByOrigin.Length > 0 ? whatIf.DecidedByOrigin : config.Source,
            Text = $"{whatIf.DecidedByList}: {whatIf.DecidedBy} -> {whatIf.Decision} {whatIf.Reply}".Replace("  ", " "),
        });
        // The access lookups of the client's own address: what a Connect: line would have to answer.
        string address = SendmailSession.SendmailAddress(query.ClientAddress);
        foreach (RelayTraceStep step in whatIf.Trace.Where(s => s.Rule == "access Connect:" + address || s.Rule == "access " + address))
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
            Offer(findings, diagnosis, SendmailFixPlanner.ForNotLoaded(config, query.ClientAddress, decided), query, notes, client, alreadyPermits: true);
            return true;
        }

        if (whatIf.Decision is RelayDecision.Reject or RelayDecision.Defer && SendmailFixPlanner.ForRefusal(config, query, whatIf) is { } fix)
        {
            Offer(findings, diagnosis, fix, query, notes, client);
            return true;
        }

        return false;
    }

    // Checks a fix on a fresh copy of the configuration: the same session, the what-if run again.
    private static void Offer(RelayFindings findings, RelayDiagnosis diagnosis, SendmailFix fix, SendmailRelayQuery query, List<string> notes,
        SmtpProbeResult client, bool alreadyPermits = false)
    {
        diagnosis.RootCause = new RootCause { Id = fix.CauseId, Summary = fix.Summary };
        diagnosis.ServerFix = [.. fix.Commands];
        notes.AddRange(fix.Notes);
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

        SendmailConfiguration fresh = findings.SendmailConfiguration!(ServerName(client));
        fix.ApplyTo(fresh);
        diagnosis.FixVerified = SendmailRelayEvaluator.Evaluate(fresh, query).Decision == RelayDecision.Permit;
    }

    private static SendmailRelayQuery QueryFor(RelayFindings findings, SmtpProbeResult client, RelayPath path, SendmailConfiguration config)
    {
        bool authenticate = path.Authenticate && findings.UserName is not null;
        int at = findings.From.LastIndexOf('@');
        return new SendmailRelayQuery
        {
            ClientAddress = findings.ClientAddress ?? client.LocalAddress ?? "",
            ClientName = findings.StoodIn ? ClientName(client) : null,
            Sender = findings.From,
            Recipient = findings.To,
            // A path with AUTH is what the client means to do: the what-if asks whether it would then relay.
            Authenticated = authenticate,
            AuthMechanism = authenticate ? client.AuthenticationMechanism ?? SendmailAuth.DefaultMechanism(config.Cf) : "",
            SaslUser = authenticate ? findings.UserName! : "",
            Port = path.Port,
            // The server took MAIL FROM, so the sender's domain resolved for it.
            ResolvableDomains = at >= 0 ? [findings.From.Substring(at + 1)] : [],
        };
    }

    /// <summary>
    /// The client's verified host name as the server saw it: '' when its refusal says the name lookup failed or its
    /// greeting (Debian's 'logging access from: NAME(OK)') names none; null when neither says.
    /// </summary>
    internal static string? ClientName(SmtpProbeResult client)
    {
        string reply = client.ReplyText ?? "";
        if (reply.Contains("IP name lookup failed") || reply.Contains("IP name possibly forged"))
        {
            return "";
        }

        Match greeting = LoggingAccess.Match(client.Banner ?? "");
        if (!greeting.Success || greeting.Groups[2].Value == "TEMP")
        {
            return null;
        }

        return greeting.Groups[2].Value == "OK" && !greeting.Groups[1].Value.StartsWith("[", StringComparison.Ordinal) ? greeting.Groups[1].Value : "";
    }

    /// <summary>The server's own name, the first word of its greeting ($j of the running Sendmail); null when it gave none.</summary>
    internal static string? ServerName(SmtpProbeResult client)
    {
        string banner = Regex.Replace(client.Banner ?? "", @"^\d{3}[ -]", "").Trim();
        int space = banner.IndexOf(' ');
        string first = space < 0 ? banner : banner.Substring(0, space);
        return first.Length > 0 && first.IndexOf('.') > 0 ? first : null;
    }
}
