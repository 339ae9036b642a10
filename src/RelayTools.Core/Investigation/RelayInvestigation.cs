using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.Postfix;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Investigation;

/// <summary>
/// Debug-SmtpRelay's work for one server: stands in for the client (binds its address when this host
/// has it), probes every path of the matrix at once, reads what the server logged meanwhile, and hands
/// it all to <see cref="RelayConclusion"/>. Never sends DATA, never changes the server.
/// </summary>
public static class RelayInvestigation
{
    /// <summary>Runs the investigation.</summary>
    /// <exception cref="Smtp.Syntax.SmtpArgumentException">A value of the request cannot be sent.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static async Task<RelayDiagnosis> RunAsync(RelayInvestigationRequest request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        request.Validate();
        var findings = new RelayFindings
        {
            Server = request.Server,
            From = request.From,
            To = request.To,
            UserName = request.Credential?.UserName,
            PostfixConfiguration = request.PostfixConfiguration,
            EximConfiguration = request.EximConfiguration,
            SendmailConfiguration = request.SendmailConfiguration,
        };

        IPAddress? bind = null;
        string? xclient = null;
        if (request.ClientAddress is { } client)
        {
            IPAddress address = IPAddress.Parse(client);
            if (ClientBinding.CanBind(address))
            {
                bind = address;
                findings.ProbedFrom = ProbedFrom.Bound;
                findings.ClientAddress = client;
            }
            else
            {
                // Not ours to bind: ask the server to take the probe for that client (XCLIENT), when it lets this host.
                xclient = client;
                findings.ClientAddress = client;
            }
        }

        PostfixConfiguration? config = request.PostfixConfiguration?.Invoke();
        IReadOnlyList<RelayPath> paths = ProbeMatrix.Plan(request.Ports, request.Credential is not null,
            config is null ? null : PortsWhere(config, s => config.GetBool("smtpd_tls_wrappermode", s)),
            config is null ? null : PortsWhere(config, s => config.Expand("smtpd_tls_security_level", s).Trim() == "encrypt"));
        long mark = request.LogPath is { } logPath ? LogExcerpt.Mark(logPath) : 0;

        SmtpProbeResult[] results = await Task.WhenAll(paths.Select(path => ProbeAsync(request, path, bind, xclient, cancellationToken))).ConfigureAwait(false);
        if (xclient is not null)
        {
            if (results.All(r => r.Status == SmtpRelayStatus.XclientRefused))
            {
                string reason = results.Any(r => r.XclientOffered)
                    ? "refused XCLIENT from this host (" + results.First(r => r.XclientOffered).ReplyCode + " " + results.First(r => r.XclientOffered).ReplyText + ")"
                    : "does not offer XCLIENT to this host (Postfix: smtpd_authorized_xclient_hosts)";
                results = await Task.WhenAll(paths.Select(path => ProbeAsync(request, path, null, null, cancellationToken))).ConfigureAwait(false);
                findings.StoodIn = false;
                findings.Notes.Add($"This host does not have the address {xclient}, and {request.Server} {reason}: the probes came from this host's own address {results.Select(r => r.LocalAddress).FirstOrDefault(a => a is not null)}. The what-if and the log are still read for {xclient}.");
            }
            else
            {
                findings.ProbedFrom = ProbedFrom.Xclient;
            }
        }
        for (int i = 0; i < paths.Count; i++)
        {
            findings.Probes.Add((paths[i], results[i]));
        }

        findings.ClientAddress ??= results.Select(r => r.LocalAddress).FirstOrDefault(a => a is not null);
        if (request.LogPath is { } path)
        {
            findings.Log = await ReadLogAsync(path, mark, findings, cancellationToken).ConfigureAwait(false);
        }
        else if (request.LogLines is { } lines)
        {
            findings.Log = LogExcerpt.FromText(lines);
        }

        return RelayConclusion.Conclude(findings);
    }

    private static async Task<SmtpProbeResult> ProbeAsync(RelayInvestigationRequest request, RelayPath path, IPAddress? bind, string? xclient, CancellationToken cancellationToken)
    {
        var probe = new SmtpProbeRequest
        {
            Server = request.Server,
            Port = path.Port,
            Security = path.Security,
            From = request.From,
            To = request.To,
            Credential = path.Authenticate ? request.Credential : null,
            LocalAddress = bind,
            // The server is told the client's address and no name (smtpd_peername_lookup would find none either).
            ClientAddress = xclient,
            ClientName = xclient is null ? null : "[UNAVAILABLE]",
            Timeout = request.Timeout,
            SkipCertificateCheck = request.SkipCertificateCheck,
        };
        SmtpProbeResult result = await SmtpRelayProbe.RunAsync(probe, cancellationToken).ConfigureAwait(false);
        result.Path = path.Label(result.AuthenticationMechanism);
        return result;
    }

    // Postfix writes through postlogd a moment after the reply: wait until the line for this probe is there (1.5 s at most).
    private static async Task<LogExcerpt?> ReadLogAsync(string path, long mark, RelayFindings findings, CancellationToken cancellationToken)
    {
        LogExcerpt? excerpt = null;
        for (int attempt = 0; attempt < 15; attempt++)
        {
            try
            {
                excerpt = LogExcerpt.Since(path, mark);
            }
            catch (System.IO.IOException ex)
            {
                findings.Notes.Add($"The log {path} could not be read: {ex.Message}");
                return null;
            }
            catch (UnauthorizedAccessException ex)
            {
                findings.Notes.Add($"The log {path} could not be read: {ex.Message}");
                return null;
            }

            if (excerpt.Lines.Any(l => l.Text.IndexOf(findings.To, StringComparison.OrdinalIgnoreCase) >= 0 || l.Text.Contains("fatal:")))
            {
                break;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return excerpt;
    }

    private static HashSet<int> PortsWhere(PostfixConfiguration config, Func<MasterService, bool> test) =>
        [.. config.SmtpdServices().Where(test).Select(s => s.Port)];
}
