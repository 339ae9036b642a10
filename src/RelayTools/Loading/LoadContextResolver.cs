using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace RelayTools.Loading;

/// <summary>
/// PowerShell 7 only: answers the default context's request for RelayTools.Core (made when a cmdlet of
/// RelayTools.dll first uses a core type) with the copy loaded into <see cref="ModuleLoadContext"/>. No
/// other name is answered here: everything else RelayTools.Core needs is resolved by that context.
/// </summary>
internal static class LoadContextResolver
{
    private static readonly object Gate = new();
    private static bool _hooked;

    /// <summary>Hooks AssemblyLoadContext.Default.Resolving once, however often the module is imported.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Hook()
    {
        lock (Gate)
        {
            if (_hooked)
            {
                return;
            }
            AssemblyLoadContext.Default.Resolving += OnDefaultResolving;
            _hooked = true;
        }
    }

    /// <summary>Unhooks the handler (Remove-Module); the context and what it loaded stay for a later import.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Unhook()
    {
        lock (Gate)
        {
            if (!_hooked)
            {
                return;
            }
            AssemblyLoadContext.Default.Resolving -= OnDefaultResolving;
            _hooked = false;
        }
    }

    private static Assembly? OnDefaultResolving(AssemblyLoadContext context, AssemblyName requested)
    {
        if (!DependencyFolder.IsCore(requested.Name) || DependencyFolder.Find(requested.Name) is null)
        {
            return null;
        }
        return ModuleLoadContext.Instance.LoadCore(requested);
    }
}
