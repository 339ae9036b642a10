namespace RelayTools.Core.Diagnosis;

/// <summary>What one SMTP reply (or a text containing one) means, and what to do about it.</summary>
public sealed class SmtpReplyInfo
{
    /// <summary>The three-digit reply code, or null when the text has none.</summary>
    public int? ReplyCode { get; set; }

    /// <summary>The RFC 3463 enhanced status code ("5.7.1"), or null.</summary>
    public string? EnhancedStatusCode { get; set; }

    /// <summary>
    /// A <see cref="ReplyClass"/> name: Success, Intermediate, TransientFailure, PermanentFailure, or Unknown when
    /// no code was found. A string, so it compares the same after remoting or Import-Clixml.
    /// </summary>
    public string Class { get; set; } = nameof(ReplyClass.Unknown);

    /// <summary>The registry meaning of the enhanced status code, else of the reply code; null when neither is known.</summary>
    public string? Meaning { get; set; }

    /// <summary>
    /// A <see cref="FailureCategory"/> name: what the reply means for the admin (RelayDenied,
    /// AuthenticationRequired, ...); Other when not classified. A string, so it survives serialization.
    /// </summary>
    public string Category { get; set; } = nameof(FailureCategory.Other);

    /// <summary>The MTA whose wording this is ("Postfix", "Exim", "Sendmail", "Exchange", "Microsoft365", "IIS", "qmail"...), or null.</summary>
    public string? Mta { get; set; }

    /// <summary>The likely causes, most likely first, with Check and Fix for <see cref="Mta"/>.</summary>
    public Cause[] Causes { get; set; } = [];

    /// <summary>What does not help, and why.</summary>
    public string[] DeadEnds { get; set; } = [];

    /// <summary>The reply text without the codes (a multi-line reply joined into one line).</summary>
    public string ReplyText { get; set; } = "";

    /// <summary>The id of the knowledge-base wording that matched, or null.</summary>
    public string? PatternId { get; set; }

    /// <summary>The original input.</summary>
    public string Text { get; set; } = "";

    /// <summary>The category as the enum (Other when the name is unknown).</summary>
    public FailureCategory GetCategory() =>
        System.Enum.TryParse(Category, out FailureCategory category) ? category : FailureCategory.Other;

    /// <summary>The reply class as the enum (Unknown when the name is unknown).</summary>
    public ReplyClass GetReplyClass() =>
        System.Enum.TryParse(Class, out ReplyClass replyClass) ? replyClass : ReplyClass.Unknown;

    /// <summary>The id of the most likely cause, or null.</summary>
    public string? TopCause => Causes.Length > 0 ? Causes[0].Id : null;
}
