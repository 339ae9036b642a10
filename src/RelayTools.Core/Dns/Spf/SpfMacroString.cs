using System.Collections.Generic;
using System.Text;

namespace RelayTools.Core.Dns.Spf;

/// <summary>Where a macro-string appears, which decides the characters and letters allowed (RFC 7208 7.1, 7.3).</summary>
internal enum SpfMacroPlace
{
    /// <summary>A mechanism's or modifier's domain-spec: no spaces, and no c, r, t letters (7.3: those are for explanations).</summary>
    DomainSpec,

    /// <summary>The value of a modifier this code does not know: the grammar's macro-string, any letter.</summary>
    UnknownModifier,

    /// <summary>The explanation text an exp= TXT record holds: spaces and the c, r, t letters are allowed (6.2).</summary>
    Explanation,
}

/// <summary>Reads a macro-string into tokens, checking the syntax of RFC 7208 7.1.</summary>
internal static class SpfMacroString
{
    private const string Letters = "slodipvhcrt";
    private const string ExplanationOnlyLetters = "crt";
    private const string DelimiterChars = ".-+,/_=";

    /// <summary>Reads <paramref name="text"/>; false with a reason when it is not a valid macro-string for <paramref name="place"/>.</summary>
    public static bool TryParse(string text, SpfMacroPlace place, out List<SpfMacroToken> tokens, out string error)
    {
        tokens = new List<SpfMacroToken>();
        error = "";
        var literal = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c != '%')
            {
                // macro-literal is %x21-24 / %x26-7E; explain-string adds SP (7.1).
                bool allowed = (c >= 0x21 && c <= 0x7E) || (c == ' ' && place == SpfMacroPlace.Explanation);
                if (!allowed)
                {
                    error = c > 0x7E
                        ? "non-ASCII character U+" + ((int)c).ToString("X4") + " (SPF records are 7-bit ASCII, RFC 7208 3.1)"
                        : "control or space character 0x" + ((int)c).ToString("X2") + " (RFC 7208 7.1 allows visible ASCII only)";
                    return false;
                }
                literal.Append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.Length)
            {
                error = "'%' at the end is not a macro (RFC 7208 7.1: '%' must be followed by '{', '%', '_' or '-')";
                return false;
            }
            char next = text[i + 1];
            if (next is '%' or '_' or '-')
            {
                Flush(literal, tokens);
                tokens.Add(new SpfMacroToken { Literal = next == '%' ? "%" : next == '_' ? " " : "%20", IsMacroExpand = true });
                i += 2;
                continue;
            }
            if (next != '{')
            {
                error = "'%" + next + "' is not a macro (RFC 7208 7.1: '%' must be followed by '{', '%', '_' or '-')";
                return false;
            }
            int close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                error = "macro '" + text.Substring(i) + "' has no closing '}'";
                return false;
            }
            string body = text.Substring(i + 2, close - i - 2);
            if (!TryParseMacroBody(body, place, out SpfMacroToken? token, out error))
            {
                error = "macro '%{" + body + "}': " + error;
                return false;
            }
            Flush(literal, tokens);
            tokens.Add(token!);
            i = close + 1;
        }
        Flush(literal, tokens);
        return true;
    }

    private static void Flush(StringBuilder literal, List<SpfMacroToken> tokens)
    {
        if (literal.Length == 0) return;
        tokens.Add(new SpfMacroToken { Literal = literal.ToString() });
        literal.Clear();
    }

    // macro-letter transformers *delimiter; transformers = *DIGIT [ "r" ] (7.1).
    private static bool TryParseMacroBody(string body, SpfMacroPlace place, out SpfMacroToken? token, out string error)
    {
        token = null;
        error = "";
        if (body.Length == 0)
        {
            error = "no macro letter";
            return false;
        }
        char letter = char.ToLowerInvariant(body[0]);
        if (Letters.IndexOf(letter) < 0 || body[0] > 0x7E)
        {
            error = "'" + body[0] + "' is not a macro letter (RFC 7208 7.2: s l o d i p v h, and c r t in explanations)";
            return false;
        }
        if (place == SpfMacroPlace.DomainSpec && ExplanationOnlyLetters.IndexOf(letter) >= 0)
        {
            error = "'" + body[0] + "' is allowed only in explanation text (RFC 7208 7.2)";
            return false;
        }
        int i = 1;
        int digitsStart = i;
        while (i < body.Length && body[i] >= '0' && body[i] <= '9') i++;
        int keep = 0;
        if (i > digitsStart)
        {
            string digits = body.Substring(digitsStart, i - digitsStart);
            // A written digit count must be nonzero (7.3); a huge one keeps everything, like an absent one.
            if (!int.TryParse(digits, out keep)) keep = int.MaxValue;
            if (keep == 0)
            {
                error = "the number of parts to keep must not be 0 (RFC 7208 7.3)";
                return false;
            }
        }
        bool reverse = false;
        if (i < body.Length && (body[i] == 'r' || body[i] == 'R'))
        {
            reverse = true;
            i++;
        }
        string delimiters = body.Substring(i);
        foreach (char d in delimiters)
        {
            if (DelimiterChars.IndexOf(d) < 0)
            {
                error = "'" + d + "' is not a delimiter (RFC 7208 7.1: . - + , / _ =)";
                return false;
            }
        }
        token = new SpfMacroToken
        {
            Letter = letter,
            UrlEscape = char.IsUpper(body[0]),
            KeepRight = keep,
            Reverse = reverse,
            Delimiters = delimiters.Length == 0 ? "." : delimiters,
            IsMacroExpand = true,
        };
        return true;
    }
}
