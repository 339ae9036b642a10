using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Security;
using MimeKit;

namespace RelayTools.Core.Smtp;

/// <summary>
/// Probes one server: connect, EHLO, TLS (offering a client certificate when given), XCLIENT (with a
/// client address or name), AUTH (with a credential), MAIL FROM, RCPT TO, then RSET and QUIT. DATA is
/// sent only when <see cref="SmtpProbeRequest.SendMessage"/> is set. Every outcome of the server or the
/// network, an unreachable or misbehaving server included, is a result; a refused value,
/// cancellation and defects throw.
/// </summary>
public static class SmtpRelayProbe
{
    /// <summary>The header that marks a message sent by <see cref="SmtpProbeRequest.SendMessage"/>.</summary>
    public const string ProbeHeader = "X-RelayTools-Probe";

    // Password mechanisms MailKit speaks, strongest first (over TLS PLAIN is as good as any, and universal).
    private static readonly string[] PreferredMechanisms = ["SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5"];

    private static int _warmUpStarted;

    /// <summary>
    /// Starts, once per process and on a pool thread, the first classification of a reply, so that loading
    /// the knowledge base and the MTA registry (and compiling that code) overlaps the first connections
    /// instead of holding up the first probe that reaches RCPT. Returns at once; never throws.
    /// </summary>
    public static void BeginWarmUp()
    {
        if (Interlocked.Exchange(ref _warmUpStarted, 1) != 0)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                SmtpReply reply = ReplyLineParser.FromCodeAndText(554, "5.7.1 <relay-probe@example.com>: Relay access denied");
                _ = ProbeOutcomeClassifier.ForRecipient(reply, new ProbeSessionFacts { Port = 25 });
                _ = ProbeDiagnosis.For(new SmtpProbeResult
                {
                    Server = "mx.example.net",
                    Port = 25,
                    Banner = "mx.example.net ESMTP",
                    Stage = SmtpProbeStage.RcptTo,
                    Status = SmtpRelayStatus.RelayDenied,
                    ReplyCode = reply.Code,
                    EnhancedStatusCode = reply.EnhancedStatusCode,
                    ReplyText = reply.Text,
                });
            }
            catch (Exception)
            {
                // A broken knowledge base fails the real classification the same way, where it is reported.
            }
        });
    }

    /// <summary>Runs the probe.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Syntax.SmtpArgumentException">A value of the request cannot be sent (see <see cref="SmtpProbeRequest.Validate"/>).</exception>
    public static async Task<SmtpProbeResult> RunAsync(SmtpProbeRequest request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // Values that reach the wire are checked before any connection, whatever the caller checked.
        request.Validate();
        var clock = Stopwatch.StartNew();
        var result = new SmtpProbeResult
        {
            Server = request.Server,
            Port = request.Port,
            From = request.From,
            To = request.To,
            UserName = request.Credential?.UserName ?? request.AccessToken?.UserName,
        };

        SmtpSecurityMode security = request.EffectiveSecurity;
        using var session = new ProbeSession(request.Server, request.Port, security, request.HeloName, request.LocalAddress, request.SkipCertificateCheck, request.Timeout, cancellationToken)
        {
            ClientCertificate = request.ClientCertificate,
            ConnectAddress = request.ConnectAddress,
        };
        bool transactionOpen = false;
        try
        {
            await session.OpenAsync().ConfigureAwait(false);
            transactionOpen = await DialogAsync(session, request, result).ConfigureAwait(false);
        }
        catch (Exception ex) when (session.IsSessionFault(ex))
        {
            // Only what the server or the network did is a result; a defect propagates as an error.
            Apply(result, session.Classify(ex));
        }
        finally
        {
            await session.CloseAsync(transactionOpen).ConfigureAwait(false);
        }

        FillSession(result, session);
        // Only the thumbprint: the result never holds the certificate, let alone its key.
        result.ClientCertificateThumbprint = request.ClientCertificate is { } certificate && session.TlsAttempted ? certificate.Thumbprint : null;
        result.Diagnosis = ProbeDiagnosis.For(result);
        result.Elapsed = clock.Elapsed;
        if (request.IncludeTranscript)
        {
            result.Transcript = session.Logger.Transcript;
        }

        return result;
    }

    // Returns true when RSET is due at the end (EHLO done, connection healthy).
    private static async Task<bool> DialogAsync(ProbeSession session, SmtpProbeRequest request, SmtpProbeResult result)
    {
        FillSession(result, session);
        if (request.ClientAddress is not null || request.ClientName is not null)
        {
            (bool sent, ProbeFailure? refused) = await XclientStep.RunAsync(session, request.ClientAddress, request.ClientName).ConfigureAwait(false);
            if (sent)
            {
                result.ClientAddress = request.ClientAddress;
                result.ClientName = request.ClientName;
            }

            FillSession(result, session);
            if (refused is not null)
            {
                Apply(result, refused);
                return true;
            }
        }

        // After XCLIENT these are the facts of the session as the named client (its EHLO reply).
        ProbeSessionFacts facts = session.Facts();

        if ((request.Credential is not null || request.AccessToken is not null) && !await AuthenticateAsync(session, request, result, facts).ConfigureAwait(false))
        {
            return true;
        }

        SmtpReply mail = await session.CommandAsync($"MAIL FROM:<{request.From}>").ConfigureAwait(false);
        if (mail.Code / 100 != 2)
        {
            Decide(result, SmtpProbeStage.MailFrom, mail, ProbeOutcomeClassifier.ForSender(mail, facts));
            return true;
        }

        SmtpReply rcpt = await session.CommandAsync($"RCPT TO:<{request.To}>").ConfigureAwait(false);
        string serverName = session.LastEhlo.ServerName.Length > 0 ? session.LastEhlo.ServerName : EhloCapabilities.GreetingName(session.Logger.Greeting);
        facts.RecipientIsLocal = ProbeOutcomeClassifier.IsServerDomain(DomainOf(request.To), serverName);
        ProbeOutcome outcome = ProbeOutcomeClassifier.ForRecipient(rcpt, facts);
        Decide(result, SmtpProbeStage.RcptTo, rcpt, outcome);
        if (outcome.Status is not (SmtpRelayStatus.RelayPermitted or SmtpRelayStatus.Accepted))
        {
            return true;
        }

        if (request.SendMessage)
        {
            // MailKit's Send runs its own MAIL/RCPT/DATA: clear the probe's transaction first.
            await session.CommandAsync("RSET").ConfigureAwait(false);
            string answer = await session.GuardAsync(t => session.Client.SendAsync(BuildMessage(request), MailboxAddress.Parse(request.From), [MailboxAddress.Parse(request.To)], t)).ConfigureAwait(false);
            SmtpReply data = session.Logger.LastReply ?? ReplyLineParser.FromCodeAndText(250, answer);
            Decide(result, SmtpProbeStage.Data, data, outcome);
        }

        result.Stage = SmtpProbeStage.Done;
        return true;
    }

    private static async Task<bool> AuthenticateAsync(ProbeSession session, SmtpProbeRequest request, SmtpProbeResult result, ProbeSessionFacts facts)
    {
        string port = request.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string secret = request.AccessToken is null ? "the password" : "the access token";
        if (!session.Client.IsEncrypted && !request.AllowUnencryptedAuthentication)
        {
            Fail(result, SmtpProbeStage.Auth, SmtpRelayStatus.EncryptionRequired,
                $"RelayTools refused to send AUTH over an unencrypted connection (port {port}, no TLS): {secret} would cross the network in clear text, so it was not sent. Use -Security StartTls or port 587/465, or -AllowUnencryptedAuthentication.",
                facts.StartTlsOffered ? ["auth-requires-starttls"] : ["wrong-port", "auth-requires-starttls"]);
            return false;
        }

        string[] offered = session.LastEhlo.AuthMechanisms;
        if (offered.Length == 0)
        {
            if (!session.Client.IsEncrypted && facts.StartTlsOffered)
            {
                // Ask the server itself (no credential is sent): Postfix answers 503 5.5.1 under smtpd_tls_auth_only.
                SmtpReply reply = await session.CommandAsync("AUTH " + (request.AuthenticationMechanism ?? "PLAIN").ToUpperInvariant()).ConfigureAwait(false);
                if (reply.Code == 334)
                {
                    await session.CommandAsync("*").ConfigureAwait(false);
                }

                Decide(result, SmtpProbeStage.Auth, reply, new ProbeOutcome(SmtpRelayStatus.EncryptionRequired, "auth-requires-starttls"));
                result.ReplyText = $"The server offers AUTH only after STARTTLS (smtpd_tls_auth_only), so {secret} was not sent; it answered: {reply}";
                return false;
            }

            Fail(result, SmtpProbeStage.Auth, SmtpRelayStatus.AuthenticationFailed,
                $"The server offers no AUTH on port {port}{(session.Client.IsEncrypted ? " even after TLS" : "")}: submission is usually on 587 (STARTTLS) or 465 (TLS).",
                ["wrong-port", "submission-not-enabled", "no-smtp-auth"]);
            return false;
        }

        try
        {
            if (request.AccessToken is { } token)
            {
                // Validate() made the mechanism XOAUTH2 or OAUTHBEARER; MailKit reads the token only in its challenge.
                string wanted = request.AuthenticationMechanism ?? Syntax.OAuthSyntax.DefaultMechanism;
                if (!offered.Contains(wanted))
                {
                    Fail(result, SmtpProbeStage.Auth, SmtpRelayStatus.AuthenticationFailed,
                        $"The server does not offer AUTH {wanted}, so the access token was not sent; it offers {string.Join(", ", offered)}.", ["auth-mechanism-unsupported"]);
                    return false;
                }

                SaslMechanism mechanism = wanted == "OAUTHBEARER" ? new SaslMechanismOAuthBearer(token) : new SaslMechanismOAuth2(token);
                result.AuthenticationMechanism = wanted;
                await session.GuardAsync(async t => { await session.Client.AuthenticateAsync(mechanism, t).ConfigureAwait(false); return true; }).ConfigureAwait(false);
            }
            else if (request.AuthenticationMechanism is { Length: > 0 } name)
            {
                string wanted = name.ToUpperInvariant();
                if (!offered.Contains(wanted))
                {
                    Fail(result, SmtpProbeStage.Auth, SmtpRelayStatus.AuthenticationFailed,
                        $"The server does not offer AUTH {wanted}; it offers {string.Join(", ", offered)}.", ["auth-mechanism-unsupported"]);
                    return false;
                }

                SaslMechanism mechanism = SaslMechanism.Create(wanted, System.Text.Encoding.UTF8, request.Credential!)
                    ?? throw new NotSupportedException($"RelayTools cannot speak the SASL mechanism {wanted}.");
                result.AuthenticationMechanism = wanted;
                await session.GuardAsync(async t => { await session.Client.AuthenticateAsync(mechanism, t).ConfigureAwait(false); return true; }).ConfigureAwait(false);
            }
            else
            {
                // One attempt with the best mechanism both sides speak: MailKit's own fallback would try the
                // next mechanism after a 535, doubling failed logins (and fail2ban's count) for one probe.
                string? best = Array.Find(PreferredMechanisms, m => offered.Contains(m));
                if (best is null)
                {
                    Fail(result, SmtpProbeStage.Auth, SmtpRelayStatus.AuthenticationFailed,
                        $"The server offers only AUTH {string.Join(", ", offered)}, none of which RelayTools can use with a password.", ["auth-mechanism-unsupported"]);
                    return false;
                }

                SaslMechanism mechanism = SaslMechanism.Create(best, System.Text.Encoding.UTF8, request.Credential!)!;
                result.AuthenticationMechanism = best;
                await session.GuardAsync(async t => { await session.Client.AuthenticateAsync(mechanism, t).ConfigureAwait(false); return true; }).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is AuthenticationException or MailKit.Net.Smtp.SmtpCommandException || (ex is NotSupportedException && session.Client.IsConnected))
        {
            SmtpReply? reply = session.Logger.LastReplyVerb == "AUTH" ? session.Logger.LastReply : null;
            ProbeOutcome outcome = ProbeOutcomeClassifier.ForAuthentication(reply, facts);
            if (request.AccessToken is not null && reply?.Code == 535)
            {
                // A refused token is rarely a wrong password: expiry, account, scope or the server's token check come first.
                outcome = new ProbeOutcome(outcome.Status, ["oauth-token-rejected", .. outcome.Evidence]);
            }
            if (reply is null)
            {
                Fail(result, SmtpProbeStage.Auth, outcome.Status, ex.Message, outcome.Evidence);
            }
            else
            {
                Decide(result, SmtpProbeStage.Auth, reply, outcome);
            }

            return false;
        }

        result.Authenticated = true;
        facts.Authenticated = true;
        return true;
    }

    private static MimeMessage BuildMessage(SmtpProbeRequest request)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(request.From));
        message.To.Add(MailboxAddress.Parse(request.To));
        message.Subject = "RelayTools relay probe";
        message.Headers.Add(ProbeHeader, "Test-SmtpRelay");
        message.Body = new TextPart("plain") { Text = $"Test message sent by RelayTools Test-SmtpRelay -SendMessage to check that {request.Server} relays. It can be deleted." };
        return message;
    }

    private static string? DomainOf(string address)
    {
        int at = address.LastIndexOf('@');
        return at < 0 ? null : address.Substring(at + 1);
    }

    private static void Decide(SmtpProbeResult result, SmtpProbeStage stage, SmtpReply reply, ProbeOutcome outcome)
    {
        result.Stage = stage;
        result.Status = outcome.Status;
        result.ReplyCode = reply.Code;
        result.EnhancedStatusCode = reply.EnhancedStatusCode;
        result.ReplyText = reply.Text;
        result.Evidence = outcome.Evidence;
    }

    private static void Fail(SmtpProbeResult result, SmtpProbeStage stage, SmtpRelayStatus status, string reason, string[] evidence)
    {
        result.Stage = stage;
        result.Status = status;
        result.ReplyCode = null;
        result.EnhancedStatusCode = null;
        result.ReplyText = reason;
        result.Evidence = evidence;
    }

    private static void Apply(SmtpProbeResult result, ProbeFailure failure)
    {
        if (failure.Reply is null)
        {
            Fail(result, failure.Stage, failure.Status, failure.Reason, failure.Evidence);
        }
        else
        {
            Decide(result, failure.Stage, failure.Reply, new ProbeOutcome(failure.Status, failure.Evidence));
        }
    }

    private static void FillSession(SmtpProbeResult result, ProbeSession session)
    {
        result.RemoteAddress = session.RemoteAddress;
        result.LocalAddress = session.LocalAddress;
        result.Banner = session.Logger.Greeting?.Text ?? result.Banner;
        result.Certificate = session.Inspector.Summary;
        result.StartTlsOffered = session.FirstEhlo.StartTls;
        result.XclientOffered = (session.EhloBeforeXclient ?? session.LastEhlo).Xclient;
        result.AuthMechanismsBeforeTls = session.ImplicitTls ? [] : session.FirstEhlo.AuthMechanisms;
        result.AuthMechanisms = session.LastEhlo.AuthMechanisms;
        if (session.Client.IsConnected)
        {
            result.Security = session.Security;
            result.TlsProtocol = session.TlsProtocol ?? result.TlsProtocol;
        }
    }
}
