using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RelayTools.Core.Logs.Journal;

/// <summary>
/// Reads one line of <c>journalctl -o json</c>: a flat JSON object whose values are strings, null,
/// arrays of byte values (a field that is not valid UTF-8, decoded here with U+FFFD for bad bytes)
/// or arrays of those (a repeated field). A pure function over the text; nothing else is allocated
/// for the fields it does not need.
/// </summary>
public static class JournalJson
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>Parses <paramref name="line"/>; null when it is not a JSON object.</summary>
    public static JournalEntry? TryParse(string line)
    {
        if (line is null) throw new ArgumentNullException(nameof(line));
        var reader = new Reader(line);
        reader.SkipSpace();
        if (!reader.Take('{')) return null;
        var entry = new JournalEntry();
        reader.SkipSpace();
        if (reader.Take('}')) return reader.AtEnd() ? entry : null;
        while (true)
        {
            reader.SkipSpace();
            string? name = reader.String();
            if (name is null) return null;
            reader.SkipSpace();
            if (!reader.Take(':')) return null;
            reader.SkipSpace();
            if (!reader.Value(Wanted(name), out string? value)) return null;
            if (value is not null) entry.Set(name, value);
            reader.SkipSpace();
            if (reader.Take(',')) continue;
            if (reader.Take('}')) return reader.AtEnd() ? entry : null;
            return null;
        }
    }

    private static bool Wanted(string name) => name is "MESSAGE" or "_HOSTNAME" or "SYSLOG_IDENTIFIER" or "_COMM" or "SYSLOG_PID" or "_PID" or "__REALTIME_TIMESTAMP";

    private ref struct Reader
    {
        private readonly string _text;
        private int _i;

        public Reader(string text)
        {
            _text = text;
            _i = 0;
        }

        public void SkipSpace()
        {
            while (_i < _text.Length && (_text[_i] == ' ' || _text[_i] == '\t' || _text[_i] == '\r' || _text[_i] == '\n')) _i++;
        }

        public bool Take(char c)
        {
            if (_i < _text.Length && _text[_i] == c)
            {
                _i++;
                return true;
            }
            return false;
        }

        public bool AtEnd()
        {
            SkipSpace();
            return _i == _text.Length;
        }

        // A string, a number, true/false/null, a byte array or an array of those. value is the text
        // of the field (the first element of a repeated one) when wanted, else null.
        public bool Value(bool wanted, out string? value)
        {
            value = null;
            if (_i >= _text.Length) return false;
            char c = _text[_i];
            if (c == '"')
            {
                string? s = String();
                if (s is null) return false;
                if (wanted) value = s;
                return true;
            }
            if (c == '[') return Array(wanted, out value);
            if (c == '{') return false; // journalctl never nests objects
            int start = _i;
            while (_i < _text.Length && _text[_i] != ',' && _text[_i] != '}' && _text[_i] != ']' && _text[_i] != ' ') _i++;
            string word = _text.Substring(start, _i - start);
            if (word is "null" or "true" or "false") return true;
            if (!double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return false;
            if (wanted) value = word;
            return true;
        }

        // [1,2,3] (bytes) or ["a","b"] / [[1,2],[3]] (a repeated field: the first value counts).
        private bool Array(bool wanted, out string? value)
        {
            value = null;
            _i++;
            List<byte>? bytes = null;
            bool first = true;
            SkipSpace();
            if (Take(']')) return true;
            while (true)
            {
                SkipSpace();
                if (_i >= _text.Length) return false;
                char c = _text[_i];
                if (c == '"' || c == '[')
                {
                    if (!Value(wanted && first && bytes is null, out string? element)) return false;
                    if (first) value = element;
                }
                else
                {
                    int start = _i;
                    while (_i < _text.Length && _text[_i] >= '0' && _text[_i] <= '9') _i++;
                    if (_i == start || _i - start > 3) return false;
                    int b = int.Parse(_text.Substring(start, _i - start), CultureInfo.InvariantCulture);
                    if (b > 255) return false;
                    if (wanted) (bytes ??= new List<byte>()).Add((byte)b);
                }
                first = false;
                SkipSpace();
                if (Take(',')) continue;
                if (!Take(']')) return false;
                if (bytes is not null) value = Utf8.GetString(bytes.ToArray());
                return true;
            }
        }

        public string? String()
        {
            if (!Take('"')) return null;
            int start = _i;
            int quote = _text.IndexOf('"', _i);
            int escape = _text.IndexOf('\\', _i, (quote < 0 ? _text.Length : quote) - _i);
            if (quote >= 0 && escape < 0)
            {
                _i = quote + 1;
                return _text.Substring(start, quote - start);
            }
            var s = new StringBuilder();
            while (_i < _text.Length)
            {
                char c = _text[_i++];
                if (c == '"') return s.ToString();
                if (c != '\\')
                {
                    s.Append(c);
                    continue;
                }
                if (_i >= _text.Length) return null;
                char e = _text[_i++];
                switch (e)
                {
                    case '"': case '\\': case '/': s.Append(e); break;
                    case 'b': s.Append('\b'); break;
                    case 'f': s.Append('\f'); break;
                    case 'n': s.Append('\n'); break;
                    case 'r': s.Append('\r'); break;
                    case 't': s.Append('\t'); break;
                    case 'u':
                        if (_i + 4 > _text.Length || !int.TryParse(_text.Substring(_i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code)) return null;
                        s.Append((char)code);
                        _i += 4;
                        break;
                    default: return null;
                }
            }
            return null;
        }
    }
}
