using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// Reads sendmail.cf as readcf.c does: continuation lines, D/C/F/K/O/S/R lines, macros in rules expanded
/// when the rule is read (except <c>$&amp;</c>), class files loaded as the F line is met.
/// </summary>
public static class SendmailCfReader
{
    /// <summary>
    /// Parses sendmail.cf text. <paramref name="readFile"/> gives a class file's text by the path written in
    /// the F line (null when it is missing); <paramref name="hostName"/> is $j before any Dj line (Sendmail
    /// takes the host's canonical name).
    /// </summary>
    public static SendmailCf Parse(string text, string fileName, string hostName, Func<string, SendmailFileText?> readFile)
    {
        var cf = new SendmailCf { Source = fileName };
        DefineHostMacros(cf, hostName, "the host's name (no Dj line)");
        // prescan's operator table is set when the first rule is scanned, after the O lines at the top.
        foreach (var (line, _) in Lines(text))
            if (line.StartsWith("O OperatorChars=", StringComparison.Ordinal)) cf.OperatorChars = line.Substring("O OperatorChars=".Length).Trim();
        SendmailRuleset? current = null;
        foreach (var (line, number) in Lines(text))
        {
            string origin = fileName + ":" + number;
            if (line.Length == 0 || line[0] == '#') continue;
            switch (line[0])
            {
                case 'V':
                    int slash = line.IndexOf('/');
                    int.TryParse(slash > 0 ? line.Substring(1, slash - 1) : line.Substring(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out int level);
                    cf.ConfigLevel = level;
                    break;
                case 'D':
                    {
                        int at = 1;
                        string name = MacroName(line, ref at);
                        if (name.Length == 0) { cf.Notes.Add(new SendmailNote(SendmailNoteKind.Syntax, origin, "a D line without a macro name")); break; }
                        cf.Macros[name] = line.Substring(at);
                        cf.MacroOrigins[name] = origin;
                        if (name == "j") DefineHostMacros(cf, Expand(cf, line.Substring(at)), origin, keepJ: true);
                        break;
                    }
                case 'C':
                    {
                        int at = 1;
                        string name = MacroName(line, ref at);
                        foreach (string word in line.Substring(at).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                            cf.AddToClass(name, Expand(cf, word), origin);
                        break;
                    }
                case 'F':
                    ReadClassFile(cf, line, origin, readFile);
                    break;
                case 'K':
                    ReadMap(cf, line, origin);
                    break;
                case 'O':
                    {
                        string body = line.Substring(1).TrimStart();
                        int eq = body.IndexOf('=');
                        if (eq <= 0) { cf.Options.Add(new SendmailOption { Name = body.Length > 0 ? body.Substring(0, 1) : "", Value = body.Length > 1 ? body.Substring(1) : "", Origin = origin }); break; }
                        cf.Options.Add(new SendmailOption { Name = body.Substring(0, eq).Trim(), Value = body.Substring(eq + 1).Trim(), Origin = origin });
                        break;
                    }
                case 'S':
                    current = StartRuleset(cf, line.Substring(1).Trim(), origin);
                    break;
                case 'R':
                    if (current == null) { cf.Notes.Add(new SendmailNote(SendmailNoteKind.Syntax, origin, "a rule before any S line")); break; }
                    var rule = ParseRule(cf, line, origin);
                    if (rule == null) break;
                    rule.Number = current.Rules.Count + 1;
                    current.Rules.Add(rule);
                    break;
                case 'M':
                    int comma = line.IndexOf(',');
                    cf.Mailers.Add((comma > 0 ? line.Substring(1, comma - 1) : line.Substring(1)).Trim());
                    break;
                default:
                    break; // H, P, T, E, Q, X, L lines do not take part in the relay decision
            }
        }
        return cf;
    }

    static void DefineHostMacros(SendmailCf cf, string fullName, string origin, bool keepJ = false)
    {
        if (!keepJ)
        {
            cf.Macros["j"] = fullName;
            cf.MacroOrigins["j"] = origin;
        }
        int dot = fullName.IndexOf('.');
        if (!cf.Macros.ContainsKey("w") || !keepJ)
        {
            cf.Macros["w"] = dot > 0 ? fullName.Substring(0, dot) : fullName;
            cf.MacroOrigins["w"] = origin;
        }
        cf.Macros["m"] = dot > 0 ? fullName.Substring(dot + 1) : "";
        cf.MacroOrigins["m"] = origin;
    }

    /// <summary>Logical lines: a line that starts with a space or tab continues the one before (fgetfolded).</summary>
    static IEnumerable<(string Line, int Number)> Lines(string text)
    {
        string[] raw = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < raw.Length; i++)
        {
            var sb = new StringBuilder(raw[i]);
            int start = i + 1;
            while (i + 1 < raw.Length && raw[i + 1].Length > 0 && (raw[i + 1][0] == ' ' || raw[i + 1][0] == '\t') && raw[i].Length > 0 && raw[i][0] != '#')
                sb.Append(raw[++i]);
            yield return (sb.ToString(), start);
        }
    }

    /// <summary>A macro or class name at <paramref name="at"/>: one character or <c>{name}</c>.</summary>
    internal static string MacroName(string text, ref int at)
    {
        if (at >= text.Length) return "";
        if (text[at] == '{')
        {
            int close = text.IndexOf('}', at);
            if (close < 0) { at = text.Length; return ""; }
            string name = text.Substring(at + 1, close - at - 1);
            at = close + 1;
            return name;
        }
        return text[at++].ToString();
    }

    /// <summary>Expands <c>$x</c> and <c>${name}</c> with the macros defined so far (unknown ones are empty).</summary>
    internal static string Expand(SendmailCf cf, string value, int depth = 0)
    {
        if (value.IndexOf('$') < 0 || depth > 10) return value;
        var sb = new StringBuilder();
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 >= value.Length) { sb.Append(value[i]); continue; }
            int at = i + 1;
            string name = MacroName(value, ref at);
            i = at - 1;
            if (cf.Macros.TryGetValue(name, out string? v)) sb.Append(Expand(cf, v, depth + 1));
        }
        return sb.ToString();
    }

    static void ReadClassFile(SendmailCf cf, string line, string origin, Func<string, SendmailFileText?> readFile)
    {
        int at = 1;
        string name = MacroName(line, ref at);
        string rest = line.Substring(at).Trim();
        bool optional = false;
        if (rest.StartsWith("-o", StringComparison.Ordinal)) { optional = true; rest = rest.Substring(2).TrimStart(); }
        int space = rest.IndexOfAny([' ', '\t']);
        string path = space < 0 ? rest : rest.Substring(0, space);
        string format = space < 0 ? "" : rest.Substring(space).Trim();
        var entry = new SendmailClassFile { ClassName = name, Path = path, Optional = optional, Format = format, Origin = origin };
        cf.ClassFiles.Add(entry);
        if (path.StartsWith("|", StringComparison.Ordinal))
        {
            cf.Notes.Add(new SendmailNote(SendmailNoteKind.Suspicious, origin, "class " + name + " is loaded from a program (" + path + "), which RelayTools does not run: its members are not known"));
            return;
        }
        var file = readFile(path);
        if (file == null)
        {
            if (!optional) cf.Notes.Add(new SendmailNote(SendmailNoteKind.Unreadable, origin, "class " + name + ": cannot open " + path + " (Sendmail refuses to start without it; -o would make it optional)"));
            return;
        }
        entry.Read = true;
        entry.ResolvedPath = file.Path;
        string fileName = System.IO.Path.GetFileName(path);
        string[] lines = file.Text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string content = lines[i];
            // The m4 format %[^\#] takes each line up to a '#'; without a format the whole line is read.
            if (format.StartsWith("%[^", StringComparison.Ordinal))
            {
                int hash = content.IndexOf('#');
                if (hash >= 0) content = content.Substring(0, hash);
            }
            foreach (string word in content.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                cf.AddToClass(name, word, fileName + ":" + (i + 1));
        }
    }

    static void ReadMap(SendmailCf cf, string line, string origin)
    {
        string[] parts = line.Substring(1).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) { cf.Notes.Add(new SendmailNote(SendmailNoteKind.Syntax, origin, "a K line needs a map name and a class")); return; }
        var map = new SendmailMapDeclaration { Name = parts[0], MapClass = parts[1], Arguments = string.Join(" ", parts, 2, parts.Length - 2), Origin = origin };
        for (int i = 2; i < parts.Length; i++)
        {
            string p = parts[i];
            if (p.Length >= 2 && p[0] == '-')
            {
                switch (p[1])
                {
                    case 'a': map.AppendOnMatch = p.Substring(2); break;
                    case 'T': map.AppendOnTempFail = p.Substring(2); break;
                    case 'o': map.Optional = true; break;
                    case 'f': map.KeepCase = true; break;
                    case 'm': map.MatchOnly = true; break;
                    case 'q': map.KeepQuotes = true; break;
                }
                continue;
            }
            if (map.File.Length == 0) map.File = p;
        }
        cf.Maps[map.Name] = map;
    }

    static SendmailRuleset StartRuleset(SendmailCf cf, string spec, string origin)
    {
        string name = spec;
        int number = -1;
        int eq = spec.IndexOf('=');
        if (eq > 0)
        {
            name = spec.Substring(0, eq).Trim();
            int.TryParse(spec.Substring(eq + 1).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number);
        }
        else if (int.TryParse(spec, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)) number = n;
        // A second S line for the same ruleset continues it (m4 output does this for check_* hooks).
        if (cf.Rulesets.TryGetValue(name, out var existing)) return existing;
        var ruleset = new SendmailRuleset { Name = name, Number = number, Origin = origin };
        cf.Rulesets[name] = ruleset;
        if (number >= 0) cf.Rulesets[number.ToString(CultureInfo.InvariantCulture)] = ruleset;
        return ruleset;
    }

    static SendmailRule? ParseRule(SendmailCf cf, string line, string origin)
    {
        int tab = line.IndexOf('\t');
        if (tab < 0) { cf.Notes.Add(new SendmailNote(SendmailNoteKind.Syntax, origin, "invalid rewrite line: the pattern and the replacement must be separated by a tab")); return null; }
        string lhs = line.Substring(1, tab - 1);
        int rhsStart = tab;
        while (rhsStart < line.Length && line[rhsStart] == '\t') rhsStart++;
        int rhsEnd = line.IndexOf('\t', rhsStart);
        string rhs = rhsEnd < 0 ? line.Substring(rhsStart) : line.Substring(rhsStart, rhsEnd - rhsStart);
        string comment = rhsEnd < 0 ? "" : line.Substring(rhsEnd).Trim();
        return new SendmailRule
        {
            Lhs = Translate(cf, lhs),
            Rhs = Translate(cf, rhs),
            Text = "R" + lhs + "\t" + rhs,
            Comment = comment,
            Origin = origin,
        };
    }

    /// <summary>Turns one side of a rule into tokens: metasymbols become single tokens, other macros are expanded now.</summary>
    internal static List<string> Translate(SendmailCf cf, string side)
    {
        var tokens = new List<string>();
        var plain = new StringBuilder();
        void Flush()
        {
            if (plain.Length > 0) tokens.AddRange(SendmailTokens.Scan(plain.ToString(), cf.OperatorChars, removeComments: false));
            plain.Clear();
        }
        for (int i = 0; i < side.Length; i++)
        {
            char c = side[i];
            if (c != '$' || i + 1 >= side.Length) { plain.Append(c); continue; }
            char code = side[i + 1];
            if ("*+-@:#>[]()|".IndexOf(code) >= 0 || (code >= '0' && code <= '9'))
            {
                Flush();
                tokens.Add(SendmailTokens.MetaToken(code.ToString()));
                i++;
                continue;
            }
            if (code is '=' or '~' or '&')
            {
                int at = i + 2;
                string name = MacroName(side, ref at);
                Flush();
                tokens.Add(SendmailTokens.MetaToken(code + name));
                i = at - 1;
                continue;
            }
            {
                int at = i + 1;
                string name = MacroName(side, ref at);
                plain.Append(cf.Macros.TryGetValue(name, out string? v) ? Expand(cf, v) : "");
                i = at - 1;
            }
        }
        Flush();
        return tokens;
    }
}

/// <summary>A file's text and the path it was read from.</summary>
public sealed class SendmailFileText
{
    /// <summary>Creates it.</summary>
    public SendmailFileText(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>The path read.</summary>
    public string Path { get; }

    /// <summary>The text.</summary>
    public string Text { get; }
}
