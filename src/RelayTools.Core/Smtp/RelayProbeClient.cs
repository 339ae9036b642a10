using System;
#if NET8_0_OR_GREATER
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
#endif
using System.Threading;
using System.Threading.Tasks;
using MailKit.Net.Smtp;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Core.Smtp;

/// <summary>
/// MailKit's SmtpClient with its protected SendCommand opened up for the probe's own MAIL FROM,
/// RCPT TO, RSET and XCLIENT: MailKit still does connect, TLS, STARTTLS, EHLO and SASL, and the EHLO
/// that follows XCLIENT goes through the same command path (MailKit has no public way to say EHLO again).
/// </summary>
internal sealed class RelayProbeClient : SmtpClient
{
    private readonly ProbeTranscriptLogger _logger;

    public RelayProbeClient(ProbeTranscriptLogger logger)
        : base(logger)
    {
        _logger = logger;
    }

    /// <summary>
    /// True under -SkipCertificateCheck: the certificate is accepted whatever it says, so no chain is built
    /// for it (on .NET 8 and later, where MailKit asks for each handshake's options; see
    /// <see cref="CertificateInspector"/> for what the result says then).
    /// </summary>
    public bool SkipChainBuilding { get; set; }

#if NET8_0_OR_GREATER
    /// <inheritdoc />
    protected override SslClientAuthenticationOptions GetSslClientAuthenticationOptions(string host, RemoteCertificateValidationCallback remoteCertificateValidationCallback)
    {
        SslClientAuthenticationOptions options = base.GetSslClientAuthenticationOptions(host, remoteCertificateValidationCallback);
        if (SkipChainBuilding)
        {
            // SslStream builds an X509Chain before it calls the validation callback, and on Linux each build
            // loads every system root into a new OpenSSL store: most of a probe's CPU time. Trusting only an
            // empty custom store (and downloading no intermediates) makes that build trivial; the name check
            // and the callback still run, and the callback accepts anyway.
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                DisableCertificateDownloads = true,
                RevocationMode = X509RevocationMode.NoCheck,
            };
        }

        return options;
    }
#endif

    /// <summary>Sends one command line and returns the server's reply (any code: nothing throws on 4xx/5xx).</summary>
    /// <exception cref="System.ArgumentException">The command holds CR, LF or NUL: it is never sent.</exception>
    public async Task<SmtpReply> CommandAsync(string command, CancellationToken cancellationToken)
    {
        // Every command of ours passes here: whatever a caller forgot to check, one line stays one command.
        if (!SmtpSyntax.IsSingleLine(command))
        {
            throw new System.ArgumentException(
                $"RelayTools refused to send a command holding CR, LF or NUL: '{SmtpArgumentException.Visible(command)}'. This is a defect in RelayTools; nothing was sent.",
                nameof(command));
        }

        SmtpResponse response = await SendCommandAsync(command, cancellationToken).ConfigureAwait(false);
        SmtpReply? seen = _logger.LastReply;
        return seen is not null && seen.Code == (int)response.StatusCode
            ? seen
            : ReplyLineParser.FromCodeAndText((int)response.StatusCode, response.Response);
    }

    /// <summary>
    /// Says EHLO again on a session the server restarted (its 220 to XCLIENT), with the name said before,
    /// and narrows MailKit's view of the extensions (which its AUTH and Send consult) to the new reply.
    /// </summary>
    public async Task<SmtpReply> EhloAgainAsync(string heloName, CancellationToken cancellationToken)
    {
        SmtpReply reply = await CommandAsync("EHLO " + heloName, cancellationToken).ConfigureAwait(false);
        if (reply.Code / 100 == 2)
        {
            Adopt(EhloCapabilities.Parse(reply));
        }

        return reply;
    }

    // MailKit lets capabilities be turned off, never on: what both replies offer is what MailKit may use.
    private void Adopt(EhloCapabilities ehlo)
    {
        SmtpCapabilities offered = ehlo.AuthMechanisms.Length > 0 ? SmtpCapabilities.Authentication : SmtpCapabilities.None;
        foreach (string keyword in ehlo.Keywords)
        {
            offered |= keyword switch
            {
                "SIZE" => SmtpCapabilities.Size,
                "DSN" => SmtpCapabilities.Dsn,
                "ENHANCEDSTATUSCODES" => SmtpCapabilities.EnhancedStatusCodes,
                "8BITMIME" => SmtpCapabilities.EightBitMime,
                "PIPELINING" => SmtpCapabilities.Pipelining,
                "BINARYMIME" => SmtpCapabilities.BinaryMime,
                "CHUNKING" => SmtpCapabilities.Chunking,
                "STARTTLS" => SmtpCapabilities.StartTLS,
                "SMTPUTF8" => SmtpCapabilities.UTF8,
                "REQUIRETLS" => SmtpCapabilities.RequireTLS,
                _ => SmtpCapabilities.None,
            };
        }

        Capabilities &= offered;
        AuthenticationMechanisms.RemoveWhere(m => Array.IndexOf(ehlo.AuthMechanisms, m.ToUpperInvariant()) < 0);
    }
}
