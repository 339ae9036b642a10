using System;

namespace RelayTools.Core.Postfix;

/// <summary>
/// Host name and address syntax as Postfix 3.7 judges it (util/valid_hostname.c and
/// global/valid_mailhost_addr.c): what reject_invalid_helo_hostname, reject_non_fqdn_helo_hostname and
/// reject_non_fqdn_* accept.
/// </summary>
internal static class PostfixHostSyntax
{
    /// <summary>Strips one trailing dot, but not from a name ending in two (Postfix's dup_if_truncate).</summary>
    public static string TruncateDot(string name) =>
        name.Length > 1 && name[name.Length - 1] == '.' && name[name.Length - 2] != '.' ? name.Substring(0, name.Length - 1) : name;

    /// <summary>
    /// Letters, digits, '-' and '_' in labels of at most 63 characters, no empty label, no label that
    /// starts or ends with '-', not all-numeric, at most 255 characters.
    /// </summary>
    public static bool ValidHostname(string name)
    {
        if (name.Length == 0 || name.Length > 255) return false;
        int label = 0;
        bool nonNumeric = false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool last = i + 1 == name.Length;
            if (IsAsciiLetterOrDigit(c) || c == '_')
            {
                if (++label > 63) return false;
                if (!(c >= '0' && c <= '9')) nonNumeric = true;
            }
            else if (c == '.')
            {
                if (label == 0 || last) return false;
                label = 0;
            }
            else if (c == '-')
            {
                nonNumeric = true;
                label++;
                if (label == 1 || last || name[i + 1] == '.') return false;
            }
            else return false;
        }
        return nonNumeric;
    }

    /// <summary>An IPv4 dotted quad or an IPv6 address, as valid_hostaddr accepts them.</summary>
    public static bool ValidHostAddress(string addr) =>
        addr.Length > 0 && (addr.IndexOf(':') >= 0 ? ValidIpv6(addr) : ValidIpv4(addr));

    /// <summary>The inside of an address literal: <c>IPv6:</c> and an IPv6 address, or an IPv4 dotted quad.</summary>
    public static bool ValidMailhostAddress(string addr) =>
        addr.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase) ? ValidIpv6(addr.Substring(5)) : ValidIpv4(addr);

    /// <summary>A literal <c>[...]</c> whose inside is a valid mail host address.</summary>
    public static bool ValidMailhostLiteral(string literal) =>
        literal.Length > 2 && literal[0] == '[' && literal[literal.Length - 1] == ']' && ValidMailhostAddress(literal.Substring(1, literal.Length - 2));

    static bool IsAsciiLetterOrDigit(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    static bool ValidIpv4(string addr)
    {
        int bytes = 0, value = 0;
        bool inByte = false;
        for (int i = 0; i < addr.Length; i++)
        {
            char c = addr[i];
            if (c >= '0' && c <= '9')
            {
                if (!inByte) { inByte = true; value = 0; bytes++; }
                value = value * 10 + (c - '0');
                if (value > 255) return false;
            }
            else if (c == '.')
            {
                if (!inByte || i + 1 == addr.Length) return false;
                // 0.0.0.0 is allowed, 0.1.2.3 is not.
                if (bytes == 1 && value == 0 && addr.Trim('0', '.').Length > 0) return false;
                inByte = false;
            }
            else return false;
        }
        return bytes == 4;
    }

    static bool ValidIpv6(string addr)
    {
        int nullField = 0, field = 0, len = 0, i = 0;
        while (true)
        {
            char c = i < addr.Length ? addr[i] : '\0';
            switch (c)
            {
                case '\0':
                    if (field < 2) return false;
                    return !(len == 0 && nullField != field - 1);
                case '.':
                    if (field < 2 || field > 6) return false;
                    // The IPv4 tail starts at the current field.
                    int start = i - len;
                    return ValidIpv4(addr.Substring(start));
                case ':':
                    if (field == 0 && len == 0 && i + 1 < addr.Length && IsAsciiLetterOrDigit(addr[i + 1])) return false;
                    field++;
                    if (field > 7) return false;
                    i++;
                    len = 0;
                    if (i < addr.Length && addr[i] == ':')
                    {
                        if (nullField > 0) return false;
                        nullField = field;
                    }
                    break;
                default:
                    len = 0;
                    while (i + len < addr.Length && Uri.IsHexDigit(addr[i + len])) len++;
                    if (len > 4 || len == 0) return false;
                    i += len;
                    break;
            }
        }
    }
}
