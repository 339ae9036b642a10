using System.Collections.Generic;
using System.Text;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// Sendmail's tokens as its address scanner (prescan in parseaddr.c) makes them: atoms, one-character
/// operators (OperatorChars plus <c>()&lt;&gt;,;</c>), quoted strings kept whole, and the rule
/// metasymbols (<c>$*</c>, <c>$:</c>, <c>$|</c>...) as single tokens of their own.
/// </summary>
public static class SendmailTokens
{
    /// <summary>The first character of a metasymbol token; the address scanner never produces it.</summary>
    public const char Meta = '\u0001';

    /// <summary>OperatorChars when sendmail.cf does not set it (the m4 default).</summary>
    public const string DefaultOperatorChars = ".:%@!^/[]+";

    /// <summary>Always delimiters, whatever OperatorChars says (DELIMCHARS).</summary>
    public const string DelimiterChars = "()<>,;";

    /// <summary>A metasymbol token: <c>$*</c> is <c>Meta + "*"</c>, <c>$=w</c> is <c>Meta + "=w"</c>.</summary>
    public static string MetaToken(string code) => Meta + code;

    /// <summary>True for a metasymbol token.</summary>
    public static bool IsMeta(string token) => token.Length > 0 && token[0] == Meta;

    /// <summary>True when the token is the metasymbol with this code.</summary>
    public static bool IsMeta(string token, char code) => token.Length == 2 && token[0] == Meta && token[1] == code;

    /// <summary>
    /// Splits workspace text (an address, a map value) as prescan does. Comments in parentheses are dropped
    /// when <paramref name="removeComments"/> is true (rscheck's RSF_RMCOMM); otherwise <c>(</c> and <c>)</c>
    /// are operators.
    /// </summary>
    public static List<string> Scan(string text, string operatorChars, bool removeComments = true) =>
        ScanCore(text, operatorChars, removeComments, null);

    /// <summary>
    /// Splits one side of a rule after its metasymbols were turned into <see cref="Meta"/> tokens by
    /// <paramref name="metas"/> (index in text → metasymbol token and the length it covers).
    /// </summary>
    internal static List<string> ScanCore(string text, string operatorChars, bool removeComments, Dictionary<int, (string Token, int Length)>? metas)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        bool quotedDone = false; // the current token is a finished quoted string
        int comment = 0;
        void Flush()
        {
            if (current.Length > 0) tokens.Add(current.ToString());
            current.Clear();
            quotedDone = false;
        }
        for (int i = 0; i < text.Length; i++)
        {
            if (metas != null && metas.TryGetValue(i, out var meta))
            {
                Flush();
                tokens.Add(meta.Token);
                i += meta.Length - 1;
                continue;
            }
            char c = text[i];
            if (comment > 0)
            {
                if (c == '(') comment++;
                else if (c == ')') comment--;
                continue;
            }
            if (c == '\\' && i + 1 < text.Length)
            {
                if (quotedDone) Flush();
                current.Append(c).Append(text[++i]);
                continue;
            }
            if (c == '"')
            {
                if (quotedDone) Flush();
                current.Append(c);
                int j = i + 1;
                for (; j < text.Length && text[j] != '"'; j++)
                {
                    if (text[j] == '\\' && j + 1 < text.Length) current.Append(text[j++]);
                    current.Append(text[j]);
                }
                current.Append('"'); // an unbalanced quote is closed, as prescan patches it
                i = j;
                quotedDone = true;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            {
                Flush();
                continue;
            }
            if (removeComments && c == '(')
            {
                comment = 1;
                continue;
            }
            if (operatorChars.IndexOf(c) >= 0 || DelimiterChars.IndexOf(c) >= 0)
            {
                Flush();
                tokens.Add(c.ToString());
                continue;
            }
            if (quotedDone) Flush();
            current.Append(c);
        }
        Flush();
        return tokens;
    }

    /// <summary>
    /// Joins tokens back into text as cataddr does: a space (or <paramref name="spaceSub"/>) only between
    /// two atoms, operators and quoted strings joined without one.
    /// </summary>
    public static string Join(IReadOnlyList<string> tokens, int start, int count, string operatorChars, char spaceSub = ' ')
    {
        var sb = new StringBuilder();
        bool previousAtom = false;
        for (int i = start; i < start + count; i++)
        {
            string t = tokens[i];
            bool atom = IsAtom(t, operatorChars);
            if (previousAtom && atom) sb.Append(spaceSub);
            sb.Append(IsMeta(t) ? MetaText(t) : t);
            previousAtom = atom;
        }
        return sb.ToString();
    }

    /// <summary>Joins all tokens (see <see cref="Join(IReadOnlyList{string}, int, int, string, char)"/>).</summary>
    public static string Join(IReadOnlyList<string> tokens, string operatorChars, char spaceSub = ' ') => Join(tokens, 0, tokens.Count, operatorChars, spaceSub);

    /// <summary>True when the token's first character is an atom character (not an operator, quote or metasymbol).</summary>
    public static bool IsAtom(string token, string operatorChars)
    {
        if (token.Length == 0) return false;
        char c = token[0];
        if (c == Meta || c == '"') return false;
        if (token.Length == 1 && (operatorChars.IndexOf(c) >= 0 || DelimiterChars.IndexOf(c) >= 0)) return false;
        return true;
    }

    /// <summary>Removes the double quotes (not the escaped ones), as stripquotes does.</summary>
    public static string StripQuotes(string text)
    {
        if (text.IndexOf('"') < 0) return text;
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length) { sb.Append(text[i]).Append(text[++i]); continue; }
            if (text[i] != '"') sb.Append(text[i]);
        }
        return sb.ToString();
    }

    /// <summary>A metasymbol as written in sendmail.cf, for traces: <c>$*</c>, <c>$=w</c>, <c>$&amp;{client_addr}</c>.</summary>
    public static string MetaText(string token)
    {
        if (!IsMeta(token)) return token;
        string code = token.Substring(1);
        return code.Length > 2 && (code[0] is '=' or '~' or '&') ? "$" + code[0] + Braced(code.Substring(1)) : "$" + code;
    }

    static string Braced(string name) => name.Length == 1 ? name : "{" + name + "}";

    /// <summary>Tokens as sendmail -bt prints a workspace: space-separated, metasymbols as written.</summary>
    public static string Display(IEnumerable<string> tokens)
    {
        var sb = new StringBuilder();
        foreach (string t in tokens)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(MetaText(t));
        }
        return sb.ToString();
    }
}
