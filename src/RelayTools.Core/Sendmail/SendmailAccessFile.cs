using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// The text source of Sendmail's access map (<c>/etc/mail/access</c>), read the way <c>makemap hash access &lt; access</c> reads
/// it: a line that is empty or starts with <c>#</c> is skipped; the key is everything up to the first white space, folded to
/// lower case; the value is the rest after that white space, kept as written (a trailing <c># comment</c> and trailing spaces
/// stay in it). A line makemap refuses (leading white space, a key without a value) becomes a note and the rest is still read;
/// of two lines with the same key makemap keeps the first.
/// </summary>
public sealed class SendmailAccessFile
{
    // makemap reads lines with a BUFSIZE (8192 on glibc) buffer: a longer line is refused.
    const int MaxLineLength = 8191;

    readonly Dictionary<string, SendmailAccessEntry> _byKey;

    SendmailAccessFile(string source, List<SendmailAccessEntry> entries, List<SendmailNote> notes, Dictionary<string, SendmailAccessEntry> byKey)
    {
        Source = source;
        Entries = entries;
        Notes = notes;
        _byKey = byKey;
    }

    /// <summary>The file name given to <see cref="Parse"/> (used in origins).</summary>
    public string Source { get; }

    /// <summary>Every line makemap accepts, in file order; a repeated key is kept here with <see cref="SendmailAccessEntry.IsDuplicate"/> set.</summary>
    public IReadOnlyList<SendmailAccessEntry> Entries { get; }

    /// <summary>Lines makemap refuses, unknown tags and values, and entries that do not do what they seem to.</summary>
    public IReadOnlyList<SendmailNote> Notes { get; }

    /// <summary>
    /// The value Sendmail finds for a whole key (<c>Connect:10.20.1</c>, <c>To:example.com</c>), compared case-insensitively as
    /// makemap and Sendmail fold it; the first line with that key wins, as in the map makemap builds. Null when there is none.
    /// </summary>
    public string? Lookup(string key) => Find(key)?.Value;

    /// <summary>The entry Sendmail finds for a whole key (see <see cref="Lookup"/>); null when there is none.</summary>
    public SendmailAccessEntry? Find(string key) => _byKey.TryGetValue(FoldKey(key), out var entry) ? entry : null;

    /// <summary>Reads an access file from disk (bytes as UTF-8, a byte order mark kept so that it is reported).</summary>
    /// <exception cref="IOException">The file cannot be read (a missing file included).</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to read it.</exception>
    public static SendmailAccessFile ReadFile(string path) =>
        Parse(new UTF8Encoding(false).GetString(File.ReadAllBytes(path)), path);

    /// <summary>Parses the text of an access file; <paramref name="fileName"/> is used in origins (<c>access:12</c>).</summary>
    public static SendmailAccessFile Parse(string text, string fileName)
    {
        var entries = new List<SendmailAccessEntry>();
        var notes = new List<SendmailNote>();
        var byKey = new Dictionary<string, SendmailAccessEntry>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        int count = lines.Length;
        if (count > 0 && lines[count - 1].Length == 0) count--; // the newline that ends the last line
        for (int i = 0; i < count; i++)
        {
            string line = lines[i];
            int number = i + 1;
            string origin = fileName + ":" + number;
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.Length > MaxLineLength)
            {
                notes.Add(new SendmailNote(SendmailNoteKind.Syntax, origin, "line too long (" + line.Length + " characters, makemap reads " + MaxLineLength + "): makemap refuses it"));
                continue;
            }
            if (IsSpace(line[0]))
            {
                string why = line.Trim().Length == 0
                    ? "a line of only white space is not a blank line to makemap"
                    : line.TrimStart().StartsWith("#", StringComparison.Ordinal)
                        ? "an indented comment is not a comment to makemap: '#' must be the first character"
                        : "the key must start in the first column";
                notes.Add(new SendmailNote(SendmailNoteKind.Syntax, origin, "makemap refuses the line (syntax error (leading space)): " + why));
                continue;
            }
            int end = 0;
            while (end < line.Length && !IsSpace(line[end])) end++;
            string key = line.Substring(0, end);
            int start = end;
            while (start < line.Length && IsSpace(line[start])) start++;
            string value = line.Substring(start);
            if (value.Length == 0)
            {
                notes.Add(new SendmailNote(SendmailNoteKind.Syntax, origin, "no value after the key \"" + key + "\": makemap refuses the line (no RHS for LHS) and Sendmail never sees it"));
                continue;
            }
            if (i == 0 && key.Length > 0 && key[0] == '\uFEFF')
                notes.Add(new SendmailNote(SendmailNoteKind.Suspicious, origin, "the file starts with a UTF-8 byte order mark: makemap takes it as part of the first key, which then never matches; save the file without BOM"));

            var entry = new SendmailAccessEntry { Line = number, Origin = origin, Text = line.TrimEnd('\r'), LookupKey = FoldKey(key), Value = value };
            SendmailAccessEntry.Interpret(entry, key, notes);
            if (byKey.TryGetValue(entry.LookupKey, out var first))
            {
                entry.IsDuplicate = true;
                notes.Add(new SendmailNote(SendmailNoteKind.Syntax, origin,
                    "duplicate key \"" + entry.LookupKey + "\": makemap keeps " + first.Origin + " (" + first.Value.Trim() + "), drops this line (" + value.Trim() + ") and exits 65; remove one of them"));
            }
            else
            {
                byKey[entry.LookupKey] = entry;
            }
            entries.Add(entry);
        }
        return new SendmailAccessFile(fileName, entries, notes, byKey);
    }

    /// <summary>makemap folds ASCII upper case in the key to lower case (and only that).</summary>
    internal static string FoldKey(string key)
    {
        var b = new StringBuilder(key.Length);
        foreach (char c in key) b.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
        return b.ToString();
    }

    /// <summary>isspace() in the C locale: space, tab, newline, vertical tab, form feed, carriage return.</summary>
    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}
