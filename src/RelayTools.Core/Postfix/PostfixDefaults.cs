using System;
using System.Collections.Generic;
using System.IO;

namespace RelayTools.Core.Postfix;

/// <summary>
/// The Postfix 3.7 built-in defaults (<c>postconf -d</c>), including the ones that depend on
/// <c>compatibility_level</c> (written as Postfix writes them, <c>${{$compatibility_level} &lt;level {2} ? ...}</c>,
/// so expansion gives the right value for any level). Also the list of parameter names Postfix knows.
/// </summary>
public static class PostfixDefaults
{
    /// <summary>The value of a default that Postfix computes from the host (myhostname, mydomain, mynetworks).</summary>
    public const string HostDependent = "@HOST@";

    static readonly Lazy<Dictionary<string, string>> Table = new(Load);

    /// <summary>The Postfix version these defaults are from.</summary>
    public const string PostfixVersion = "3.7.11";

    /// <summary>The default (raw, unexpanded) value, or null for a name Postfix does not know.</summary>
    public static string? Get(string name) => Table.Value.TryGetValue(name, out string? v) ? v : null;

    /// <summary>True when Postfix 3.7 has a parameter of this name.</summary>
    public static bool IsKnown(string name) => Table.Value.ContainsKey(name);

    /// <summary>Every known parameter name.</summary>
    public static IEnumerable<string> Names => Table.Value.Keys;

    static Dictionary<string, string> Load()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        using Stream stream = typeof(PostfixDefaults).Assembly.GetManifestResourceStream("RelayTools.Core.Postfix.postconf-defaults-3.7.txt")
            ?? throw new InvalidOperationException("The Postfix defaults resource is missing from RelayTools.Core.");
        using var reader = new StreamReader(stream);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            int eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (eq < 0 && line.EndsWith(" =", StringComparison.Ordinal)) eq = line.Length - 2;
            if (eq < 0) continue;
            table[line.Substring(0, eq)] = eq + 3 <= line.Length ? line.Substring(eq + 3) : "";
        }
        return table;
    }
}
