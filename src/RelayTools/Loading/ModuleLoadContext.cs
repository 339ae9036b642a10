using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace RelayTools.Loading;

/// <summary>
/// PowerShell 7 only: the module's own AssemblyLoadContext. RelayTools.Core and the MailKit, MimeKit and
/// BouncyCastle it references load here, so another module's copies in the default context neither
/// block nor replace them. See "Resolving PowerShell module assembly dependency conflicts" in the
/// PowerShell docs (learn.microsoft.com/powershell/scripting/dev-cross-plat/resolving-dependency-conflicts).
/// </summary>
/// <remarks>
/// Compiled against System.Runtime.Loader 4.3.0 (the only reference a netstandard2.0 assembly can
/// have), whose AssemblyLoadContext has no constructor that takes a name: the context's Name is
/// null and it shows as its type name. Never touched on Windows PowerShell 5.1.
/// </remarks>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private static readonly object Gate = new();
    private static ModuleLoadContext? _instance;

    private ModuleLoadContext()
    {
    }

    /// <summary>The one context of this process, made on first use and reused after Remove-Module and a new Import-Module.</summary>
    internal static ModuleLoadContext Instance
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        get
        {
            lock (Gate)
            {
                return _instance ??= new ModuleLoadContext();
            }
        }
    }

    /// <summary>Loads RelayTools.Core (and so its dependencies) into this context.</summary>
    internal Assembly LoadCore(AssemblyName requested) => LoadFromAssemblyName(requested);

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string? path = DependencyFolder.IsCore(assemblyName.Name) ? DependencyFolder.FindCoreForThisPlatform() : DependencyFolder.Find(assemblyName.Name);
        if (path is null)
        {
            // Not shipped in bin/ (netstandard, System.Runtime, ...): the default context's copy.
            return null;
        }
        if (DependencyFolder.IsCore(assemblyName.Name) || !HostProvidesSameOrNewer(assemblyName.Name!, path))
        {
            return LoadFromAssemblyPath(path);
        }
        return null;
    }

    // The rule for the System.* and Microsoft.Bcl.* packages of bin/: when the host (the shared framework
    // or PowerShell itself) has the assembly at our version or higher, it wins and we return null, so
    // types such as Span<T> or ReadOnlyMemory<T> keep one identity across the process (a second
    // System.Memory here would make our MailKit's spans different types from everyone else's). Only when
    // the host lacks the assembly, or has a lower version than bin/ (an older .NET under PowerShell 7.x),
    // does our copy load here. Third-party names (MailKit, ...) are never host assemblies, so they always
    // come from bin/, whatever another module loaded into the default context.
    private static bool HostProvidesSameOrNewer(string simpleName, string path)
    {
        Version? host = PlatformAssemblies.GetVersion(simpleName);
        if (host is null)
        {
            return false;
        }
        Version? ours = AssemblyName.GetAssemblyName(path).Version;
        return ours is null || host >= ours;
    }
}
