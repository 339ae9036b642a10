using System;
using RelayTools.Core.Logs.Journal;

namespace RelayTools.Core.Logs;

/// <summary>
/// The container a log comes in, recognised once per file or stream from its first non-blank line:
/// text lines (syslog, journald short-iso/short-precise, Exim, Kerio, Exchange CSV),
/// <c>journalctl -o json</c> or <c>journalctl -o export</c>.
/// </summary>
public enum LogInputKind
{
    /// <summary>One log line per text line.</summary>
    Lines,

    /// <summary><c>journalctl -o json</c>: one JSON object per line.</summary>
    JournalJson,

    /// <summary><c>journalctl -o export</c>: KEY=VALUE blocks separated by blank lines.</summary>
    JournalExport,
}

/// <summary>Recognises the <see cref="LogInputKind"/> of a log from its first non-blank line.</summary>
public static class LogInputKinds
{
    /// <summary>The kind the first non-blank line <paramref name="line"/> announces.</summary>
    public static LogInputKind Detect(string line)
    {
        if (line is null) throw new ArgumentNullException(nameof(line));
        string trimmed = line.TrimStart('\uFEFF', ' ', '\t');
        if (trimmed.StartsWith("{", StringComparison.Ordinal)) return LogInputKind.JournalJson;
        if (trimmed.StartsWith("__CURSOR=", StringComparison.Ordinal) || trimmed.StartsWith("__REALTIME_TIMESTAMP=", StringComparison.Ordinal)) return LogInputKind.JournalExport;
        return LogInputKind.Lines;
    }
}
