namespace RelayTools.Core.Exim;

/// <summary>What kind of problem a configuration note reports.</summary>
public enum EximNoteKind
{
    /// <summary>A line Exim would refuse (bad directive, unterminated .ifdef, an option line without a name...).</summary>
    Syntax,
    /// <summary>A file (an .include, a list file) that cannot be read.</summary>
    Unreadable,
    /// <summary>An option Exim 4.96 does not know: kept, and reported.</summary>
    UnknownOption,
}

/// <summary>A problem found while reading an Exim configuration, with the file:line it was found at.</summary>
public sealed class EximConfigNote
{
    /// <summary>Creates a note.</summary>
    public EximConfigNote(EximNoteKind kind, string origin, string message)
    {
        Kind = kind;
        Origin = origin;
        Message = message;
    }

    /// <summary>Syntax, Unreadable or UnknownOption.</summary>
    public EximNoteKind Kind { get; }

    /// <summary>file:line.</summary>
    public string Origin { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Origin + ": " + Message;
}
