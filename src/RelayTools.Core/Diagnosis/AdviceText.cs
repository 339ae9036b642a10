using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Diagnosis;

/// <summary>
/// Fills the placeholders of a cause's Check and Fix (<c>{ClientAddress}</c>, <c>{Server}</c>, ...) with the
/// values of a <see cref="DiagnosisContext"/>; a value that is not known reads as a named placeholder in
/// angle brackets (<c>&lt;client-address&gt;</c>), as in a manual page.
/// </summary>
public static class AdviceText
{
    private static readonly Regex Placeholder = new(@"\{([A-Z][A-Za-z]+)\}", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));

    private static readonly Dictionary<string, Func<DiagnosisContext, string?>> Values = new(StringComparer.Ordinal)
    {
        ["Server"] = c => Trimmed(c.Server),
        ["Port"] = c => c.Port?.ToString(CultureInfo.InvariantCulture),
        ["ClientAddress"] = c => Address(c.ClientAddress)?.ToString(),
        ["ClientCidr"] = c => Address(c.ClientAddress) is { } ip ? (ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]/128" : $"{ip}/32") : null,
        ["ClientAddressReversed"] = c => Address(c.ClientAddress) is { } ip ? Reversed(ip) : null,
        ["Recipient"] = c => Trimmed(c.Recipient),
        ["RecipientDomain"] = c => DomainOf(c.Recipient),
        ["Sender"] = c => Trimmed(c.Sender),
        ["SenderDomain"] = c => DomainOf(c.Sender),
        ["UserName"] = c => Trimmed(c.UserName),
        // The mailbox whose settings matter: the login when it is an address (Microsoft 365 UPN), else the sender.
        ["Mailbox"] = c => Trimmed(c.UserName) is { } user && user.IndexOf('@') > 0 ? user : Trimmed(c.Sender),
    };

    private static readonly Dictionary<string, string> Unknown = new(StringComparer.Ordinal)
    {
        ["Server"] = "<server>",
        ["Port"] = "<port>",
        ["ClientAddress"] = "<client-address>",
        ["ClientCidr"] = "<client-address>/32",
        ["ClientAddressReversed"] = "<reversed-client-address>",
        ["Recipient"] = "<recipient>",
        ["RecipientDomain"] = "<recipient-domain>",
        ["Sender"] = "<sender>",
        ["SenderDomain"] = "<sender-domain>",
        ["UserName"] = "<user>",
        ["Mailbox"] = "<mailbox>",
    };

    /// <summary>The placeholder names a Check or Fix may use.</summary>
    public static IReadOnlyCollection<string> Names => Unknown.Keys;

    /// <summary>Fills the placeholders of <paramref name="template"/>; text without placeholders comes back unchanged.</summary>
    public static string Fill(string template, DiagnosisContext? context)
    {
        if (string.IsNullOrEmpty(template) || template.IndexOf('{') < 0) { return template; }
        return Placeholder.Replace(template, m =>
        {
            string name = m.Groups[1].Value;
            if (!Unknown.TryGetValue(name, out string? unknown)) { return m.Value; }
            return (context is null ? null : Values[name](context)) ?? unknown;
        });
    }

    /// <summary>Throws when <paramref name="text"/> uses a placeholder that is not one of <see cref="Names"/>.</summary>
    /// <exception cref="InvalidDataException">An unknown placeholder, named with <paramref name="where"/>.</exception>
    internal static void Validate(string text, string where)
    {
        foreach (Match m in Placeholder.Matches(text ?? ""))
        {
            if (!Unknown.ContainsKey(m.Groups[1].Value)) { throw new InvalidDataException($"{where} uses the unknown placeholder {m.Value}."); }
        }
    }

    private static string? Trimmed(string? value)
    {
        string? trimmed = value?.Trim().Trim('<', '>');
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static string? DomainOf(string? address)
    {
        string? trimmed = Trimmed(address);
        int at = trimmed?.LastIndexOf('@') ?? -1;
        return at < 0 || at == trimmed!.Length - 1 ? null : trimmed.Substring(at + 1);
    }

    private static IPAddress? Address(string? text)
    {
        string? trimmed = Trimmed(text)?.Trim('[', ']');
        if (trimmed is not null && trimmed.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase)) { trimmed = trimmed.Substring(5); }
        return trimmed is not null && IPAddress.TryParse(trimmed, out IPAddress? ip) ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip) : null;
    }

    // The DNSBL query name: 10.2.0.192 for 192.0.2.10, nibbles in reverse for IPv6.
    private static string Reversed(IPAddress ip)
    {
        byte[] bytes = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork) { return string.Join(".", bytes.Reverse()); }
        var nibbles = new StringBuilder();
        foreach (byte b in bytes.Reverse())
        {
            if (nibbles.Length > 0) { nibbles.Append('.'); }
            nibbles.Append((b & 0xF).ToString("x", CultureInfo.InvariantCulture)).Append('.').Append((b >> 4).ToString("x", CultureInfo.InvariantCulture));
        }

        return nibbles.ToString();
    }
}
