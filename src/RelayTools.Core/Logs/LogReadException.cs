using System;

namespace RelayTools.Core.Logs;

/// <summary>A log file could not be read (missing, unreadable, or a corrupt .gz). The message names the file.</summary>
public sealed class LogReadException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public LogReadException(string path, string reason, Exception? innerException)
        : base($"Cannot read '{path}': {reason}", innerException)
    {
        Path = path;
    }

    /// <summary>The file that could not be read.</summary>
    public string Path { get; }
}
