using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// One macro call of a sendmail.mc file, in file order: <c>FEATURE(`access_db', , `skip')</c>,
/// <c>define(`confPRIVACY_FLAGS', `...')</c>, or a macro without arguments such as <c>MAILER_DEFINITIONS</c> or <c>LOCAL_CONFIG</c>.
/// </summary>
public sealed class SendmailMcStatement
{
    /// <summary>The macro name as written (FEATURE, define, undefine, RELAY_DOMAIN, DAEMON_OPTIONS, MAILER, include, LOCAL_CONFIG...).</summary>
    public string Macro { get; set; } = "";

    /// <summary>
    /// The arguments: separated by the commas outside quotes and inner parentheses, one level of m4 quotes (<c>`...'</c>)
    /// removed, white space around each trimmed; an empty argument stays (<c>FEATURE(`access_db', , `skip')</c> gives
    /// access_db, "", skip). Macros inside are not expanded. Empty for a macro called without parentheses.
    /// </summary>
    public string[] Arguments { get; set; } = [];

    /// <summary>The 1-based line the macro name is on.</summary>
    public int Line { get; set; }

    /// <summary>file:line (<c>sendmail.mc:40</c>).</summary>
    public string Origin { get; set; } = "";

    /// <summary>The call as written, from the macro name to the closing parenthesis (lines joined with newlines, a <c>dnl</c> comment inside kept).</summary>
    public string Text { get; set; } = "";

    /// <summary>
    /// For a macro that opens a section of raw sendmail.cf text (LOCAL_CONFIG, LOCAL_RULESETS, LOCAL_NET_CONFIG, LOCAL_RULE_0..3,
    /// MAILER_DEFINITIONS, LOCAL_TLS_*...): the non-blank lines of that text that follow it, as written, each with its own
    /// origin; empty otherwise.
    /// </summary>
    public SendmailMcItem[] Body { get; set; } = [];

    /// <summary>The argument at <paramref name="index"/> (0-based), or "" when there are fewer.</summary>
    public string Argument(int index) => index < Arguments.Length ? Arguments[index] : "";

    /// <inheritdoc />
    public override string ToString() => Origin + ": " + Text;
}

/// <summary>
/// One piece of a statement, with where it was written: a word of its argument (a domain of RELAY_DOMAIN, a mechanism of
/// TRUST_AUTH_MECH) or a line of a LOCAL_CONFIG / LOCAL_RULESETS body.
/// </summary>
public sealed class SendmailMcItem
{
    /// <summary>The word or line as written.</summary>
    public string Value { get; set; } = "";

    /// <summary>file:line: the statement's line for a word, the line's own for a body line.</summary>
    public string Origin { get; set; } = "";

    /// <summary>The macro it comes from (RELAY_DOMAIN, LOCAL_DOMAIN, TRUST_AUTH_MECH...).</summary>
    public string Macro { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>The m4 reading of a sendmail.mc: macro calls, quotes, dnl, # comments, section bodies, and notes for what m4 would choke on.</summary>
internal sealed class SendmailMcScanner
{
    readonly string _text;
    readonly string _file;
    readonly List<int> _lineStarts = new() { 0 };
    bool _hashComments;
    int _pos;
    int _divert;
    int _textParens;
    bool _mailerSeen;
    SendmailMcStatement? _section;
    List<SendmailMcItem>? _body;

    internal SendmailMcScanner(string text, string file, bool hashComments)
    {
        _text = text;
        _file = file;
        _hashComments = hashComments;
        for (int i = 0; i < text.Length; i++) if (text[i] == '\n') _lineStarts.Add(i + 1);
    }

    internal List<SendmailMcStatement> Statements { get; } = new();
    internal List<SendmailNote> Notes { get; } = new();

    /// <summary>True when an include of cf.m4 was read (from there on # is no comment).</summary>
    internal bool IncludedCfM4 { get; private set; }

    internal void Run()
    {
        int checkedLine = -1;
        while (_pos < _text.Length)
        {
            if ((_pos == 0 || _text[_pos - 1] == '\n') && checkedLine != _pos)
            {
                checkedLine = _pos;
                if (LineStart()) continue;
            }
            char c = _text[_pos];
            if (c == '#' && _hashComments) { _pos = EndOfLine(_pos); continue; }
            if (c == '`')
            {
                int close = MatchQuote(_pos);
                if (close < 0) { Fail(LineOf(_pos), "the quote ` opened here is never closed (m4 stops: end of file in string)"); continue; }
                _pos = close + 1;
                continue;
            }
            if (IsNameStart(c))
            {
                int start = _pos;
                string name = ReadName();
                if (name == "dnl") _pos = NextLine(_pos);
                else if (_pos < _text.Length && _text[_pos] == '(') Call(name, start);
                else if (SendmailMcFile.SectionMacros.Contains(name) || name == "divert") Add(name, [], start, _pos);
                continue;
            }
            if (c == '\n') _textParens = 0;
            else if (c == '(') _textParens++;
            else if (c == ')' && _textParens > 0) _textParens--;
            else if (c == ')' && _divert >= 0 && !LineStartsWithHash(_pos))
                Notes.Add(Note(SendmailNoteKind.Syntax, LineOf(_pos), "')' without a '(' before it: m4 copies it into sendmail.cf as text"));
            _pos++;
        }
        EndSection();
    }

    /// <summary>At the start of a line: a body line of an open section, or a stray-text check. True when the line was consumed.</summary>
    bool LineStart()
    {
        int eol = EndOfLine(_pos);
        string line = _text.Substring(_pos, eol - _pos);
        string t = line.TrimStart();
        if (t.Length == 0 || StartsStatement(t)) return false;
        if (_section != null)
        {
            _body!.Add(new SendmailMcItem { Value = line, Origin = _file + ":" + LineOf(_pos), Macro = _section.Macro });
            _pos = NextLine(_pos);
            return true;
        }
        if (_divert >= 0 && t[0] != '#' && t[0] != '`')
            Notes.Add(Note(SendmailNoteKind.Suspicious, LineOf(_pos), "text outside a macro call (\"" + Shorten(t) + "\") is copied into sendmail.cf as written; "
                + "put sendmail.cf lines after LOCAL_CONFIG, or end the line with dnl"));
        return false;
    }

    bool StartsStatement(string t)
    {
        if (t[0] == '#' && _hashComments) return true;
        if (!IsNameStart(t[0])) return false;
        int i = 0;
        while (i < t.Length && IsNameChar(t[i])) i++;
        string name = t.Substring(0, i);
        if (name == "dnl" || SendmailMcFile.SectionMacros.Contains(name)) return true;
        return i < t.Length && t[i] == '(' && (_section == null || IsMcMacro(name));
    }

    // Inside a section body only the macros of cf.m4 and m4 count as statements: anything else is a sendmail.cf line.
    static bool IsMcMacro(string name) => name.All(c => c is (>= 'A' and <= 'Z') or '_' or (>= '0' and <= '9'))
        || name is "define" or "undefine" or "include" or "sinclude" or "divert" or "ifdef" or "ifelse" or "errprint";

    void Call(string name, int start)
    {
        int line = LineOf(start);
        var args = new List<string>();
        var cur = new StringBuilder();
        int depth = 0;
        int i = SkipSpace(_pos + 1);
        while (true)
        {
            if (i >= _text.Length) { Fail(line, name + "( opened here is never closed: a ')' or a quote is missing (m4 stops: end of file in argument list)"); return; }
            char c = _text[i];
            if (c == '`')
            {
                int close = MatchQuote(i);
                if (close < 0)
                {
                    Fail(line, LineOf(i) == line
                        ? "the quote ` opened here in " + name + "( is never closed (m4 stops: end of file in string)"
                        : name + "( opened here is never closed: m4 reads on to a quote on line " + LineOf(i) + " that never closes (end of file in string)");
                    return;
                }
                if (depth == 0) cur.Append(_text, i + 1, close - i - 1);
                else cur.Append(_text, i, close - i + 1);
                i = close + 1;
            }
            else if (c == '#' && _hashComments) { int e = EndOfLine(i); cur.Append(_text, i, e - i); i = e; }
            else if (IsNameStart(c))
            {
                int s = i;
                while (i < _text.Length && IsNameChar(_text[i])) i++;
                if (i - s == 3 && string.CompareOrdinal(_text, s, "dnl", 0, 3) == 0) i = NextLine(i);
                else cur.Append(_text, s, i - s);
            }
            else if (c == '(') { depth++; cur.Append(c); i++; }
            else if (c == ')' && depth > 0) { depth--; cur.Append(c); i++; }
            else if (c == ')') { args.Add(cur.ToString().Trim()); i++; break; }
            else if (c == ',' && depth == 0) { args.Add(cur.ToString().Trim()); cur.Clear(); i = SkipSpace(i + 1); }
            else { cur.Append(c); i++; }
        }
        _pos = i;
        Add(name, args.ToArray(), start, i);
    }

    void Add(string name, string[] args, int start, int end)
    {
        int line = LineOf(start);
        var s = new SendmailMcStatement { Macro = name, Arguments = args, Line = line, Origin = _file + ":" + line, Text = _text.Substring(start, end - start) };
        if (SendmailMcFile.SectionMacros.Contains(name) || name == "divert") EndSection();
        Statements.Add(s);
        string lineText = _text.Substring(_lineStarts[line - 1], EndOfLine(_lineStarts[line - 1]) - _lineStarts[line - 1]).TrimStart();
        if (!_hashComments && lineText.StartsWith("#", StringComparison.Ordinal) && _section == null)
            Notes.Add(Note(SendmailNoteKind.Suspicious, line, name + "(...) on a '#' line is in effect: cf.m4 turns m4 comments off (changecom()), so '#' does not "
                + "comment it out; use dnl"));
        switch (name)
        {
            case "include" or "sinclude" when s.Argument(0).EndsWith("cf.m4", StringComparison.Ordinal):
                IncludedCfM4 = true;
                _hashComments = false;
                break;
            case "divert":
                _divert = int.TryParse(s.Argument(0), out int n) ? n : 0;
                break;
            case "MAILER":
                _mailerSeen = true;
                break;
            case "FEATURE" when _mailerSeen:
                Notes.Add(Note(SendmailNoteKind.Suspicious, line, "FEATURE(`" + s.Argument(0) + "') after MAILER(): cf.m4 prints \"*** ERROR: FEATURE() should be before MAILER()\" "
                    + "and the feature may not apply to the mailers already defined; move the FEATUREs above the MAILERs"));
                break;
        }
        if (SendmailMcFile.SectionMacros.Contains(name))
        {
            _section = s;
            _body = new List<SendmailMcItem>();
            _divert = 1;
        }
    }

    void EndSection()
    {
        if (_section != null) _section.Body = _body!.ToArray();
        _section = null;
        _body = null;
    }

    /// <summary>Reports an unbalanced call or quote at <paramref name="line"/> and goes on at the next line.</summary>
    void Fail(int line, string message)
    {
        Notes.Add(Note(SendmailNoteKind.Syntax, line, message));
        _pos = line < _lineStarts.Count ? _lineStarts[line] : _text.Length;
    }

    bool LineStartsWithHash(int pos)
    {
        int start = _lineStarts[LineOf(pos) - 1];
        return _text.Substring(start, pos - start).TrimStart().StartsWith("#", StringComparison.Ordinal);
    }

    int MatchQuote(int open)
    {
        int depth = 0;
        for (int i = open; i < _text.Length; i++)
        {
            if (_text[i] == '`') depth++;
            else if (_text[i] == '\'' && --depth == 0) return i;
        }
        return -1;
    }

    string ReadName()
    {
        int start = _pos;
        while (_pos < _text.Length && IsNameChar(_text[_pos])) _pos++;
        return _text.Substring(start, _pos - start);
    }

    int SkipSpace(int i)
    {
        while (i < _text.Length && char.IsWhiteSpace(_text[i])) i++;
        return i;
    }

    int EndOfLine(int i)
    {
        int e = _text.IndexOf('\n', i);
        return e < 0 ? _text.Length : e;
    }

    int NextLine(int i) => Math.Min(EndOfLine(i) + 1, _text.Length);

    int LineOf(int pos)
    {
        int index = _lineStarts.BinarySearch(pos);
        return index >= 0 ? index + 1 : ~index;
    }

    SendmailNote Note(SendmailNoteKind kind, int line, string message) => new(kind, _file + ":" + line, message);

    static string Shorten(string t) => t.Length > 60 ? t.Substring(0, 60) + "..." : t;

    static bool IsNameStart(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_';

    static bool IsNameChar(char c) => IsNameStart(c) || c is >= '0' and <= '9';
}
