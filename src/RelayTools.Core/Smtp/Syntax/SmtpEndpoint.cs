using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RelayTools.Core.Smtp.Syntax;

/// <summary>
/// A server as admins paste it from logs and configs: a host name, an IPv4 or bare IPv6 address, an
/// address literal (<c>[192.0.2.1]</c>, <c>[IPv6:2001:db8::1]</c>, <c>[2001:db8::1]</c>), each with an
/// optional <c>:port</c> (<c>mx.example.com:2525</c>, <c>[2001:db8::1]:587</c>). A bare IPv6 address
/// never carries a port: its colons are its own.
/// </summary>
public sealed class SmtpEndpoint
{
    private SmtpEndpoint(string host, IPAddress? address, int? port)
    {
        Host = host;
        Address = address;
        Port = port;
    }

    /// <summary>The host to connect to: a name, or an address in its plain form (<c>2001:db8::1</c>, no brackets).</summary>
    public string Host { get; }

    /// <summary>The address, when the value was one.</summary>
    public IPAddress? Address { get; }

    /// <summary>The port written in the value, which overrides the -Port parameter; null when none.</summary>
    public int? Port { get; }

    /// <summary>Parses a server value.</summary>
    /// <exception cref="SmtpArgumentException">The value is no host, address or literal.</exception>
    public static SmtpEndpoint Parse(string? value, string parameterName = "Server")
    {
        const SmtpArgumentKind kind = SmtpArgumentKind.Server;
        string text = value ?? "";
        SmtpSyntax.CheckCharacters(kind, parameterName, text);
        string trimmed = text.Trim(' ');
        int offset = text.IndexOf(trimmed, StringComparison.Ordinal);
        if (trimmed.Length == 0)
        {
            throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Empty, parameterName, text, -1, "a host name or address is needed");
        }

        if (trimmed[0] == '[')
        {
            int close = trimmed.IndexOf(']');
            if (close < 0)
            {
                throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, offset, "'[' without its ']'");
            }

            IPAddress address = LiteralAddress(parameterName, text, trimmed.Substring(1, close - 1), offset + 1);
            int? port = close + 1 < trimmed.Length ? ParsePort(parameterName, text, trimmed, close + 1, offset) : null;
            return new SmtpEndpoint(address.ToString(), address, port);
        }

        if (IPAddress.TryParse(trimmed, out IPAddress? bare) && trimmed.IndexOfAny(['%', '/']) < 0 &&
            (bare.AddressFamily == AddressFamily.InterNetworkV6 ? SmtpSyntax.IsIPv6Literal(trimmed) : SmtpSyntax.IsIPv4Literal(trimmed)))
        {
            return new SmtpEndpoint(bare.ToString(), bare, null);
        }

        int colon = trimmed.IndexOf(':');
        if (colon >= 0 && trimmed.IndexOf(':', colon + 1) >= 0)
        {
            throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, offset,
                "not a valid IPv6 address (with a port, write it [2001:db8::1]:25)");
        }

        string host = colon < 0 ? trimmed : trimmed.Substring(0, colon);
        int? hostPort = colon < 0 ? null : ParsePort(parameterName, text, trimmed, colon, offset);
        if (SmtpSyntax.IsIPv4Literal(host))
        {
            IPAddress address = IPAddress.Parse(host);
            return new SmtpEndpoint(address.ToString(), address, hostPort);
        }

        // A fully qualified name may end with the root's dot in DNS; it is not part of the name.
        string name = host.EndsWith(".", StringComparison.Ordinal) && host.Length > 1 ? host.Substring(0, host.Length - 1) : host;
        if (name.Length > SmtpSyntax.MaxDomain || !SmtpSyntax.IsDomain(name))
        {
            int bad = FirstBadHostCharacter(name);
            throw SmtpSyntax.Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, bad < 0 ? -1 : offset + bad,
                "not a host name, IP address or address literal ([192.0.2.1], [IPv6:2001:db8::1]; host:port for another port)");
        }

        return new SmtpEndpoint(name, null, hostPort);
    }

    /// <inheritdoc />
    public override string ToString() => Format(Host, Port);

    /// <summary><c>host:port</c>, an IPv6 address in brackets (<c>[2001:db8::1]:25</c>); the host alone without a port.</summary>
    public static string Format(string host, int? port) =>
        (host.IndexOf(':') >= 0 ? "[" + host + "]" : host) +
        (port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "");

    private static IPAddress LiteralAddress(string parameterName, string text, string inner, int position)
    {
        string candidate = inner.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase) ? inner.Substring(5) : inner;
        bool ok = inner.Length != candidate.Length ? SmtpSyntax.IsIPv6Literal(candidate) : SmtpSyntax.IsIPv4Literal(candidate) || SmtpSyntax.IsIPv6Literal(candidate);
        if (!ok)
        {
            throw SmtpSyntax.Fail(SmtpArgumentKind.Server, SmtpArgumentProblem.Syntax, parameterName, text, position,
                "not an IP address inside the brackets ([192.0.2.1], [IPv6:2001:db8::1] or [2001:db8::1])");
        }

        return IPAddress.Parse(candidate);
    }

    private static int ParsePort(string parameterName, string text, string trimmed, int colon, int offset)
    {
        string digits = trimmed.Substring(colon + 1);
        if (trimmed[colon] != ':' || digits.Length is 0 or > 5 || digits.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').Length != 0 ||
            int.Parse(digits, CultureInfo.InvariantCulture) is < 1 or > 65535)
        {
            throw SmtpSyntax.Fail(SmtpArgumentKind.Server, SmtpArgumentProblem.Syntax, parameterName, text, offset + colon,
                "a port after the host must be ':' and a number from 1 to 65535");
        }

        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    private static int FirstBadHostCharacter(string host)
    {
        for (int i = 0; i < host.Length; i++)
        {
            char c = host[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
            {
                return i;
            }
        }

        return -1;
    }
}
