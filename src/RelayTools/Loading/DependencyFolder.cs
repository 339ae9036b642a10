using System;
using System.IO;

namespace RelayTools.Loading;

/// <summary>
/// The module's <c>bin/</c> folder: RelayTools.Core.dll and every third-party DLL it needs. PowerShell
/// probes only the folder of RelayTools.dll, so nothing in <c>bin/</c> is loaded by accident; the
/// resolvers of this namespace hand these files out on purpose.
/// </summary>
internal static class DependencyFolder
{
    /// <summary>The simple name of the module's own core assembly, the one entry point into <c>bin/</c>.</summary>
    internal const string CoreAssemblyName = "RelayTools.Core";

    /// <summary>The full path of <c>bin/</c> next to RelayTools.dll.</summary>
    internal static string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(typeof(DependencyFolder).Assembly.Location) ?? string.Empty, "bin");

    /// <summary>The path of <c>bin/&lt;name&gt;.dll</c>, or null when the module ships no such file.</summary>
    internal static string? Find(string? simpleName)
    {
        // A name with a path separator could point outside bin/.
        if (string.IsNullOrEmpty(simpleName) || simpleName!.IndexOfAny(new[] { '/', '\\' }) >= 0)
        {
            return null;
        }
        string candidate = System.IO.Path.Combine(Path, simpleName + ".dll");
        return File.Exists(candidate) ? candidate : null;
    }

    /// <summary>True for the module's own core assembly.</summary>
    internal static bool IsCore(string? simpleName) =>
        string.Equals(simpleName, CoreAssemblyName, StringComparison.OrdinalIgnoreCase);
}
