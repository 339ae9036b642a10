using System;

namespace RelayTools.Core.Logs;

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
