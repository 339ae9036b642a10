using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Exim;

/// <summary>Raised inside the expander for an expansion item it does not implement or a value it cannot know offline.</summary>
public sealed class EximNotEvaluatedException : Exception
{
    /// <summary>Creates one with the reason.</summary>
    public EximNotEvaluatedException(string reason) : base(reason) { }
}

/// <summary>Raised for an expansion Exim itself fails on (a <c>$</c> not followed by a name...): Exim defers the command.</summary>
public sealed class EximExpansionFailedException : Exception
{
    /// <summary>Creates one with Exim's reason.</summary>
    public EximExpansionFailedException(string reason) : base(reason) { }
}

/// <summary>The variables and file access an expansion sees.</summary>
public sealed class EximExpansionContext
{
    /// <summary>Variables by name ($sender_host_address, $domain, $local_part, $rcpt_count...).</summary>
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a file exists (for <c>exists{}</c>).</summary>
    public Func<string, bool> FileExists { get; set; } = path => EximFileReader.ReadFileOrNull(path) != null || EximFileReader.DirectoryExists(path);
}

/// <summary>
/// A small part of Exim's string expansion, enough for what relay configurations put in lists, messages
/// and <c>condition =</c>: backslash escapes and <c>\N...\N</c>, <c>$var</c> / <c>${var}</c>,
/// <c>${if cond {yes}{no}}</c> with eq, eqi, ==, &lt;, &gt;, &lt;=, &gt;=, def:, exists, match, isip, bool,
/// and, or and !, <c>${eval:...}</c>, <c>${lc:}</c> and <c>${uc:}</c>. Anything else throws
/// <see cref="EximNotEvaluatedException"/>: the caller reports it as not evaluated, never guesses.
/// </summary>
public sealed class EximExpander
{
    readonly EximExpansionContext _ctx;
    string _s = "";
    int _i;

    EximExpander(EximExpansionContext ctx) => _ctx = ctx;

    /// <summary>Expands a string.</summary>
    /// <exception cref="EximNotEvaluatedException">It uses something not implemented or not knowable offline.</exception>
    public static string Expand(string text, EximExpansionContext ctx)
    {
        if (text.IndexOf('$') < 0 && text.IndexOf('\\') < 0) return text;
        var e = new EximExpander(ctx) { _s = text, _i = 0 };
        string result = e.ExpandUntil(false);
        return result;
    }

    /// <summary>Evaluates an expansion that must give a truth value (<c>condition =</c>): yes/true/non-zero is true, no/false/0/empty false.</summary>
    /// <exception cref="EximNotEvaluatedException">Not evaluated, or not a truth value.</exception>
    public static bool IsTrue(string text, EximExpansionContext ctx)
    {
        string v = Expand(text, ctx).Trim();
        if (v.Length == 0 || v == "0" || v.Equals("no", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        if (v.Equals("yes", StringComparison.OrdinalIgnoreCase) || v.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)) return n != 0;
        throw new EximNotEvaluatedException("condition gave \"" + v + "\", which is not a truth value (Exim defers)");
    }

    string ExpandUntil(bool braced)
    {
        var sb = new StringBuilder();
        while (_i < _s.Length)
        {
            char c = _s[_i];
            if (braced && c == '}') { _i++; return sb.ToString(); }
            if (c == '\\')
            {
                if (_i + 1 < _s.Length && _s[_i + 1] == 'N')
                {
                    int end = _s.IndexOf("\\N", _i + 2, StringComparison.Ordinal);
                    if (end < 0) { sb.Append(_s, _i + 2, _s.Length - _i - 2); _i = _s.Length; }
                    else { sb.Append(_s, _i + 2, end - _i - 2); _i = end + 2; }
                    continue;
                }
                if (_i + 1 < _s.Length)
                {
                    char n = _s[_i + 1];
                    sb.Append(n switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => n });
                    _i += 2;
                    continue;
                }
                _i++;
                continue;
            }
            if (c == '$') { sb.Append(Dollar()); continue; }
            sb.Append(c);
            _i++;
        }
        if (braced) throw new EximNotEvaluatedException("missing } in expansion");
        return sb.ToString();
    }

    string Name()
    {
        int start = _i;
        while (_i < _s.Length && (char.IsLetterOrDigit(_s[_i]) || _s[_i] == '_')) _i++;
        return _s.Substring(start, _i - start);
    }

    void SkipSpace() { while (_i < _s.Length && char.IsWhiteSpace(_s[_i])) _i++; }

    string Variable(string name)
    {
        if (_ctx.Variables.TryGetValue(name, out var v)) return v;
        if (name.StartsWith("acl_m", StringComparison.Ordinal) || name.StartsWith("acl_c", StringComparison.Ordinal)) return "";
        throw new EximNotEvaluatedException("$" + name + " is not known offline");
    }

    string Dollar()
    {
        _i++; // $
        if (_i < _s.Length && _s[_i] != '{')
        {
            string bare = Name();
            if (bare.Length == 0) throw new EximExpansionFailedException("'$' is not followed by a variable name in \"" + _s + "\"");
            return Variable(bare);
        }
        if (_i >= _s.Length) throw new EximExpansionFailedException("'$' at the end of \"" + _s + "\"");
        _i++; // {
        SkipSpace();
        string name = Name();
        if (_i < _s.Length && _s[_i] == '}') { _i++; return Variable(name); }
        switch (name)
        {
            case "if":
                {
                    SkipSpace();
                    bool value = Condition();
                    SkipSpace();
                    string yes = "", no = "";
                    bool hasYes = false;
                    if (_i < _s.Length && _s[_i] == '{') { _i++; yes = ExpandBranch(value); hasYes = true; SkipSpace(); }
                    if (_i < _s.Length && _s[_i] == '{') { _i++; no = ExpandBranch(!value); SkipSpace(); }
                    Expect('}');
                    return value ? (hasYes ? yes : "true") : no;
                }
            case "eval":
            case "eval10":
                {
                    Expect(':');
                    string expr = ExpandUntil(true);
                    return Eval(expr).ToString(CultureInfo.InvariantCulture);
                }
            case "lc": Expect(':'); return ExpandUntil(true).ToLowerInvariant();
            case "uc": Expect(':'); return ExpandUntil(true).ToUpperInvariant();
            default:
                throw new EximNotEvaluatedException("${" + name + "...} is not implemented offline");
        }
    }

    // A branch not taken must still be skipped as Exim does; unknown items there do not matter.
    string ExpandBranch(bool taken)
    {
        if (taken) return ExpandUntil(true);
        int depth = 1;
        while (_i < _s.Length)
        {
            char c = _s[_i];
            if (c == '\\') { _i += 2; continue; }
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) { _i++; return ""; }
            _i++;
        }
        throw new EximNotEvaluatedException("missing } in expansion");
    }

    void Expect(char c)
    {
        SkipSpace();
        if (_i >= _s.Length || _s[_i] != c) throw new EximNotEvaluatedException("expansion syntax: '" + c + "' expected at \"" + Tail() + "\"");
        _i++;
    }

    string Tail() => _s.Substring(Math.Min(_i, _s.Length));

    string Arg()
    {
        SkipSpace();
        Expect('{');
        return ExpandUntil(true);
    }

    bool Condition()
    {
        SkipSpace();
        if (_i < _s.Length && _s[_i] == '!') { _i++; return !Condition(); }
        string op;
        if (_i < _s.Length && "<>=".IndexOf(_s[_i]) >= 0)
        {
            int start = _i;
            while (_i < _s.Length && "<>=".IndexOf(_s[_i]) >= 0) _i++;
            op = _s.Substring(start, _i - start);
        }
        else op = Name();
        switch (op)
        {
            case "def":
                {
                    Expect(':');
                    string name = Name();
                    if (name == "sender_host_name" && !_ctx.Variables.ContainsKey(name)) throw new EximNotEvaluatedException("def:sender_host_name needs the client's reverse DNS");
                    return Variable(name).Length > 0;
                }
            case "exists": return _ctx.FileExists(Arg());
            case "eq": { string a = Arg(), b = Arg(); return a == b; }
            case "eqi": { string a = Arg(), b = Arg(); return string.Equals(a, b, StringComparison.OrdinalIgnoreCase); }
            case "==" or "=" or "<" or ">" or "<=" or ">=":
                {
                    long a = Number(Arg()), b = Number(Arg());
                    return op switch { "<" => a < b, ">" => a > b, "<=" => a <= b, ">=" => a >= b, _ => a == b };
                }
            case "match":
                {
                    string subject = Arg(), pattern = Arg();
                    return Regex.IsMatch(subject, pattern, RegexOptions.CultureInvariant);
                }
            case "isip": return System.Net.IPAddress.TryParse(Arg(), out _);
            case "bool":
                {
                    string v = Arg().Trim().ToLowerInvariant();
                    return v is "yes" or "true" || (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n != 0);
                }
            case "and":
            case "or":
                {
                    Expect('{');
                    bool result = op == "and";
                    while (true)
                    {
                        SkipSpace();
                        if (_i < _s.Length && _s[_i] == '}') { _i++; break; }
                        Expect('{');
                        bool v = Condition();
                        Expect('}');
                        result = op == "and" ? result && v : result || v;
                    }
                    return result;
                }
            case "first_delivery":
            case "queue_running":
                return false;
            default:
                throw new EximNotEvaluatedException("expansion condition \"" + op + "\" is not implemented offline");
        }
    }

    static long Number(string s)
    {
        s = s.Trim();
        if (s.Length == 0) return 0;
        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)) return n;
        throw new EximNotEvaluatedException("\"" + s + "\" is not a number");
    }

    /// <summary>Integer arithmetic of ${eval:}: + - * / % and parentheses.</summary>
    static long Eval(string expr)
    {
        int i = 0;
        long Sum()
        {
            long v = Product();
            while (true)
            {
                Skip();
                if (i < expr.Length && (expr[i] == '+' || expr[i] == '-')) { char op = expr[i++]; long r = Product(); v = op == '+' ? v + r : v - r; }
                else return v;
            }
        }
        long Product()
        {
            long v = Unary();
            while (true)
            {
                Skip();
                if (i < expr.Length && (expr[i] == '*' || expr[i] == '/' || expr[i] == '%'))
                {
                    char op = expr[i++];
                    long r = Unary();
                    if (op != '*' && r == 0) throw new EximNotEvaluatedException("division by zero in ${eval:" + expr + "}");
                    v = op == '*' ? v * r : op == '/' ? v / r : v % r;
                }
                else return v;
            }
        }
        long Unary()
        {
            Skip();
            if (i < expr.Length && expr[i] == '-') { i++; return -Unary(); }
            if (i < expr.Length && expr[i] == '(') { i++; long v = Sum(); Skip(); if (i < expr.Length && expr[i] == ')') i++; return v; }
            int start = i;
            while (i < expr.Length && char.IsDigit(expr[i])) i++;
            if (start == i) throw new EximNotEvaluatedException("${eval:" + expr + "} is not arithmetic");
            return long.Parse(expr.Substring(start, i - start), CultureInfo.InvariantCulture);
        }
        void Skip() { while (i < expr.Length && char.IsWhiteSpace(expr[i])) i++; }
        long result = Sum();
        Skip();
        if (i != expr.Length) throw new EximNotEvaluatedException("${eval:" + expr + "} is not arithmetic");
        return result;
    }
}
