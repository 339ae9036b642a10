using System.Collections.Generic;
using System.Text;

namespace RelayTools.Core.Postfix;

/// <summary>
/// Joins physical lines into Postfix logical lines: a line that starts with whitespace continues the
/// previous one; blank lines and lines whose first non-blank character is <c>#</c> are skipped.
/// </summary>
internal static class PostfixLines
{
    internal readonly struct LogicalLine(int number, string text, bool orphan, List<int>? starts = null)
    {
        public int Number { get; } = number;
        /// <summary>The offset in Text where each continuation line begins (physical line Number + 1, + 2...).</summary>
        public List<int> ContinuationStarts { get; } = starts ?? [];
        /// <summary>The physical line number of the character at <paramref name="offset"/> in Text.</summary>
        public int LineAt(int offset)
        {
            int line = Number;
            for (int i = 0; i < ContinuationStarts.Count && ContinuationStarts[i] <= offset; i++) line = Physical[i];
            return line;
        }
        internal List<int> Physical { get; } = [];
        public string Text { get; } = text;
        /// <summary>A continuation line with nothing to continue (Postfix warns about it).</summary>
        public bool Orphan { get; } = orphan;
    }

    public static IEnumerable<LogicalLine> Read(string text)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        StringBuilder? current = null;
        int start = 0;
        var starts = new List<int>();
        var physical = new List<int>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            if (char.IsWhiteSpace(line[0]))
            {
                if (current != null) { current.Append(' '); starts.Add(current.Length); physical.Add(i + 1); current.Append(trimmed); continue; }
                yield return new LogicalLine(i + 1, trimmed, true);
                continue;
            }
            if (current != null) yield return Make(start, current.ToString(), starts, physical);
            current = new StringBuilder(line.TrimEnd());
            start = i + 1;
            starts = [];
            physical = [];
        }
        if (current != null) yield return Make(start, current.ToString(), starts, physical);
    }

    static LogicalLine Make(int start, string text, List<int> starts, List<int> physical)
    {
        var l = new LogicalLine(start, text, false, starts);
        l.Physical.AddRange(physical);
        return l;
    }
}
