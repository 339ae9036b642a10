using System;
using System.Globalization;
using System.Net;

namespace RelayTools.Core.Smtp.Syntax;

/// <summary>
/// Checks of the values a probe sends in XCLIENT (Postfix XCLIENT_README): the client address the server
/// is to believe (ADDR) and that client's host name (NAME). Like every value that reaches the wire they are
/// checked first for control characters and non-ASCII, then for what they are, and refused with
/// <see cref="SmtpArgumentException"/> before anything is sent.
/// </summary>
public static class XclientSyntax
{
    /// <summary>XCLIENT NAME for a client whose name lookup failed for good (Postfix then logs <c>unknown</c>).</summary>
    public const string Unavailable = "[UNAVAILABLE]";

    /// <summary>XCLIENT NAME for a client whose name lookup failed for now.</summary>
    public const string TemporarilyUnavailable = "[TEMPUNAVAIL]";

    /// <summary>
    /// Checks a client address and returns it in plain form (<c>192.0.2.10</c>, <c>2001:db8::1</c>). The
    /// forms logs and configurations write are accepted: <c>[192.0.2.10]</c>, <c>[IPv6:2001:db8::1]</c>,
    /// <c>IPV6:2001:db8::1</c>. Host names, prefixes, zone indexes and ports are refused.
    /// </summary>
    /// <exception cref="SmtpArgumentException">The value is not an IPv4 or IPv6 address.</exception>
    public static string ClientAddress(string? value, string parameterName)
    {
        const SmtpArgumentKind kind = SmtpArgumentKind.ClientAddress;
        string text = value ?? "";
        SmtpSyntax.CheckCharacters(kind, parameterName, text);
        string inner = text.Trim();
        if (inner.Length == 0)
        {
            throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Empty, parameterName, text, -1, "an IPv4 or IPv6 address is needed (192.0.2.10, 2001:db8::1)");
        }

        if (inner.Length > 2 && inner[0] == '[' && inner[inner.Length - 1] == ']')
        {
            inner = inner.Substring(1, inner.Length - 2);
        }

        bool tagged = inner.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase);
        if (tagged)
        {
            inner = inner.Substring(5);
        }

        if (!tagged && SmtpSyntax.IsIPv4Literal(inner))
        {
            // Decimal without leading zeros: inet_pton, which Postfix uses, refuses "010".
            string[] parts = inner.Split('.');
            return string.Join(".", Array.ConvertAll(parts, p => int.Parse(p, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));
        }

        if (SmtpSyntax.IsIPv6Literal(inner))
        {
            return IPAddress.Parse(inner).ToString();
        }

        throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, -1,
            "not an IPv4 or IPv6 address (XCLIENT ADDR takes 192.0.2.10 or 2001:db8::1; a host name goes in -ClientName)");
    }

    /// <summary>
    /// Checks a client host name and returns what XCLIENT NAME carries: a domain, <see cref="Unavailable"/>
    /// or <see cref="TemporarilyUnavailable"/> (any case). <c>unknown</c>, Postfix's log word for a client
    /// without a name, becomes <see cref="Unavailable"/>: sent as a name it would make the client look named.
    /// </summary>
    /// <exception cref="SmtpArgumentException">The value is neither a domain nor one of the two bracketed words.</exception>
    public static string ClientName(string? value, string parameterName)
    {
        const SmtpArgumentKind kind = SmtpArgumentKind.ClientName;
        string text = value ?? "";
        SmtpSyntax.CheckCharacters(kind, parameterName, text);
        if (text.Length == 0)
        {
            throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Empty, parameterName, text, -1, "a host name is needed (or [UNAVAILABLE] for a client without one)");
        }

        if (string.Equals(text, "unknown", StringComparison.OrdinalIgnoreCase) || string.Equals(text, Unavailable, StringComparison.OrdinalIgnoreCase))
        {
            return Unavailable;
        }

        if (string.Equals(text, TemporarilyUnavailable, StringComparison.OrdinalIgnoreCase))
        {
            return TemporarilyUnavailable;
        }

        if (text[0] == '[')
        {
            throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, 0,
                "only [UNAVAILABLE] and [TEMPUNAVAIL] are written in brackets; a client address goes in -ClientAddress");
        }

        if (SmtpSyntax.IsIPv4Literal(text))
        {
            // Postfix refuses an all-numeric name (valid_hostname): it would pass for an address.
            throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, -1, "an address is not a host name; give it with -ClientAddress");
        }

        SmtpSyntax.DomainOrLiteral(kind, parameterName, text, 0, text.Length, allowLiteral: false);
        return text;
    }
}
