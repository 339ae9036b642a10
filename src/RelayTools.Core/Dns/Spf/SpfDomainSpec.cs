using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Dns.Spf;

/// <summary>
/// The syntax of a domain-spec (RFC 7208 7.1): a macro-string that ends either in a macro-expand or in "." and a
/// top label (optionally followed by "."). The check is made on the text as written, never after expansion, so a
/// macro such as %{h} may expand to anything (the suite's invalid-hello-macro).
/// </summary>
internal static class SpfDomainSpec
{
    // toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
    private static readonly Regex TopLabel = new(
        "^(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$", RegexOptions.CultureInvariant);

    /// <summary>Checks <paramref name="spec"/>; false with a reason when it is not a valid domain-spec.</summary>
    public static bool TryParse(string spec, out List<SpfMacroToken> tokens, out string error)
    {
        tokens = new List<SpfMacroToken>();
        if (spec.Length == 0)
        {
            error = "the domain-spec is empty";
            return false;
        }
        if (!SpfMacroString.TryParse(spec, SpfMacroPlace.DomainSpec, out tokens, out error)) return false;
        SpfMacroToken last = tokens[tokens.Count - 1];
        if (last.IsMacroExpand) return true;

        string tail = last.Literal;
        if (tail.EndsWith(".", System.StringComparison.Ordinal)) tail = tail.Substring(0, tail.Length - 1);
        int dot = tail.LastIndexOf('.');
        if (dot < 0)
        {
            error = "'" + SpfText.Visible(spec) + "' does not end in a dot and a top label (RFC 7208 7.1)";
            return false;
        }
        string top = tail.Substring(dot + 1);
        if (!TopLabel.IsMatch(top))
        {
            error = "'" + top + "' is not a valid top label (RFC 7208 7.1: letters, digits and inner dashes, not all digits)";
            return false;
        }
        return true;
    }
}
