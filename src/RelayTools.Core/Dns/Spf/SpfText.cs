using System.Globalization;
using System.Text;

namespace RelayTools.Core.Dns.Spf;

/// <summary>Record text made fit to show: a CR or a stray byte in a published record must be visible in the message that names it.</summary>
internal static class SpfText
{
    /// <summary>The text with control and non-ASCII characters written as \xHH or \uXXXX.</summary>
    public static string Visible(string text)
    {
        bool plain = true;
        foreach (char c in text)
        {
            if (c < 0x20 || c > 0x7E) plain = false;
        }
        if (plain) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c < 0x20 || c == 0x7F) sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else if (c > 0x7E) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
