using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace RelayTools.Core.Dns.Spf;

/// <summary>Expands parsed macro-strings (RFC 7208 7.3, 7.4).</summary>
internal static class SpfMacroExpander
{
    /// <summary>The text of <paramref name="tokens"/> with every macro replaced by its transformed value.</summary>
    public static string Expand(IReadOnlyList<SpfMacroToken> tokens, SpfMacroContext context)
    {
        var sb = new StringBuilder();
        foreach (SpfMacroToken token in tokens)
        {
            sb.Append(token.IsMacro ? ExpandMacro(token, context) : token.Literal);
        }
        return sb.ToString();
    }

    /// <summary>One macro: its letter's value, split on the delimiters, reversed, right-hand parts kept, joined with dots, escaped.</summary>
    public static string ExpandMacro(SpfMacroToken token, SpfMacroContext context)
    {
        string value = Value(token.Letter, context);
        // 7.3: transformers and delimiters split the value; the parts are rejoined with "." whatever the split char.
        if (token.KeepRight > 0 || token.Reverse || token.Delimiters != ".")
        {
            List<string> parts = value.Split(token.Delimiters.ToCharArray()).ToList();
            if (token.Reverse) parts.Reverse();
            if (token.KeepRight > 0 && token.KeepRight < parts.Count) parts = parts.Skip(parts.Count - token.KeepRight).ToList();
            value = string.Join(".", parts);
        }
        return token.UrlEscape ? UrlEscape(value) : value;
    }

    private static string Value(char letter, SpfMacroContext c) => letter switch
    {
        's' => c.Sender,
        'l' => c.LocalPart,
        'o' => c.SenderDomain,
        'd' => c.Domain,
        'i' => SpfNetwork.DottedForm(c.Address),
        'p' => c.ValidatedName(c.Domain),
        'v' => SpfNetwork.IsIPv6(c.Address) ? "ip6" : "in-addr",
        'h' => c.HeloName,
        'c' => SpfNetwork.ReadableForm(c.Address),
        'r' => c.ReceiverName,
        't' => c.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>
    /// An upper-case macro letter URL-escapes its value (7.3): every character outside RFC 3986's unreserved set
    /// (ALPHA DIGIT "-" "." "_" "~") becomes %XX of its UTF-8 bytes.
    /// </summary>
    public static string UrlEscape(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c is '-' or '.' or '_' or '~';
            if (unreserved) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
