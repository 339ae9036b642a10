using System;
using System.Globalization;
using System.Linq;

namespace RelayTools.Core.Dns.Spf;

/// <summary>Checks on domain names before they are looked up (RFC 7208 4.3, 4.8, 7.3).</summary>
internal static class SpfDomainName
{
    /// <summary>The longest domain name in text form, without the trailing dot (RFC 1035 2.3.4; RFC 7208 7.3).</summary>
    public const int MaxLength = 253;

    /// <summary>The longest label (RFC 1035 2.3.4).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Drops one trailing dot: "example.com." and "example.com" are the same name.</summary>
    public static string TrimDot(string name) =>
        name.Length > 1 && name.EndsWith(".", StringComparison.Ordinal) ? name.Substring(0, name.Length - 1) : name;

    /// <summary>
    /// The &lt;domain&gt; check_host() starts from (4.3): a multi-label name, no empty or over-long label, not a
    /// domain literal, not an address. False with a reason makes the result "none".
    /// </summary>
    public static bool IsValidCheckHostDomain(string domain, out string reason)
    {
        string name = TrimDot(domain);
        if (name.Length == 0)
        {
            reason = "no domain";
            return false;
        }
        if (name.StartsWith("[", StringComparison.Ordinal))
        {
            reason = "'" + domain + "' is an address literal, not a domain (RFC 7208 4.3)";
            return false;
        }
        if (!IsQueryable(name, out reason)) return false;
        string[] labels = name.Split('.');
        if (labels.Length < 2)
        {
            reason = "'" + domain + "' is not a fully qualified domain name (RFC 7208 4.3)";
            return false;
        }
        if (labels[labels.Length - 1].All(char.IsDigit))
        {
            reason = "'" + domain + "' ends in a numeric label; it is an address, not a domain (RFC 7208 4.3)";
            return false;
        }
        reason = "";
        return true;
    }

    /// <summary>
    /// Whether a name can be put into a DNS query: labels of 1 to 63 characters, at most 253 in all. Target names
    /// that fail are treated as not existing: the mechanism does not match (the suite's invalid-domain cases).
    /// </summary>
    public static bool IsQueryable(string name, out string reason)
    {
        string trimmed = TrimDot(name);
        if (trimmed.Length == 0 || trimmed.Length > MaxLength)
        {
            reason = "'" + name + "' is " + (trimmed.Length == 0 ? "empty" : "longer than 253 characters");
            return false;
        }
        foreach (string label in trimmed.Split('.'))
        {
            if (label.Length == 0)
            {
                reason = "'" + name + "' has an empty label";
                return false;
            }
            if (label.Length > MaxLabelLength)
            {
                reason = "'" + name + "' has a label longer than 63 characters";
                return false;
            }
        }
        reason = "";
        return true;
    }

    /// <summary>
    /// After macro expansion (7.3): drops the trailing dot and, when longer than 253 characters, removes labels
    /// from the left until the name fits.
    /// </summary>
    public static string FitExpanded(string expanded)
    {
        string name = TrimDot(expanded);
        while (name.Length > MaxLength)
        {
            int dot = name.IndexOf('.');
            if (dot < 0) break;
            name = name.Substring(dot + 1);
        }
        return name;
    }

    /// <summary>Turns an internationalized name into its A-label form; the name unchanged when it is ASCII or not convertible.</summary>
    public static string ToAscii(string name)
    {
        if (name.All(c => c < 0x80)) return name;
        try
        {
            return new IdnMapping().GetAscii(TrimDot(name));
        }
        catch (ArgumentException)
        {
            return name;
        }
    }

    /// <summary>Case-insensitive equality of names, trailing dots ignored.</summary>
    public static bool SameName(string a, string b) =>
        string.Equals(TrimDot(a), TrimDot(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="name"/> is <paramref name="domain"/> or a name under it (5.5).</summary>
    public static bool IsAtOrUnder(string name, string domain)
    {
        string n = TrimDot(name);
        string d = TrimDot(domain);
        return string.Equals(n, d, StringComparison.OrdinalIgnoreCase)
            || n.EndsWith("." + d, StringComparison.OrdinalIgnoreCase);
    }
}
