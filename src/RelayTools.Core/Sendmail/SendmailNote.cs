namespace RelayTools.Core.Sendmail;

/// <summary>What kind of problem a Sendmail note reports.</summary>
public enum SendmailNoteKind
{
    /// <summary>A line the tool that reads it (makemap, m4, sendmail) would refuse or skip.</summary>
    Syntax,
    /// <summary>A file that cannot be read.</summary>
    Unreadable,
    /// <summary>A tag, key or name Sendmail does not know: kept, and reported.</summary>
    UnknownTag,
    /// <summary>A value Sendmail does not know: kept, and reported.</summary>
    UnknownValue,
    /// <summary>Accepted as written, but it does not do what it seems to (a key that never matches, a comment that is part of the value...).</summary>
    Suspicious,
}

/// <summary>A problem found while reading a Sendmail file (access, sendmail.mc, sendmail.cf...), with the file:line it was found at.</summary>
public sealed class SendmailNote
{
    /// <summary>Creates a note.</summary>
    public SendmailNote(SendmailNoteKind kind, string origin, string message)
    {
        Kind = kind;
        Origin = origin;
        Message = message;
    }

    /// <summary>Syntax, Unreadable, UnknownTag, UnknownValue or Suspicious.</summary>
    public SendmailNoteKind Kind { get; }

    /// <summary>file:line (<c>access:12</c>, <c>sendmail.mc:40</c>).</summary>
    public string Origin { get; }

    /// <summary>What is wrong, and what to write instead when that is known.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Origin + ": " + Kind + ": " + Message;
}
