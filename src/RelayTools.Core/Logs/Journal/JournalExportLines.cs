namespace RelayTools.Core.Logs.Journal;

/// <summary>
/// Collects <c>journalctl -o export</c> entries from lines that arrive one at a time (piped text):
/// <c>KEY=VALUE</c> lines up to a blank line. A binary field cannot survive the trip through text, so
/// its name line and the line(s) of its value are skipped; files are read byte-exact by
/// <see cref="JournalExportReader"/>.
/// </summary>
public sealed class JournalExportLines
{
    private JournalEntry? _entry;

    /// <summary>The line number the entry being collected started on.</summary>
    public long StartLine { get; private set; }

    /// <summary>Takes the next line; returns the finished entry at a blank line, else null.</summary>
    public JournalEntry? Feed(string line, long lineNumber)
    {
        if (line.Length == 0) return Flush();
        int eq = line.IndexOf('=');
        if (!JournalExportReader.LooksLikeField(line)) return null;
        if (_entry is null)
        {
            _entry = new JournalEntry();
            StartLine = lineNumber;
        }
        _entry.Set(line.Substring(0, eq), line.Substring(eq + 1));
        return null;
    }

    /// <summary>The entry being collected (at the end of the input), or null.</summary>
    public JournalEntry? Flush()
    {
        JournalEntry? entry = _entry;
        _entry = null;
        return entry;
    }
}
