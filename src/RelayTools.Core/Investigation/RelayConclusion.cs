using System;
using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Logs;
using RelayTools.Core.Postfix;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Investigation;

/// <summary>
/// Joins probe, log and configuration into one root cause (pure): the client's path is judged by its
/// probe; the log line the server wrote for it and the what-if for the same session confirm or
/// contradict it, and a contradiction is itself the finding. A configuration fix is applied to a fresh
/// copy and the what-if run again before it is offered as verified.
/// </summary>
public static class RelayConclusion
{
    /// <summary>Draws the diagnosis.</summary>
    public static RelayDiagnosis Conclude(RelayFindings findings)
    {
        if (findings is null || findings.Probes.Count == 0)
        {
            throw new ArgumentException("A diagnosis needs at least one probe.", nameof(findings));
        }

        (RelayPath clientPath, SmtpProbeResult client) = findings.Probes[0];
        var diagnosis = new RelayDiagnosis
        {
            Server = findings.Server,
            From = findings.From,
            To = findings.To,
            ClientAddress = findings.ClientAddress,
            ProbedFrom = findings.ProbedFrom,
            ProbeAddress = client.LocalAddress,
            ClientPath = client.Path ?? clientPath.Label(),
            Paths = [.. findings.Probes.Select(p => p.Result)],
            Verdict = VerdictOf(client),
        };
        var evidence = new List<RelayEvidence> { FromProbe(client) };
        var notes = new List<string>(findings.Notes);
        int workingIndex = findings.Probes.FindIndex(p => Relays(p.Result));
        (RelayPath Path, SmtpProbeResult Result)? working = workingIndex < 0 ? null : findings.Probes[workingIndex];
        diagnosis.WorkingPath = working?.Result.Path;
        if (working is { } w && w.Result != client)
        {
            evidence.Add(FromProbe(w.Result));
        }

        string clientText = findings.ClientAddress ?? "this host";
        RelayRejection? logged = null;
        List<(string Text, long Number, string CauseId)> faults = [];
        PostfixConfiguration? config = findings.PostfixConfiguration?.Invoke();
        MasterService? clientService = config?.SmtpdServices().FirstOrDefault(s => s.Port == clientPath.Port);
        if (findings.Log is { } log)
        {
            string? syslogName = config is not null && clientService is not null ? config.SyslogProcessName(clientService) : null;
            logged = LogCorrelation.FindRejection(log, findings.ClientAddress, findings.To, new LogParseContext(), syslogName, clientPath.Security != SmtpSecurityMode.None);
            faults = LogCorrelation.FindServerFaults(log);
            if (logged is not null)
            {
                evidence.Add(new RelayEvidence { Source = EvidenceSource.Log, Origin = logged.Path + ":" + logged.LineNumber, Text = logged.Line });
            }
            else if (!Relays(client))
            {
                notes.Add(log.WrittenDuringProbe
                    ? $"{log.Source} gained no rejection line for {clientText} and <{findings.To}> while the probes ran: the server may log elsewhere (journald, syslog on another host)."
                    : $"The log lines given hold no rejection for {clientText} and <{findings.To}>.");
            }

            foreach ((string text, long number, _) in faults)
            {
                evidence.Add(new RelayEvidence { Source = EvidenceSource.Log, Origin = log.Source + ":" + number, Text = text });
            }
        }


        if (Relays(client))
        {
            diagnosis.RootCause = new RootCause { Id = "relays", Summary = $"{findings.Server} relays <{findings.To}> for {clientText} on {diagnosis.ClientPath}." };
            diagnosis.FixVerified = true;
        }
        else if (!ConcludeFromSession(findings, diagnosis, clientPath, client, faults) &&
            !(config is not null && PostfixConclusion.Conclude(findings, diagnosis, clientPath, client, config, evidence, notes)) &&
            !(findings.EximConfiguration?.Invoke() is { } exim && EximConclusion.Conclude(findings, diagnosis, clientPath, client, exim, evidence, notes)) &&
            !(findings.SendmailConfiguration?.Invoke(SendmailConclusion.ServerName(client)) is { } sendmail && SendmailConclusion.Conclude(findings, diagnosis, clientPath, client, sendmail, evidence, notes)))
        {
            ConcludeFromProbe(diagnosis, client);
        }

        if (diagnosis.ClientFix is null && working is { } alternative && alternative.Result != client)
        {
            diagnosis.ClientFix = ClientFixFor(alternative.Path, alternative.Result, findings.UserName);
        }

        diagnosis.Evidence = [.. evidence];
        diagnosis.Notes = [.. notes];
        return diagnosis;
    }

    // What the session itself shows, whatever the configuration says: a dead SASL backend, AUTH without TLS.
    private static bool ConcludeFromSession(RelayFindings findings, RelayDiagnosis diagnosis, RelayPath path, SmtpProbeResult client, List<(string Text, long Number, string CauseId)> faults)
    {
        string port = path.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (client.Evidence.Contains("sasl-backend-down") || (faults.Count > 0 && client.Status == SmtpRelayStatus.ProtocolError))
        {
            diagnosis.RootCause = new RootCause
            {
                Id = "sasl-backend-down",
                Summary = $"{findings.Server} drops the session at EHLO on port {port}: its SASL backend (Dovecot auth or saslauthd) does not answer, so smtpd cannot offer AUTH" +
                    (faults.Count > 0 ? " (its log says so)." : " (Postfix's log says 'fatal: no SASL authentication mechanisms')."),
            };
            // After smtpd's fatal exits master throttles the service for service_throttle_time (60 s), and
            // 'postfix reload' does not lift that (seen with Postfix 3.7): stop and start Postfix once the backend runs.
            diagnosis.ServerFix = ["systemctl restart dovecot", "postfix stop", "postfix start"];
            diagnosis.Notes = [.. diagnosis.Notes, "Check where smtpd looks for the backend: postconf smtpd_sasl_type smtpd_sasl_path queue_directory (Dovecot's auth listener must exist at $queue_directory/$smtpd_sasl_path); for Cyrus SASL restart saslauthd instead."];
            return true;
        }

        if (path.Security == SmtpSecurityMode.None && path.Authenticate && client.Status == SmtpRelayStatus.EncryptionRequired)
        {
            bool hidden = client.AuthMechanismsBeforeTls.Length == 0 && client.StartTlsOffered;
            diagnosis.RootCause = new RootCause
            {
                Id = "auth-requires-starttls",
                Summary = hidden
                    ? $"{findings.Server} offers AUTH on port {port} only after STARTTLS (Postfix smtpd_tls_auth_only = yes): a client that authenticates without TLS is refused and falls back to unauthenticated mail, which is not relayed."
                    : $"AUTH on port {port} would cross the network in clear text; RelayTools did not send it. Use STARTTLS.",
            };
            diagnosis.ClientFix = $"Turn on STARTTLS for port {port} in the client (or submit on 587 with STARTTLS), then authenticate.";
            diagnosis.FixVerified = diagnosis.WorkingPath is not null ? true : null;
            return true;
        }

        return false;
    }

    private static void ConcludeFromProbe(RelayDiagnosis diagnosis, SmtpProbeResult client)
    {
        Diagnosis.Cause? first = client.Diagnosis?.Causes.FirstOrDefault();
        diagnosis.RootCause = first is null
            ? new RootCause { Id = client.Status.ToString(), Summary = client.ReplyText ?? client.Status.ToString() }
            : new RootCause { Id = first.Id, Summary = first.Summary };
        if (first is not null && first.Fix.Length > 0)
        {
            diagnosis.Notes = [.. diagnosis.Notes, "Without the server's configuration (-PostfixConfig, -EximConfig or -SendmailConfig) the fix is the knowledge base's: " + first.Fix];
        }
    }

    private static string ClientFixFor(RelayPath path, SmtpProbeResult result, string? userName)
    {
        string security = path.Security switch { SmtpSecurityMode.Tls => "implicit TLS (SMTPS)", SmtpSecurityMode.StartTls => "STARTTLS", _ => "no TLS" };
        string auth = path.Authenticate ? $", and authenticate{(userName is null ? "" : " as " + userName)}" : "";
        return $"Submit on port {path.Port} with {security}{auth}: that path relays ({result.ReplyCode} {result.EnhancedStatusCode}).".Replace("  ", " ");
    }

    private static bool Relays(SmtpProbeResult result) => result.Status is SmtpRelayStatus.RelayPermitted or SmtpRelayStatus.Accepted;

    private static RelayEvidence FromProbe(SmtpProbeResult result) => new()
    {
        Source = EvidenceSource.Probe,
        Origin = (result.Path ?? result.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) + " at " + result.Stage,
        Text = result.ReplyCode is int code ? $"{code} {result.EnhancedStatusCode} {result.ReplyText}".Replace("  ", " ") : result.Status + ": " + result.ReplyText,
    };

    private static string VerdictOf(SmtpProbeResult result) => result.Status switch
    {
        SmtpRelayStatus.RelayPermitted or SmtpRelayStatus.Accepted => RelayVerdict.Relays,
        SmtpRelayStatus.RelayDenied => RelayVerdict.Denied,
        SmtpRelayStatus.AuthenticationFailed => RelayVerdict.AuthenticationFailed,
        SmtpRelayStatus.AuthenticationRequired => RelayVerdict.AuthenticationRequired,
        SmtpRelayStatus.EncryptionRequired => RelayVerdict.EncryptionRequired,
        SmtpRelayStatus.TlsFailed => RelayVerdict.TlsFailed,
        SmtpRelayStatus.ConnectionFailed or SmtpRelayStatus.Timeout => RelayVerdict.Unreachable,
        SmtpRelayStatus.TemporaryFailure => RelayVerdict.TemporaryFailure,
        SmtpRelayStatus.SenderRejected => RelayVerdict.SenderRejected,
        _ => RelayVerdict.ProtocolError,
    };
}
