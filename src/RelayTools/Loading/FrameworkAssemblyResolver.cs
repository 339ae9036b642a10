using System;
using System.Reflection;

namespace RelayTools.Loading;

/// <summary>
/// Windows PowerShell 5.1 only (.NET Framework has one load context per AppDomain): serves the module's
/// own copies from <c>bin/</c> when the runtime cannot find them, following "Resolving PowerShell module
/// assembly dependency conflicts" in the PowerShell docs
/// (learn.microsoft.com/powershell/scripting/dev-cross-plat/resolving-dependency-conflicts).
/// Not verified here: Windows PowerShell 5.1 cannot run on the build machine; only the compile check
/// (tools/Net472Check) covers this code.
/// </summary>
internal static class FrameworkAssemblyResolver
{
    // netstandard2.0 libraries disagree on these versions (MimeKit asks for one System.Memory,
    // System.Formats.Asn1 for another), and 5.1 reads no binding redirects from a module: any requested
    // version of these names is answered with the copy in bin/.
    private static readonly string[] Unified =
    {
        "System.Memory",
        "System.Runtime.CompilerServices.Unsafe",
        "System.Buffers",
        "System.Threading.Tasks.Extensions",
        "System.Numerics.Vectors",
    };

    private static readonly object Gate = new();
    private static bool _hooked;

    /// <summary>Hooks AppDomain.CurrentDomain.AssemblyResolve once, however often the module is imported.</summary>
    internal static void Hook()
    {
        lock (Gate)
        {
            if (_hooked)
            {
                return;
            }
            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
            _hooked = true;
        }
    }

    /// <summary>Unhooks the handler (Remove-Module).</summary>
    internal static void Unhook()
    {
        lock (Gate)
        {
            if (!_hooked)
            {
                return;
            }
            AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            _hooked = false;
        }
    }

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        AssemblyName requested;
        try
        {
            requested = new AssemblyName(args.Name);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return null;
        }
        // Only names whose file is in bin/: every other request is someone else's to answer.
        string? path = DependencyFolder.Find(requested.Name);
        if (path is null)
        {
            return null;
        }
        if (Array.IndexOf(Unified, requested.Name) < 0 && requested.Version is not null)
        {
            // Any other name: only when our copy satisfies the request, as the runtime itself would require.
            Version? ours = AssemblyName.GetAssemblyName(path).Version;
            if (ours is null || ours < requested.Version)
            {
                return null;
            }
        }
        return Assembly.LoadFrom(path);
    }
}
