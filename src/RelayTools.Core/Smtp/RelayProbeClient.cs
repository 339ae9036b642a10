using System.Threading;
using System.Threading.Tasks;
using MailKit.Net.Smtp;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Core.Smtp;

/// <summary>
/// MailKit's SmtpClient with its protected SendCommand opened up for the probe's own MAIL FROM,
/// RCPT TO and RSET: MailKit still does connect, TLS, STARTTLS, EHLO and SASL.
/// </summary>
internal sealed class RelayProbeClient : SmtpClient
{
    private readonly ProbeTranscriptLogger _logger;

    public RelayProbeClient(ProbeTranscriptLogger logger)
        : base(logger)
    {
        _logger = logger;
    }

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
}
