namespace RelayTools.Core.Smtp;

/// <summary>One complete SMTP reply: the code, the RFC 3463 enhanced status code, the text.</summary>
public sealed class SmtpReply
{
    /// <summary>The three-digit reply code, e.g. 554.</summary>
    public int Code { get; set; }

    /// <summary>The enhanced status code, e.g. <c>5.7.1</c>; null when the server sent none.</summary>
    public string? EnhancedStatusCode { get; set; }

    /// <summary>The text after the code(s); lines of a multi-line reply joined with a newline.</summary>
    public string Text { get; set; } = "";

    /// <summary>The reply's lines as sent, without CRLF.</summary>
    public string[] Lines { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => EnhancedStatusCode is null ? $"{Code} {Text}" : $"{Code} {EnhancedStatusCode} {Text}";
}
