using System;
using System.Globalization;
using System.Linq;

namespace RelayTools.Core.Dns;

/// <summary>Domain names as the DNS checks compare them: trimmed, without the trailing dot, lower case, IDNs as A-labels.</summary>
internal static class DomainNameText
{
    private static readonly IdnMapping Idn = new();

    /// <summary>The comparable form of <paramref name="name"/>; a name that is not a valid IDN is only trimmed and lower-cased.</summary>
    public static string Normalize(string? name)
    {
        string text = (name ?? "").Trim().TrimEnd('.');
        if (text.Any(c => c > 0x7f))
        {
            try
            {
                text = Idn.GetAscii(text);
            }
            catch (ArgumentException)
            {
                // Left as it is: the lookup will say whether the name exists.
            }
        }
        return text.ToLowerInvariant();
    }

    /// <summary>True when <paramref name="name"/> equals <paramref name="parent"/> or lies under it (compared normalized).</summary>
    public static bool IsAtOrUnder(string name, string parent)
    {
        string child = Normalize(name);
        string root = Normalize(parent);
        return child == root || child.EndsWith("." + root, StringComparison.Ordinal);
    }

    /// <summary>True for a syntactically usable host name: labels of 1-63 letters, digits, hyphens or underscores, 253 characters at most.</summary>
    public static bool IsValidName(string name)
    {
        string text = Normalize(name);
        if (text.Length == 0 || text.Length > 253)
        {
            return false;
        }
        return text.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'));
    }
}
