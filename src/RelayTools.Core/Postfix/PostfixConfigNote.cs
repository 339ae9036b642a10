namespace RelayTools.Core.Postfix;

/// <summary>What kind of thing a <see cref="PostfixConfigNote"/> reports.</summary>
public enum PostfixNoteKind
{
    /// <summary>A parameter defined twice: the last definition wins (postconf: "overriding earlier entry").</summary>
    OverriddenEntry,
    /// <summary>A line Postfix would reject (no <c>=</c>, unbalanced <c>{</c>, a bad master.cf entry).</summary>
    SyntaxError,
    /// <summary>A parameter Postfix 3.7 does not know (kept, never dropped).</summary>
    UnknownParameter,
    /// <summary>A file that could not be read.</summary>
    Unreadable,
    /// <summary>A <c>$name</c> expansion that refers back to itself.</summary>
    ExpansionCycle,
    /// <summary>
    /// A line that continues the previous parameter or service but starts at column 0, as text pasted
    /// from a web page loses its indentation: Postfix reads it as a new entry and refuses to start.
    /// </summary>
    UnindentedContinuation,
}

/// <summary>A problem noticed while reading a configuration; parsing goes on after it.</summary>
public sealed class PostfixConfigNote
{
    /// <summary>The kind of problem.</summary>
    public PostfixNoteKind Kind { get; set; }

    /// <summary>A sentence describing it.</summary>
    public string Message { get; set; } = "";

    /// <summary>Where: <c>file:line</c>.</summary>
    public string Origin { get; set; } = "";

    /// <summary>The parameter concerned, when there is one.</summary>
    public string Parameter { get; set; } = "";

    /// <summary>The corrected text, line by line, when the reader knows it (an unindented continuation indented).</summary>
    public string[] Fix { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => Origin + ": " + Message;
}
