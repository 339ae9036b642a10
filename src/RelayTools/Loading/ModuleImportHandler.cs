using System;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace RelayTools.Loading;

/// <summary>
/// Runs on Import-Module and Remove-Module: makes RelayTools.Core and its third-party dependencies, kept
/// in the module's <c>bin/</c> folder, loadable without clashing with other modules' copies of the same
/// libraries. PowerShell 7 loads them into the module's own AssemblyLoadContext; Windows PowerShell 5.1
/// gets an AppDomain.AssemblyResolve handler.
/// </summary>
/// <remarks>
/// PowerShell calls <see cref="OnImport"/> only after it has loaded every public type of RelayTools.dll
/// to find the cmdlets, and RelayTools.Core cannot be resolved before then. So no public type here may
/// need RelayTools.Core just to load: no base type or interface from it (nor a generic base over one of
/// its types, hence the non-generic <see cref="FleetCmdlet"/>), and no field of one of its enums or
/// structs (the cmdlets keep such parameters in an int field). Method bodies, properties and class-typed
/// fields are fine: they resolve RelayTools.Core when they first run. Coexistence.Tests.ps1 checks it.
/// </remarks>
public sealed class ModuleImportHandler : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    // 5.1 must never JIT a method that names an AssemblyLoadContext type (System.Runtime.Loader does not
    // exist on .NET Framework), so the .NET (Core) path lives in LoadContextResolver, called only here.
    private static readonly bool OnNetFramework =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    /// <summary>Hooks the resolver of this runtime; a second import in the same session hooks nothing twice.</summary>
    public void OnImport()
    {
        if (OnNetFramework)
        {
            FrameworkAssemblyResolver.Hook();
        }
        else
        {
            LoadContextResolver.Hook();
        }
    }

    /// <summary>Unhooks it again, so a removed module answers no more load requests.</summary>
    /// <param name="psModuleInfo">The module being removed.</param>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (OnNetFramework)
        {
            FrameworkAssemblyResolver.Unhook();
        }
        else
        {
            LoadContextResolver.Unhook();
        }
    }
}
