using System;
using System.Collections.Generic;
using System.Text;
using MailKit;

namespace RelayTools.Core.Smtp;

/// <summary>
/// MailKit protocol logger for one probe: keeps the transcript with AUTH redacted, follows the stage
/// the dialog reached, and remembers the replies MailKit reads itself (greeting, EHLO, STARTTLS, AUTH).
/// </summary>
internal sealed class ProbeTranscriptLogger : IProtocolLogger
{
    /// <summary>What stands in for secrets in the transcript.</summary>
    public const string Redacted = "********";

    /// <summary>
    /// The longest server line tolerated. RFC 5321 allows 512 octets per reply line; a line 16 times
    /// that is a broken or hostile server, and the probe gives up on it rather than buffer forever.
    /// </summary>
    public const int MaxServerLine = 8192;

    private const int MaxLineInTranscript = 512;
    private readonly List<string> _transcript = [];
    private readonly StringBuilder _serverLine = new();
    private readonly StringBuilder _clientLine = new();
    private readonly List<string> _replyLines = [];
    private bool _inAuth;
    private string _lastVerb = "";

    /// <summary>The stage the dialog has reached, judged from what was sent and received.</summary>
    public SmtpProbeStage Stage { get; private set; } = SmtpProbeStage.Connect;

    /// <summary>The greeting, once complete.</summary>
    public SmtpReply? Greeting { get; private set; }

    /// <summary>The most recent complete reply.</summary>
    public SmtpReply? LastReply { get; private set; }

    /// <summary>The client command verb the last reply answered (EHLO, STARTTLS, AUTH...).</summary>
    public string LastReplyVerb { get; private set; } = "";

    /// <summary>Every EHLO reply in order: with STARTTLS the first is the one seen in clear text.</summary>
    public List<SmtpReply> EhloReplies { get; } = [];

    /// <summary>The argument of the last EHLO (or HELO) the client sent: the name to say again after XCLIENT.</summary>
    public string? HeloArgument { get; private set; }

    /// <summary>True once the client sent STARTTLS.</summary>
    public bool StartTlsSent { get; private set; }

    /// <summary>A server line that is not an SMTP reply line, when one was seen.</summary>
    public string? Garbage { get; private set; }

    /// <summary>The transcript lines, <c>C: </c> for the client and <c>S: </c> for the server.</summary>
    public string[] Transcript => [.. _transcript];

    /// <summary>True once the server sent a line longer than <see cref="MaxServerLine"/>.</summary>
    public bool Overlong { get; private set; }

    /// <summary>Called once when the server sends an over-long line: closes the connection.</summary>
    public Action? Abort { get; set; }

    /// <inheritdoc />
    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <inheritdoc />
    public void LogConnect(Uri uri)
    {
        _transcript.Add("# connected to " + uri);
        Stage = SmtpProbeStage.Greeting;
    }

    /// <summary>Adds a note (not protocol traffic) to the transcript.</summary>
    public void Note(string text) => _transcript.Add("# " + text);

    /// <inheritdoc />
    public void LogClient(byte[] buffer, int offset, int count)
    {
        foreach (string line in SplitLines(_clientLine, buffer, offset, count))
        {
            OnClientLine(line);
        }
    }

    /// <inheritdoc />
    public void LogServer(byte[] buffer, int offset, int count)
    {
        foreach (string line in SplitLines(_serverLine, buffer, offset, count))
        {
            OnServerLine(line);
        }

        if (_serverLine.Length > MaxServerLine && !Overlong)
        {
            Overlong = true;
            _transcript.Add("S: " + Trim(_serverLine.ToString()));
            Note($"the server sent a line longer than {MaxServerLine} characters: connection closed");
            Abort?.Invoke();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void OnClientLine(string line)
    {
        string verb = FirstWord(line).ToUpperInvariant();
        if (_inAuth)
        {
            // Continuation lines of an AUTH exchange are credentials (or a '*' cancel): never kept.
            _transcript.Add("C: " + Redacted);
            return;
        }

        if (verb == "AUTH")
        {
            string[] words = line.Split([' '], 3, StringSplitOptions.RemoveEmptyEntries);
            _transcript.Add("C: AUTH " + (words.Length > 1 ? words[1] : "") + (words.Length > 2 ? " " + Redacted : ""));
            _inAuth = true;
        }
        else
        {
            _transcript.Add("C: " + Trim(line));
        }

        if (verb == "MAIL" || verb == "RCPT")
        {
            verb = verb + " " + FirstWord(line.Substring(5)).Split(':')[0].ToUpperInvariant();
        }

        if (verb == "EHLO" || verb == "HELO")
        {
            HeloArgument = line.Substring(4).Trim();
        }

        StartTlsSent |= verb == "STARTTLS";
        _lastVerb = verb;
        Stage = verb switch
        {
            "EHLO" or "HELO" => SmtpProbeStage.Ehlo,
            "STARTTLS" => SmtpProbeStage.StartTls,
            XclientCommand.Verb => SmtpProbeStage.Xclient,
            "AUTH" => SmtpProbeStage.Auth,
            "MAIL FROM" => SmtpProbeStage.MailFrom,
            "RCPT TO" => SmtpProbeStage.RcptTo,
            "DATA" => SmtpProbeStage.Data,
            _ => Stage,
        };
    }

    private void OnServerLine(string line)
    {
        if (line.Length > MaxServerLine)
        {
            Overlong = true;
        }

        _transcript.Add("S: " + Trim(line));
        if (!ReplyLineParser.TryParseLine(line, out int code, out bool isLast, out _))
        {
            Garbage ??= ReplyLineParser.Printable(line, 80);
            _replyLines.Clear();
            return;
        }

        _replyLines.Add(line);
        if (!isLast)
        {
            return;
        }

        SmtpReply reply;
        try
        {
            reply = ReplyLineParser.FromLines(_replyLines);
        }
        catch (FormatException)
        {
            _replyLines.Clear();
            return;
        }

        _replyLines.Clear();
        LastReply = reply;
        LastReplyVerb = Greeting is null ? "" : _lastVerb;
        if (Greeting is null)
        {
            Greeting = reply;
            Stage = SmtpProbeStage.Greeting;
            return;
        }

        if ((_lastVerb == "EHLO" || _lastVerb == "HELO") && code / 100 == 2)
        {
            EhloReplies.Add(reply);
        }

        if (_inAuth && code != 334)
        {
            _inAuth = false;
        }
    }

    private static IEnumerable<string> SplitLines(StringBuilder pending, byte[] buffer, int offset, int count)
    {
        string text = Encoding.UTF8.GetString(buffer, offset, count);
        var lines = new List<string>();
        foreach (char c in text)
        {
            if (c == '\n')
            {
                int length = pending.Length > 0 && pending[pending.Length - 1] == '\r' ? pending.Length - 1 : pending.Length;
                lines.Add(pending.ToString(0, length));
                pending.Clear();
            }
            else if (pending.Length < 64 * 1024)
            {
                pending.Append(c);
            }
        }

        return lines;
    }

    private static string FirstWord(string line)
    {
        string trimmed = line.TrimStart();
        int space = trimmed.IndexOf(' ');
        return space < 0 ? trimmed : trimmed.Substring(0, space);
    }

    private static string Trim(string line) => line.Length <= MaxLineInTranscript ? line : ReplyLineParser.Printable(line, MaxLineInTranscript);
}
