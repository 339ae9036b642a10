namespace RelayTools.Core.Exim;

/// <summary>One logical configuration line after continuations, conditionals and macros, with where it starts.</summary>
public sealed class EximLine
{
    /// <summary>Creates a line.</summary>
    public EximLine(string text, string file, int number)
    {
        Text = text;
        File = file;
        Number = number;
    }

    /// <summary>The text, macros substituted, continuation lines joined.</summary>
    public string Text { get; }

    /// <summary>The file it comes from.</summary>
    public string File { get; }

    /// <summary>The 1-based line number of its first physical line.</summary>
    public int Number { get; }

    /// <summary>file:line.</summary>
    public string Origin => File + ":" + Number;
}
