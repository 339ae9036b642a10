using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// A sendmail.mc file (the m4 source of sendmail.cf), read into its macro calls in order, the way m4 and Sendmail 8.17's cf.m4
/// see them: <c>`...'</c> quotes nest and lose one level, <c>dnl</c> discards up to and including the end of the line (inside an
/// argument list too, where the statement goes on), arguments split at commas outside quotes and parentheses. Macros are not
/// expanded. A <c>#</c> starts an m4 comment only until cf.m4 is included: cf.m4 runs <c>changecom()</c>, so after
/// <c>include(`.../cf.m4')</c> (or in a file built with <c>m4 cf.m4 x.mc</c>, which has no such include) a macro call on a
/// <c>#</c> line is in effect. An unbalanced quote or parenthesis becomes a note and reading goes on at the next line.
/// </summary>
public sealed class SendmailMcFile
{
    // The cf.m4 macros that divert what follows into a section of sendmail.cf (cfhead.m4).
    internal static readonly HashSet<string> SectionMacros =
    [
        "LOCAL_CONFIG", "LOCAL_RULESETS", "LOCAL_NET_CONFIG", "LOCAL_RULE_0", "LOCAL_RULE_1", "LOCAL_RULE_2", "LOCAL_RULE_3", "LOCAL_UUCP",
        "MAILER_DEFINITIONS", "LOCAL_DNSBL", "LOCAL_SRV_FEATURES", "LOCAL_CLT_FEATURES", "LOCAL_TRY_TLS", "LOCAL_TLS_RCPT", "LOCAL_TLS_CLIENT",
        "LOCAL_TLS_SERVER",
    ];

    // Macros that use only their first argument ($1 in cfhead.m4): the rest is silently dropped.
    static readonly HashSet<string> FirstArgumentOnly =
    [
        "RELAY_DOMAIN", "RELAY_DOMAIN_FILE", "LOCAL_DOMAIN", "TRUST_AUTH_MECH", "EXPOSED_USER", "EXPOSED_USER_FILE", "LOCAL_USER", "LOCAL_USER_FILE",
        "MASQUERADE_AS", "MASQUERADE_DOMAIN", "MASQUERADE_DOMAIN_FILE", "MASQUERADE_EXCEPTION", "CANONIFY_DOMAIN", "GENERICS_DOMAIN",
        "VIRTUSER_DOMAIN", "LDAPROUTE_DOMAIN", "DAEMON_OPTIONS", "CLIENT_OPTIONS",
    ];

    readonly List<SendmailMcStatement> _statements;
    readonly List<SendmailNote> _notes;
    readonly HashSet<SendmailDaemonOptions> _bodyDaemons = new();

    SendmailMcFile(string source, List<SendmailMcStatement> statements, List<SendmailNote> notes)
    {
        Source = source;
        _statements = statements;
        _notes = notes;
        var features = new Dictionary<string, SendmailMcStatement>(StringComparer.Ordinal);
        var defines = new Dictionary<string, string>(StringComparer.Ordinal);
        var defineStatements = new Dictionary<string, SendmailMcStatement>(StringComparer.Ordinal);
        foreach (var s in statements)
        {
            switch (s.Macro)
            {
                case "FEATURE": features[s.Argument(0)] = s; break;
                case "define": defines[s.Argument(0)] = s.Argument(1); defineStatements[s.Argument(0)] = s; break;
                case "undefine": defines.Remove(s.Argument(0)); defineStatements.Remove(s.Argument(0)); break;
            }
        }
        Features = features;
        Defines = defines;
        DefineStatements = defineStatements;
        RelayDomains = Words("RELAY_DOMAIN");
        RelayDomainFiles = statements.Where(s => s.Macro == "RELAY_DOMAIN_FILE").Select(s => Item(s.Argument(0), s.Origin, s.Macro)).ToList();
        LocalDomains = Words("LOCAL_DOMAIN");
        TrustAuthMechanisms = Words("TRUST_AUTH_MECH");
        DaemonOptions = ReadDaemonOptions();
    }

    /// <summary>The file name given to <see cref="Parse"/> (used in origins).</summary>
    public string Source { get; }

    /// <summary>Every macro call, in file order.</summary>
    public IReadOnlyList<SendmailMcStatement> Statements => _statements;

    /// <summary>Unbalanced quotes and parentheses, stray text, macros on # lines that are in effect, ignored arguments.</summary>
    public IReadOnlyList<SendmailNote> Notes => _notes;

    /// <summary>FEATURE name (its first argument) → the FEATURE statement; the last one wins.</summary>
    public IReadOnlyDictionary<string, SendmailMcStatement> Features { get; }

    /// <summary>define name → value (its second argument, "" when there is none); the last define wins and undefine removes it.</summary>
    public IReadOnlyDictionary<string, string> Defines { get; }

    /// <summary>define name → the define statement in effect (for its origin).</summary>
    public IReadOnlyDictionary<string, SendmailMcStatement> DefineStatements { get; }

    /// <summary>Each word of every RELAY_DOMAIN (class {R}: domains and networks relayed for), split at white space as sendmail.cf's C line is.</summary>
    public IReadOnlyList<SendmailMcItem> RelayDomains { get; }

    /// <summary>The argument of every RELAY_DOMAIN_FILE (the file of class {R} words, with any -o flag).</summary>
    public IReadOnlyList<SendmailMcItem> RelayDomainFiles { get; }

    /// <summary>Each word of every LOCAL_DOMAIN (class {w}).</summary>
    public IReadOnlyList<SendmailMcItem> LocalDomains { get; }

    /// <summary>Each mechanism of every TRUST_AUTH_MECH (class {TrustAuthMech}: AUTH with these allows relaying).</summary>
    public IReadOnlyList<SendmailMcItem> TrustAuthMechanisms { get; }

    /// <summary>The DAEMON_OPTIONS statements and <c>O DaemonPortOptions=</c> lines of LOCAL_CONFIG bodies, parsed, in order.</summary>
    public IReadOnlyList<SendmailDaemonOptions> DaemonOptions { get; }

    /// <summary>
    /// The daemons the generated sendmail.cf has (proto.m4): the written ones, or <c>Name=MTA</c> (two, MTA-v4 and MTA-v6, when
    /// _NETINET6_ is defined) when there is none, plus the default MSA <c>Port=587, Name=MSA, M=E</c> unless FEATURE(`no_default_msa').
    /// </summary>
    public IReadOnlyList<SendmailDaemonOptions> EffectiveDaemonOptions
    {
        get
        {
            const string Default = "proto.m4 (default)";
            var list = _statements.Where(s => s.Macro == "DAEMON_OPTIONS").Select(s => SendmailDaemonOptions.Parse(s.Argument(0), s.Origin)).ToList();
            if (list.Count == 0 && (Defines.ContainsKey("_NETINET6_") || _statements.Any(s => s.Macro == "OSTYPE" && s.Argument(0) is "solaris8" or "solaris11")))
            {
                list.Add(SendmailDaemonOptions.Parse("Name=MTA-v4, Family=inet", Default));
                list.Add(SendmailDaemonOptions.Parse("Name=MTA-v6, Family=inet6", Default));
            }
            else if (list.Count == 0)
            {
                list.Add(SendmailDaemonOptions.Parse("Name=MTA", Default));
            }
            if (!Features.ContainsKey("no_default_msa")) list.Add(SendmailDaemonOptions.Parse("Port=587, Name=MSA, M=E", Default));
            list.AddRange(DaemonOptions.Where(_bodyDaemons.Contains));
            return list;
        }
    }

    /// <summary>Reads a sendmail.mc file from disk.</summary>
    /// <exception cref="IOException">The file cannot be read (a missing file included).</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to read it.</exception>
    public static SendmailMcFile ReadFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses sendmail.mc text; <paramref name="fileName"/> is used in origins (<c>sendmail.mc:40</c>).</summary>
    public static SendmailMcFile Parse(string text, string fileName)
    {
        text = text.Replace("\r\n", "\n");
        var scan = new SendmailMcScanner(text, fileName, hashComments: true);
        scan.Run();
        if (!scan.IncludedCfM4)
        {
            // Built as `m4 cf.m4 file.mc`: cf.m4's changecom() is in force from the first line.
            scan = new SendmailMcScanner(text, fileName, hashComments: false);
            scan.Run();
        }
        foreach (var s in scan.Statements) Check(s, scan.Notes);
        return new SendmailMcFile(fileName, scan.Statements, scan.Notes);
    }

    static void Check(SendmailMcStatement s, List<SendmailNote> notes)
    {
        if (FirstArgumentOnly.Contains(s.Macro) && s.Arguments.Skip(1).Any(a => a.Length > 0))
            notes.Add(new SendmailNote(SendmailNoteKind.Suspicious, s.Origin, s.Macro + " uses only its first argument, so " + string.Join(", ", s.Arguments.Skip(1).Where(a => a.Length > 0))
                + " is ignored; " + (s.Macro.EndsWith("OPTIONS", StringComparison.Ordinal) ? "quote the whole option list as one argument" : "put every word in one argument, separated by spaces")));
        if (s.Macro is "RELAY_DOMAIN" or "LOCAL_DOMAIN" or "TRUST_AUTH_MECH" or "EXPOSED_USER" or "MASQUERADE_DOMAIN")
        {
            foreach (string w in SplitWords(s.Argument(0)).Where(w => w.EndsWith(",", StringComparison.Ordinal)))
                notes.Add(new SendmailNote(SendmailNoteKind.Suspicious, s.Origin, "\"" + w + "\": sendmail.cf splits class words at white space only, so the comma is part of the word; "
                    + "separate the words with spaces"));
        }
    }

    List<SendmailMcItem> Words(string macro) =>
        _statements.Where(s => s.Macro == macro).SelectMany(s => SplitWords(s.Argument(0)).Select(w => Item(w, s.Origin, macro))).ToList();

    List<SendmailDaemonOptions> ReadDaemonOptions()
    {
        var list = new List<SendmailDaemonOptions>();
        foreach (var s in _statements)
        {
            if (s.Macro == "DAEMON_OPTIONS") list.Add(SendmailDaemonOptions.Parse(s.Argument(0), s.Origin));
            foreach (var line in s.Body)
            {
                const string Prefix = "O DaemonPortOptions=";
                if (!line.Value.StartsWith(Prefix, StringComparison.Ordinal)) continue;
                var d = SendmailDaemonOptions.Parse(line.Value.Substring(Prefix.Length).TrimEnd(), line.Origin);
                _bodyDaemons.Add(d);
                list.Add(d);
            }
        }
        return list;
    }

    static IEnumerable<string> SplitWords(string text) => text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    static SendmailMcItem Item(string value, string origin, string macro) => new() { Value = value, Origin = origin, Macro = macro };
}
