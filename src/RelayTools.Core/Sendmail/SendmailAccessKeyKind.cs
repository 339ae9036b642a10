using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Sendmail;

/// <summary>What the key of an access entry (the part after the tag) names, which decides what Sendmail matches it against.</summary>
public enum SendmailAccessKeyKind
{
    /// <summary>Anything else: a certificate DN, a <c>Compat:</c> pair, <c>&lt;&gt;</c>, or a key that never matches (a CIDR, a trailing dot).</summary>
    Other,
    /// <summary>One to four dotted decimal octets (<c>10.20.1</c>): matches client addresses by whole octets, <c>10.20.1</c> is 10.20.1.*.</summary>
    IPv4Prefix,
    /// <summary><c>IPv6:</c> and colon-separated hex groups: matches client addresses by whole groups from the left.</summary>
    IPv6Prefix,
    /// <summary>A local part and <c>@</c> (<c>abuse@</c>): matches that user at any domain.</summary>
    User,
    /// <summary>A full address, <c>user@domain</c>.</summary>
    Address,
    /// <summary>A host name or a parent domain (<c>example.com</c> matches example.com and every host under it).</summary>
    Domain,
    /// <summary>A bracketed address (<c>[192.0.2.1]</c>, <c>[IPv6:...]</c>): a host name, matched against <c>${client_name}</c> when the client address does not resolve.</summary>
    AddressLiteral,
    /// <summary>No key at all (<c>ClientRate:</c>): the default for that tag.</summary>
    Empty,
}

/// <summary>Tells what an access key names, and reports keys that can never match the way Sendmail looks them up.</summary>
internal static class SendmailAccessKeyClassifier
{
    static readonly Regex Cidr = new(@"^(\d{1,3}(?:\.\d{1,3}){0,3})/(\d{1,2})$", RegexOptions.CultureInvariant);
    static readonly Regex Dotted = new(@"^\d+(?:\.\d*)*$", RegexOptions.CultureInvariant);
    static readonly Regex HostName = new(@"^\.?[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?$", RegexOptions.CultureInvariant);
    static readonly Regex HexGroup = new(@"^[0-9A-Fa-f]{1,4}$", RegexOptions.CultureInvariant);

    /// <summary>The kind of <paramref name="key"/> (the part after the tag); notes go to <paramref name="notes"/>.</summary>
    internal static SendmailAccessKeyKind Classify(string key, string tagged, string origin, List<SendmailNote> notes)
    {
        if (key.Length == 0) return SendmailAccessKeyKind.Empty;
        if (key[0] == '[' && key[key.Length - 1] == ']') return SendmailAccessKeyKind.AddressLiteral;
        if (key.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase)) return ClassifyIPv6(key, tagged, origin, notes);
        if (key.Contains("<@>")) return SendmailAccessKeyKind.Other;
        var cidr = Cidr.Match(key);
        if (cidr.Success)
        {
            notes.Add(Note(origin, "\"" + tagged + "\" is a CIDR block, but Sendmail has no CIDR matching: it looks up the client address and its shorter "
                + "whole-octet prefixes (for 10.20.1.5 it tries 10.20.1.5, 10.20.1, 10.20 and 10), so this key never matches; " + CidrAdvice(tagged, key, cidr)));
            return SendmailAccessKeyKind.Other;
        }
        if (Dotted.IsMatch(key)) return ClassifyIPv4(key, tagged, origin, notes);
        int at = key.IndexOf('@');
        if (at >= 0)
        {
            if (at == key.Length - 1 && at > 0) return SendmailAccessKeyKind.User;
            if (at > 0 && key.IndexOf('@', at + 1) < 0) return SendmailAccessKeyKind.Address;
            return SendmailAccessKeyKind.Other;
        }
        return HostName.IsMatch(key) ? SendmailAccessKeyKind.Domain : SendmailAccessKeyKind.Other;
    }

    static SendmailAccessKeyKind ClassifyIPv4(string key, string tagged, string origin, List<SendmailNote> notes)
    {
        string head = tagged.Substring(0, tagged.Length - key.Length);
        string[] octets = key.Split('.');
        if (key.EndsWith(".", StringComparison.Ordinal))
        {
            string trimmed = key.TrimEnd('.');
            notes.Add(Note(origin, "\"" + tagged + "\" ends with a dot: Sendmail looks up whole-octet prefixes without one (such as 10.20.1), so this key never matches; write "
                + head + trimmed));
            return SendmailAccessKeyKind.Other;
        }
        if (octets.Length > 4 || octets.Any(o => o.Length == 0 || o.Length > 3 || int.Parse(o) > 255))
        {
            notes.Add(Note(origin, "\"" + tagged + "\" is not an IPv4 address or a prefix of one (one to four octets 0-255), so it never matches a client address"));
            return SendmailAccessKeyKind.Other;
        }
        if (octets.Length == 4 && octets[3] == "0")
        {
            string network = string.Join(".", octets.Take(3));
            notes.Add(Note(origin, "\"" + tagged + "\" matches only the host " + key + ", not a network: Sendmail matches by whole octets; for "
                + network + ".0/24 write " + head + network));
        }
        return SendmailAccessKeyKind.IPv4Prefix;
    }

    static SendmailAccessKeyKind ClassifyIPv6(string key, string tagged, string origin, List<SendmailNote> notes)
    {
        string address = key.Substring(5);
        string head = tagged.Substring(0, tagged.Length - address.Length);
        int compress = address.IndexOf("::", StringComparison.Ordinal);
        if (compress >= 0 && address.IndexOf("::", compress + 1, StringComparison.Ordinal) >= 0) return Bad();
        string[] left = (compress < 0 ? address : address.Substring(0, compress)).Split(':');
        string[] right = compress < 0 ? [] : address.Substring(compress + 2).Split(':');
        if (left.Length == 1 && left[0].Length == 0) left = [];
        if (right.Length == 1 && right[0].Length == 0) right = [];
        if (left.Concat(right).Any(g => !HexGroup.IsMatch(g)) || left.Length + right.Length > 8 || (compress < 0 && left.Length == 0)) return Bad();

        // Sendmail 8.17 is built with IPV6_FULL (sendmail -d0.1 lists it): ${client_addr} is written uncompressed, each group
        // without leading zeros (IPv6:2001:db8:0:0:0:0:0:1), and the access lookups drop whole groups from the right.
        string Plain(string g) => g.TrimStart('0').Length == 0 ? "0" : g.TrimStart('0').ToLowerInvariant();
        bool leadingZero = left.Concat(right).Any(g => g.Length > 1 && g[0] == '0');
        if (compress >= 0)
        {
            string written = right.Length == 0
                ? string.Join(":", left.Select(Plain))
                : string.Join(":", left.Select(Plain).Concat(Enumerable.Repeat("0", 8 - left.Length - right.Length)).Concat(right.Select(Plain)));
            notes.Add(Note(origin, "\"" + tagged + "\" uses '::', but Sendmail 8.17 (built with IPV6_FULL) looks up client addresses uncompressed "
                + "(IPv6:2001:db8:0:0:0:0:0:1) and their shorter whole-group prefixes, so this key never matches; write " + head + written));
        }
        else if (leadingZero)
        {
            notes.Add(Note(origin, "\"" + tagged + "\" has a group with leading zeros, but Sendmail 8.17 (built with IPV6_FULL) writes client addresses "
                + "without them (2c7, not 02c7), so this key never matches; write " + head + string.Join(":", left.Select(Plain))));
        }
        return SendmailAccessKeyKind.IPv6Prefix;

        SendmailAccessKeyKind Bad()
        {
            notes.Add(Note(origin, "\"" + tagged + "\" is not an IPv6 address or a prefix of one (IPv6: and up to eight hex groups), so it never matches a client address"));
            return SendmailAccessKeyKind.Other;
        }
    }

    static string CidrAdvice(string tagged, string key, Match cidr)
    {
        string head = tagged.Substring(0, tagged.Length - key.Length);
        int bits = int.Parse(cidr.Groups[2].Value);
        var octets = cidr.Groups[1].Value.Split('.').Select(int.Parse).ToList();
        while (octets.Count < 4) octets.Add(0);
        if (bits > 32 || octets.Any(o => o > 255)) return "and it is not a valid block either";
        int whole = bits / 8;
        if (bits % 8 == 0)
            return whole == 0 ? "a /0 has no key: every address would match" : "write " + head + string.Join(".", octets.Take(whole));
        int span = 1 << (8 - bits % 8);
        if (span > 16) return "Sendmail needs one key per whole-octet prefix in it; split it into /" + (whole + 1) * 8 + " keys";
        int first = octets[whole] & ~(span - 1);
        var keys = Enumerable.Range(first, span).Select(o => head + string.Join(".", octets.Take(whole).Append(o)));
        return "write one line per prefix: " + string.Join(", ", keys);
    }

    static SendmailNote Note(string origin, string message) => new(SendmailNoteKind.Suspicious, origin, message);
}
