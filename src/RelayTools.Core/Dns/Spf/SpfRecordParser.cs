using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Dns.Spf;

/// <summary>
/// Reads "v=spf1" records (RFC 7208 4.6, 12). The whole record is checked before any term is evaluated, because
/// 4.6 makes a syntax error anywhere a permerror, even after a mechanism that would have matched.
/// </summary>
public static class SpfRecordParser
{
    private const string Version = "v=spf1";

    // modifier = name "=" macro-string; name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )  (4.6.1)
    private static readonly Regex ModifierTerm = new("^([A-Za-z][A-Za-z0-9_.-]*)=(.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    // [ ":" domain-spec ] [ dual-cidr-length ], the cidr taken from the end (5.3, 5.4); a domain-spec may contain "/".
    private static readonly Regex DualCidrTail = new("^(.*?)(?:/([0-9]+))?(?://([0-9]+))?$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    /// <summary>
    /// True when <paramref name="text"/> is an SPF version 1 record: "v=spf1" in any case, then a space or the end
    /// (4.5: "v=spf10" and "v=spf1mx" are other records).
    /// </summary>
    public static bool IsSpfRecord(string? text) =>
        text != null && text.StartsWith(Version, StringComparison.OrdinalIgnoreCase)
        && (text.Length == Version.Length || text[Version.Length] == ' ');

    /// <summary>Parses a record; a syntax error names the term at fault.</summary>
    public static SpfParseResult Parse(string text)
    {
        if (!IsSpfRecord(text))
        {
            return new SpfParseResult { Error = "the record does not start with \"v=spf1\" followed by a space (RFC 7208 4.5)" };
        }
        var mechanisms = new List<SpfMechanism>();
        var modifiers = new List<SpfModifier>();
        // terms = *( 1*SP ( directive / modifier ) ): only spaces separate terms (4.6.1); tabs and CR are errors.
        foreach (string term in text.Substring(Version.Length).Split(' ').Where(t => t.Length > 0))
        {
            string? error = ModifierTerm.IsMatch(term)
                ? ParseModifier(term, modifiers)
                : ParseMechanism(term, mechanisms);
            if (error != null) return new SpfParseResult { Term = term, Error = "'" + SpfText.Visible(term) + "': " + error };
        }
        return new SpfParseResult
        {
            Record = new SpfRecord { Text = text, Mechanisms = mechanisms.ToArray(), Modifiers = modifiers.ToArray() },
        };
    }

    private static string? ParseModifier(string term, List<SpfModifier> modifiers)
    {
        Match m = ModifierTerm.Match(term);
        string name = m.Groups[1].Value.ToLowerInvariant();
        string value = m.Groups[2].Value;
        if (name is "redirect" or "exp")
        {
            // 6: redirect and exp may each appear once; their value is a domain-spec (6.1, 6.2), so "exp=" is an error.
            if (modifiers.Any(x => x.Name == name)) return "'" + name + "' appears more than once (RFC 7208 6)";
            if (!SpfDomainSpec.TryParse(value, out _, out string specError)) return specError;
        }
        else if (!SpfMacroString.TryParse(value, SpfMacroPlace.UnknownModifier, out _, out string macroError))
        {
            // Unknown modifiers are ignored (6), but their value must still be a valid macro-string (A).
            return macroError;
        }
        modifiers.Add(new SpfModifier { Text = term, Name = name, Value = value });
        return null;
    }

    private static string? ParseMechanism(string term, List<SpfMechanism> mechanisms)
    {
        var mechanism = new SpfMechanism { Text = term };
        int i = 0;
        switch (term[0])
        {
            case '+': mechanism.Qualifier = SpfQualifier.Pass; i = 1; break;
            case '-': mechanism.Qualifier = SpfQualifier.Fail; i = 1; break;
            case '~': mechanism.Qualifier = SpfQualifier.SoftFail; i = 1; break;
            case '?': mechanism.Qualifier = SpfQualifier.Neutral; i = 1; break;
        }
        int end = i;
        while (end < term.Length && term[end] != ':' && term[end] != '/') end++;
        string name = term.Substring(i, end - i);
        string rest = term.Substring(end);
        string? error;
        switch (name.ToLowerInvariant())
        {
            case "all":
                mechanism.Kind = SpfMechanismKind.All;
                error = rest.Length == 0 ? null : "\"all\" takes no argument (RFC 7208 5.1)";
                break;
            case "include":
                mechanism.Kind = SpfMechanismKind.Include;
                error = RequiredDomainSpec(mechanism, rest, "include", "5.2");
                break;
            case "exists":
                mechanism.Kind = SpfMechanismKind.Exists;
                error = RequiredDomainSpec(mechanism, rest, "exists", "5.7");
                break;
            case "a":
                mechanism.Kind = SpfMechanismKind.A;
                error = DomainSpecAndDualCidr(mechanism, rest);
                break;
            case "mx":
                mechanism.Kind = SpfMechanismKind.Mx;
                error = DomainSpecAndDualCidr(mechanism, rest);
                break;
            case "ptr":
                mechanism.Kind = SpfMechanismKind.Ptr;
                error = rest.Length == 0 ? null
                    : rest[0] != ':' ? "\"ptr\" takes no prefix length (RFC 7208 5.5)"
                    : DomainSpec(mechanism, rest.Substring(1));
                break;
            case "ip4":
                mechanism.Kind = SpfMechanismKind.Ip4;
                error = Network(mechanism, rest, ipv6: false);
                break;
            case "ip6":
                mechanism.Kind = SpfMechanismKind.Ip6;
                error = Network(mechanism, rest, ipv6: true);
                break;
            default:
                error = name.Any(c => c > 0x7E)
                    ? "'" + SpfText.Visible(name) + "' has non-ASCII characters (SPF records are 7-bit ASCII, RFC 7208 3.1)"
                    : name.Length == 0 ? "no mechanism name" : "'" + SpfText.Visible(name) + "' is not a mechanism (RFC 7208 5)";
                if (name.Equals("redirect", StringComparison.OrdinalIgnoreCase) || name.Equals("exp", StringComparison.OrdinalIgnoreCase))
                {
                    error += "; " + name.ToLowerInvariant() + " is a modifier, written " + name.ToLowerInvariant() + "=domain (RFC 7208 6)";
                }
                break;
        }
        if (error != null) return error;
        mechanisms.Add(mechanism);
        return null;
    }

    private static string? RequiredDomainSpec(SpfMechanism mechanism, string rest, string name, string section)
    {
        if (rest.Length == 0 || rest[0] != ':') return "\"" + name + "\" needs \":domain\" (RFC 7208 " + section + ")";
        return DomainSpec(mechanism, rest.Substring(1));
    }

    private static string? DomainSpec(SpfMechanism mechanism, string spec)
    {
        if (!SpfDomainSpec.TryParse(spec, out _, out string error)) return error;
        mechanism.DomainSpec = spec;
        return null;
    }

    private static string? DomainSpecAndDualCidr(SpfMechanism mechanism, string rest)
    {
        Match m = DualCidrTail.Match(rest);
        string spec = m.Groups[1].Value;
        if (spec.Length > 0)
        {
            if (spec[0] != ':') return "expected \":domain\" or a prefix length after \"" + mechanism.Text.Substring(0, mechanism.Text.Length - rest.Length) + "\"";
            string? error = DomainSpec(mechanism, spec.Substring(1));
            if (error != null) return error;
        }
        if (m.Groups[2].Success)
        {
            if (!SpfNetwork.TryParsePrefixLength(m.Groups[2].Value, 32, out int v4)) return "'/" + m.Groups[2].Value + "' is not an IPv4 prefix length 0-32 (RFC 7208 5.6)";
            mechanism.Ip4PrefixLength = v4;
        }
        if (m.Groups[3].Success)
        {
            if (!SpfNetwork.TryParsePrefixLength(m.Groups[3].Value, 128, out int v6)) return "'//" + m.Groups[3].Value + "' is not an IPv6 prefix length 0-128 (RFC 7208 5.6)";
            mechanism.Ip6PrefixLength = v6;
        }
        return null;
    }

    private static string? Network(SpfMechanism mechanism, string rest, bool ipv6)
    {
        string name = ipv6 ? "ip6" : "ip4";
        if (rest.Length == 0 || rest[0] != ':') return "\"" + name + "\" needs \":network\" (RFC 7208 5.6)";
        string value = rest.Substring(1);
        int slash = value.IndexOf('/');
        string network = slash < 0 ? value : value.Substring(0, slash);
        IPAddress? address;
        bool parsed = ipv6 ? SpfNetwork.TryParseIPv6(network, out address) : SpfNetwork.TryParseIPv4(network, out address);
        if (!parsed) return "'" + network + "' is not an " + (ipv6 ? "IPv6" : "IPv4 dotted-quad") + " address (RFC 7208 5.6)";
        mechanism.Network = network;
        mechanism.NetworkAddress = address;
        if (slash >= 0)
        {
            string digits = value.Substring(slash + 1);
            int max = ipv6 ? 128 : 32;
            if (!SpfNetwork.TryParsePrefixLength(digits, max, out int length)) return "'/" + digits + "' is not a prefix length 0-" + max + " (RFC 7208 5.6)";
            if (ipv6) mechanism.Ip6PrefixLength = length;
            else mechanism.Ip4PrefixLength = length;
        }
        return null;
    }
}
