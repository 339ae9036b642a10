using RelayTools.Core.Smtp;

namespace RelayTools.Core.Logs;

/// <summary>Splits a logged SMTP reply such as <c>554 5.7.1 &lt;x@y&gt;: Relay access denied</c> into its parts.</summary>
internal static class SmtpReplyText
{
    /// <summary>Fills ReplyText, ReplyCode, EnhancedStatusCode of <paramref name="record"/>; returns the text after the codes.</summary>
    public static string Apply(string reply, RelayRejection record)
    {
        record.ReplyText = reply;
        // The same reply grammar the probe reads off the wire: "554", then " 5.7.1" of the same class, then the text.
        if (!ReplyLineParser.TryParseLine(reply, out int code, out _, out string text))
        {
            return reply;
        }

        record.ReplyCode = code;
        record.EnhancedStatusCode = ReplyLineParser.SplitEnhancedCode(code, text, out string rest);
        return rest;
    }

    /// <summary>Removes the surrounding angle brackets of an address, if any.</summary>
    public static string Unbracket(string address)
    {
        string trimmed = address.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '<' && trimmed[trimmed.Length - 1] == '>' ? trimmed.Substring(1, trimmed.Length - 2) : trimmed;
    }
}
