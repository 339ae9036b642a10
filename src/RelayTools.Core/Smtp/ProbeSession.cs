using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Core.Smtp;

/// <summary>
/// One connection of a probe: TCP (bound to the chosen local address), greeting, EHLO and TLS through
/// MailKit, under one whole-session timeout; and the translation of whatever went wrong into a status.
/// </summary>
internal sealed class ProbeSession : IDisposable
{
    private readonly CancellationToken _outer;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly SmtpSecurityMode _security;
    private Socket? _socket;
    private (SmtpReply? Reply, EhloCapabilities? Ehlo) _parsedA;
    private (SmtpReply? Reply, EhloCapabilities? Ehlo) _parsedB;

    public ProbeSession(string server, int port, SmtpSecurityMode security, string? heloName, IPAddress? localAddress, bool skipCertificateCheck, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Server = server;
        Port = port;
        _security = security;
        LocalAddressToBind = localAddress;
        _outer = cancellationToken;
        _timeout = new CancellationTokenSource(timeout);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token);
        Logger = new ProbeTranscriptLogger();
        Inspector = new CertificateInspector(skipCertificateCheck);
        Logger.Abort = () => _socket?.Dispose();
        Client = new RelayProbeClient(Logger)
        {
            // MailKit's own per-read timeout stays behind the probe's whole-session one, which decides.
            Timeout = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds + 2000),
            ServerCertificateValidationCallback = Inspector.Validate,
            // A certificate accepted whatever it says needs no revocation lookup (a network round trip per probe).
            CheckCertificateRevocation = !skipCertificateCheck,
            SkipChainBuilding = skipCertificateCheck,
        };
        if (heloName is not null)
        {
            // MailKit writes EHLO itself: the name is checked here, whatever the caller did.
            Client.LocalDomain = SmtpSyntax.HeloName(heloName, "HeloName");
        }
    }

    public string Server { get; }

    /// <summary>The address to connect to instead of resolving <see cref="Server"/> (an MX host's address from DNS); TLS still checks the certificate against Server.</summary>
    public IPAddress? ConnectAddress { get; set; }

    public int Port { get; }

    public IPAddress? LocalAddressToBind { get; }

    public ProbeTranscriptLogger Logger { get; }

    public CertificateInspector Inspector { get; }

    public RelayProbeClient Client { get; }

    /// <summary>The certificate offered when the server asks for one in the TLS handshake; set before <see cref="OpenAsync"/>.</summary>
    public X509Certificate2? ClientCertificate
    {
        get => Client.ClientCertificates is { Count: > 0 } certificates ? certificates[0] as X509Certificate2 : null;
        set => Client.ClientCertificates = value is null ? null : new X509CertificateCollection { value };
    }

    /// <summary>True once a TLS handshake was begun (implicit TLS, or STARTTLS sent), whether or not it succeeded.</summary>
    public bool TlsAttempted => ImplicitTls || Logger.StartTlsSent;

    /// <summary>The EHLO reply XCLIENT was decided on (null when XCLIENT was not asked for).</summary>
    public EhloCapabilities? EhloBeforeXclient { get; set; }

    /// <summary>Cancelled by the caller or by the whole-session timeout.</summary>
    public CancellationToken Token => _linked.Token;

    public string? RemoteAddress { get; private set; }

    public string? LocalAddress { get; private set; }

    public bool ImplicitTls => _security == SmtpSecurityMode.Tls;

    public SmtpConnectionSecurity Security => ImplicitTls ? SmtpConnectionSecurity.Tls : Client.IsEncrypted ? SmtpConnectionSecurity.StartTls : SmtpConnectionSecurity.None;

    public string? TlsProtocol => Client.IsConnected && Client.IsEncrypted ? Client.SslProtocol.ToString() : null;

    /// <summary>The clear-text EHLO reply, read (the first one when STARTTLS followed).</summary>
    public EhloCapabilities FirstEhlo => Read(Logger.EhloReplies.Count > 0 ? Logger.EhloReplies[0] : null);

    /// <summary>The last EHLO reply, read (after STARTTLS when it was used).</summary>
    public EhloCapabilities LastEhlo => Read(Logger.EhloReplies.Count > 0 ? Logger.EhloReplies[Logger.EhloReplies.Count - 1] : null);

    /// <summary>What the session showed before any MAIL FROM: the facts every reply is classified against.</summary>
    public ProbeSessionFacts Facts() => new()
    {
        Port = Port,
        Encrypted = Client.IsEncrypted,
        StartTlsOffered = FirstEhlo.StartTls,
        // On an implicit-TLS port nothing is ever offered in clear text.
        AuthOfferedBeforeTls = !ImplicitTls && FirstEhlo.AuthMechanisms.Length > 0,
        AuthOffered = LastEhlo.AuthMechanisms.Length > 0,
    };

    /// <summary>
    /// Whether <paramref name="ex"/> is something the server or the network did (a result), rather than
    /// a defect in RelayTools or its caller (an error): network, TLS, timeout and SMTP protocol faults only.
    /// </summary>
    public bool IsSessionFault(Exception ex) => ex switch
    {
        SocketException or IOException or TimeoutException or OperationCanceledException => true,
        // The socket closed under a pending read: the probe's own timeout or a server hang-up.
        ObjectDisposedException => true,
        SslHandshakeException or System.Security.Authentication.AuthenticationException => true,
        ProtocolException or CommandException or ServiceNotConnectedException => true,
        MailKit.Security.AuthenticationException => true,
        // MailKit's answer to -Security StartTls when the server offers no STARTTLS.
        NotSupportedException => _security == SmtpSecurityMode.StartTls && !FirstEhlo.StartTls && Logger.EhloReplies.Count > 0,
        _ => false,
    };

    /// <summary>Connects, reads the greeting, says EHLO and sets up TLS as asked.</summary>
    public async Task OpenAsync()
    {
        CancellationToken token = Token;
        _socket = await ProbeConnector.ConnectAsync(Server, ConnectAddress, Port, LocalAddressToBind, a => RemoteAddress = a.ToString(), token).ConfigureAwait(false);
        LocalAddress = (_socket.LocalEndPoint as IPEndPoint)?.Address.ToString();

        // Closing the socket is what ends a pending read on every runtime, whatever the stream does with the token.
        Socket socket = _socket;
        using (token.Register(() => socket.Dispose()))
        {
            SecureSocketOptions options = _security switch
            {
                SmtpSecurityMode.None => SecureSocketOptions.None,
                SmtpSecurityMode.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurityMode.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTlsWhenAvailable,
            };
            await Client.ConnectAsync(_socket, Server, Port, options, token).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a step with the socket closed on cancellation (so a silent server cannot hold it).</summary>
    public async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> step)
    {
        Socket? socket = _socket;
        using (Token.Register(() => socket?.Dispose()))
        {
            return await step(Token).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one command and returns the reply.</summary>
    public Task<SmtpReply> CommandAsync(string command) => GuardAsync(t => Client.CommandAsync(command, t));

    /// <summary>Says EHLO again, with the name said before, after the server restarted the session (XCLIENT).</summary>
    public Task<SmtpReply> EhloAgainAsync() =>
        GuardAsync(t => Client.EhloAgainAsync(Logger.HeloArgument ?? throw new InvalidOperationException("No EHLO was said yet."), t));

    /// <summary>Ends politely: RSET (when a transaction may be open) and QUIT. Never throws.</summary>
    public async Task CloseAsync(bool reset)
    {
        try
        {
            if (!Client.IsConnected || Token.IsCancellationRequested)
            {
                return;
            }

            if (reset)
            {
                await CommandAsync("RSET").ConfigureAwait(false);
            }

            await GuardAsync(async t => { await Client.DisconnectAsync(true, t).ConfigureAwait(false); return true; }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Logger.Note("closing: " + ex.Message);
        }
    }

    /// <summary>
    /// Turns an exception from the session into a failure. Rethrows when the caller cancelled (that is
    /// not a result; it is the caller stopping).
    /// </summary>
    public ProbeFailure Classify(Exception ex)
    {
        SmtpProbeStage stage = Logger.Stage;
        if (_outer.IsCancellationRequested)
        {
            throw new OperationCanceledException("The probe was cancelled.", ex, _outer);
        }

        if (Logger.Overlong)
        {
            return new ProbeFailure
            {
                Status = SmtpRelayStatus.ProtocolError,
                Stage = stage,
                Reason = $"The server sent a line longer than {ProbeTranscriptLogger.MaxServerLine} characters (RFC 5321 allows 512 per reply line); the probe closed the connection.",
            };
        }

        if (_timeout.IsCancellationRequested || ex is TimeoutException)
        {
            string hint = stage == SmtpProbeStage.Greeting && !ImplicitTls
                ? " The server accepted the connection but sent no greeting; if this is an implicit-TLS (SMTPS) port, use -Security Tls."
                : "";
            return new ProbeFailure
            {
                Status = SmtpRelayStatus.Timeout,
                Stage = stage,
                Reason = $"No answer within the timeout (waiting at {stage}).{hint}",
                Evidence = stage == SmtpProbeStage.Connect ? ["firewall-blocked", "server-unreachable"] : [],
            };
        }

        switch (ex)
        {
            case SocketException bindError when stage == SmtpProbeStage.Connect && LocalAddressToBind is not null &&
                bindError.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported:
                return new ProbeFailure
                {
                    Status = SmtpRelayStatus.ConnectionFailed,
                    Stage = SmtpProbeStage.Connect,
                    Reason = $"Cannot connect from {LocalAddressToBind}: {bindError.SocketErrorCode} ({bindError.Message}). -LocalAddress must be an address of this computer, of the same family as the server's.",
                };
            case SocketException socketError when stage == SmtpProbeStage.Connect:
                return new ProbeFailure
                {
                    Status = SmtpRelayStatus.ConnectionFailed,
                    Stage = SmtpProbeStage.Connect,
                    Reason = $"{socketError.SocketErrorCode}: {socketError.Message}",
                    // Refused (RST): usually nothing listens, sometimes a REJECT rule; anything else
                    // (unreachable, timed out in the kernel) looks like a dropping firewall first.
                    Evidence = socketError.SocketErrorCode switch
                    {
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => ["server-unreachable"],
                        SocketError.ConnectionRefused => ["server-unreachable", "firewall-blocked"],
                        _ => ["firewall-blocked", "server-unreachable"],
                    },
                };
            case SslHandshakeException tls:
                return new ProbeFailure
                {
                    Status = SmtpRelayStatus.TlsFailed,
                    Stage = ImplicitTls ? SmtpProbeStage.Connect : SmtpProbeStage.StartTls,
                    Reason = Inspector.RejectionReason ?? "The TLS handshake failed: " + (tls.InnerException?.Message ?? tls.Message),
                    Evidence = Inspector.RejectionReason is null ? ["tls-handshake-failed"] : ["tls-certificate-invalid"],
                };
            case NotSupportedException when _security == SmtpSecurityMode.StartTls && !FirstEhlo.StartTls && Logger.EhloReplies.Count > 0:
                return new ProbeFailure
                {
                    Status = SmtpRelayStatus.TlsFailed,
                    Stage = SmtpProbeStage.StartTls,
                    Reason = "-Security StartTls was asked for, but the server does not offer STARTTLS.",
                };
            case SmtpCommandException command:
                return FromCommandError(command, stage);
        }

        if (stage == SmtpProbeStage.StartTls && Client.IsConnected == false && Logger.LastReplyVerb == "STARTTLS" && Logger.LastReply?.Code == 220)
        {
            return new ProbeFailure { Status = SmtpRelayStatus.TlsFailed, Stage = stage, Reason = "The TLS handshake after STARTTLS failed: " + ex.Message };
        }

        if (stage == SmtpProbeStage.Ehlo && Logger.Garbage is null && ex is IOException or SmtpProtocolException or ObjectDisposedException)
        {
            // No reply at all to EHLO, the connection just closed: Postfix's smtpd exits this way
            // ("fatal: no SASL authentication mechanisms") when its SASL backend is unreachable.
            bool afterStartTls = Logger.LastReplyVerb == "STARTTLS";
            return new ProbeFailure
            {
                Status = SmtpRelayStatus.ProtocolError,
                Stage = stage,
                Reason = $"The server closed the connection in answer to EHLO{(afterStartTls ? " after STARTTLS" : "")} ({Describe(ex)}). " +
                    "Postfix does this when it cannot reach its SASL backend (its log says 'fatal: no SASL authentication mechanisms').",
                Evidence = ["sasl-backend-down", "server-resource-shortage"],
            };
        }

        string detail = Logger.Garbage is { } garbage ? $" The server sent a line that is not an SMTP reply: '{garbage}'." : "";
        return new ProbeFailure
        {
            Status = SmtpRelayStatus.ProtocolError,
            Stage = stage,
            Reason = Describe(ex) + detail,
        };
    }

    public void Dispose()
    {
        Client.Dispose();
        _socket?.Dispose();
        _linked.Dispose();
        _timeout.Dispose();
    }

    // The dialog asks for the EHLO facts a dozen times; each reply is parsed once (the last two kept).
    private EhloCapabilities Read(SmtpReply? reply)
    {
        if (ReferenceEquals(reply, _parsedA.Reply) && _parsedA.Ehlo is not null)
        {
            return _parsedA.Ehlo;
        }

        if (ReferenceEquals(reply, _parsedB.Reply) && _parsedB.Ehlo is not null)
        {
            return _parsedB.Ehlo;
        }

        EhloCapabilities parsed = EhloCapabilities.Parse(reply);
        _parsedB = _parsedA;
        _parsedA = (reply, parsed);
        return parsed;
    }

    private ProbeFailure FromCommandError(SmtpCommandException command, SmtpProbeStage stage)
    {
        SmtpReply reply = Logger.LastReply is { } last && last.Code == (int)command.StatusCode
            ? last
            : ReplyLineParser.FromCodeAndText((int)command.StatusCode, command.Message);
        ProbeOutcome outcome = stage switch
        {
            SmtpProbeStage.Greeting => ProbeOutcomeClassifier.ForGreeting(reply),
            SmtpProbeStage.StartTls when reply.Code / 100 == 4 => new ProbeOutcome(SmtpRelayStatus.TemporaryFailure),
            SmtpProbeStage.StartTls => new ProbeOutcome(SmtpRelayStatus.TlsFailed),
            _ when reply.Code == 421 || reply.Code / 100 == 4 => new ProbeOutcome(SmtpRelayStatus.TemporaryFailure),
            _ => new ProbeOutcome(SmtpRelayStatus.ProtocolError),
        };
        return new ProbeFailure { Status = outcome.Status, Stage = stage, Reply = reply, Evidence = outcome.Evidence };
    }

    private static string Describe(Exception ex) => ex switch
    {
        SmtpProtocolException protocol => protocol.Message,
        IOException io => "The connection broke: " + (io.InnerException?.Message ?? io.Message),
        ObjectDisposedException => "The connection was closed.",
        _ => ex.Message,
    };
}
