using System;

namespace RelayTools.Core.Logs;

/// <summary>
/// A wording that every line of one kind of refusal contains (for example Postfix's <c>Relay access
/// denied</c>), declared by its <see cref="LogLineFormat"/> with a sample line that carries it. The
/// scanner searches files for its bytes, the candidate test looks for its text in piped lines, and the
/// format's parser accepts a reply only when it holds one of its format's wordings.
/// </summary>
public sealed class LogAnchor
{
    /// <summary>Declares an anchor.</summary>
    /// <param name="text">The wording, matched exactly (ASCII, case-sensitive; the scanner derives the bytes it searches for from all anchors: <see cref="AnchorNeedle"/>).</param>
    /// <param name="isAuthFailure">Whether it marks an SMTP AUTH failure (searched only with -IncludeAuthFailures) rather than a relay refusal.</param>
    /// <param name="sample">A real-looking log line with this wording that the format parses.</param>
    public LogAnchor(string text, bool isAuthFailure, string sample)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        if (text.Length == 0) throw new ArgumentException("An anchor needs a wording.", nameof(text));
        IsAuthFailure = isAuthFailure;
        Sample = sample ?? throw new ArgumentNullException(nameof(sample));
    }

    /// <summary>The wording.</summary>
    public string Text { get; }

    /// <summary>Whether it marks an SMTP AUTH failure rather than a relay refusal.</summary>
    public bool IsAuthFailure { get; }

    /// <summary>A log line with this wording that the format parses (the declaration's own proof).</summary>
    public string Sample { get; }

    /// <summary>Whether <paramref name="text"/> contains the wording.</summary>
    public bool In(string text) => text.IndexOf(Text, StringComparison.Ordinal) >= 0;

    /// <inheritdoc />
    public override string ToString() => Text;
}
