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
