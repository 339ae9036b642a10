using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Exim;

/// <summary>One item of a relay list, with its list and origin.</summary>
public sealed class EximListEntry
{
    /// <summary>The list (local_domains, relay_from_hosts...).</summary>
    public string List { get; set; } = "";
    /// <summary>The item without its <c>!</c>.</summary>
    public string Item { get; set; } = "";
    /// <summary>True for a <c>!</c> item (an exclusion).</summary>
    public bool Negated { get; set; }
    /// <summary>What the item is: address, network, domain, wildcard, regex, named list, lookup, file, local interfaces, primary hostname, any.</summary>
    public string Kind { get; set; } = "";
    /// <summary>file:line of the list, and of the macro or dc_* value it came from.</summary>
    public string Origin { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => (Negated ? "!" : "") + Item;
}

/// <summary>A named list as Exim sees it: its value (macros substituted, as <c>exim -bP +name</c> prints it) and its items.</summary>
public sealed class EximListSetting
{
    /// <summary>The list name.</summary>
    public string Name { get; set; } = "";
    /// <summary>hostlist or domainlist.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The value; empty when the list is not defined.</summary>
    public string Value { get; set; } = "";
    /// <summary>file:line, or <c>not defined</c>.</summary>
    public string Origin { get; set; } = "";
    /// <summary>The items in order.</summary>
    public EximListEntry[] Entries { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>The settings that decide whether an Exim relays, expanded as Exim reads them.</summary>
public sealed class EximRelaySetting
{
    /// <summary>The main options Get-EximRelaySetting reports, as <c>exim -bP</c> names them.</summary>
    public static readonly string[] OptionNames = ["acl_smtp_rcpt", "acl_smtp_connect", "acl_smtp_helo", "acl_smtp_mail", "auth_advertise_hosts", "tls_advertise_hosts", "daemon_smtp_ports", "local_interfaces", "primary_hostname"];

    /// <summary>The named lists it reports.</summary>
    public static readonly string[] ListNames = ["local_domains", "relay_to_domains", "relay_from_hosts"];

    /// <summary>The file or directory read.</summary>
    public string Source { get; set; } = "";
    /// <summary>domainlist local_domains.</summary>
    public EximListSetting LocalDomains { get; set; } = new();
    /// <summary>domainlist relay_to_domains.</summary>
    public EximListSetting RelayToDomains { get; set; } = new();
    /// <summary>hostlist relay_from_hosts.</summary>
    public EximListSetting RelayFromHosts { get; set; } = new();
    /// <summary>The RCPT ACL's name (acl_smtp_rcpt).</summary>
    public string AclSmtpRcpt { get; set; } = "";
    /// <summary>auth_advertise_hosts.</summary>
    public string AuthAdvertiseHosts { get; set; } = "";
    /// <summary>tls_advertise_hosts.</summary>
    public string TlsAdvertiseHosts { get; set; } = "";
    /// <summary>daemon_smtp_ports.</summary>
    public string DaemonSmtpPorts { get; set; } = "";
    /// <summary>local_interfaces.</summary>
    public string LocalInterfaces { get; set; } = "";
    /// <summary>Every reported option with its value and origin (file:line or default), by the names -bP uses.</summary>
    public EximOption[] Options { get; set; } = [];
    /// <summary>The authenticators (driver, public_name, server_advertise_condition).</summary>
    public EximAuthenticator[] Authenticators { get; set; } = [];
    /// <summary>Debian's dc_* values that produced the configuration, with their origin.</summary>
    public EximOption[] DebianValues { get; set; } = [];
}

/// <summary>Builds <see cref="EximRelaySetting"/> from a configuration.</summary>
public static class EximRelaySettingReader
{
    /// <summary>Reads the relay settings.</summary>
    public static EximRelaySetting Read(EximConfiguration config)
    {
        var s = new EximRelaySetting
        {
            Source = config.Source,
            LocalDomains = List(config, "local_domains"),
            RelayToDomains = List(config, "relay_to_domains"),
            RelayFromHosts = List(config, "relay_from_hosts"),
            AclSmtpRcpt = config.Get("acl_smtp_rcpt"),
            AuthAdvertiseHosts = config.Get("auth_advertise_hosts"),
            TlsAdvertiseHosts = config.Get("tls_advertise_hosts"),
            DaemonSmtpPorts = config.Get("daemon_smtp_ports"),
            LocalInterfaces = config.Get("local_interfaces"),
            Options = EximRelaySetting.OptionNames.Select(n => new EximOption
            {
                Name = n,
                Value = config.Get(n),
                Origin = config.OriginOf(n),
                Hidden = config.Options.TryGetValue(n, out var o) && o.Hidden,
            }).ToArray(),
            Authenticators = config.Authenticators.ToArray(),
            DebianValues = config.DebianValues.Values.ToArray(),
        };
        return s;
    }

    /// <summary>A named list with its items (not expanded: an item with <c>$</c> stays as written).</summary>
    public static EximListSetting List(EximConfiguration config, string name)
    {
        if (!config.NamedLists.TryGetValue(name, out var list))
            return new EximListSetting { Name = name, Kind = name.EndsWith("hosts", StringComparison.Ordinal) ? "hostlist" : "domainlist", Origin = "not defined" };
        string origin = list.Origin + MacroOrigin(config, list.Value);
        var entries = new List<EximListEntry>();
        foreach (string raw in EximListMatcher.Split(list.Value))
        {
            string item = raw;
            bool negated = false;
            while (item.StartsWith("!", StringComparison.Ordinal)) { negated = !negated; item = item.Substring(1).TrimStart(); }
            entries.Add(new EximListEntry { List = name, Item = item, Negated = negated, Kind = KindOf(item, list.Kind), Origin = origin });
        }
        return new EximListSetting { Name = name, Kind = list.Kind, Value = list.Value, Origin = list.Origin, Entries = entries.ToArray() };
    }

    // For a Debian directory the list's value usually comes from a macro seeded from a dc_* value.
    static string MacroOrigin(EximConfiguration config, string value)
    {
        var seeded = config.Macros.Values.FirstOrDefault(m => m.Seeded && m.Value == value && m.Name.StartsWith("MAIN_", StringComparison.Ordinal));
        return seeded == null ? "" : " (" + seeded.Name + " from " + seeded.Origin + ")";
    }

    static string KindOf(string item, string kind)
    {
        if (item.Length == 0) return "empty (local senders)";
        if (item == "*") return "any";
        if (item.StartsWith("+", StringComparison.Ordinal)) return "named list";
        if (item == "@[]") return "local interfaces";
        if (item == "@") return "primary hostname";
        if (item.StartsWith("@mx_", StringComparison.Ordinal)) return "MX lookup";
        if (item.StartsWith("^", StringComparison.Ordinal)) return "regex";
        if (item.StartsWith("/", StringComparison.Ordinal)) return "file";
        if (item.IndexOf(';') > 0 && !EximNetwork.IsAddressOrCidr(item)) return "lookup";
        if (item.StartsWith("*", StringComparison.Ordinal)) return "wildcard";
        if (EximNetwork.IsAddressOrCidr(item)) return item.Contains("/") ? "network" : "address";
        if (item.Contains("$")) return "expansion";
        return kind == "hostlist" ? "host name" : "domain";
    }
}
