using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// The maps a what-if can answer offline: database maps (hash, btree, dbm) from their makemap text
/// sources, dequote, arith and macro as Sendmail computes them, and host lookups only where the answer
/// is known without DNS. Anything else is "not evaluated".
/// </summary>
public sealed class SendmailMaps : ISendmailMapLookup
{
    readonly Func<SendmailMapDeclaration, SendmailAccessFile?> _source;
    readonly Func<string, bool> _resolvesWithoutDns;
    readonly Action<string, string?> _defineMacro;

    /// <summary>
    /// Creates the maps. <paramref name="source"/> gives a database map's text source (null when it cannot be
    /// read); <paramref name="resolvesWithoutDns"/> says a host name is known to resolve (the server's own
    /// names); <paramref name="defineMacro"/> is what the macro map does.
    /// </summary>
    public SendmailMaps(Func<SendmailMapDeclaration, SendmailAccessFile?> source, Func<string, bool> resolvesWithoutDns, Action<string, string?> defineMacro)
    {
        _source = source;
        _resolvesWithoutDns = resolvesWithoutDns;
        _defineMacro = defineMacro;
    }

    /// <inheritdoc />
    public SendmailMapResult Lookup(SendmailMapDeclaration map, string key, string[] args)
    {
        switch (map.MapClass.ToLowerInvariant())
        {
            case "hash":
            case "btree":
            case "dbm":
                {
                    var text = _source(map);
                    if (text == null)
                    {
                        if (map.Optional) return SendmailMapResult.Miss;
                        throw new SendmailNotEvaluatedException("map " + map.Name + " (" + map.File + ") cannot be read");
                    }
                    var entry = text.Find(key);
                    return entry == null ? SendmailMapResult.Miss : SendmailMapResult.Hit(entry.Value, entry.Origin);
                }
            case "dequote":
                {
                    string? d = Dequote(key);
                    return d == null ? SendmailMapResult.Miss : SendmailMapResult.Hit(d);
                }
            case "arith":
                return Arith(key, args);
            case "macro":
                _defineMacro(key.Trim('{', '}'), args.Length > 0 ? args[0] : null);
                return SendmailMapResult.Hit("");
            case "host":
                // $[ $] canonicalizes through DNS; not found leaves the name as it is, which is also what the
                // rules see for a name that is already canonical (they strip the trailing dot either way).
                if (map.Name == "host") return SendmailMapResult.Miss;
                if (_resolvesWithoutDns(key.TrimEnd('.'))) return SendmailMapResult.Hit(key.TrimEnd('.') + ".");
                throw new SendmailNotEvaluatedException("whether " + key + " resolves in DNS (map " + map.Name + ", " + map.Origin + ")");
            case "null":
                return SendmailMapResult.Miss;
            default:
                throw new SendmailNotEvaluatedException("map " + map.Name + " of class " + map.MapClass + " (" + map.Origin + ") is not evaluated offline");
        }
    }

    /// <summary>The dequote map: the name without its quotes, or null when there were none or the result would not scan.</summary>
    public static string? Dequote(string name)
    {
        var sb = new StringBuilder();
        int angle = 0, comment = 0, quotes = 0, spaces = 0;
        bool quoted = false, escaped = false;
        foreach (char c in name)
        {
            if (escaped) { escaped = false; sb.Append(c); continue; }
            switch (c)
            {
                case '\\': escaped = true; break;
                case '(': comment++; break;
                case ')': if (comment-- <= 0) return null; break;
                case ' ':
                case '\t': spaces++; break;
            }
            if (comment > 0) { sb.Append(c); continue; }
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    quotes++;
                    continue;
                case '<': angle++; break;
                case '>': if (angle-- <= 0) return null; break;
            }
            sb.Append(c);
        }
        if (angle != 0 || comment != 0 || escaped || quoted || quotes <= 0 || spaces != 0) return null;
        return sb.ToString();
    }

    static SendmailMapResult Arith(string op, string[] args)
    {
        if (args.Length < 2 || !long.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long a) || !long.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long b))
            return SendmailMapResult.Hit("FALSE");
        string r = op switch
        {
            "+" => (a + b).ToString(CultureInfo.InvariantCulture),
            "-" => (a - b).ToString(CultureInfo.InvariantCulture),
            "*" => (a * b).ToString(CultureInfo.InvariantCulture),
            "/" => b == 0 ? "ERROR" : (a / b).ToString(CultureInfo.InvariantCulture),
            "%" => b == 0 ? "ERROR" : (a % b).ToString(CultureInfo.InvariantCulture),
            "l" => a < b ? "TRUE" : "FALSE",
            "=" => a == b ? "TRUE" : "FALSE",
            "|" => (a | b).ToString(CultureInfo.InvariantCulture),
            "&" => (a & b).ToString(CultureInfo.InvariantCulture),
            _ => "ERROR",
        };
        return SendmailMapResult.Hit(r);
    }
}
