namespace RelayTools.Core.Dns.Spf;

/// <summary>One modifier of an SPF record, name=value (RFC 7208 6): redirect, exp, or one this code does not know.</summary>
public sealed class SpfModifier
{
    /// <summary>The term as written, e.g. "redirect=_spf.example.com".</summary>
    public string Text { get; set; } = "";

    /// <summary>The name in lower case ("redirect", "exp", or an unknown name, which 6 says to ignore).</summary>
    public string Name { get; set; } = "";

    /// <summary>The value after "=", macros unexpanded.</summary>
    public string Value { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Text;
}
