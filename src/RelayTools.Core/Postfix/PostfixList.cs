using System.Collections.Generic;
using System.Text;

namespace RelayTools.Core.Postfix;

/// <summary>
/// Splits a Postfix list value the way Postfix does: on commas and/or whitespace, with <c>{ ... }</c>
/// keeping spaces inside one element (the outer braces and the blanks just inside them are removed).
/// </summary>
public static class PostfixList
{
    const string Separators = ", \t\r\n";

    /// <summary>Splits <paramref name="value"/> into its elements.</summary>
    /// <exception cref="PostfixSyntaxException">A <c>{</c> without its <c>}</c>, or a stray <c>}</c>.</exception>
    public static string[] Split(string? value)
    {
        var items = new List<string>();
        if (string.IsNullOrEmpty(value)) return items.ToArray();
        int i = 0;
        string text = value!;
        while (i < text.Length)
        {
            if (Separators.IndexOf(text[i]) >= 0) { i++; continue; }
            if (text[i] == '{')
            {
                int depth = 0, start = i;
                for (; i < text.Length; i++)
                {
                    if (text[i] == '{') depth++;
                    else if (text[i] == '}' && --depth == 0) break;
                }
                if (depth != 0) throw new PostfixSyntaxException("missing '}' in \"" + text.Substring(start) + "\"");
                items.Add(text.Substring(start + 1, i - start - 1).Trim());
                i++;
                continue;
            }
            var token = new StringBuilder();
            while (i < text.Length && Separators.IndexOf(text[i]) < 0)
            {
                if (text[i] == '}') throw new PostfixSyntaxException("unexpected '}' in \"" + text + "\"");
                if (text[i] == '{')
                {
                    int depth = 0, start = i;
                    for (; i < text.Length; i++)
                    {
                        token.Append(text[i]);
                        if (text[i] == '{') depth++;
                        else if (text[i] == '}' && --depth == 0) break;
                    }
                    if (depth != 0) throw new PostfixSyntaxException("missing '}' in \"" + text.Substring(start) + "\"");
                    i++;
                    continue;
                }
                token.Append(text[i++]);
            }
            items.Add(token.ToString());
        }
        return items.ToArray();
    }

    /// <summary>Checks that every <c>{</c> has its <c>}</c>; returns the problem, or null when balanced.</summary>
    public static string? CheckBraces(string value)
    {
        int depth = 0;
        foreach (char c in value)
        {
            if (c == '{') depth++;
            else if (c == '}' && --depth < 0) return "unexpected '}'";
        }
        return depth > 0 ? "missing '}'" : null;
    }
}
