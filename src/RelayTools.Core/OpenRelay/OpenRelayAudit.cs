using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.OpenRelay;

/// <summary>
/// Runs the 16 address forms against one server, unauthenticated, with RSET after each accepted MAIL FROM, and decides
/// Open / Closed / Inconclusive. DATA is never sent. The forms run in sessions of
/// <see cref="FormsPerSession"/>: each refused form is an error to the server, and Postfix slows down
/// after smtpd_soft_error_limit (10) errors in a session and hangs up after smtpd_hard_error_limit (20).
/// A server with a lower limit (Exim drops a session after 3 syntax errors) ends a session early: the audit
/// reconnects and goes on, below the limit it saw.
/// </summary>
public static class OpenRelayAudit
{
    /// <summary>How many forms one SMTP session tries before the audit reconnects.</summary>
    public const int FormsPerSession = 8;

    /// <summary>The most SMTP sessions one audit opens, reconnects after the server ended a session included.</summary>
    public const int MaxSessions = 10;

    /// <summary>
    /// Runs the audit. What the server or the network does is a result; a refused value, cancellation and defects throw.
    /// When the server ends a session (421, Exim's <c>Too many syntax or protocol errors</c>, or a hang-up
    /// between forms), the audit waits <see cref="OpenRelayAuditRequest.ReconnectDelay"/>, reconnects and goes on
    /// with the forms left, ending each later session itself before the number of syntax refusals the server
    /// tolerated (see <see cref="OpenRelaySessionLimit"/>); at most <see cref="MaxSessions"/> sessions.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Smtp.Syntax.SmtpArgumentException">A value of the request cannot be sent (see <see cref="OpenRelayAuditRequest.Validate"/>).</exception>
    public static async Task<OpenRelayAuditResult> RunAsync(OpenRelayAuditRequest request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // Values that reach the wire are checked before any connection, whatever the caller checked.
        request.Validate();
        var clock = Stopwatch.StartNew();
        var result = new OpenRelayAuditResult { Server = request.Server, Port = request.Port };
        var tested = new List<OpenRelayTestResult>();
        var transcript = new List<string>();
        var limit = new OpenRelaySessionLimit();
        IReadOnlyList<OpenRelayTest>? forms = null;
        ProbeSessionFacts? facts = null;
        ProbeFailure? failure = null;
        bool pause = false;
        while (failure is null && (forms is null || tested.Count < forms.Count))
        {
            if (result.Sessions >= MaxSessions)
            {
                failure = new ProbeFailure { Status = SmtpRelayStatus.ProtocolError, Stage = SmtpProbeStage.MailFrom, Reason = $"The server ended {result.EndedByServer} sessions; the audit stops after {MaxSessions}." };
                break;
            }

            if (pause && request.ReconnectDelay > TimeSpan.Zero)
            {
                // No hammering: a server that hung up or whose limit was reached gets a pause before the next session.
                await Task.Delay(request.ReconnectDelay, cancellationToken).ConfigureAwait(false);
            }

            TimeSpan remaining = request.Timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                failure = new ProbeFailure { Status = SmtpRelayStatus.Timeout, Stage = SmtpProbeStage.Connect, Reason = "The audit ran out of time." };
                break;
            }

            using var session = new ProbeSession(request.Server, request.Port, request.EffectiveSecurity, request.HeloName, request.LocalAddress, request.SkipCertificateCheck, remaining, cancellationToken)
            {
                ConnectAddress = request.ConnectAddress,
            };
            result.Sessions++;
            int begun = tested.Count;
            int syntaxErrors = 0;
            bool ended = false;
            pause = false;
            try
            {
                await session.OpenAsync().ConfigureAwait(false);
                if (forms is null)
                {
                    result.Security = session.Security;
                    string serverName = EhloCapabilities.GreetingName(session.Logger.Greeting);
                    result.ServerName = serverName.Length > 0 ? serverName : session.LastEhlo.ServerName;
                    facts = session.Facts();
                    // The server's name comes from the server: a greeting that names no domain is not put into addresses.
                    string formName = result.ServerName is { Length: > 0 } name && Smtp.Syntax.SmtpSyntax.IsDomain(name) ? name : request.Server;
                    forms = OpenRelayTests.Build(request.SenderLocalPart, request.TargetLocalPart, request.ExternalDomain, formName, session.RemoteAddress ?? request.Server);
                }

                while (tested.Count < forms.Count && tested.Count - begun < FormsPerSession)
                {
                    if (limit.IsSpent(syntaxErrors))
                    {
                        pause = true;
                        break;
                    }

                    OpenRelayTestResult test = await RunTestAsync(session, forms[tested.Count], facts!).ConfigureAwait(false);
                    SmtpReply? last = test.RcptReply ?? test.MailReply;
                    if (OpenRelaySessionLimit.EndsSession(last))
                    {
                        ended = true;
                        if (last!.Code == 421)
                        {
                            // The command that got 421 would have been one error too many.
                            limit.ServerEndedAfter(syntaxErrors + 1);
                            // Closing, not an answer to the form: it is tried again in the next session.
                            if (tested.Count == begun)
                            {
                                tested.Add(Numbered(test, result.Sessions));
                                failure = new ProbeFailure { Status = SmtpRelayStatus.TemporaryFailure, Stage = test.RcptReply is null ? SmtpProbeStage.MailFrom : SmtpProbeStage.RcptTo, Reply = last, Reason = "The server closed the session before any form was answered." };
                            }

                            break;
                        }

                        // The refusal is the form's answer; its second line says the session is over.
                        tested.Add(Numbered(test, result.Sessions));
                        limit.ServerEndedAfter(syntaxErrors + (test.SyntaxRefused ? 1 : 0));
                        break;
                    }

                    tested.Add(Numbered(test, result.Sessions));
                    syntaxErrors += test.SyntaxRefused ? 1 : 0;
                }
            }
            catch (Exception ex) when (session.IsSessionFault(ex))
            {
                if (tested.Count > begun && !cancellationToken.IsCancellationRequested && !session.Token.IsCancellationRequested && OpenRelaySessionLimit.IsHangUp(ex))
                {
                    // The server hung up between forms (or in one, which is then tried again): reconnect.
                    ended = true;
                    limit.ServerEndedAfter(syntaxErrors);
                }
                else
                {
                    // Only what the server or the network did is a result; a defect propagates as an error.
                    failure = session.Classify(ex);
                }
            }
            finally
            {
                // A session the server ended gets nothing more, not even QUIT.
                if (!ended)
                {
                    await session.CloseAsync(false).ConfigureAwait(false);
                }
            }

            if (ended)
            {
                result.EndedByServer++;
                pause = true;
            }

            result.RemoteAddress ??= session.RemoteAddress;
            result.LocalAddress ??= session.LocalAddress;
            result.Banner ??= session.Logger.Greeting?.Text;
            transcript.AddRange(session.Logger.Transcript);
        }

        result.Tests = [.. tested];
        Decide(result, failure);
        result.Elapsed = clock.Elapsed;
        if (request.IncludeTranscript)
        {
            result.Transcript = [.. transcript];
        }

        return result;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static OpenRelayTestResult Numbered(OpenRelayTestResult test, int session)
    {
        test.Session = session;
        return test;
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
            int syntax = Array.FindAll(result.Tests, t => t.SyntaxRefused).Length;
            result.Reason = "All 16 address forms were refused." +
                (syntax > 0 ? $" {syntax} of them as syntax errors." : "") +
                (result.EndedByServer > 0 ? $" The server ended {Plural(result.EndedByServer, "session")} itself; the audit reconnected ({Plural(result.Sessions, "session")} in all)." : "");
        }
        else
        {
            result.Verdict = OpenRelayVerdict.Inconclusive;
            bool needsTls = Array.Exists(result.Tests, t => t.Status == SmtpRelayStatus.EncryptionRequired);
            string why = failure is null
                ? $"{result.TestedCount - refused} of {result.TestedCount} forms got a temporary answer or none"
                : $"{failure.Status} at {failure.Stage}: {failure.Reply?.ToString() ?? failure.Reason}";
            result.Reason = $"{refused} of 16 forms refused, none relayed; {why}." +
                (needsTls ? " The server wants STARTTLS before MAIL FROM: audit with -Security StartTls." : "");
        }
    }

    private static async Task<OpenRelayTestResult> RunTestAsync(ProbeSession session, OpenRelayTest test, ProbeSessionFacts facts)
    {
        var result = new OpenRelayTestResult { Number = test.Number, Name = test.Name, MailFrom = test.MailFrom, RcptTo = test.RcptTo };
        result.MailReply = await session.CommandAsync($"MAIL FROM:<{test.MailFrom}>").ConfigureAwait(false);
        if (result.MailReply.Code / 100 != 2)
        {
            result.Status = ProbeOutcomeClassifier.ForSender(result.MailReply, facts).Status;
            // "530 Must issue a STARTTLS command first" refuses nothing yet: relay was not tested (Inconclusive).
            result.Refused = result.MailReply.Code / 100 == 5 && result.Status != SmtpRelayStatus.EncryptionRequired;
            result.SyntaxRefused = result.Refused && OpenRelaySessionLimit.IsSyntaxRefusal(result.MailReply);
        }
        else
        {
            result.RcptReply = await session.CommandAsync($"RCPT TO:<{test.RcptTo}>").ConfigureAwait(false);
            result.Status = ProbeOutcomeClassifier.ForRecipient(result.RcptReply, facts).Status;
            result.Relayed = result.RcptReply.Code is 250 or 251;
            result.Refused = result.RcptReply.Code / 100 == 5 && result.Status != SmtpRelayStatus.EncryptionRequired;
            result.SyntaxRefused = result.Refused && OpenRelaySessionLimit.IsSyntaxRefusal(result.RcptReply);
            if (result.Relayed)
            {
                result.Status = SmtpRelayStatus.RelayPermitted;
            }
        }

        if (result.MailReply.Code / 100 == 2 && !OpenRelaySessionLimit.EndsSession(result.RcptReply))
        {
            // Only an open transaction needs resetting; a server that refused MAIL may refuse RSET too
            // (Postfix under smtpd_tls_security_level=encrypt), and every refusal counts as an error.
            await session.CommandAsync("RSET").ConfigureAwait(false);
        }

        return result;
    }
}
