using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace RelayTools.Core.Exim;

/// <summary>
/// Turns configuration text into logical lines the way Exim's readconf does before it parses options:
/// comments and blank lines dropped, <c>\</c> continuations joined (leading white space of the next line
/// removed), macros defined (<c>NAME = value</c>, <c>NAME == value</c> to redefine) and substituted,
/// <c>.ifdef / .ifndef / .elifdef / .elifndef / .else / .endif</c> honoured, and <c>.include</c> /
/// <c>.include_if_exists</c> read in place.
/// </summary>
public sealed class EximPreprocessor
{
    readonly Func<string, string?> _readFile;
    readonly List<EximConfigNote> _notes;
    readonly List<EximLine> _lines = new();
    readonly HashSet<string> _including = new(StringComparer.Ordinal);

    /// <summary>Creates a preprocessor that reads included files with <paramref name="readFile"/> and writes notes into <paramref name="notes"/>.</summary>
    public EximPreprocessor(Func<string, string?> readFile, List<EximConfigNote> notes, IDictionary<string, EximMacro>? macros = null)
    {
        _readFile = readFile;
        _notes = notes;
        Macros = macros != null ? new Dictionary<string, EximMacro>(macros, StringComparer.Ordinal) : new Dictionary<string, EximMacro>(StringComparer.Ordinal);
    }

    /// <summary>The macros defined so far, by name (user macros and the ones given to the constructor).</summary>
    public Dictionary<string, EximMacro> Macros { get; }

    /// <summary>The macro line of Debian's templates after which update-exim4.conf inserts the macros it makes.</summary>
    public const string SeedMarker = "UPEX4CmacrosUPEX4C";

    /// <summary>Macros defined right after the <see cref="SeedMarker"/> line, unless already defined (Debian's dc_* values).</summary>
    public IReadOnlyList<EximMacro>? SeedAfterMarker { get; set; }

    /// <summary>The logical lines read so far.</summary>
    public IReadOnlyList<EximLine> Lines => _lines;

    /// <summary>Reads one file's text (the name is used in origins and to resolve relative .include paths).</summary>
    public void Add(string text, string file)
    {
        _including.Add(file);
        var conditions = new Stack<(bool Active, bool Taken, bool Else, string Origin)>();
        string[] physical = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < physical.Length; i++)
        {
            int number = i + 1;
            string raw = physical[i].TrimEnd();
            string trimmed = raw.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            bool active = conditions.Count == 0 || conditions.Peek().Active;
            if (trimmed[0] == '.')
            {
                HandleDirective(trimmed, file, number, conditions, active);
                continue;
            }
            // Continuations are joined even in skipped regions, so a skipped line's tail is not taken for a line.
            var sb = new StringBuilder(trimmed);
            while (sb.Length > 0 && sb[sb.Length - 1] == '\\' && i + 1 < physical.Length)
            {
                sb.Length--;
                i++;
                string next = physical[i].Trim();
                while (next.StartsWith("#", StringComparison.Ordinal) && i + 1 < physical.Length) { i++; next = physical[i].Trim(); }
                if (next.StartsWith("#", StringComparison.Ordinal)) next = "";
                sb.Append(next);
            }
            if (!active) continue;
            string line = sb.ToString();
            if (char.IsUpper(line[0]) && TryDefine(line, file, number)) continue;
            _lines.Add(new EximLine(Substitute(line), file, number));
        }
        if (conditions.Count > 0)
            _notes.Add(new EximConfigNote(EximNoteKind.Syntax, conditions.Peek().Origin, "missing .endif: the conditional started here is never closed (Exim refuses the file)"));
        _including.Remove(file);
    }

    void HandleDirective(string line, string file, int number, Stack<(bool Active, bool Taken, bool Else, string Origin)> conditions, bool active)
    {
        string origin = file + ":" + number;
        int space = line.IndexOfAny([' ', '\t']);
        string word = space < 0 ? line : line.Substring(0, space);
        string arg = space < 0 ? "" : line.Substring(space + 1).Trim();
        switch (word)
        {
            case ".ifdef":
            case ".ifndef":
                {
                    bool defined = IsDefined(arg);
                    bool value = word == ".ifdef" ? defined : !defined;
                    conditions.Push((active && value, value, false, origin));
                    break;
                }
            case ".elifdef":
            case ".elifndef":
                {
                    if (conditions.Count == 0 || conditions.Peek().Else) { Syntax(origin, word + " without a matching .ifdef"); break; }
                    var top = conditions.Pop();
                    bool outer = conditions.Count == 0 || conditions.Peek().Active;
                    bool defined = IsDefined(arg);
                    bool value = !top.Taken && (word == ".elifdef" ? defined : !defined);
                    conditions.Push((outer && value, top.Taken || value, false, top.Origin));
                    break;
                }
            case ".else":
                {
                    if (conditions.Count == 0 || conditions.Peek().Else) { Syntax(origin, ".else without a matching .ifdef"); break; }
                    var top = conditions.Pop();
                    bool outer = conditions.Count == 0 || conditions.Peek().Active;
                    conditions.Push((outer && !top.Taken, true, true, top.Origin));
                    break;
                }
            case ".endif":
                if (conditions.Count == 0) Syntax(origin, ".endif without a matching .ifdef");
                else conditions.Pop();
                break;
            case ".include":
            case ".include_if_exists":
                {
                    if (!active) break;
                    string path = Substitute(arg).Trim();
                    if (path.Length > 1 && path[0] == '"' && path[path.Length - 1] == '"') path = path.Substring(1, path.Length - 2);
                    if (path.Length == 0) { Syntax(origin, word + " needs a file name"); break; }
                    if (!Path.IsPathRooted(path))
                    {
                        string? dir = Path.GetDirectoryName(file);
                        path = string.IsNullOrEmpty(dir) ? path : Path.Combine(dir, path);
                    }
                    if (_including.Contains(path)) { Syntax(origin, word + " " + path + " includes itself"); break; }
                    string? text = _readFile(path);
                    if (text == null)
                    {
                        if (word == ".include") _notes.Add(new EximConfigNote(EximNoteKind.Unreadable, origin, "failed to open included configuration file " + path));
                        break;
                    }
                    Add(text, path);
                    break;
                }
            default:
                if (active) Syntax(origin, "unknown directive " + word);
                break;
        }
    }

    bool IsDefined(string name) => Macros.ContainsKey(name.Trim()) || EximBuiltinMacros.IsDefined(name.Trim());

    void Syntax(string origin, string message) => _notes.Add(new EximConfigNote(EximNoteKind.Syntax, origin, message));

    bool TryDefine(string line, string file, int number)
    {
        int n = 0;
        while (n < line.Length && (char.IsLetterOrDigit(line[n]) || line[n] == '_')) n++;
        string name = line.Substring(0, n);
        int p = n;
        while (p < line.Length && (line[p] == ' ' || line[p] == '\t')) p++;
        if (p >= line.Length || line[p] != '=')
        {
            Syntax(file + ":" + number, "a line starting with an upper case letter is a macro definition, and '" + name + "' has no '='");
            return true;
        }
        bool redefine = p + 1 < line.Length && line[p + 1] == '=';
        string value = Substitute(line.Substring(p + (redefine ? 2 : 1)).Trim());
        if (Macros.TryGetValue(name, out var old) && !redefine && !old.Seeded)
        {
            Syntax(file + ":" + number, "macro \"" + name + "\" is already defined (use \"==\" if you want to redefine it)");
            return true;
        }
        Macros[name] = new EximMacro(name, value, file + ":" + number, false);
        if (name == SeedMarker && SeedAfterMarker != null)
        {
            // update-exim4.conf puts its ".ifndef NAME / NAME=value / .endif" blocks right after this line.
            foreach (var seed in SeedAfterMarker) if (!Macros.ContainsKey(seed.Name)) Macros[seed.Name] = seed;
        }
        return true;
    }

    /// <summary>Replaces the macros in a line: a name starts where an upper case letter or underscore follows no letter, digit or underscore; the longest defined macro that is a prefix of the word there wins.</summary>
    public string Substitute(string line)
    {
        if (Macros.Count == 0) return line;
        var sb = new StringBuilder(line.Length);
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            bool start = (char.IsUpper(c) || c == '_') && (i == 0 || !(char.IsLetterOrDigit(line[i - 1]) || line[i - 1] == '_'));
            if (start)
            {
                int end = i;
                while (end < line.Length && (char.IsLetterOrDigit(line[end]) || line[end] == '_')) end++;
                string word = line.Substring(i, end - i);
                EximMacro? best = null;
                foreach (var m in Macros.Values)
                {
                    if (word.StartsWith(m.Name, StringComparison.Ordinal) && (best == null || m.Name.Length > best.Name.Length)) best = m;
                }
                if (best != null)
                {
                    sb.Append(best.Value);
                    i += best.Name.Length;
                    continue;
                }
                sb.Append(word);
                i = end;
                continue;
            }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }
}
