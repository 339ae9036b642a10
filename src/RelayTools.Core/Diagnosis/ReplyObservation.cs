using System;
using System.Globalization;
using System.Text.RegularExpressions;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Diagnosis;

/// <summary>
/// What was seen of one failure, as the <see cref="ReplyClassifier"/> takes it: the deciding reply (or none),
/// the server's greeting, where in the session it happened, and what the session showed before it.
/// </summary>
public sealed class ReplyObservation
{
    private static readonly Regex LineBreaks = new(@"\s*[\r\n]+\s*", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));

    /// <summary>The three-digit reply code, or null when no reply decided (or the text has none).</summary>
    public int? ReplyCode { get; set; }

    /// <summary>The RFC 3463 enhanced status code ("5.7.1"), or null.</summary>
    public string? EnhancedStatusCode { get; set; }

    /// <summary>The reply text without its codes; for text without any code, the whole text.</summary>
    public string Text { get; set; } = "";

    /// <summary>The server's 220 greeting, when the client saw one.</summary>
    public string? Banner { get; set; }

    /// <summary>The step of the session the reply answered (Greeting, Auth, MailFrom, RcptTo...), when known.</summary>
    public SmtpProbeStage? Stage { get; set; }

    /// <summary>What the session showed before the reply (TLS, AUTH offered, authenticated), when known.</summary>
    public ProbeSessionFacts? Facts { get; set; }

    /// <summary>Cause ids the client itself saw evidence for (a probe's Evidence), most likely first.</summary>
    public string[] Evidence { get; set; } = [];

    /// <summary>The category already known when no reply decides it (a refused connection, a failed handshake).</summary>
    public FailureCategory? KnownCategory { get; set; }

    /// <summary>The MTA that wrote the text when it is that server's own log line (not a reply it received).</summary>
    public string? LogSource { get; set; }

    /// <summary>True when a reply (a code, or a wording to match) is part of the observation.</summary>
    public bool HasReply => ReplyCode is not null || EnhancedStatusCode is not null || (KnownCategory is null && Text.Length > 0);

    /// <summary>
    /// What wordings are matched against: the codes and text on one line, so that in a transcript or a log
    /// line only the refusal counts; text without any code is matched whole.
    /// </summary>
    internal string MatchText => ReplyCode is null && EnhancedStatusCode is null
        ? Text
        : $"{ReplyCode?.ToString(CultureInfo.InvariantCulture)} {EnhancedStatusCode} {Text}";

    /// <summary>An observation of any text the parser understands: a reply, a client's error message, a log line.</summary>
    public static ReplyObservation FromText(string text) => FromParsed(SmtpReplyParser.Parse(text), text);

    /// <summary>An observation of a reply whose parts are known apart (a probe's reply, a log record).</summary>
    public static ReplyObservation FromReply(int? replyCode, string? enhancedStatusCode, string? text) => new()
    {
        ReplyCode = replyCode,
        EnhancedStatusCode = string.IsNullOrWhiteSpace(enhancedStatusCode) ? null : enhancedStatusCode!.Trim(),
        Text = LineBreaks.Replace(text ?? "", " ").Trim(),
    };

    internal static ReplyObservation FromParsed(ParsedReply parsed, string text) => new()
    {
        ReplyCode = parsed.ReplyCode,
        EnhancedStatusCode = parsed.EnhancedStatusCode,
        Text = parsed.ReplyCode is null && parsed.EnhancedStatusCode is null ? LineBreaks.Replace(text ?? "", " ").Trim() : parsed.Message,
        // A server-side log line names the MTA that refused; a client-side one ("said:") does not.
        LogSource = parsed.FromRemote ? null : parsed.LogSource,
    };
}
