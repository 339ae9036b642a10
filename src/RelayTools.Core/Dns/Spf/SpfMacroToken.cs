namespace RelayTools.Core.Dns.Spf;

/// <summary>
/// One piece of a macro-string (RFC 7208 7.1): literal text, or a macro-expand "%{letter digits r delimiters}".
/// "%%", "%_" and "%-" are read into the literals "%", " " and "%20" they stand for (7.2).
/// </summary>
internal sealed class SpfMacroToken
{
    /// <summary>The literal text; empty for a macro.</summary>
    public string Literal { get; set; } = "";

    /// <summary>The macro letter in lower case, or '\0' for a literal.</summary>
    public char Letter { get; set; }

    /// <summary>True when the letter was written in upper case: the value is URL-escaped (7.3).</summary>
    public bool UrlEscape { get; set; }

    /// <summary>How many right-hand parts to keep; 0 keeps them all (7.3: a written digit is never 0).</summary>
    public int KeepRight { get; set; }

    /// <summary>The "r" transformer: reverse the parts before keeping the right-hand ones.</summary>
    public bool Reverse { get; set; }

    /// <summary>The characters to split the value on; "." when none is written (7.3).</summary>
    public string Delimiters { get; set; } = ".";

    /// <summary>True for "%{...}", "%%", "%_" and "%-": what 7.1's domain-end accepts in place of a top label.</summary>
    public bool IsMacroExpand { get; set; }

    /// <summary>True for a "%{...}" macro (false for literals and the escapes).</summary>
    public bool IsMacro => Letter != '\0';
}
