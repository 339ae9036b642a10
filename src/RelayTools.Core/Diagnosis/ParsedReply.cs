namespace RelayTools.Core.Diagnosis;

/// <summary>The parts of an SMTP reply found in a piece of text (a bare reply, prose or a log line).</summary>
public sealed class ParsedReply
{
    /// <summary>The three-digit reply code, or null when the text has none (Exim log lines, client prose).</summary>
    public int? ReplyCode { get; set; }

    /// <summary>The RFC 3463 enhanced status code ("5.7.1"), or null.</summary>
    public string? EnhancedStatusCode { get; set; }

    /// <summary>The reply text without the codes (lines of a multi-line reply joined with a space).</summary>
    public string Message { get; set; } = "";

    /// <summary>True when the text was a multi-line reply (<c>250-...</c> lines ending with <c>250 ...</c>).</summary>
    public bool IsMultiline { get; set; }

    /// <summary>The MTA that wrote the log line ("Postfix", "Exim", "Sendmail"), or null when the text is not a known log line.</summary>
    public string? LogSource { get; set; }

    /// <summary>True when the reply in the log line came from the remote server the logging MTA talked to (Postfix <c>said:</c>).</summary>
    public bool FromRemote { get; set; }
}
