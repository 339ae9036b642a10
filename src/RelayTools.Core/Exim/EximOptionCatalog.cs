using System;
using System.Collections.Generic;
using System.IO;

namespace RelayTools.Core.Exim;

/// <summary>
/// The main options Exim 4.96 knows and their defaults, as <c>exim -bP</c> prints them for an empty
/// configuration (the embedded exim-options-4.96.txt): <c>name = value</c>, or <c>name</c> / <c>no_name</c>
/// for a boolean.
/// </summary>
public static class EximOptionCatalog
{
    // Booleans first: Load fills it.
    static readonly HashSet<string> Booleans = new(StringComparer.Ordinal);
    static readonly Dictionary<string, string> Defaults = Load();

    /// <summary>The Exim version whose options and defaults these are.</summary>
    public const string EximVersion = "4.96";

    static Dictionary<string, string> Load()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = typeof(EximOptionCatalog).Assembly.GetManifestResourceStream("RelayTools.Core.Exim.exim-options-4.96.txt");
        if (stream == null) return map;
        using var reader = new StreamReader(stream);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            int eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (line.EndsWith(" =", StringComparison.Ordinal)) map[line.Substring(0, line.Length - 2)] = "";
            else if (eq > 0) map[line.Substring(0, eq)] = line.Substring(eq + 3);
            else if (line.StartsWith("no_", StringComparison.Ordinal)) { map[line.Substring(3)] = "false"; Booleans.Add(line.Substring(3)); }
            else if (line.Length > 0) { map[line] = "true"; Booleans.Add(line); }
        }
        // Set per host by Exim (uname); not a fixed default.
        map["primary_hostname"] = "";
        return map;
    }

    /// <summary>True for an option Exim 4.96 knows.</summary>
    public static bool IsKnown(string name) => Defaults.ContainsKey(name);

    /// <summary>True for a boolean option.</summary>
    public static bool IsBoolean(string name) => Booleans.Contains(name);

    /// <summary>The default value (<c>true</c>/<c>false</c> for a boolean), or null for an unknown option.</summary>
    public static string? Default(string name) => Defaults.TryGetValue(name, out var v) ? v : null;
}
