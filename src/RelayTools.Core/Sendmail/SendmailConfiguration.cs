using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// A Sendmail configuration as the what-if, the settings and the linter read it: the compiled sendmail.cf,
/// the directory it lives in (/etc/mail), the text sources of its maps, and where each came from.
/// </summary>
public sealed class SendmailConfiguration
{
    readonly Dictionary<string, SendmailAccessFile?> _mapSources = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The compiled rules, classes, maps and options (empty when only sendmail.mc was given).</summary>
    public SendmailCf Cf { get; set; } = new();

    /// <summary>sendmail.mc of the same directory, when there is one: it names the line a compiled setting comes from.</summary>
    public SendmailMcFile? Mc { get; set; }

    /// <summary>True when a compiled sendmail.cf was read (the what-if needs one).</summary>
    public bool IsCompiled => Cf.Rulesets.Count > 0;

    /// <summary>The configuration directory (files named /etc/mail/... in sendmail.cf are read from here); empty for text input.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Where sendmail.cf came from.</summary>
    public string Source { get; set; } = "";

    /// <summary>$j: Dj of sendmail.cf, or the host name the caller gave.</summary>
    public string HostName { get; set; } = "";

    /// <summary>Where <see cref="HostName"/> comes from.</summary>
    public string HostNameOrigin { get; set; } = "";

    /// <summary>Problems found while reading (sendmail.cf, class files, map sources).</summary>
    public List<SendmailNote> Notes { get; } = [];

    /// <summary>The database maps and whether their .db files are current.</summary>
    public List<SendmailDatabaseStatus> Databases { get; } = [];

    /// <summary>The path a file named in sendmail.cf is read from: /etc/mail/X inside <see cref="Directory"/>.</summary>
    public string ResolvePath(string path)
    {
        if (Directory.Length == 0) return path;
        const string etcMail = "/etc/mail/";
        if (path.StartsWith(etcMail, StringComparison.Ordinal)) return System.IO.Path.Combine(Directory, path.Substring(etcMail.Length));
        if (!path.StartsWith("/", StringComparison.Ordinal) && !System.IO.Path.IsPathRooted(path)) return System.IO.Path.Combine(Directory, path);
        return path;
    }

    /// <summary>The text source of a database map (the makemap input), or null when it cannot be read.</summary>
    public SendmailAccessFile? MapSource(SendmailMapDeclaration map)
    {
        if (_mapSources.TryGetValue(map.Name, out var cached)) return cached;
        SendmailAccessFile? text = null;
        if (Directory.Length > 0 && map.File.Length > 0)
        {
            string path = ResolvePath(map.File);
            if (File.Exists(path))
            {
                text = SendmailAccessFile.Parse(File.ReadAllText(path), System.IO.Path.GetFileName(path));
                Notes.AddRange(text.Notes);
            }
        }
        _mapSources[map.Name] = text;
        return text;
    }

    /// <summary>The access map's text source, or null when sendmail.cf has no access map or its file cannot be read.</summary>
    public SendmailAccessFile? Access => Cf.Maps.TryGetValue("access", out var map) ? MapSource(map) : null;

    /// <summary>Replaces a map's text source (what a fix would write), for checking a fix on a fresh copy.</summary>
    public void SetMapSource(string mapName, SendmailAccessFile text) => _mapSources[mapName] = text;

    /// <summary>Reads sendmail.cf from a configuration directory (default /etc/mail) with its class files and map sources.</summary>
    public static SendmailConfiguration ReadDirectory(string directory, string hostName)
    {
        string cfPath = System.IO.Path.Combine(directory, "sendmail.cf");
        if (File.Exists(cfPath) || !File.Exists(System.IO.Path.Combine(directory, "sendmail.mc"))) return ReadCfFile(cfPath, directory, hostName);
        // Only the m4 source: settings and findings come from it; the what-if needs the compiled rules.
        var config = new SendmailConfiguration { Directory = directory, Source = System.IO.Path.Combine(directory, "sendmail.mc"), HostName = hostName, HostNameOrigin = "the host name given (no sendmail.cf)" };
        config.ReadMc();
        return config;
    }

    /// <summary>Reads one sendmail.cf; files it names under /etc/mail are read from <paramref name="directory"/> (default: the cf's own folder).</summary>
    public static SendmailConfiguration ReadCfFile(string cfPath, string? directory, string hostName)
    {
        string text = File.ReadAllText(cfPath);
        var config = new SendmailConfiguration { Directory = directory ?? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(cfPath)) ?? "", Source = cfPath };
        config.Load(text, System.IO.Path.GetFileName(cfPath), hostName);
        config.ReadMc();
        config.CheckDatabases();
        return config;
    }

    /// <summary>Reads sendmail.cf text (from the pipeline): class files and maps are not read.</summary>
    public static SendmailConfiguration ReadText(string text, string origin, string hostName)
    {
        var config = new SendmailConfiguration { Source = origin };
        config.Load(text, origin, hostName);
        return config;
    }

    void Load(string text, string fileName, string hostName)
    {
        Cf = SendmailCfReader.Parse(text, fileName, hostName, path =>
        {
            if (Directory.Length == 0) return null;
            string resolved = ResolvePath(path);
            return File.Exists(resolved) ? new SendmailFileText(resolved, File.ReadAllText(resolved)) : null;
        });
        if (Directory.Length == 0 && Cf.ClassFiles.Count > 0)
        {
            // Piped text: the files it names are on the server, not here; one note says so instead of one error per file.
            Notes.AddRange(Cf.Notes.Where(n => n.Kind != SendmailNoteKind.Unreadable));
            Notes.Add(new SendmailNote(SendmailNoteKind.Suspicious, fileName, "sendmail.cf came as text: the files it names (" + string.Join(", ", Cf.ClassFiles.Select(f => f.Path)) +
                ", and the maps' sources) are not read here; give -ConfigDirectory with a copy of /etc/mail to use them"));
        }
        else
        {
            Notes.AddRange(Cf.Notes);
        }
        bool fromCf = Cf.MacroOrigins.TryGetValue("j", out string? origin) && origin.StartsWith(fileName + ":", StringComparison.Ordinal);
        HostName = SendmailCfReader.Expand(Cf, Cf.Macros["j"]);
        HostNameOrigin = fromCf ? "Dj at " + origin : "this host's name (sendmail.cf has no Dj line; Sendmail takes the host's canonical name)";
    }

    void ReadMc()
    {
        if (Directory.Length == 0) return;
        string path = System.IO.Path.Combine(Directory, "sendmail.mc");
        if (!File.Exists(path)) return;
        Mc = SendmailMcFile.Parse(File.ReadAllText(path), "sendmail.mc");
        Notes.AddRange(Mc.Notes);
    }

    void CheckDatabases()
    {
        if (Directory.Length == 0) return;
        foreach (var map in Cf.Maps.Values)
        {
            string kind = map.MapClass.ToLowerInvariant();
            if (kind is not ("hash" or "btree" or "dbm") || map.File.Length == 0) continue;
            string source = ResolvePath(map.File);
            string db = source + (kind == "dbm" ? ".pag" : ".db");
            var status = new SendmailDatabaseStatus
            {
                Map = map.Name,
                SourcePath = source,
                DatabasePath = db,
                SourceExists = File.Exists(source),
                DatabaseExists = File.Exists(db),
                Origin = map.Origin,
                RebuildCommand = "makemap " + kind + " " + map.File + " < " + map.File,
            };
            if (status.SourceExists && status.DatabaseExists)
                status.Current = File.GetLastWriteTimeUtc(db) >= File.GetLastWriteTimeUtc(source);
            else
                status.Current = !status.SourceExists && (status.DatabaseExists || map.Optional);
            Databases.Add(status);
        }
    }
}

/// <summary>Whether a database map's .db is there and newer than its text source.</summary>
public sealed class SendmailDatabaseStatus
{
    /// <summary>The map name (<c>access</c>).</summary>
    public string Map { get; set; } = "";
    /// <summary>The text source (<c>/etc/mail/access</c>).</summary>
    public string SourcePath { get; set; } = "";
    /// <summary>The database file (<c>/etc/mail/access.db</c>).</summary>
    public string DatabasePath { get; set; } = "";
    /// <summary>True when the text source exists.</summary>
    public bool SourceExists { get; set; }
    /// <summary>True when the database exists.</summary>
    public bool DatabaseExists { get; set; }
    /// <summary>True when the database is at least as new as its source (what Sendmail reads is what the file says).</summary>
    public bool Current { get; set; }
    /// <summary>The command that rebuilds it.</summary>
    public string RebuildCommand { get; set; } = "";
    /// <summary>The K line.</summary>
    public string Origin { get; set; } = "";
}
