using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RelayTools.Core.Postfix;

/// <summary>
/// Expands Postfix parameter references the way the daemons do, recursively: <c>$name</c>,
/// <c>${name}</c>, <c>$(name)</c>, <c>${name?value}</c> (value when $name is non-empty),
/// <c>${name:value}</c> (value when $name is empty),
/// <c>${name?{v1}:{v2}}</c>, the 3.x relational form <c>${{a} &lt;level {b} ? {x} : {y}}</c>
/// (and <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, each with or without
/// <c>level</c>), and <c>$$</c> for a literal dollar. An undefined name expands to nothing.
/// </summary>
public static class PostfixExpander
{
    const int MaxDepth = 100;

    /// <summary>
    /// Expands <paramref name="value"/>; <paramref name="lookup"/> returns the raw value of a parameter,
    /// or null when it is undefined.
    /// </summary>
    /// <exception cref="PostfixSyntaxException">A cycle (<c>a = $b</c>, <c>b = $a</c>) or bad syntax.</exception>
    public static string Expand(string value, Func<string, string?> lookup) =>
        new Run(lookup).Expand(value, new List<string>());

    /// <summary>Compares two compatibility levels (<c>3.6</c>, <c>2</c>, <c>3.10.1</c>) numerically.</summary>
    public static int CompareLevel(string a, string b)
    {
        string[] x = a.Trim().Split('.'), y = b.Trim().Split('.');
        for (int i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            int p = i < x.Length && int.TryParse(x[i], NumberStyles.None, CultureInfo.InvariantCulture, out int px) ? px : 0;
            int q = i < y.Length && int.TryParse(y[i], NumberStyles.None, CultureInfo.InvariantCulture, out int qy) ? qy : 0;
            if (p != q) return p.CompareTo(q);
        }
        return 0;
    }

    sealed class Run(Func<string, string?> lookup)
    {
        readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

        public string Expand(string text, List<string> stack)
        {
            if (stack.Count > MaxDepth) throw new PostfixSyntaxException("unreasonable macro call nesting: " + string.Join(" -> ", stack));
            var sb = new StringBuilder();
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c != '$') { sb.Append(c); i++; continue; }
                if (i + 1 >= text.Length) { sb.Append('$'); i++; continue; }
                char n = text[i + 1];
                if (n == '$') { sb.Append('$'); i += 2; continue; }
                if (n == '{' || n == '(')
                {
                    int close = Matching(text, i + 1);
                    string inner = text.Substring(i + 2, close - i - 2);
                    sb.Append(n == '{' ? Braced(inner, stack) : Value(inner, stack));
                    i = close + 1;
                    continue;
                }
                int start = i + 1, end = start;
                while (end < text.Length && IsNameChar(text[end])) end++;
                if (end == start) { sb.Append('$'); i++; continue; }
                sb.Append(Value(text.Substring(start, end - start), stack));
                i = end;
            }
            return sb.ToString();
        }

        string Braced(string inner, List<string> stack)
        {
            string t = inner.TrimStart();
            if (t.StartsWith("{", StringComparison.Ordinal)) return Relational(t, stack);
            int j = 0;
            while (j < inner.Length && IsNameChar(inner[j])) j++;
            string name = inner.Substring(0, j);
            if (name.Length == 0) throw new PostfixSyntaxException("bad parameter name in \"${" + inner + "}\"");
            if (j == inner.Length) return Value(name, stack);
            char op = inner[j];
            string rest = inner.Substring(j + 1);
            bool set = Value(name, stack).Length > 0;
            if (op == '?')
            {
                string r = rest.TrimStart();
                if (r.StartsWith("{", StringComparison.Ordinal))
                {
                    int close = Matching(r, 0);
                    string yes = r.Substring(1, close - 1);
                    string after = r.Substring(close + 1).TrimStart();
                    string no = "";
                    if (after.StartsWith(":", StringComparison.Ordinal))
                    {
                        string e = after.Substring(1).TrimStart();
                        if (!e.StartsWith("{", StringComparison.Ordinal)) throw new PostfixSyntaxException("expected '{' after ':' in \"${" + inner + "}\"");
                        no = e.Substring(1, Matching(e, 0) - 1);
                    }
                    return Expand(set ? yes : no, stack);
                }
                return set ? Expand(rest, stack) : "";
            }
            // Postfix's ':' is not the shell's: ${name:value} is value when $name is empty, else nothing.
            if (op == ':') return set ? "" : Expand(rest, stack);
            throw new PostfixSyntaxException("unknown operator '" + op + "' in \"${" + inner + "}\"");
        }

        string Relational(string t, List<string> stack)
        {
            int c1 = Matching(t, 0);
            string left = Expand(t.Substring(1, c1 - 1), stack).Trim();
            string r = t.Substring(c1 + 1).TrimStart();
            int opEnd = 0;
            while (opEnd < r.Length && r[opEnd] != '{' && !char.IsWhiteSpace(r[opEnd])) opEnd++;
            string op = r.Substring(0, opEnd);
            r = r.Substring(opEnd).TrimStart();
            int c2 = Matching(r, 0);
            string right = Expand(r.Substring(1, c2 - 1), stack).Trim();
            r = r.Substring(c2 + 1).TrimStart();
            if (!r.StartsWith("?", StringComparison.Ordinal)) throw new PostfixSyntaxException("expected '?' in \"${" + t + "}\"");
            r = r.Substring(1).TrimStart();
            int c3 = Matching(r, 0);
            string yes = r.Substring(1, c3 - 1);
            r = r.Substring(c3 + 1).TrimStart();
            string no = "";
            if (r.StartsWith(":", StringComparison.Ordinal))
            {
                r = r.Substring(1).TrimStart();
                no = r.Substring(1, Matching(r, 0) - 1);
            }
            return Expand(Compare(left, op, right) ? yes : no, stack);
        }

        static bool Compare(string a, string op, string b)
        {
            bool level = op.EndsWith("level", StringComparison.Ordinal);
            string o = level ? op.Substring(0, op.Length - 5) : op;
            int cmp;
            if (level) cmp = CompareLevel(a, b);
            else if (o is "==" or "!=") cmp = string.CompareOrdinal(a, b);
            else if (long.TryParse(a, out long x) && long.TryParse(b, out long y)) cmp = x.CompareTo(y);
            else throw new PostfixSyntaxException("non-numeric operand for '" + op + "': " + a + ", " + b);
            return o switch
            {
                "==" => cmp == 0,
                "!=" => cmp != 0,
                "<" => cmp < 0,
                "<=" => cmp <= 0,
                ">" => cmp > 0,
                ">=" => cmp >= 0,
                _ => throw new PostfixSyntaxException("unknown operator '" + op + "'"),
            };
        }

        string Value(string name, List<string> stack)
        {
            if (_cache.TryGetValue(name, out string? cached)) return cached;
            if (stack.Contains(name))
                throw new PostfixSyntaxException("parameter expansion loop: $" + string.Join(" -> $", stack) + " -> $" + name);
            string? raw = lookup(name);
            if (raw == null) return "";
            stack.Add(name);
            string expanded = Expand(raw, stack);
            stack.RemoveAt(stack.Count - 1);
            _cache[name] = expanded;
            return expanded;
        }

        static int Matching(string text, int open)
        {
            char o = text[open], c = o == '(' ? ')' : '}';
            int depth = 0;
            for (int i = open; i < text.Length; i++)
            {
                if (text[i] == o) depth++;
                else if (text[i] == c && --depth == 0) return i;
            }
            throw new PostfixSyntaxException("missing '" + c + "' in \"" + text.Substring(open) + "\"");
        }
    }

    static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
}
