using System.Collections.Generic;
using System.Text;

namespace RelayTools.Core.Postfix;

/// <summary>
/// Joins physical lines into Postfix logical lines: a line that starts with whitespace continues the
/// previous one; blank lines and lines whose first non-blank character is <c>#</c> are skipped.
/// </summary>
internal static class PostfixLines
{
    internal readonly struct LogicalLine(int number, string text, bool orphan)
    {
        public int Number { get; } = number;
        public string Text { get; } = text;
        /// <summary>A continuation line with nothing to continue (Postfix warns about it).</summary>
        public bool Orphan { get; } = orphan;
    }

    public static IEnumerable<LogicalLine> Read(string text)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        StringBuilder? current = null;
        int start = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            if (char.IsWhiteSpace(line[0]))
            {
                if (current != null) { current.Append(' ').Append(trimmed); continue; }
                yield return new LogicalLine(i + 1, trimmed, true);
                continue;
            }
            if (current != null) yield return new LogicalLine(start, current.ToString(), false);
            current = new StringBuilder(line.TrimEnd());
            start = i + 1;
        }
        if (current != null) yield return new LogicalLine(start, current.ToString(), false);
    }
}
