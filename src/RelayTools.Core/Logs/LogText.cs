using System;

namespace RelayTools.Core.Logs;

/// <summary>Normalises a raw log line before parsing.</summary>
internal static class LogText
{
    /// <summary>Drops a trailing CR, a leading byte-order mark and NUL characters (left by a crash or preallocation).</summary>
    public static string Clean(string line)
    {
        int end = line.Length;
        while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == '\n')) end--;
        int start = 0;
        while (start < end && (line[start] == '\uFEFF' || line[start] == '\0')) start++;
        if (start > 0 || end < line.Length) line = line.Substring(start, end - start);
        return line.IndexOf('\0') >= 0 ? line.Replace("\0", "") : line;
    }
}
