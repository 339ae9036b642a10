using System.Text;

namespace RelayTools.Core.Smtp;

/// <summary>
/// The xtext encoding of RFC 3461 section 4 (first RFC 1891), which XCLIENT and the DSN parameters use for
/// values: printable ASCII but '+' and '=' as is, every other octet as '+' and two upper-case hex digits.
/// </summary>
public static class Xtext
{
    /// <summary>Encodes a value (its UTF-8 octets); the result never holds a space, CR, LF or NUL.</summary>
    public static string Encode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (byte octet in Encoding.UTF8.GetBytes(value))
        {
            if (octet >= 0x21 && octet <= 0x7E && octet != '+' && octet != '=')
            {
                text.Append((char)octet);
            }
            else
            {
                text.Append('+').Append(octet.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
