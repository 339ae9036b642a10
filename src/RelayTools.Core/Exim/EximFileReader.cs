using System;
using System.IO;

namespace RelayTools.Core.Exim;

/// <summary>How the Exim readers get the text of a file (configuration, .include, list and lookup files).</summary>
public static class EximFileReader
{
    /// <summary>Reads a file from disk; null when it does not exist or cannot be read.</summary>
    public static string? ReadFileOrNull(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path) : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>True when the path is an existing directory (for dsearch).</summary>
    public static bool DirectoryExists(string path)
    {
        try { return Directory.Exists(path); }
        catch (IOException) { return false; }
    }
}
