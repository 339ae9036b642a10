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

    /// <summary>
    /// The full path of the folder this runtime loads from: <c>bin/net8.0</c> on .NET 8 or later
    /// (PowerShell 7.4+: RelayTools.Core and MailKit built for .NET 8), else <c>bin/</c> (netstandard2.0:
    /// Windows PowerShell 5.1, and PowerShell 7 on an older .NET).
    /// </summary>
    internal static string Path { get; } = Choose(
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(DependencyFolder).Assembly.Location) ?? string.Empty, "bin"));

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

    private static string Choose(string bin)
    {
        // Environment.Version is the CLR's (4.0.30319 on .NET Framework), the runtime's own on .NET 5+.
        string net8 = System.IO.Path.Combine(bin, "net8.0");
        return Environment.Version.Major >= 8 && File.Exists(System.IO.Path.Combine(net8, CoreAssemblyName + ".dll")) ? net8 : bin;
    }

    /// <summary>True for the module's own core assembly.</summary>
    internal static bool IsCore(string? simpleName) =>
        string.Equals(simpleName, CoreAssemblyName, StringComparison.OrdinalIgnoreCase);
}
