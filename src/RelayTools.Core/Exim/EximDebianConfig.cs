using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Exim;

/// <summary>
/// Reads Debian's /etc/exim4 the way update-exim4.conf (exim4-config 4.96) combines it:
/// update-exim4.conf.conf's dc_* values become the macros the template uses (MAIN_LOCAL_DOMAINS,
/// MAIN_RELAY_TO_DOMAINS, MAIN_RELAY_NETS, MAIN_LOCAL_INTERFACES, DCsmarthost...), inserted after the
/// template's <c>UPEX4CmacrosUPEX4C = 1</c> line, then exim4.conf.localmacros and exim4.conf.template, or
/// the conf.d/ parts (dc_use_split_config='true') in run-parts order.
/// </summary>
public static class EximDebianConfig
{
    /// <summary>The dc_* values whose ";" makes update-exim4.conf change the list separator.</summary>
    static readonly string[] Semicolon = ["dc_local_interfaces", "dc_relay_nets", "dc_relay_domains"];
    static readonly string[] Sections = ["main", "acl", "router", "transport", "retry", "rewrite", "auth"];

    /// <summary>Reads a Debian exim4 configuration directory.</summary>
    /// <exception cref="IOException">update-exim4.conf.conf (or the template) cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to read it.</exception>
    public static EximConfiguration ReadDirectory(string dir, Func<string, string?>? readFile = null)
    {
        readFile ??= EximFileReader.ReadFileOrNull;
        string exim4conf = Path.Combine(dir, "exim4.conf");
        string ue4cc = Path.Combine(dir, "update-exim4.conf.conf");
        // Debian's exim reads /etc/exim4/exim4.conf itself when it exists, and update-exim4.conf does nothing.
        string? own = readFile(exim4conf);
        if (own != null)
        {
            var plain = EximConfigReader.ReadText(own, exim4conf, readFile);
            plain.Source = dir;
            return plain;
        }
        string text = File.ReadAllText(ue4cc);
        var values = ParseShellAssignments(text, ue4cc);
        string V(string name) => values.TryGetValue(name, out var o) ? o.Value : "";

        var config = new EximConfiguration { Source = dir, IsDebianDirectory = true };
        foreach (var kv in values.Where(v => v.Key.StartsWith("dc_", StringComparison.Ordinal))) config.DebianValues[kv.Key] = kv.Value;

        var seeds = new List<EximMacro>();
        string configType = Sanitize(V("dc_eximconfig_configtype"));
        bool split = (V("dc_use_split_config").Length == 0 ? "false" : V("dc_use_split_config")) == "true";
        if (configType is "internet" or "local" or "smarthost" or "satellite")
        {
            var dc = values.ToDictionary(k => k.Key, k => k.Value.Value, StringComparer.Ordinal);
            foreach (string field in Semicolon)
            {
                if (dc.TryGetValue(field, out var v) && v.IndexOf(';') >= 0 && !v.TrimStart().StartsWith("<", StringComparison.Ordinal)) dc[field] = "<; " + v;
            }
            string Dc(string n) => dc.TryGetValue(n, out var v) ? v : "";
            string relayNets = Sanitize(Dc("dc_relay_nets"));
            relayNets = relayNets.StartsWith("<;", StringComparison.Ordinal) ? relayNets + " ; 127.0.0.1 ; ::1" : relayNets + " : 127.0.0.1 : ::::1";
            string others = Sanitize(Dc("dc_other_hostnames"));
            string localDomains = Regex.Replace("@:localhost:" + others, "[;: ]*$", "");
            localDomains = new Regex(" *").Replace(localDomains, "", 1).Replace(';', ':');
            string mailname = ReadMailname(dir, readFile);
            string Origin(string n) => values.TryGetValue(n, out var o) ? o.Origin + " (" + n + ")" : "update-exim4.conf";
            void Seed(string name, string value, string origin) => seeds.Add(new EximMacro(name, Sanitize(value), origin, true));
            if (Dc("dc_local_interfaces").Length > 0) Seed("MAIN_LOCAL_INTERFACES", Dc("dc_local_interfaces"), Origin("dc_local_interfaces"));
            if (Dc("dc_minimaldns") == "true") Seed("DC_minimaldns", "1", Origin("dc_minimaldns"));
            if ((configType is "satellite" or "smarthost") && Dc("dc_hide_mailname") == "true" && Dc("dc_readhost").Length > 0)
                Seed("HIDE_MAILNAME", "1", Origin("dc_hide_mailname"));
            Seed("MAIN_PACKAGE_VERSION", "4.96", "update-exim4.conf");
            Seed("MAIN_LOCAL_DOMAINS", localDomains, Origin("dc_other_hostnames"));
            Seed("MAIN_RELAY_TO_DOMAINS", Dc("dc_relay_domains"), Origin("dc_relay_domains"));
            Seed("ETC_MAILNAME", mailname, "mailname");
            Seed("LOCAL_DELIVERY", Dc("dc_localdelivery").Length > 0 ? Dc("dc_localdelivery") : "mail_spool", Origin("dc_localdelivery"));
            seeds.Add(new EximMacro("MAIN_RELAY_NETS", relayNets, Origin("dc_relay_nets"), true));
            Seed("DCreadhost", Dc("dc_readhost"), Origin("dc_readhost"));
            Seed("DCsmarthost", Sanitize(Dc("dc_smarthost")).Replace(';', ':'), Origin("dc_smarthost"));
            Seed("DC_eximconfig_configtype", configType, Origin("dc_eximconfig_configtype"));
            Seed("DCconfig_" + configType, "1", Origin("dc_eximconfig_configtype"));
            // update-exim4.conf also turns any upper-case line of update-exim4.conf.conf into a macro.
            foreach (var kv in values.Where(v => v.Key.Length > 0 && char.IsUpper(v.Key[0]) && v.Key != "CFILEMODE"))
                seeds.Add(new EximMacro(kv.Key, Sanitize(kv.Value.Value), kv.Value.Origin, true));
        }

        var pre = new EximPreprocessor(readFile, config.Notes) { SeedAfterMarker = seeds };
        if (split)
        {
            string confd = Path.Combine(dir, "conf.d");
            if (!Directory.Exists(confd)) throw new DirectoryNotFoundException("dc_use_split_config is true but " + confd + " does not exist.");
            foreach (string section in Sections)
            {
                foreach (string part in RunParts(Path.Combine(confd, section)))
                {
                    string? partText = readFile(part);
                    if (partText == null) { config.Notes.Add(new EximConfigNote(EximNoteKind.Unreadable, part, "cannot read " + part)); continue; }
                    pre.Add(partText, part);
                }
            }
        }
        else
        {
            string template = Path.Combine(dir, "exim4.conf.template");
            string local = Path.Combine(dir, "exim4.conf.localmacros");
            string? localText = readFile(local);
            if (localText != null) pre.Add(localText, local);
            pre.Add(File.ReadAllText(template), template);
        }
        EximConfigReader.Parse(config, pre.Lines);
        config.Macros = pre.Macros;
        return config;
    }

    /// <summary>The files run-parts would list in a conf.d section folder, in order, a .rul file standing in for its base name.</summary>
    static IEnumerable<string> RunParts(string folder)
    {
        if (!Directory.Exists(folder)) yield break;
        var names = Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != null).Select(n => n!).OrderBy(n => n, StringComparer.Ordinal).ToList();
        foreach (string name in names)
        {
            if (!Regex.IsMatch(name, "^[A-Za-z0-9_-]+$")) continue;
            string rul = Path.Combine(folder, name + ".rul");
            yield return File.Exists(rul) ? rul : Path.Combine(folder, name);
        }
    }

    static string ReadMailname(string dir, Func<string, string?> readFile)
    {
        string? text = readFile(Path.Combine(dir, "mailname"));
        string? parent = Path.GetDirectoryName(Path.GetFullPath(dir).TrimEnd('/', '\\'));
        if (text == null && parent != null) text = readFile(Path.Combine(parent, "mailname"));
        if (text == null) return "";
        var m = Regex.Match(text.Split('\n')[0], @"^[-\w@.]+");
        return m.Success ? m.Value.ToLowerInvariant() : "";
    }

    /// <summary>What update-exim4.conf does to a value: lower case, white space collapsed (an unquoted echo), characters outside its set replaced by '_'.</summary>
    static string Sanitize(string value)
    {
        string v = Regex.Replace(value.ToLowerInvariant().Trim(), @"\s+", " ");
        return Regex.Replace(v, @"[^-0-9A-Za-z/.!*@_~:;< \[\]]", "_");
    }

    /// <summary>Reads <c>name='value'</c> lines of a shell file sourced by update-exim4.conf.</summary>
    internal static Dictionary<string, EximOption> ParseShellAssignments(string text, string file)
    {
        var map = new Dictionary<string, EximOption>(StringComparer.Ordinal);
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var m = Regex.Match(lines[i], @"^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
            if (!m.Success) continue;
            string raw = m.Groups[2].Value.Trim();
            string value;
            if (raw.StartsWith("'", StringComparison.Ordinal)) { int end = raw.IndexOf('\'', 1); value = end > 0 ? raw.Substring(1, end - 1) : raw.Substring(1); }
            else if (raw.StartsWith("\"", StringComparison.Ordinal)) { int end = raw.IndexOf('"', 1); value = end > 0 ? raw.Substring(1, end - 1) : raw.Substring(1); }
            else { int hash = raw.IndexOf(" #", StringComparison.Ordinal); value = hash >= 0 ? raw.Substring(0, hash) : raw; }
            map[m.Groups[1].Value] = new EximOption { Name = m.Groups[1].Value, Value = value, Origin = file + ":" + (i + 1) };
        }
        return map;
    }
}
