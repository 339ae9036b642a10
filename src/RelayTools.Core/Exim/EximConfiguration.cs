using System;
using System.Collections.Generic;

namespace RelayTools.Core.Exim;

/// <summary>A main-section option as written, with its origin.</summary>
public sealed class EximOption
{
    /// <summary>The option name (without no_ / hide).</summary>
    public string Name { get; set; } = "";
    /// <summary>The value (macros substituted, not expanded); <c>true</c>/<c>false</c> for a boolean.</summary>
    public string Value { get; set; } = "";
    /// <summary>file:line.</summary>
    public string Origin { get; set; } = "";
    /// <summary>True when written with <c>hide</c>.</summary>
    public bool Hidden { get; set; }
}

/// <summary>A named list: <c>hostlist relay_from_hosts = ...</c>.</summary>
public sealed class EximNamedList
{
    /// <summary>hostlist, domainlist, addresslist or localpartlist.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The list name.</summary>
    public string Name { get; set; } = "";
    /// <summary>The value as written (macros substituted).</summary>
    public string Value { get; set; } = "";
    /// <summary>file:line.</summary>
    public string Origin { get; set; } = "";
}

/// <summary>An authenticator of the authenticators section.</summary>
public sealed class EximAuthenticator
{
    /// <summary>The instance name.</summary>
    public string Name { get; set; } = "";
    /// <summary>The driver (plaintext, cram_md5, dovecot, cyrus_sasl, spa, external, tls...).</summary>
    public string Driver { get; set; } = "";
    /// <summary>The mechanism name advertised (public_name; default the instance name upper-cased).</summary>
    public string PublicName { get; set; } = "";
    /// <summary>server_advertise_condition, empty when not set (always advertised where AUTH is).</summary>
    public string ServerAdvertiseCondition { get; set; } = "";
    /// <summary>True when it has a server side (server_condition, server_password... or a server driver).</summary>
    public bool IsServer { get; set; }
    /// <summary>file:line of its name.</summary>
    public string Origin { get; set; } = "";
    /// <summary>Every option as written.</summary>
    internal Dictionary<string, string> Options { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// An Exim runtime configuration as Exim reads it: main options, named lists, ACLs and authenticators,
/// the macros that produced them, and (for a Debian /etc/exim4 directory) the dc_* values.
/// </summary>
public sealed class EximConfiguration
{
    /// <summary>The file or directory read, or <c>(pipeline)</c>.</summary>
    public string Source { get; set; } = "";
    /// <summary>Main options set in the file, by name.</summary>
    public Dictionary<string, EximOption> Options { get; } = new(StringComparer.Ordinal);
    /// <summary>Options Exim does not know, kept as written.</summary>
    public List<EximOption> UnknownOptions { get; } = new();
    /// <summary>Named lists by name.</summary>
    public Dictionary<string, EximNamedList> NamedLists { get; } = new(StringComparer.Ordinal);
    /// <summary>ACLs by name, statements in order.</summary>
    public Dictionary<string, List<EximAclStatement>> Acls { get; } = new(StringComparer.Ordinal);
    /// <summary>Authenticators in order.</summary>
    public List<EximAuthenticator> Authenticators { get; } = new();
    /// <summary>Macros defined (and seeded).</summary>
    public Dictionary<string, EximMacro> Macros { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Syntax errors, unreadable files and unknown options, with file:line.</summary>
    public List<EximConfigNote> Notes { get; } = new();
    /// <summary>Debian's update-exim4.conf.conf values (dc_*) when a /etc/exim4 directory was read, with their origin.</summary>
    public Dictionary<string, EximOption> DebianValues { get; } = new(StringComparer.Ordinal);
    /// <summary>True when read as a Debian /etc/exim4 directory.</summary>
    public bool IsDebianDirectory { get; set; }

    /// <summary>The value of an option: as set, else Exim's default; empty for an unknown unset option.</summary>
    public string Get(string name) => Options.TryGetValue(name, out var o) ? o.Value : EximOptionCatalog.Default(name) ?? "";

    /// <summary>Where an option's value comes from: file:line, or <c>default</c>.</summary>
    public string OriginOf(string name) => Options.TryGetValue(name, out var o) ? o.Origin : "default";

    /// <summary>True when the option is set in the file.</summary>
    public bool IsSet(string name) => Options.ContainsKey(name);
}
