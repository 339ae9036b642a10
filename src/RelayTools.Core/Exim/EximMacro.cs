namespace RelayTools.Core.Exim;

/// <summary>A configuration macro and where it was defined.</summary>
public sealed class EximMacro
{
    /// <summary>Creates a macro.</summary>
    public EximMacro(string name, string value, string origin, bool seeded)
    {
        Name = name;
        Value = value;
        Origin = origin;
        Seeded = seeded;
    }

    /// <summary>The name (upper case first).</summary>
    public string Name { get; }

    /// <summary>The value, macros in it already substituted.</summary>
    public string Value { get; }

    /// <summary>file:line, or what seeded it (for example <c>update-exim4.conf.conf:7 (dc_relay_nets)</c>).</summary>
    public string Origin { get; }

    /// <summary>True for a value given from outside the files (Debian's dc_* values), which the file may define again.</summary>
    public bool Seeded { get; }
}
