using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Postfix;

/// <summary>
/// Reads Postfix configuration text into a <see cref="PostfixConfiguration"/>: main.cf, master.cf,
/// and the output of <c>postconf</c>, <c>postconf -n</c>, <c>postconf -M</c> and <c>postconf -P</c>
/// (which may be mixed in one text). Pure functions over text; problems become notes with file:line,
/// and everything else is still read.
/// </summary>
public static class PostfixConfigReader
{
    static readonly Regex ParameterLine = new(@"^([A-Za-z0-9_]+)\s*=\s*(.*)$", RegexOptions.CultureInvariant);
    static readonly Regex ServiceParameterLine = new(@"^([^\s/=]+)/([a-z-]+)/([A-Za-z0-9_]+)\s*=\s*(.*)$", RegexOptions.CultureInvariant);
    static readonly HashSet<string> ServiceTypes = new(StringComparer.Ordinal) { "inet", "unix", "unix-dgram", "fifo", "pass" };

    /// <summary>Reads a main.cf text (or <c>postconf</c>/<c>postconf -n</c> output) into <paramref name="config"/>.</summary>
    public static void ReadMainCf(PostfixConfiguration config, string text, string fileName)
    {
        config.MainSource = fileName;
        foreach (var line in PostfixLines.Read(text))
            ReadParameterLine(config, line, fileName);
    }

    /// <summary>Reads a master.cf text (or <c>postconf -M</c> / <c>-P</c> output) into <paramref name="config"/>.</summary>
    public static void ReadMasterCf(PostfixConfiguration config, string text, string fileName)
    {
        config.MasterSource = fileName;
        config.HasMasterCf = true;
        foreach (var line in PostfixLines.Read(text))
        {
            if (TryServiceParameter(config, line, fileName)) continue;
            ReadServiceLine(config, line, fileName);
        }
    }

    /// <summary>
    /// Reads text of any of the supported kinds, line by line: <c>name = value</c> lines are main.cf
    /// parameters, <c>service/type/name = value</c> lines are postconf -P overrides, and lines with a
    /// service type in the second column are master.cf services. Lines starting <c>postconf:</c>
    /// (warnings on a merged stderr) are skipped.
    /// </summary>
    public static void ReadAny(PostfixConfiguration config, string text, string sourceName)
    {
        if (config.MainSource.Length == 0) config.MainSource = sourceName;
        foreach (var line in PostfixLines.Read(text))
        {
            if (line.Text.StartsWith("postconf:", StringComparison.Ordinal)) continue;
            if (TryServiceParameter(config, line, sourceName)) { config.HasMasterCf = true; config.MasterSource = sourceName; continue; }
            string[] fields = line.Text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 8 && ServiceTypes.Contains(fields[1]) && !fields[0].Contains("="))
            {
                config.HasMasterCf = true;
                config.MasterSource = sourceName;
                ReadServiceLine(config, line, sourceName);
                continue;
            }
            ReadParameterLine(config, line, sourceName);
        }
    }

    /// <summary>Reads a configuration directory (main.cf and, when present, master.cf).</summary>
    /// <exception cref="IOException">main.cf cannot be read (the message names the file).</exception>
    /// <param name="directory">The directory.</param>
    /// <param name="assumeContinuation">Read unindented continuation lines as meant (<see cref="PostfixConfiguration.AssumeContinuation"/>).</param>
    public static PostfixConfiguration ReadDirectory(string directory, bool assumeContinuation = false)
    {
        var config = new PostfixConfiguration { ConfigDirectory = directory, AssumeContinuation = assumeContinuation };
        string main = Path.Combine(directory, "main.cf");
        ReadMainCf(config, ReadFile(main), main);
        string master = Path.Combine(directory, "master.cf");
        if (File.Exists(master))
        {
            try { ReadMasterCf(config, File.ReadAllText(master), master); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                config.Notes.Add(new PostfixConfigNote { Kind = PostfixNoteKind.Unreadable, Origin = master, Message = "cannot read " + master + ": " + ex.Message });
            }
        }
        Finish(config);
        return config;
    }

    /// <summary>Reads one main.cf file; a master.cf next to it is read too.</summary>
    /// <exception cref="IOException">The file cannot be read (the message names it).</exception>
    /// <param name="path">The file.</param>
    /// <param name="withMaster">Also read a master.cf next to a main.cf.</param>
    /// <param name="assumeContinuation">Read unindented continuation lines as meant.</param>
    public static PostfixConfiguration ReadMainFile(string path, bool withMaster = true, bool assumeContinuation = false)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "";
        if (withMaster && Path.GetFileName(path) == "main.cf" && File.Exists(Path.Combine(dir, "master.cf")))
            return ReadDirectory(dir, assumeContinuation);
        var config = new PostfixConfiguration { ConfigDirectory = dir, AssumeContinuation = assumeContinuation };
        ReadMainCf(config, ReadFile(path), path);
        Finish(config);
        return config;
    }

    /// <summary>
    /// Reads what a path names: a directory (main.cf and master.cf), a main.cf (with the master.cf next to
    /// it), a master.cf (its directory), or any other file as postconf output or configuration lines.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read (the message names it).</exception>
    public static PostfixConfiguration ReadPath(string path, bool assumeContinuation = false)
    {
        if (Directory.Exists(path)) return ReadDirectory(path, assumeContinuation);
        string name = Path.GetFileName(path);
        return name == "main.cf" ? ReadMainFile(path, assumeContinuation: assumeContinuation)
            : name == "master.cf" ? ReadDirectory(Path.GetDirectoryName(path) ?? ".", assumeContinuation)
            : ReadText(ReadFile(path), path, assumeContinuation);
    }

    /// <summary>Reads piped text (postconf output, main.cf or master.cf lines, or a mix).</summary>
    /// <param name="text">The text.</param>
    /// <param name="sourceName">Its origin in notes.</param>
    /// <param name="assumeContinuation">Read unindented continuation lines as meant.</param>
    public static PostfixConfiguration ReadText(string text, string sourceName = "(pipeline)", bool assumeContinuation = false)
    {
        var config = new PostfixConfiguration { AssumeContinuation = assumeContinuation };
        ReadAny(config, text, sourceName);
        Finish(config);
        return config;
    }

    static string ReadFile(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IOException("Cannot read the Postfix configuration file '" + path + "': " + ex.Message, ex);
        }
    }

    /// <summary>
    /// After reading: marks parameters Postfix does not know (kept, and reported as notes). A name is
    /// known when Postfix 3.7 defines it, when a value refers to it as <c>$name</c>, when it is listed in
    /// smtpd_restriction_classes, or when it starts with a master.cf service name and an underscore.
    /// </summary>
    public static void Finish(PostfixConfiguration config)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var values = config.Parameters.Values.Concat(config.Services.SelectMany(s => s.Overrides));
        foreach (var p in values)
            foreach (Match m in Regex.Matches(p.Value, @"\$\{?\(?([A-Za-z0-9_]+)"))
                referenced.Add(m.Groups[1].Value);
        if (config.Parameters.TryGetValue("smtpd_restriction_classes", out var classes))
        {
            try { foreach (string c in PostfixList.Split(config.ExpandValue(classes.Value))) referenced.Add(c); }
            catch (PostfixSyntaxException) { }
        }
        var prefixes = config.Services.Select(s => s.Name + "_").ToList();
        foreach (var p in values)
        {
            if (PostfixDefaults.IsKnown(p.Name) || referenced.Contains(p.Name) || prefixes.Any(x => p.Name.StartsWith(x, StringComparison.Ordinal)))
                continue;
            p.IsKnown = false;
            string hint = p.Name == "broken_sasl_auth_enable" ? " (did you mean broken_sasl_auth_clients?)" : Suggest(p.Name);
            config.Notes.Add(new PostfixConfigNote
            {
                Kind = PostfixNoteKind.UnknownParameter,
                Parameter = p.Name,
                Origin = p.Origin,
                Message = "unknown parameter " + p.Name + "=" + p.Value + ": Postfix 3.7 ignores it (postconf: unused parameter)" + hint,
            });
        }
    }

    static string Suggest(string name)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (string known in PostfixDefaults.Names)
        {
            if (Math.Abs(known.Length - name.Length) >= bestDistance) continue;
            int d = RestrictionCatalog.Distance(name, known);
            if (d < bestDistance) { bestDistance = d; best = known; }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    static void ReadParameterLine(PostfixConfiguration config, PostfixLines.LogicalLine line, string file)
    {
        string origin = Path.GetFileName(file) + ":" + line.Number;
        if (line.Orphan)
        {
            config.Notes.Add(new PostfixConfigNote { Kind = PostfixNoteKind.SyntaxError, Origin = origin, Message = "a line that starts with whitespace continues nothing: \"" + line.Text + "\"" });
            return;
        }
        Match m = ParameterLine.Match(line.Text);
        if (!m.Success)
        {
            if (UnindentedContinuation.TryParameter(config, line, file)) return;
            config.Notes.Add(new PostfixConfigNote { Kind = PostfixNoteKind.SyntaxError, Origin = origin, Message = "missing '=' after parameter name: \"" + line.Text + "\"" });
            return;
        }
        var p = new PostfixParameter
        {
            Name = m.Groups[1].Value,
            Value = m.Groups[2].Value.Trim(),
            Source = PostfixValueSource.MainCf,
            File = file,
            Line = line.Number,
            Origin = origin,
        };
        CheckBraces(config, p);
        if (config.Parameters.TryGetValue(p.Name, out var earlier))
            config.Notes.Add(new PostfixConfigNote
            {
                Kind = PostfixNoteKind.OverriddenEntry,
                Parameter = p.Name,
                Origin = origin,
                Message = "overriding earlier entry " + p.Name + "=" + earlier.Value + " (" + earlier.Origin + "): the last definition wins",
            });
        config.Parameters[p.Name] = p;
        config.LastParameter = (p, line.Text);
    }

    static void CheckBraces(PostfixConfiguration config, PostfixParameter p)
    {
        string? problem = PostfixList.CheckBraces(p.Value);
        if (problem != null)
            config.Notes.Add(new PostfixConfigNote
            {
                Kind = PostfixNoteKind.SyntaxError,
                Parameter = p.Name,
                Origin = p.Origin,
                Message = problem + " in " + p.Name + " = " + p.Value,
            });
    }

    static bool TryServiceParameter(PostfixConfiguration config, PostfixLines.LogicalLine line, string file)
    {
        Match m = ServiceParameterLine.Match(line.Text);
        if (!m.Success || !ServiceTypes.Contains(m.Groups[2].Value)) return false;
        string name = m.Groups[1].Value, type = m.Groups[2].Value;
        var service = config.Services.FirstOrDefault(s => s.Name == name && s.Type == type);
        if (service == null)
        {
            // postconf -P shows only the overrides: the command is not in the text; these are smtpd parameters.
            service = new MasterService { Name = name, Type = type, Command = m.Groups[3].Value.StartsWith("smtpd_", StringComparison.Ordinal) || m.Groups[3].Value == "syslog_name" ? "smtpd" : "", Origin = Path.GetFileName(file) + ":" + line.Number + " (postconf -P)" };
            config.Services.Add(service);
        }
        else if (service.Command.Length == 0 && m.Groups[3].Value.StartsWith("smtpd_", StringComparison.Ordinal)) service.Command = "smtpd";
        var p = new PostfixParameter
        {
            Name = m.Groups[3].Value,
            Value = m.Groups[4].Value.Trim(),
            Source = PostfixValueSource.MasterOverride,
            File = file,
            Line = line.Number,
            Origin = Path.GetFileName(file) + ":" + line.Number + " -o (" + name + ")",
        };
        CheckBraces(config, p);
        service.Overrides.Add(p);
        return true;
    }

    static void ReadServiceLine(PostfixConfiguration config, PostfixLines.LogicalLine line, string file)
    {
        string origin = Path.GetFileName(file) + ":" + line.Number;
        List<(string Text, int At)> positioned;
        try { positioned = MasterTokens(line.Text); }
        catch (PostfixSyntaxException ex)
        {
            config.Notes.Add(new PostfixConfigNote { Kind = PostfixNoteKind.SyntaxError, Origin = origin, Message = ex.Message });
            positioned = MasterTokens(line.Text.Replace("{", " ").Replace("}", " "));
        }
        var tokens = positioned.Select(t => t.Text).ToList();
        if (tokens.Count < 8 || !ServiceTypes.Contains(tokens[1]))
        {
            if (UnindentedContinuation.TryOverride(config, line, file)) return;
            config.Notes.Add(new PostfixConfigNote { Kind = PostfixNoteKind.SyntaxError, Origin = origin, Message = "bad master.cf entry (need 8 fields: service type private unpriv chroot wakeup maxproc command): \"" + line.Text + "\"" });
            return;
        }
        var service = new MasterService { Name = tokens[0], Type = tokens[1], Chroot = tokens[4], Command = tokens[7], Origin = origin };
        var args = new List<string>();
        for (int i = 8; i < tokens.Count; i++)
        {
            string t = tokens[i];
            int physical = line.LineAt(positioned[i].At);
            string? assignment = null;
            if (t == "-o" && i + 1 < tokens.Count) assignment = tokens[++i];
            else if (t.StartsWith("-o", StringComparison.Ordinal) && t.Length > 2) assignment = t.Substring(2);
            if (assignment == null) { args.Add(t); continue; }
            if (assignment.StartsWith("{", StringComparison.Ordinal) && assignment.EndsWith("}", StringComparison.Ordinal))
                assignment = assignment.Substring(1, assignment.Length - 2).Trim();
            int eq = assignment.IndexOf('=');
            if (eq <= 0)
            {
                config.Notes.Add(new PostfixConfigNote { Kind = PostfixNoteKind.SyntaxError, Origin = origin, Message = "-o without name=value in service " + service.Name + ": \"" + assignment + "\"" });
                continue;
            }
            var p = new PostfixParameter
            {
                Name = assignment.Substring(0, eq).Trim(),
                Value = assignment.Substring(eq + 1).Trim(),
                Source = PostfixValueSource.MasterOverride,
                File = file,
                Line = physical,
                Origin = Path.GetFileName(file) + ":" + physical + " -o (" + service.Name + ")",
            };
            CheckBraces(config, p);
            service.Overrides.Add(p);
        }
        service.Arguments = args.ToArray();
        config.Services.Add(service);
        config.LastService = service;
    }

    static List<(string, int)> MasterTokens(string text)
    {
        var tokens = new List<(string, int)>();
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            int start = i;
            if (text[i] == '{')
            {
                int depth = 0;
                for (; i < text.Length; i++)
                {
                    if (text[i] == '{') depth++;
                    else if (text[i] == '}' && --depth == 0) break;
                }
                if (depth != 0) throw new PostfixSyntaxException("missing '}' in \"" + text.Substring(start) + "\"");
                tokens.Add((text.Substring(start, i - start + 1), start));
                i++;
                continue;
            }
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            tokens.Add((text.Substring(start, i - start), start));
        }
        return tokens;
    }
}
