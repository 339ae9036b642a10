using System;
using System.Collections.Generic;
using System.Globalization;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// Runs sendmail.cf rulesets on a workspace exactly as Sendmail's rewrite() does (parseaddr.c): each rule
/// is matched with backtracking (<c>$*</c> shortest first), a matching rule is applied again until it no
/// longer matches unless its replacement starts with <c>$:</c> (once) or <c>$@</c> (return); map lookups
/// are done left to right, then subroutine calls right to left; a workspace starting with <c>$#</c> ends the ruleset.
/// </summary>
public sealed class SendmailRewriter
{
    const int MaxRecursion = 50; // MaxRuleRecursion
    readonly SendmailCf _cf;
    readonly ISendmailMapLookup _maps;
    readonly Func<string, string?> _macro;
    readonly Func<string, string, bool> _inClass;
    readonly char _blankSub;

    /// <summary>
    /// Creates a rewriter over <paramref name="cf"/>. <paramref name="macro"/> gives a runtime macro's value
    /// (<c>$&amp;{client_addr}</c>; null when undefined); <paramref name="inClass"/> answers class membership
    /// (the cf's classes plus what Sendmail adds at start).
    /// </summary>
    public SendmailRewriter(SendmailCf cf, ISendmailMapLookup maps, Func<string, string?> macro, Func<string, string, bool> inClass)
    {
        _cf = cf;
        _maps = maps;
        _macro = macro;
        _inClass = inClass;
        string? blank = cf.Option("BlankSub");
        _blankSub = string.IsNullOrEmpty(blank) ? ' ' : blank![0];
    }

    /// <summary>Every rule that matched, in order, with the workspace it made.</summary>
    public List<SendmailRewriteStep> Steps { get; } = [];

    /// <summary>Every map lookup, in order, with its result.</summary>
    public List<SendmailLookupStep> Lookups { get; } = [];

    /// <summary>Rule steps and lookups interleaved in the order they happened.</summary>
    public List<object> Events { get; } = [];

    /// <summary>Tokenizes <paramref name="text"/> as rscheck does and runs <paramref name="ruleset"/> on it.</summary>
    public List<string> Run(string ruleset, string text, string? secondArgument = null)
    {
        var workspace = SendmailTokens.Scan(text, _cf.OperatorChars);
        if (secondArgument != null)
        {
            workspace.Add(SendmailTokens.MetaToken("|"));
            workspace.AddRange(SendmailTokens.Scan(secondArgument, _cf.OperatorChars));
        }
        return Rewrite(ruleset, workspace, 0);
    }

    /// <summary>Runs one ruleset (by name or number) on a token workspace.</summary>
    public List<string> Rewrite(string rulesetName, List<string> workspace, int depth)
    {
        var ruleset = _cf.Ruleset(rulesetName) ?? throw new SendmailConfigException("554 5.3.5 Unknown ruleset " + rulesetName);
        if (depth > MaxRecursion) throw new SendmailConfigException("rewrite: excessive recursion (max " + MaxRecursion + "), ruleset " + ruleset.Name);
        var pvp = workspace;
        int index = 0, loops = 0;
        while (index < ruleset.Rules.Count)
        {
            if (pvp.Count > 0 && SendmailTokens.IsMeta(pvp[0], '#')) break;
            var rule = ruleset.Rules[index];
            if (++loops > 100) throw new SendmailConfigException("554 5.3.5 Infinite loop in ruleset " + ruleset.Name + ", rule " + rule.Number);
            var matches = new List<(int Start, int End)>();
            if (!Match(rule.Lhs, 0, pvp, 0, matches))
            {
                index++;
                loops = 0;
                continue;
            }
            var rhs = rule.Rhs;
            int from = 0;
            bool once = false, stop = false;
            if (rhs.Count > 0 && SendmailTokens.IsMeta(rhs[0], ':')) { from = 1; once = true; }
            else if (rhs.Count > 0 && SendmailTokens.IsMeta(rhs[0], '@')) { from = 1; stop = true; }
            var next = Substitute(rhs, from, pvp, matches, ruleset, rule);
            DoLookups(next, ruleset.Name, rule);
            next = CallSubroutines(next, depth);
            var step = new SendmailRewriteStep(ruleset.Name, rule, depth, SendmailTokens.Display(next), ClassMatches(rule.Lhs, pvp, matches)) { Input = pvp };
            Steps.Add(step);
            Events.Add(step);
            pvp = next;
            if (stop) break;
            if (once) { index++; loops = 0; }
        }
        return pvp;
    }

    bool Match(IReadOnlyList<string> lhs, int p, List<string> ws, int a, List<(int Start, int End)> binds)
    {
        if (p == lhs.Count) return a == ws.Count;
        string t = lhs[p];
        if (SendmailTokens.IsMeta(t))
        {
            char code = t[1];
            if (a == ws.Count && code != '*' && code != '@') return false;
            switch (code)
            {
                case '*':
                case '+':
                    for (int end = a + (code == '+' ? 1 : 0); end <= ws.Count; end++)
                    {
                        binds.Add((a, end));
                        if (Match(lhs, p + 1, ws, end, binds)) return true;
                        binds.RemoveAt(binds.Count - 1);
                    }
                    return false;
                case '-':
                    binds.Add((a, a + 1));
                    if (Match(lhs, p + 1, ws, a + 1, binds)) return true;
                    binds.RemoveAt(binds.Count - 1);
                    return false;
                case '=':
                    {
                        string name = t.Substring(2);
                        for (int end = a + 1; end <= ws.Count; end++)
                        {
                            if (!_inClass(name, SendmailTokens.Join(ws, a, end - a, _cf.OperatorChars))) continue;
                            binds.Add((a, end));
                            if (Match(lhs, p + 1, ws, end, binds)) return true;
                            binds.RemoveAt(binds.Count - 1);
                        }
                        return false;
                    }
                case '~':
                    if (_inClass(t.Substring(2), ws[a])) return false;
                    binds.Add((a, a + 1));
                    if (Match(lhs, p + 1, ws, a + 1, binds)) return true;
                    binds.RemoveAt(binds.Count - 1);
                    return false;
                case '@':
                    return Match(lhs, p + 1, ws, a, binds);
                case '&':
                    {
                        // The macro's text is matched against whole tokens from here on (rewrite's MACRODEXPAND).
                        string? value = _macro(t.Substring(2));
                        int at = a;
                        if (value != null)
                        {
                            int pos = 0;
                            while (pos < value.Length)
                            {
                                if (at >= ws.Count || string.Compare(value, pos, ws[at], 0, ws[at].Length, StringComparison.OrdinalIgnoreCase) != 0 || ws[at].Length == 0) return false;
                                pos += ws[at++].Length;
                            }
                        }
                        return Match(lhs, p + 1, ws, at, binds);
                    }
                default:
                    return ws[a] == t && Match(lhs, p + 1, ws, a + 1, binds);
            }
        }
        if (a == ws.Count || !string.Equals(ws[a], t, StringComparison.OrdinalIgnoreCase)) return false;
        return Match(lhs, p + 1, ws, a + 1, binds);
    }

    List<string> Substitute(IReadOnlyList<string> rhs, int from, List<string> pvp, List<(int Start, int End)> matches, SendmailRuleset ruleset, SendmailRule rule)
    {
        var next = new List<string>();
        for (int i = from; i < rhs.Count; i++)
        {
            string t = rhs[i];
            if (SendmailTokens.IsMeta(t) && t.Length == 2 && t[1] >= '1' && t[1] <= '9')
            {
                int n = t[1] - '1';
                if (n >= matches.Count) throw new SendmailConfigException("554 5.3.5 rewrite: ruleset " + ruleset.Name + ": replacement $" + t[1] + " out of bounds (" + rule.Origin + ")");
                for (int k = matches[n].Start; k < matches[n].End; k++) next.Add(pvp[k]);
                continue;
            }
            if (SendmailTokens.IsMeta(t) && t.Length > 2 && t[1] == '&')
            {
                string? value = _macro(t.Substring(2));
                if (!string.IsNullOrEmpty(value)) next.AddRange(SendmailTokens.Scan(value!, _cf.OperatorChars));
                continue;
            }
            next.Add(t);
        }
        return next;
    }

    void DoLookups(List<string> n, string rulesetName, SendmailRule rule)
    {
        for (int r = 0; r < n.Count; r++)
        {
            bool host = SendmailTokens.IsMeta(n[r], '[');
            if (!host && !SendmailTokens.IsMeta(n[r], '(')) continue;
            char endCode = host ? ']' : ')';
            int keyStart = host ? r + 1 : r + 2;
            string mapName = host ? "host" : (r + 1 < n.Count ? SendmailTokens.StripQuotes(n[r + 1]) : "");
            int end = keyStart;
            while (end < n.Count && !SendmailTokens.IsMeta(n[end], endCode)) end++;
            // key [$@ arg]... [$: default]
            var key = new List<string>();
            var args = new List<string>();
            List<string>? defaults = null, arg = null;
            for (int k = keyStart; k < end; k++)
            {
                if (SendmailTokens.IsMeta(n[k], '@'))
                {
                    if (arg != null) args.Add(SendmailTokens.Join(arg, _cf.OperatorChars, _blankSub));
                    arg = [];
                    continue;
                }
                if (SendmailTokens.IsMeta(n[k], ':'))
                {
                    if (arg != null) args.Add(SendmailTokens.Join(arg, _cf.OperatorChars, _blankSub));
                    arg = null;
                    defaults = [];
                    continue;
                }
                (defaults ?? arg ?? key).Add(n[k]);
            }
            if (arg != null) args.Add(SendmailTokens.Join(arg, _cf.OperatorChars, _blankSub));
            var declaration = host ? new SendmailMapDeclaration { Name = "host", MapClass = "host" } : (_cf.Maps.TryGetValue(mapName, out var d) ? d : null);
            if (declaration == null) throw new SendmailConfigException("554 5.3.0 rewrite: map " + mapName + " not found (" + rule.Origin + ")");
            string keyText = SendmailTokens.Join(key, _cf.OperatorChars, _blankSub);
            if (!declaration.KeepQuotes) keyText = SendmailTokens.StripQuotes(keyText);
            var result = _maps.Lookup(declaration, keyText, args.ToArray());
            var lookup = new SendmailLookupStep(rulesetName, rule, declaration, keyText, result);
            Lookups.Add(lookup);
            Events.Add(lookup);
            List<string> replacement;
            if (result.TempFail && declaration.AppendOnTempFail.Length > 0)
                replacement = SendmailTokens.Scan(keyText + declaration.AppendOnTempFail, _cf.OperatorChars);
            else if (result.Found)
            {
                string value = declaration.MatchOnly ? keyText : result.Value;
                value = Substitute(value, keyText, args);
                replacement = value.Length == 0 ? [] : SendmailTokens.Scan(value + declaration.AppendOnMatch, _cf.OperatorChars);
            }
            else if (defaults != null)
                replacement = SendmailTokens.Scan(SendmailTokens.Join(defaults, _cf.OperatorChars, _blankSub), _cf.OperatorChars);
            else
                replacement = key;
            int count = Math.Min(end + 1, n.Count) - r;
            n.RemoveRange(r, count);
            n.InsertRange(r, replacement);
            r += replacement.Count - 1;
        }
    }

    /// <summary>%0 (the key) and %1..%9 (the arguments) in a map value, as map_rewrite does.</summary>
    static string Substitute(string value, string key, List<string> args)
    {
        if (value.IndexOf('%') < 0) return value;
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 1 < value.Length && char.IsDigit(value[i + 1]))
            {
                int n = value[++i] - '0';
                if (n == 0) sb.Append(key);
                else if (n <= args.Count) sb.Append(args[n - 1]);
                continue;
            }
            if (value[i] == '%' && i + 1 < value.Length && value[i + 1] == '%') { sb.Append('%'); i++; continue; }
            sb.Append(value[i]);
        }
        return sb.ToString();
    }

    List<(string Class, string Member)> ClassMatches(IReadOnlyList<string> lhs, List<string> ws, List<(int Start, int End)> binds)
    {
        var found = new List<(string, string)>();
        int b = 0;
        foreach (string t in lhs)
        {
            if (!SendmailTokens.IsMeta(t) || t.Length < 2) continue;
            char code = t[1];
            if (code is '*' or '+' or '-' or '~' or '=')
            {
                if (code == '=' && b < binds.Count) found.Add((t.Substring(2), SendmailTokens.Join(ws, binds[b].Start, binds[b].End - binds[b].Start, _cf.OperatorChars)));
                b++;
            }
        }
        return found;
    }

    List<string> CallSubroutines(List<string> n, int depth)
    {
        var calls = new List<int>();
        for (int i = 0; i + 1 < n.Count; i++)
        {
            if (!SendmailTokens.IsMeta(n[i], '>')) continue;
            var target = _cf.Ruleset(SendmailTokens.StripQuotes(n[i + 1])) ?? throw new SendmailConfigException("554 5.3.5 Unknown ruleset " + SendmailTokens.StripQuotes(n[i + 1]));
            if (target.Rules.Count == 0)
            {
                // An empty ruleset is not called: its two tokens are just dropped.
                n.RemoveRange(i, 2);
                i--;
                continue;
            }
            calls.Add(i);
        }
        for (int c = calls.Count - 1; c >= 0; c--)
        {
            int at = calls[c];
            string name = SendmailTokens.StripQuotes(n[at + 1]);
            var argument = n.GetRange(at + 2, n.Count - at - 2);
            var result = Rewrite(name, argument, depth + 1);
            n.RemoveRange(at, n.Count - at);
            n.AddRange(result);
        }
        return n;
    }

    /// <summary>The ruleset name Sendmail shows for a number, for traces.</summary>
    public static string RulesetLabel(SendmailRuleset r) => r.Number >= 0 && r.Name != r.Number.ToString(CultureInfo.InvariantCulture) ? r.Name + "=" + r.Number : r.Name;
}

/// <summary>One rule that matched during a what-if, and the workspace it made.</summary>
public sealed class SendmailRewriteStep
{
    /// <summary>Creates it.</summary>
    public SendmailRewriteStep(string ruleset, SendmailRule rule, int depth, string result, List<(string Class, string Member)> classMatches)
    {
        Ruleset = ruleset;
        Rule = rule;
        Depth = depth;
        Result = result;
        ClassMatches = classMatches;
    }

    /// <summary>The workspace the rule matched.</summary>
    public IReadOnlyList<string> Input { get; set; } = [];

    /// <summary>The classes the pattern matched, with the member that matched.</summary>
    public List<(string Class, string Member)> ClassMatches { get; }

    /// <summary>The ruleset.</summary>
    public string Ruleset { get; }
    /// <summary>The rule.</summary>
    public SendmailRule Rule { get; }
    /// <summary>The subroutine depth (0 for the ruleset the check called).</summary>
    public int Depth { get; }
    /// <summary>The workspace after the rule, as sendmail -bt prints it.</summary>
    public string Result { get; }
}

/// <summary>One map lookup during a what-if.</summary>
public sealed class SendmailLookupStep
{
    /// <summary>Creates it.</summary>
    public SendmailLookupStep(string ruleset, SendmailRule rule, SendmailMapDeclaration map, string key, SendmailMapResult result)
    {
        Ruleset = ruleset;
        Rule = rule;
        Map = map;
        Key = key;
        Result = result;
    }

    /// <summary>The ruleset that looked up.</summary>
    public string Ruleset { get; }
    /// <summary>The rule.</summary>
    public SendmailRule Rule { get; }
    /// <summary>The map's K line.</summary>
    public SendmailMapDeclaration Map { get; }
    /// <summary>The key.</summary>
    public string Key { get; }
    /// <summary>What was found.</summary>
    public SendmailMapResult Result { get; }
}
