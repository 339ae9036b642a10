using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.OpenRelay;

/// <summary>
/// Runs the 16 address forms against one server in one unauthenticated session, with RSET between
/// them, and decides Open / Closed / Inconclusive. DATA is never sent.
/// </summary>
public static class OpenRelayAudit
{
    /// <summary>Runs the audit. Only cancellation throws; everything else is a result.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OpenRelayAuditResult> RunAsync(OpenRelayAuditRequest request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var clock = Stopwatch.StartNew();
        var result = new OpenRelayAuditResult { Server = request.Server, Port = request.Port };
        var tested = new List<OpenRelayTestResult>();
        using var session = new ProbeSession(request.Server, request.Port, request.EffectiveSecurity, request.HeloName, request.LocalAddress, request.SkipCertificateCheck, request.Timeout, cancellationToken);
        ProbeFailure? failure = null;
        try
        {
            await session.OpenAsync().ConfigureAwait(false);
            result.Security = session.Security;
            string serverName = EhloCapabilities.GreetingName(session.Logger.Greeting);
            result.ServerName = serverName.Length > 0 ? serverName : session.LastEhlo.ServerName;
            var facts = new ProbeSessionFacts
            {
                Port = request.Port,
                Encrypted = session.Client.IsEncrypted,
                StartTlsOffered = session.FirstEhlo.StartTls,
                AuthOfferedBeforeTls = session.FirstEhlo.AuthMechanisms.Length > 0,
                AuthOffered = session.LastEhlo.AuthMechanisms.Length > 0,
            };

            foreach (OpenRelayTest test in OpenRelayTests.Build(request.SenderLocalPart, request.TargetLocalPart, request.ExternalDomain, result.ServerName ?? request.Server, session.RemoteAddress ?? request.Server))
            {
                tested.Add(await RunTestAsync(session, test, facts).ConfigureAwait(false));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = session.Classify(ex);
        }
        finally
        {
            await session.CloseAsync(false).ConfigureAwait(false);
        }

        result.RemoteAddress = session.RemoteAddress;
        result.LocalAddress = session.LocalAddress;
        result.Banner = session.Logger.Greeting?.Text;
        result.Tests = [.. tested];
        Decide(result, failure);
        result.Elapsed = clock.Elapsed;
        if (request.IncludeTranscript)
        {
            result.Transcript = session.Logger.Transcript;
        }

        return result;
    }

    /// <summary>
    /// The verdict rules (pure): any relayed form is Open; all 16 permanently refused (5xx, a 530 included:
    /// authentication required is not relay) is Closed; anything else is Inconclusive.
    /// </summary>
    public static void Decide(OpenRelayAuditResult result, ProbeFailure? failure)
    {
        result.TestedCount = 0;
        result.RelayedCount = 0;
        int refused = 0;
        foreach (OpenRelayTestResult test in result.Tests)
        {
            result.TestedCount++;
            if (test.Relayed)
            {
                result.RelayedCount++;
            }
            else if (test.Refused)
            {
                refused++;
            }
        }

        result.ConnectionStatus = failure?.Status;
        if (result.RelayedCount > 0)
        {
            result.Verdict = OpenRelayVerdict.Open;
            result.Reason = $"{result.RelayedCount} of {result.TestedCount} address forms were accepted for relay without authentication.";
        }
        else if (failure is null && refused == result.TestedCount && result.TestedCount == 16)
        {
            result.Verdict = OpenRelayVerdict.Closed;
            result.Reason = "All 16 address forms were refused.";
        }
        else
        {
            result.Verdict = OpenRelayVerdict.Inconclusive;
            string why = failure is null
                ? $"{result.TestedCount - refused} of {result.TestedCount} forms got a temporary or malformed answer"
                : $"{failure.Status} at {failure.Stage}: {failure.Reply?.ToString() ?? failure.Reason}";
            result.Reason = $"{refused} of 16 forms refused, none relayed; {why}.";
        }
    }

    private static async Task<OpenRelayTestResult> RunTestAsync(ProbeSession session, OpenRelayTest test, ProbeSessionFacts facts)
    {
        var result = new OpenRelayTestResult { Number = test.Number, Name = test.Name, MailFrom = test.MailFrom, RcptTo = test.RcptTo };
        result.MailReply = await session.CommandAsync($"MAIL FROM:<{test.MailFrom}>").ConfigureAwait(false);
        if (result.MailReply.Code / 100 != 2)
        {
            result.Status = ProbeOutcomeClassifier.ForSender(result.MailReply, facts).Status;
            result.Refused = result.MailReply.Code / 100 == 5;
        }
        else
        {
            result.RcptReply = await session.CommandAsync($"RCPT TO:<{test.RcptTo}>").ConfigureAwait(false);
            result.Status = ProbeOutcomeClassifier.ForRecipient(result.RcptReply, facts).Status;
            result.Relayed = result.RcptReply.Code is 250 or 251;
            result.Refused = result.RcptReply.Code / 100 == 5;
            if (result.Relayed)
            {
                result.Status = SmtpRelayStatus.RelayPermitted;
            }
        }

        await session.CommandAsync("RSET").ConfigureAwait(false);
        return result;
    }
}
