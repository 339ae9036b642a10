namespace RelayTools.Core.Postfix;

/// <summary>Where a parameter value came from.</summary>
public enum PostfixValueSource
{
    /// <summary>Postfix's built-in default (postconf -d).</summary>
    Default,
    /// <summary>A <c>name = value</c> line of main.cf or of postconf output.</summary>
    MainCf,
    /// <summary>A <c>-o name=value</c> override of one master.cf service.</summary>
    MasterOverride,
}

/// <summary>One Postfix parameter as read: its raw (unexpanded) value and where it was defined.</summary>
public sealed class PostfixParameter
{
    /// <summary>The parameter name, for example <c>smtpd_relay_restrictions</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The value as written, before <c>$name</c> expansion (continuation lines joined by one space).</summary>
    public string Value { get; set; } = "";

    /// <summary>Main.cf, a master.cf -o override, or the built-in default.</summary>
    public PostfixValueSource Source { get; set; }

    /// <summary>The file the value came from (empty for defaults).</summary>
    public string File { get; set; } = "";

    /// <summary>The line number in <see cref="File"/> where the definition starts (0 for defaults).</summary>
    public int Line { get; set; }

    /// <summary>A readable origin: <c>main.cf:12</c>, <c>master.cf:20 -o (submission)</c> or <c>default</c>.</summary>
    public string Origin { get; set; } = "default";

    /// <summary>False when Postfix 3.7 has no parameter of this name (a typo, or a user-defined macro).</summary>
    public bool IsKnown { get; set; } = true;

    /// <inheritdoc />
    public override string ToString() => Name + " = " + Value;
}
