using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;

namespace RelayTools.Core.Postfix;

/// <summary>
/// The mynetworks list of a service, resolved as smtpd resolves it: the expanded value with
/// <c>/file</c> entries read, or - when mynetworks is not set - the list Postfix computes from
/// mynetworks_style and inet_interfaces (only when that can be known without the host: explicit
/// interface addresses).
/// </summary>
public sealed class MyNetworks
{
    /// <summary>The expanded value (or the computed one when mynetworks is unset).</summary>
    public string Value { get; set; } = "";

    /// <summary>The parsed entries, files expanded in place.</summary>
    public List<PostfixNetwork> Entries { get; } = [];

    /// <summary>Why the list (or part of it) cannot be known offline; empty when fully known.</summary>
    public string Unknown { get; set; } = "";

    /// <summary>Resolves mynetworks for a service; <paramref name="readFile"/> returns a file's text or null.</summary>
    public static MyNetworks Resolve(PostfixConfiguration config, MasterService? service, Func<string, string?> readFile)
    {
        var result = new MyNetworks();
        var p = config.GetParameter("mynetworks", service);
        if (p == null || p.Source == PostfixValueSource.Default)
        {
            result.Value = Computed(config, service, out string unknown);
            result.Unknown = unknown;
        }
        else result.Value = config.Expand("mynetworks", service);
        result._readFile = readFile;
        foreach (string item in PostfixList.Split(result.Value)) result.Add(item, readFile, 0);
        return result;
    }

    Func<string, string?> _readFile = ReadFileOrNull;

    void Add(string item, Func<string, string?> readFile, int depth)
    {
        var entry = PostfixNetwork.Parse(item);
        Entries.Add(entry);
        if (entry.Kind != PostfixNetworkKind.File || depth > 5) return;
        string? text = readFile(entry.Network);
        if (text == null) { Unknown = Join(Unknown, "the file " + entry.Network + " cannot be read here"); return; }
        foreach (string line in text.Replace("\r", "").Split('\n'))
        {
            string l = line.Trim();
            if (l.Length == 0 || l.StartsWith("#", StringComparison.Ordinal)) continue;
            foreach (string sub in PostfixList.Split(l)) Add(sub, readFile, depth + 1);
        }
    }

    static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;

    /// <summary>
    /// The value Postfix computes when mynetworks is unset: style host gives each interface address
    /// (/32 or /128); style subnet or class for 127.0.0.1 gives 127.0.0.0/8. Anything needing the host's
    /// real interfaces or netmasks is reported in <paramref name="unknown"/>.
    /// </summary>
    public static string Computed(PostfixConfiguration config, MasterService? service, out string unknown)
    {
        unknown = "";
        string style = config.Expand("mynetworks_style", service).Trim().ToLowerInvariant();
        string protocols = config.Expand("inet_protocols", service).ToLowerInvariant();
        bool v4 = protocols.Contains("all") || protocols.Contains("ipv4");
        bool v6 = protocols.Contains("all") || protocols.Contains("ipv6");
        var interfaces = PostfixList.Split(config.Expand("inet_interfaces", service));
        var parts = new List<string>();
        foreach (string raw in interfaces)
        {
            string name = raw.Trim('[', ']');
            if (name is "loopback-only" or "localhost") name = "127.0.0.1";
            if (!IPAddress.TryParse(name, out IPAddress? ip))
            {
                unknown = "mynetworks is not set: Postfix computes it (mynetworks_style = " + style + ") from this host's interfaces (inet_interfaces = " + string.Join(" ", interfaces) + ")";
                return "";
            }
            bool isV6 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            if ((isV6 && !v6) || (!isV6 && !v4)) continue;
            if (style == "host") parts.Add(isV6 ? "[" + ip + "]/128" : ip + "/32");
            else if (!isV6 && ip.GetAddressBytes()[0] == 127) parts.Add("127.0.0.0/8");
            else
            {
                unknown = "mynetworks is not set: with mynetworks_style = " + style + " Postfix uses the netmask of " + ip + " on this host";
                return "";
            }
        }
        return string.Join(" ", parts.Distinct());
    }

    /// <summary>
    /// Whether <paramref name="client"/> is in mynetworks: true, false, or null when an entry that
    /// could decide cannot be evaluated (<paramref name="detail"/> says which). The first matching
    /// entry decides; a <c>!entry</c> match means "not in mynetworks".
    /// </summary>
    public bool? Match(IPAddress client, string clientName, out string detail)
    {
        client = PostfixNetwork.NormaliseClient(client);
        if (Unknown.Length > 0 && Entries.Count == 0) { detail = Unknown; return null; }
        foreach (var e in Entries)
        {
            switch (e.Kind)
            {
                case PostfixNetworkKind.Address:
                case PostfixNetworkKind.Cidr:
                    if (e.Contains(client)) { detail = (e.Negated ? "excluded by " : "matches ") + e.Text; return !e.Negated; }
                    break;
                case PostfixNetworkKind.Name:
                    if (clientName != "unknown" && (string.Equals(e.Network, clientName, StringComparison.OrdinalIgnoreCase)
                        || clientName.EndsWith("." + e.Network.TrimStart('.'), StringComparison.OrdinalIgnoreCase)))
                    { detail = (e.Negated ? "excluded by " : "matches ") + e.Text; return !e.Negated; }
                    break;
                case PostfixNetworkKind.Table:
                    // match_hostaddr: a cidr table matches networks; any other table is asked for the address itself.
                    var table = AccessTable.TryLoad(e.Network, _readFile);
                    if (table == null) { detail = "not evaluated: the table " + e.Network + " cannot be read here"; return null; }
                    if ((table.IsCidr ? table.LookupCidr(client) : table.Lookup(client.ToString())) != null) { detail = (e.Negated ? "excluded by " : "matches ") + e.Text; return !e.Negated; }
                    break;
                case PostfixNetworkKind.Invalid:
                    detail = "not evaluated: invalid entry " + e.Text + " (" + e.Problem + ")";
                    return null;
            }
        }
        if (Unknown.Length > 0) { detail = "not evaluated: " + Unknown; return null; }
        detail = "no mynetworks entry matches " + client;
        return false;
    }

    /// <summary>Reads a file for mynetworks or a table; null when it cannot be read.</summary>
    public static string? ReadFileOrNull(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException) { return null; }
    }
}
