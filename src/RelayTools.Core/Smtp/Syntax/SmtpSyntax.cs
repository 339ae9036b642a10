using System;
using System.Net;
using System.Net.Sockets;

namespace RelayTools.Core.Smtp.Syntax;

/// <summary>
/// RFC 5321 section 4.1.2 and 4.1.3 as checks on values a user gives: a path (MAIL FROM / RCPT TO), a
/// domain, an address literal, the EHLO name, a SASL mechanism name (RFC 4422 section 3.1). Every check
/// first refuses control characters anywhere (CR, LF and NUL would end the command and start another)
/// and non-ASCII, then the grammar, and throws <see cref="SmtpArgumentException"/> naming the parameter
/// and the position.
/// </summary>
public static class SmtpSyntax
{
    /// <summary>RFC 5321 4.5.3.1.1: the longest local part.</summary>
    public const int MaxLocalPart = 64;

    /// <summary>RFC 5321 4.5.3.1.2: the longest domain.</summary>
    public const int MaxDomain = 255;

    /// <summary>RFC 5321 4.5.3.1.3: the longest path, angle brackets included.</summary>
    public const int MaxPath = 256;

    /// <summary>
    /// Checks a MAIL FROM or RCPT TO value and returns what goes between the angle brackets. The value
    /// may come with its brackets (<c>&lt;a@b.example&gt;</c>, as logs write it) and with spaces around.
    /// </summary>
    /// <param name="value">The address.</param>
    /// <param name="parameterName">The parameter the value came from, for the message.</param>
    /// <param name="allowNullPath">Whether <c>""</c> or <c>&lt;&gt;</c> (the null reverse-path of bounces) is allowed.</param>
    /// <param name="allowPostmaster">Whether a bare <c>postmaster</c> is allowed (RFC 5321 4.1.1.3, RCPT only).</param>
    /// <exception cref="SmtpArgumentException">The value is not a valid path.</exception>
    public static string Mailbox(string? value, string parameterName, bool allowNullPath = false, bool allowPostmaster = false)
    {
        const SmtpArgumentKind kind = SmtpArgumentKind.SmtpAddress;
        string text = value ?? "";
        CheckCharacters(kind, parameterName, text);
        int start = 0, end = text.Length;
        while (start < end && text[start] == ' ')
        {
            start++;
        }

        while (end > start && text[end - 1] == ' ')
        {
            end--;
        }

        bool opens = start < end && text[start] == '<';
        bool closes = end > start && text[end - 1] == '>';
        if (opens && closes && end - start >= 2)
        {
            start++;
            end--;
        }
        else if (opens || closes)
        {
            throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, opens ? start : end - 1,
                "an angle bracket without its partner (give the address alone, or enclosed in < and >)");
        }

        if (start == end)
        {
            if (allowNullPath)
            {
                return "";
            }

            throw Fail(kind, SmtpArgumentProblem.Empty, parameterName, text, -1, "an address is needed here (the null sender <> is allowed only for -From)");
        }

        if (end - start + 2 > MaxPath)
        {
            throw Fail(kind, SmtpArgumentProblem.TooLong, parameterName, text, -1, $"the path is {end - start + 2} characters long; RFC 5321 allows {MaxPath}");
        }

        if (text[start] == '@')
        {
            throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, start,
                "a source route (@host:...) is obsolete (RFC 5321 appendix C) and is not sent; give the mailbox alone");
        }

        int at = LocalPartEnd(kind, parameterName, text, start, end);
        if (at == end)
        {
            if (allowPostmaster && string.Equals(text.Substring(start, end - start), "postmaster", StringComparison.OrdinalIgnoreCase))
            {
                return text.Substring(start, end - start);
            }

            throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, -1, "an address needs a local part, '@' and a domain (user@example.com)");
        }

        if (at - start > MaxLocalPart)
        {
            throw Fail(kind, SmtpArgumentProblem.TooLong, parameterName, text, start, $"the local part is {at - start} characters long; RFC 5321 allows {MaxLocalPart}");
        }

        if (at == start)
        {
            throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, at, "the local part before '@' is empty");
        }

        DomainOrLiteral(kind, parameterName, text, at + 1, end, allowLiteral: true);
        return text.Substring(start, end - start);
    }

    /// <summary>Checks a domain name (no address literal), such as the domain an open-relay audit relays to.</summary>
    /// <exception cref="SmtpArgumentException">The value is not a domain.</exception>
    public static string Domain(string? value, string parameterName)
    {
        const SmtpArgumentKind kind = SmtpArgumentKind.Domain;
        string text = value ?? "";
        CheckCharacters(kind, parameterName, text);
        DomainOrLiteral(kind, parameterName, text, 0, text.Length, allowLiteral: false);
        return text;
    }

    /// <summary>Checks the EHLO argument: a domain or an address literal (RFC 5321 4.1.1.1).</summary>
    /// <exception cref="SmtpArgumentException">The value is neither.</exception>
    public static string HeloName(string? value, string parameterName)
    {
        const SmtpArgumentKind kind = SmtpArgumentKind.HeloName;
        string text = value ?? "";
        CheckCharacters(kind, parameterName, text);
        DomainOrLiteral(kind, parameterName, text, 0, text.Length, allowLiteral: true);
        return text;
    }

    /// <summary>Checks a SASL mechanism name (RFC 4422 3.1: 1 to 20 of A-Z, 0-9, '-' and '_') and returns it in upper case.</summary>
    /// <exception cref="SmtpArgumentException">The value is not a mechanism name.</exception>
    public static string SaslMechanism(string? value, string parameterName)
    {
        const SmtpArgumentKind kind = SmtpArgumentKind.SaslMechanism;
        string text = value ?? "";
        CheckCharacters(kind, parameterName, text);
        if (text.Length == 0)
        {
            throw Fail(kind, SmtpArgumentProblem.Empty, parameterName, text, -1, "a mechanism name is needed (PLAIN, LOGIN, SCRAM-SHA-256...)");
        }

        if (text.Length > 20)
        {
            throw Fail(kind, SmtpArgumentProblem.TooLong, parameterName, text, -1, "a SASL mechanism name has at most 20 characters (RFC 4422)");
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!(IsLetter(c) || IsDigit(c) || c == '-' || c == '_'))
            {
                throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, i, $"'{c}' cannot be part of a SASL mechanism name (letters, digits, '-' and '_' only)");
            }
        }

        return text.ToUpperInvariant();
    }

    /// <summary>
    /// The wire guard: true when <paramref name="command"/> is a single line, with no CR, LF or NUL. The
    /// one place that writes commands calls this whatever its caller checked before.
    /// </summary>
    public static bool IsSingleLine(string command) => command.IndexOfAny(['\r', '\n', '\0']) < 0;

    /// <summary>Whether <paramref name="text"/> is an RFC 5321 Domain (dot-separated labels of letters, digits and inner hyphens).</summary>
    public static bool IsDomain(string text) => FindDomainError(text, 0, text.Length, out _, out _) is null;

    /// <summary>Refuses control characters, then non-ASCII: the first check of every value.</summary>
    internal static void CheckCharacters(SmtpArgumentKind kind, string parameterName, string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x20 || c == 0x7F)
            {
                throw Fail(kind, SmtpArgumentProblem.ControlCharacter, parameterName, text, i,
                    $"it contains {ControlName(c)}; a value sent in an SMTP command cannot hold CR, LF, NUL or other control characters");
            }
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7E)
            {
                throw Fail(kind, SmtpArgumentProblem.NonAscii, parameterName, text, i,
                    $"'{text[i]}' (U+{(int)text[i]:X4}) is not ASCII; SMTP without SMTPUTF8 carries ASCII only (write a domain in its xn-- form)");
            }
        }
    }

    internal static SmtpArgumentException Fail(SmtpArgumentKind kind, SmtpArgumentProblem problem, string parameterName, string value, int position, string detail) =>
        new(kind, problem, parameterName, value, position, detail);

    // Returns the index of the '@' that ends the local part starting at start, or end when there is none.
    private static int LocalPartEnd(SmtpArgumentKind kind, string parameterName, string text, int start, int end)
    {
        if (text[start] == '"')
        {
            int i = start + 1;
            while (i < end && text[i] != '"')
            {
                char c = text[i];
                if (c == '\\')
                {
                    if (i + 1 >= end)
                    {
                        throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, i, "a backslash at the end of a quoted local part escapes nothing");
                    }

                    i += 2;
                    continue;
                }

                // qtextSMTP: printable ASCII but '"' and '\'; the space is allowed inside quotes.
                i++;
            }

            if (i >= end)
            {
                throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, start, "the quoted local part is not closed with '\"'");
            }

            if (i + 1 >= end || text[i + 1] != '@')
            {
                throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, i + 1, "a quoted local part must be followed by '@' and a domain");
            }

            return i + 1;
        }

        // Dot-string: atoms of atext separated by single dots.
        bool lastWasDot = true;
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            if (c == '@')
            {
                if (lastWasDot && i > start)
                {
                    throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, i - 1, "the local part cannot end with '.' (quote it: \"name.\"@domain)");
                }

                return i;
            }

            if (c == '.')
            {
                if (lastWasDot)
                {
                    throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, i,
                        i == start ? "the local part cannot start with '.'" : "two dots in a row in the local part (quote it: \"a..b\"@domain)");
                }

                lastWasDot = true;
                continue;
            }

            if (!IsAtext(c))
            {
                throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, i,
                    c == ' ' ? "a space in the local part (only a quoted local part may hold one)" : $"'{c}' cannot appear in an unquoted local part");
            }

            lastWasDot = false;
        }

        if (lastWasDot && end > start)
        {
            throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, end - 1, "the address cannot end with '.'");
        }

        return end;
    }

    internal static void DomainOrLiteral(SmtpArgumentKind kind, string parameterName, string text, int start, int end, bool allowLiteral)
    {
        if (start >= end)
        {
            throw Fail(kind, start == 0 ? SmtpArgumentProblem.Empty : SmtpArgumentProblem.Syntax, parameterName, text, start == 0 ? -1 : start,
                start == 0 ? "a domain is needed" : "the domain after '@' is empty");
        }

        if (text[start] == '[')
        {
            if (!allowLiteral)
            {
                throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, start, "an address literal ([192.0.2.1]) is not allowed here: give a domain name");
            }

            AddressLiteral(kind, parameterName, text, start, end);
            return;
        }

        if (end - start > MaxDomain)
        {
            throw Fail(kind, SmtpArgumentProblem.TooLong, parameterName, text, start, $"the domain is {end - start} characters long; RFC 5321 allows {MaxDomain}");
        }

        if (FindDomainError(text, start, end, out int position, out string detail) is not null)
        {
            throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, position, detail);
        }
    }

    // Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str]. Returns the detail, or null.
    private static string? FindDomainError(string text, int start, int end, out int position, out string detail)
    {
        int label = start;
        position = -1;
        detail = "";
        for (int i = start; i <= end; i++)
        {
            if (i < end && text[i] != '.')
            {
                char c = text[i];
                if (!(IsLetter(c) || IsDigit(c) || c == '-'))
                {
                    position = i;
                    detail = c == '_' ? "'_' is not allowed in a domain name (RFC 5321 allows letters, digits and '-')" : $"'{c}' cannot appear in a domain name";
                    return detail;
                }

                continue;
            }

            int length = i - label;
            if (length == 0)
            {
                position = i < end ? i : end - 1;
                detail = i == end ? "a domain cannot end with '.'" : i == start ? "a domain cannot start with '.'" : "two dots in a row in the domain";
                return detail;
            }

            if (length > 63)
            {
                position = label;
                detail = $"a domain label has at most 63 characters; this one has {length}";
                return detail;
            }

            if (text[label] == '-' || text[i - 1] == '-')
            {
                position = text[label] == '-' ? label : i - 1;
                detail = "a domain label cannot start or end with '-'";
                return detail;
            }

            label = i + 1;
        }

        return null;
    }

    // address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"
    private static void AddressLiteral(SmtpArgumentKind kind, string parameterName, string text, int start, int end)
    {
        if (text[end - 1] != ']' || end - start < 3)
        {
            throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, start, "an address literal must be closed with ']' ([192.0.2.1] or [IPv6:2001:db8::1])");
        }

        string inner = text.Substring(start + 1, end - start - 2);
        if (IsIPv4Literal(inner))
        {
            return;
        }

        int colon = inner.IndexOf(':');
        if (colon > 0 && inner.Substring(0, colon).Equals("IPv6", StringComparison.OrdinalIgnoreCase))
        {
            if (!IsIPv6Literal(inner.Substring(colon + 1)))
            {
                throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, start + 1 + colon + 1, "not a valid IPv6 address after 'IPv6:'");
            }

            return;
        }

        // An IPv6 address without its tag would pass as a General-address-literal tagged "2001": it is a mistake.
        if (colon > 0 && !IsIPv6Literal(inner) && FindDomainError(inner, 0, colon, out _, out _) is null && !inner.Substring(0, colon).Contains("."))
        {
            // General-address-literal: Standardized-tag ":" 1*dcontent (printable ASCII but '[', '\', ']').
            for (int i = colon + 1; i < inner.Length; i++)
            {
                char c = inner[i];
                if (c is '[' or '\\' or ']' or ' ')
                {
                    throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, start + 1 + i, $"'{c}' cannot appear in an address literal");
                }
            }

            if (colon + 1 < inner.Length)
            {
                return;
            }
        }

        string hint = inner.Contains(":") ? " (an IPv6 literal is written [IPv6:2001:db8::1])" : "";
        throw Fail(kind, SmtpArgumentProblem.Syntax, parameterName, text, start + 1, "not a valid address literal" + hint);
    }

    // IPv4-address-literal = Snum 3("." Snum); Snum = 1*3DIGIT representing 0-255.
    internal static bool IsIPv4Literal(string text)
    {
        string[] parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (string part in parts)
        {
            if (part.Length is 0 or > 3 || !part.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').Equals("") || int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    // IPv6-addr: hex groups, '::' and an optional IPv4 tail; no zone index, no prefix length.
    internal static bool IsIPv6Literal(string text)
    {
        if (text.Length == 0 || text.IndexOfAny(['%', '/', '[', ']']) >= 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.'))
            {
                return false;
            }
        }

        return IPAddress.TryParse(text, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static bool IsAtext(char c) =>
        IsLetter(c) || IsDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '/' or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~';

    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static string ControlName(char c) => c switch
    {
        '\r' => "a carriage return (CR)",
        '\n' => "a line feed (LF)",
        '\0' => "a NUL character",
        '\t' => "a tab",
        _ => $"the control character U+{(int)c:X4}",
    };
}
