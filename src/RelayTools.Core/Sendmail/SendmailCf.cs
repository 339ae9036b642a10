using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// A compiled sendmail.cf as Sendmail reads it: macros, classes (with the files they load), maps, options
/// and the rulesets that make the relay decision.
/// </summary>
public sealed class SendmailCf
{
    /// <summary>Where it was read from.</summary>
    public string Source { get; set; } = "";

    /// <summary>The configuration level of the V line (10 for 8.17).</summary>
    public int ConfigLevel { get; set; }

    /// <summary>D lines (and the names Sendmail defines before reading: j, w, m), raw; name → value.</summary>
    public Dictionary<string, string> Macros { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each macro was defined.</summary>
    public Dictionary<string, string> MacroOrigins { get; } = new(StringComparer.Ordinal);

    /// <summary>Classes: name (<c>w</c>, <c>R</c>, <c>Accept</c>) → members in order.</summary>
    public Dictionary<string, List<SendmailClassMember>> Classes { get; } = new(StringComparer.Ordinal);

    /// <summary>The files F lines load into classes: class, path as written, optional, origin, and whether it was read.</summary>
    public List<SendmailClassFile> ClassFiles { get; } = [];

    /// <summary>K lines by map name.</summary>
    public Dictionary<string, SendmailMapDeclaration> Maps { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>O lines in order (DaemonPortOptions may appear several times).</summary>
    public List<SendmailOption> Options { get; } = [];

    /// <summary>Rulesets by name and by number (as text).</summary>
    public Dictionary<string, SendmailRuleset> Rulesets { get; } = new(StringComparer.Ordinal);

    /// <summary>Mailer names of the M lines (plus error and discard, which Sendmail always has).</summary>
    public HashSet<string> Mailers { get; } = new(StringComparer.OrdinalIgnoreCase) { "error", "discard" };

    /// <summary>Problems found while reading.</summary>
    public List<SendmailNote> Notes { get; } = [];

    /// <summary>OperatorChars in effect.</summary>
    public string OperatorChars { get; set; } = SendmailTokens.DefaultOperatorChars;

    /// <summary>The last value of an option, or null.</summary>
    public string? Option(string name)
    {
        for (int i = Options.Count - 1; i >= 0; i--)
            if (string.Equals(Options[i].Name, name, StringComparison.OrdinalIgnoreCase)) return Options[i].Value;
        return null;
    }

    /// <summary>Every value of an option, in order.</summary>
    public IEnumerable<SendmailOption> OptionsNamed(string name) => Options.Where(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the class holds the word (case-insensitive, as Sendmail's symbol table compares).</summary>
    public bool InClass(string name, string word) =>
        Classes.TryGetValue(name, out var members) && members.Any(m => string.Equals(m.Value, word, StringComparison.OrdinalIgnoreCase));

    /// <summary>The ruleset with this name or number, or null.</summary>
    public SendmailRuleset? Ruleset(string nameOrNumber) => Rulesets.TryGetValue(nameOrNumber, out var r) ? r : null;

    /// <summary>Adds a class member (duplicates are kept once, first origin wins).</summary>
    public void AddToClass(string name, string value, string origin)
    {
        if (!Classes.TryGetValue(name, out var members)) Classes[name] = members = [];
        if (value.Length == 0 || members.Any(m => string.Equals(m.Value, value, StringComparison.OrdinalIgnoreCase))) return;
        members.Add(new SendmailClassMember { Value = value, Origin = origin });
    }
}

/// <summary>An O line: <c>O DaemonPortOptions=Port=smtp, Addr=127.0.0.1</c>.</summary>
public sealed class SendmailOption
{
    /// <summary>The option's long name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Its value as written.</summary>
    public string Value { get; set; } = "";
    /// <summary>file:line.</summary>
    public string Origin { get; set; } = "";
}

/// <summary>A file an F line loads into a class.</summary>
public sealed class SendmailClassFile
{
    /// <summary>The class name.</summary>
    public string ClassName { get; set; } = "";
    /// <summary>The path as written in sendmail.cf.</summary>
    public string Path { get; set; } = "";
    /// <summary>The path read (inside the configuration directory when one was given).</summary>
    public string ResolvedPath { get; set; } = "";
    /// <summary><c>-o</c>: a missing file is fine.</summary>
    public bool Optional { get; set; }
    /// <summary>The scanf format after the path (<c>%[^\#]</c>), or empty.</summary>
    public string Format { get; set; } = "";
    /// <summary>True when the file was there and read.</summary>
    public bool Read { get; set; }
    /// <summary>file:line of the F line.</summary>
    public string Origin { get; set; } = "";
}
