using System;
using System.IO;
using System.Runtime.InteropServices;

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
    internal static string Path { get; } = Choose(Root);

    /// <summary>The module's <c>bin/</c> folder itself.</summary>
    private static string Root => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(DependencyFolder).Assembly.Location) ?? string.Empty, "bin");

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

    /// <summary>
    /// The core assembly for PowerShell 7: <c>bin/r2r/&lt;rid&gt;/net&lt;N&gt;/RelayTools.Core.dll</c>,
    /// precompiled (ReadyToRun) for this platform and .NET version, when the build made one; else
    /// the copy in <see cref="Path"/>. It is built against the .NET 8 MailKit of <c>bin/net8.0</c>.
    /// Windows PowerShell 5.1 always loads the IL-only copy through <see cref="Find"/>.
    /// </summary>
    internal static string? FindCoreForThisPlatform()
    {
        string os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
        string? arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        if (arch is not null)
        {
            string precompiled = System.IO.Path.Combine(Root, "r2r", os + "-" + arch, "net" + Environment.Version.Major, CoreAssemblyName + ".dll");
            if (File.Exists(precompiled))
            {
                return precompiled;
            }
        }
        return Find(CoreAssemblyName);
    }

    /// <summary>True for the module's own core assembly.</summary>
    internal static bool IsCore(string? simpleName) =>
        string.Equals(simpleName, CoreAssemblyName, StringComparison.OrdinalIgnoreCase);
}
