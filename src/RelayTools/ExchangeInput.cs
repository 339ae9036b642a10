using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace RelayTools;

/// <summary>
/// Turns what an admin passes for Exchange objects into the property bags the core reads: live objects of an Exchange
/// Management Shell, deserialized ones (Import-Clixml, remoting), ConvertFrom-Json objects, Import-Csv rows or
/// hashtables. Values keep their shape (a list stays a list, a bool a bool); anything else becomes its text, which is
/// what Exchange's own types (IPBinding, IPRange, ADObjectId) and their deserialized forms print.
/// </summary>
internal static class ExchangeInput
{
    /// <summary>The kinds of object the Exchange cmdlets take, with the property without which an object is not of that kind.</summary>
    internal enum Kind
    {
        ReceiveConnector,
        AcceptedDomain,
        Permission,
    }

    /// <summary>
    /// The bags of <paramref name="objects"/>; an object that is not of the kind (a string, or one without the kind's
    /// key property, such as an accepted domain passed as a connector) is an error for that object only.
    /// </summary>
    internal static List<IReadOnlyDictionary<string, object?>> Bags(IEnumerable<object?> objects, Kind kind, Action<ErrorRecord> error)
    {
        var bags = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var item in objects)
        {
            if (item == null) continue;
            var bag = Bag(item);
            if (bag == null || !bag.Keys.Any(k => string.Equals(k, KeyProperty(kind), StringComparison.OrdinalIgnoreCase)))
            {
                error(new ErrorRecord(new ArgumentException(Describe(item) + " is not " + Article(kind) + ": it has no " + KeyProperty(kind) + " property. " + Source(kind)),
                    "ExchangeInputNot" + kind, ErrorCategory.InvalidData, item));
                continue;
            }
            bags.Add(bag);
        }
        return bags;
    }

    /// <summary>
    /// Reads the three kinds of object into the core's model; what could not be read (a bad value of a field) is a
    /// warning naming the object and the field, and the rest is still used.
    /// </summary>
    internal static RelayTools.Core.Exchange.ExchangeObjects Read(Cmdlet cmdlet, IEnumerable<object?> connectors, IEnumerable<object?> domains, IEnumerable<object?> permissions)
    {
        var objects = RelayTools.Core.Exchange.ExchangeObjectReader.Read(
            Bags(connectors, Kind.ReceiveConnector, cmdlet.WriteError),
            Bags(domains, Kind.AcceptedDomain, cmdlet.WriteError),
            Bags(permissions, Kind.Permission, cmdlet.WriteError));
        cmdlet.WriteVerbose("Read " + objects.Connectors.Length + " Receive connectors, " + objects.Domains.Length + " accepted domains and " + objects.Permissions.Length + " permissions.");
        foreach (var note in objects.Notes) cmdlet.WriteWarning(note);
        return objects;
    }

    static string KeyProperty(Kind kind) => kind switch
    {
        Kind.ReceiveConnector => "Bindings",
        Kind.AcceptedDomain => "DomainName",
        _ => "ExtendedRights",
    };

    static string Article(Kind kind) => kind switch
    {
        Kind.ReceiveConnector => "a Receive connector",
        Kind.AcceptedDomain => "an accepted domain",
        _ => "a Receive connector permission",
    };

    static string Source(Kind kind) => kind switch
    {
        Kind.ReceiveConnector => "Pass the objects of Get-ReceiveConnector, or Import-Clixml / Import-Csv / ConvertFrom-Json of their export.",
        Kind.AcceptedDomain => "Pass the objects of Get-AcceptedDomain, or Import-Clixml / Import-Csv / ConvertFrom-Json of their export.",
        _ => "Pass the objects of Get-ReceiveConnector | Get-ADPermission | Where-Object ExtendedRights, or an import of their export.",
    };

    static string Describe(object item)
    {
        var baseObject = item is PSObject p ? p.BaseObject : item;
        if (baseObject is string s) return "The string '" + (s.Length > 60 ? s.Substring(0, 60) + "..." : s) + "'";
        var typeName = item is PSObject pso && pso.TypeNames.Count > 0 ? pso.TypeNames[0] : baseObject.GetType().FullName;
        return "An object of type " + typeName;
    }

    /// <summary>The properties of one object, or null for a value without properties (a string, a number).</summary>
    static IReadOnlyDictionary<string, object?>? Bag(object item)
    {
        var pso = item as PSObject ?? PSObject.AsPSObject(item);
        var baseObject = pso.BaseObject;
        if (baseObject is string || baseObject.GetType().IsPrimitive) return null;
        var bag = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (baseObject is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
                if (entry.Key != null) bag[entry.Key.ToString() ?? ""] = Value(entry.Value);
            return bag;
        }
        foreach (var property in pso.Properties)
        {
            object? value;
            // A live object's getter may throw (a property the session cannot read); that property is left out.
            try { value = property.Value; }
            catch (GetValueException) { continue; }
            catch (ExtendedTypeSystemException) { continue; }
            bag[property.Name] = Value(value);
        }
        return bag;
    }

    /// <summary>A value as the core reads it: null, a string, a bool, a list of texts, or the object (read by its text).</summary>
    static object? Value(object? value)
    {
        if (value is PSObject pso)
        {
            // Deserialized and JSON objects are PSCustomObject underneath: their text is what they printed.
            if (pso.BaseObject is PSCustomObject) return pso.ToString();
            value = pso.BaseObject;
        }
        return value switch
        {
            null => null,
            string s => s,
            bool b => b,
            IEnumerable list => list.Cast<object?>().Select(Text).ToArray(),
            _ => value,
        };
    }

    static string Text(object? element) => element switch
    {
        null => "",
        PSObject p when p.BaseObject is not PSCustomObject => p.BaseObject.ToString() ?? "",
        PSObject p => Structured(p) ?? "(an object with the properties " + string.Join(", ", p.Properties.Select(x => x.Name)) + ")",
        _ => element.ToString() ?? "",
    };

    /// <summary>
    /// The text of an IPBinding (Address, Port) or IPRange (LowerBound, UpperBound, RangeFormat, CIDRLength) that
    /// ConvertTo-Json wrote as an object of its properties, as Exchange prints it; null for anything else.
    /// </summary>
    static string? Structured(PSObject p)
    {
        object? Get(string name) => p.Properties[name]?.Value;
        string Address(object? a) => a is PSObject ap && ap.Properties["IPAddressToString"]?.Value is { } text ? text.ToString() ?? "" : a?.ToString() ?? "";
        if (Get("Address") is { } address && Get("Port") is { } port)
        {
            var host = Address(address);
            return (host.Contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
        if (Get("LowerBound") is { } lower && Get("UpperBound") is { } upper)
        {
            string lo = Address(lower), hi = Address(upper), format = Get("RangeFormat")?.ToString() ?? "";
            if (string.Equals(format, "CIDR", StringComparison.OrdinalIgnoreCase) && Get("CIDRLength") is { } length) return lo + "/" + length;
            return lo == hi ? lo : lo + "-" + hi;
        }
        return null;
    }
}
