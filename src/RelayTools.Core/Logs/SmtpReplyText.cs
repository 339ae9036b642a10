namespace RelayTools.Core.Logs;

/// <summary>Splits a logged SMTP reply such as <c>554 5.7.1 &lt;x@y&gt;: Relay access denied</c> into its parts.</summary>
internal static class SmtpReplyText
{
    /// <summary>Fills ReplyText, ReplyCode, EnhancedStatusCode of <paramref name="record"/>; returns the text after the codes.</summary>
    public static string Apply(string reply, RelayRejection record)
    {
        record.ReplyText = reply;
        // "554" then optionally " 5.7.1" (class digit matching the code's), then " text".
        if (reply.Length < 3 || reply[0] < '2' || reply[0] > '5' || !IsDigit(reply[1]) || !IsDigit(reply[2]) || (reply.Length > 3 && reply[3] != ' ' && reply[3] != '-'))
        {
            return reply;
        }
        record.ReplyCode = (reply[0] - '0') * 100 + (reply[1] - '0') * 10 + (reply[2] - '0');
        int i = 4;
        int end = EnhancedEnd(reply, i);
        if (end > 0)
        {
            record.EnhancedStatusCode = reply.Substring(i, end - i);
            i = end + 1;
        }
        return i >= reply.Length ? "" : reply.Substring(i);
    }

    // The end index of "d.ddd.ddd" at i (followed by a space, '-' or the end), or -1.
    private static int EnhancedEnd(string text, int i)
    {
        if (i + 5 > text.Length || (text[i] != '2' && text[i] != '4' && text[i] != '5') || text[i + 1] != '.') return -1;
        int k = i + 2;
        for (int part = 0; part < 2; part++)
        {
            int digits = 0;
            while (k < text.Length && IsDigit(text[k]) && digits < 4) { k++; digits++; }
            if (digits == 0 || digits > 3) return -1;
            if (part == 0)
            {
                if (k >= text.Length || text[k] != '.') return -1;
                k++;
            }
        }
        return k == text.Length || text[k] == ' ' || text[k] == '-' ? k : -1;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>Removes the surrounding angle brackets of an address, if any.</summary>
    public static string Unbracket(string address)
    {
        string trimmed = address.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '<' && trimmed[trimmed.Length - 1] == '>' ? trimmed.Substring(1, trimmed.Length - 2) : trimmed;
    }
}
