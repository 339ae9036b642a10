using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace RelayTools.Loading;

/// <summary>
/// What the running .NET (Core) host provides itself: the trusted platform assemblies, that is the
/// shared framework plus PowerShell's own files listed in pwsh.deps.json. Used only on PowerShell 7.
/// </summary>
internal static class PlatformAssemblies
{
    private static readonly Lazy<Dictionary<string, string>> Paths = new(ReadTrustedPlatformAssemblies);

    /// <summary>The version of the host's copy of <paramref name="simpleName"/>, or null when it has none.</summary>
    internal static Version? GetVersion(string simpleName)
    {
        if (!Paths.Value.TryGetValue(simpleName, out string? path))
        {
            // Hosts that do not publish the list: the framework folder (where System.Private.CoreLib is).
            string? runtimeDirectory = System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location);
            path = string.IsNullOrEmpty(runtimeDirectory) ? null : System.IO.Path.Combine(runtimeDirectory, simpleName + ".dll");
            if (path is null || !File.Exists(path))
            {
                return null;
            }
        }
        try
        {
            return AssemblyName.GetAssemblyName(path).Version;
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ReadTrustedPlatformAssemblies()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (string path in list.Split(new[] { System.IO.Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                string name = System.IO.Path.GetFileNameWithoutExtension(path);
                if (!paths.ContainsKey(name))
                {
                    paths.Add(name, path);
                }
            }
        }
        return paths;
    }
}
