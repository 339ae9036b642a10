using System;
using System.Collections.Generic;
using System.Text;

namespace RelayTools.Core.Smtp;

/// <summary>
/// The XCLIENT command line (Postfix XCLIENT_README): <c>XCLIENT ADDR=192.0.2.10 NAME=host.example</c>,
/// an IPv6 address as <c>ADDR=IPV6:2001:db8::1</c>, every value xtext-encoded. Pure: it takes values
/// already checked by <see cref="Syntax.XclientSyntax"/>.
/// </summary>
public static class XclientCommand
{
    /// <summary>The command verb, also the EHLO keyword of the extension.</summary>
    public const string Verb = "XCLIENT";

    /// <summary>The command for a client address, a client name, or both (address first).</summary>
    /// <exception cref="ArgumentException">Neither is given.</exception>
    public static string Build(string? clientAddress, string? clientName)
    {
        if (clientAddress is null && clientName is null)
        {
            throw new ArgumentException("XCLIENT needs a client address or a client name.", nameof(clientAddress));
        }

        var command = new StringBuilder(Verb);
        if (clientAddress is not null)
        {
            command.Append(" ADDR=").Append(Xtext.Encode(AddressValue(clientAddress)));
        }

        if (clientName is not null)
        {
            command.Append(" NAME=").Append(Xtext.Encode(clientName));
        }

        return command.ToString();
    }

    /// <summary>The attribute names a command for these values uses (ADDR, NAME), to compare with what EHLO lists.</summary>
    public static string[] Attributes(string? clientAddress, string? clientName)
    {
        var names = new List<string>(2);
        if (clientAddress is not null)
        {
            names.Add("ADDR");
        }

        if (clientName is not null)
        {
            names.Add("NAME");
        }

        return [.. names];
    }

    // XCLIENT_README: an IPv6 address is prefixed with IPV6: and never enclosed in [].
    private static string AddressValue(string address) => address.IndexOf(':') >= 0 ? "IPV6:" + address : address;
}
