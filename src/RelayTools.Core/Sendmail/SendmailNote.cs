namespace RelayTools.Core.Sendmail;

/// <summary>What kind of problem a Sendmail configuration note reports.</summary>
public enum SendmailNoteKind
{
    /// <summary>A line Sendmail (or makemap) would not accept.</summary>
    Syntax,
    /// <summary>A file that cannot be read.</summary>
    Unreadable,
    /// <summary>An access-map tag RelayTools does not know: kept, and reported.</summary>
    UnknownTag,
    /// <summary>An access-map value RelayTools does not know: kept, and reported.</summary>
    UnknownValue,
    /// <summary>Accepted by Sendmail, but probably not what the admin meant.</summary>
    Suspicious,
}

/// <summary>A problem found while reading a Sendmail configuration, with the file:line it was found at.</summary>
public sealed class SendmailNote
{
    /// <summary>Creates a note.</summary>
    public SendmailNote(SendmailNoteKind kind, string origin, string message)
    {
        Kind = kind;
        Origin = origin;
        Message = message;
    }

    /// <summary>What kind of problem.</summary>
    public SendmailNoteKind Kind { get; }

    /// <summary>file:line.</summary>
    public string Origin { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Origin + ": " + Message;
}
