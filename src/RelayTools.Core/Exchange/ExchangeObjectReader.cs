using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Exchange;

/// <summary>
/// Builds Exchange objects from property bags: the properties of objects that Get-ReceiveConnector, Get-AcceptedDomain
/// and Get-ADPermission wrote with Export-Clixml (values are strings, arrays of strings, or objects whose ToString is
/// the value) or with Export-Csv (multi-valued fields joined with commas or semicolons). A bad value becomes a note
/// naming the object and the field; the rest of the object is still read.
/// </summary>
public static class ExchangeObjectReader
{
    static readonly char[] Separators = [',', ';'];

    /// <summary>Reads every bag of the three kinds.</summary>
    public static ExchangeObjects Read(
        IEnumerable<IReadOnlyDictionary<string, object?>> connectors,
        IEnumerable<IReadOnlyDictionary<string, object?>> domains,
        IEnumerable<IReadOnlyDictionary<string, object?>> permissions,
        string origin = "")
    {
        var notes = new List<string>();
        var result = new ExchangeObjects
        {
            Connectors = connectors.Select((b, i) => ReadConnector(b, Row(origin, "connector", i), notes)).ToArray(),
            Domains = domains.Select((b, i) => ReadAcceptedDomain(b, Row(origin, "accepted domain", i), notes)).ToArray(),
            Permissions = permissions.Select((b, i) => ReadPermission(b, Row(origin, "permission", i), notes)).ToArray(),
        };
        result.Notes = notes.ToArray();
        return result;
    }

    /// <summary>Reads one Receive connector (Name, Identity, Server, TransportRole, Bindings, RemoteIPRanges, PermissionGroups, AuthMechanism, Enabled, RequireTLS, Fqdn).</summary>
    public static ExchangeReceiveConnector ReadConnector(IReadOnlyDictionary<string, object?> bag, string origin, ICollection<string> notes)
    {
        var c = new ExchangeReceiveConnector { Origin = origin };
        c.Identity = Text(bag, "Identity");
        c.Name = Text(bag, "Name");
        c.Server = Text(bag, "Server");
        if (c.Name.Length == 0) c.Name = c.Identity.Substring(c.Identity.LastIndexOf('\\') + 1);
        if (c.Server.Length == 0 && c.Identity.Contains("\\")) c.Server = c.Identity.Substring(0, c.Identity.LastIndexOf('\\'));
        if (c.Identity.Length == 0) c.Identity = c.Server.Length > 0 ? c.Server + "\\" + c.Name : c.Name;
        var what = "Receive connector '" + c.CommandIdentity + "'" + (origin.Length > 0 ? " (" + origin + ")" : "");

        var role = Text(bag, "TransportRole");
        if (role.Length > 0)
        {
            if (IsNumber(role)) notes.Add(what + ": TransportRole is the number " + role + NumberAdvice.Replace("it is left out", "FrontendTransport assumed"));
            else if (Enum.TryParse<ExchangeTransportRole>(role, true, out var r) && Enum.IsDefined(typeof(ExchangeTransportRole), r)) c.TransportRole = r;
            else notes.Add(what + ": TransportRole '" + role + "' is not FrontendTransport or HubTransport; FrontendTransport assumed.");
        }

        var bindings = new List<ExchangeBinding>();
        foreach (var v in Values(bag, "Bindings", what, notes))
        {
            var b = ExchangeBinding.TryParse(v);
            if (b == null) notes.Add(what + ": Bindings value '" + v + "' is not address:port; it is left out.");
            else bindings.Add(b);
        }
        c.Bindings = bindings.ToArray();

        var ranges = new List<ExchangeIPRange>();
        foreach (var v in Values(bag, "RemoteIPRanges", what, notes))
        {
            var r = ExchangeIPRange.TryParse(v);
            if (r == null) notes.Add(what + ": RemoteIPRanges value '" + v + "' is not an address, a range a-b or a CIDR block; it is left out.");
            else ranges.Add(r);
        }
        c.RemoteIPRanges = ranges.ToArray();

        c.PermissionGroups = Flags(bag, "PermissionGroups", what, notes, GroupNames);
        c.AuthMechanism = Flags(bag, "AuthMechanism", what, notes, AuthNames);
        c.Enabled = Bool(bag, "Enabled", true, what, notes);
        c.RequireTLS = Bool(bag, "RequireTLS", false, what, notes);
        c.Fqdn = Text(bag, "Fqdn");
        return c;
    }

    /// <summary>Reads one accepted domain (Name, DomainName, DomainType).</summary>
    public static ExchangeAcceptedDomain ReadAcceptedDomain(IReadOnlyDictionary<string, object?> bag, string origin, ICollection<string> notes)
    {
        var d = new ExchangeAcceptedDomain { Origin = origin, DomainName = Text(bag, "DomainName"), Name = Text(bag, "Name") };
        if (d.Name.Length == 0) d.Name = d.DomainName;
        var what = "accepted domain '" + d.Name + "'" + (origin.Length > 0 ? " (" + origin + ")" : "");
        if (d.DomainName.Length == 0) notes.Add(what + ": DomainName is empty; the domain matches nothing.");
        var type = Text(bag, "DomainType");
        if (type.Length == 0) notes.Add(what + ": DomainType is missing; Authoritative assumed.");
        else if (IsNumber(type)) notes.Add(what + ": DomainType is the number " + type + NumberAdvice.Replace("it is left out", "Authoritative assumed"));
        else if (Enum.TryParse<ExchangeAcceptedDomainType>(type, true, out var t) && Enum.IsDefined(typeof(ExchangeAcceptedDomainType), t)) d.DomainType = t;
        else notes.Add(what + ": DomainType '" + type + "' is not Authoritative, InternalRelay or ExternalRelay; Authoritative assumed.");
        return d;
    }

    /// <summary>Reads one Receive connector permission (Identity, User, ExtendedRights, Deny, IsInherited).</summary>
    public static ExchangePermission ReadPermission(IReadOnlyDictionary<string, object?> bag, string origin, ICollection<string> notes)
    {
        var p = new ExchangePermission { Origin = origin, Identity = Text(bag, "Identity"), User = Text(bag, "User") };
        var what = "permission of '" + p.User + "' on '" + p.Identity + "'" + (origin.Length > 0 ? " (" + origin + ")" : "");
        if (p.Identity.Length == 0) notes.Add(what + ": Identity is empty; the entry applies to no connector.");
        p.ExtendedRights = Values(bag, "ExtendedRights", what, notes).ToArray();
        p.Deny = Bool(bag, "Deny", false, what, notes);
        p.IsInherited = Bool(bag, "IsInherited", false, what, notes);
        return p;
    }

    static readonly Dictionary<string, ExchangePermissionGroups> GroupNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["None"] = ExchangePermissionGroups.None,
        ["AnonymousUsers"] = ExchangePermissionGroups.AnonymousUsers,
        ["Anonymous"] = ExchangePermissionGroups.AnonymousUsers,
        ["ExchangeUsers"] = ExchangePermissionGroups.ExchangeUsers,
        ["ExchangeServers"] = ExchangePermissionGroups.ExchangeServers,
        ["ExchangeLegacyServers"] = ExchangePermissionGroups.ExchangeLegacyServers,
        ["Partners"] = ExchangePermissionGroups.Partners,
        ["Partner"] = ExchangePermissionGroups.Partners,
        ["Custom"] = ExchangePermissionGroups.Custom,
    };

    static readonly Dictionary<string, ExchangeAuthMechanisms> AuthNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["None"] = ExchangeAuthMechanisms.None,
        ["Tls"] = ExchangeAuthMechanisms.Tls,
        ["Integrated"] = ExchangeAuthMechanisms.Integrated,
        ["BasicAuth"] = ExchangeAuthMechanisms.BasicAuth,
        ["BasicAuthRequireTLS"] = ExchangeAuthMechanisms.BasicAuthRequireTLS,
        ["ExchangeServer"] = ExchangeAuthMechanisms.ExchangeServer,
        ["ExternalAuthoritative"] = ExchangeAuthMechanisms.ExternalAuthoritative,
    };

    static T Flags<T>(IReadOnlyDictionary<string, object?> bag, string key, string what, ICollection<string> notes, Dictionary<string, T> names)
        where T : struct, Enum
    {
        var value = 0;
        foreach (var v in Values(bag, key, what, notes))
        {
            if (names.TryGetValue(v, out var flag)) value |= Convert.ToInt32(flag);
            else if (IsNumber(v)) notes.Add(what + ": " + key + " is the number " + v + NumberAdvice);
            else notes.Add(what + ": " + key + " value '" + v + "' is not one Exchange has; it is left out.");
        }
        return (T)Enum.ToObject(typeof(T), value);
    }

    // Microsoft documents these fields by name only, so a number (ConvertTo-Json writes enums as numbers) is not guessed at.
    const string NumberAdvice = ", not a name (ConvertTo-Json writes enums as numbers; export with ConvertTo-Json -EnumsAsStrings, Export-Clixml or Export-Csv); it is left out.";

    static bool IsNumber(string v) => v.Length > 0 && v.All(char.IsDigit);

    static bool Bool(IReadOnlyDictionary<string, object?> bag, string key, bool fallback, string what, ICollection<string> notes)
    {
        var raw = Raw(bag, key);
        if (raw is bool b) return b;
        var t = Text(bag, key);
        if (t.Length == 0) return fallback;
        if (bool.TryParse(t.TrimStart('$'), out var parsed)) return parsed;
        notes.Add(what + ": " + key + " '" + t + "' is not True or False; " + fallback + " assumed.");
        return fallback;
    }

    static string Text(IReadOnlyDictionary<string, object?> bag, string key)
    {
        var raw = Raw(bag, key);
        if (raw is null) return "";
        if (raw is string s) return s.Trim();
        if (raw is IEnumerable e) return string.Join(", ", e.Cast<object?>().Select(o => o?.ToString() ?? ""));
        return raw.ToString()?.Trim() ?? "";
    }

    /// <summary>
    /// The values of a multi-valued field: each element of an array or enumerable (by its ToString), or a string split
    /// at commas and semicolons (as Export-Csv with -join writes it), with the braces of a formatted list removed.
    /// </summary>
    internal static IEnumerable<string> Values(IReadOnlyDictionary<string, object?> bag, string key, string what, ICollection<string> notes)
    {
        var raw = Raw(bag, key);
        if (raw is null) yield break;
        IEnumerable<string> items = raw is string s ? [s] : raw is IEnumerable e ? e.Cast<object?>().Select(o => o?.ToString() ?? "") : [raw.ToString() ?? ""];
        foreach (var item in items)
        {
            if (item.StartsWith("Microsoft.Exchange.", StringComparison.Ordinal) || item.StartsWith("System.", StringComparison.Ordinal))
            {
                notes.Add(what + ": " + key + " holds the type name '" + item + "' (Export-Csv without joining the values, for example @{n='" + key + "';e={$_." + key + " -join ';'}}); it is left out.");
                continue;
            }
            foreach (var part in item.Trim().TrimStart('{').TrimEnd('}').Split(Separators))
            {
                var v = part.Trim();
                if (v.Length > 0) yield return v;
            }
        }
    }

    static object? Raw(IReadOnlyDictionary<string, object?> bag, string key)
    {
        if (bag.TryGetValue(key, out var v)) return v;
        foreach (var pair in bag)
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)) return pair.Value;
        return null;
    }

    static string Row(string origin, string kind, int index) => (origin.Length > 0 ? origin + " " : "") + kind + " " + (index + 1);
}
