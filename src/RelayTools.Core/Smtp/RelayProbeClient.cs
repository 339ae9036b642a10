using System.Threading;
using System.Threading.Tasks;
using MailKit.Net.Smtp;

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
    public async Task<SmtpReply> CommandAsync(string command, CancellationToken cancellationToken)
    {
        SmtpResponse response = await SendCommandAsync(command, cancellationToken).ConfigureAwait(false);
        SmtpReply? seen = _logger.LastReply;
        return seen is not null && seen.Code == (int)response.StatusCode
            ? seen
            : ReplyLineParser.FromCodeAndText((int)response.StatusCode, response.Response);
    }
}
