using System.Text.RegularExpressions;

namespace RelayTools.Core.Logs;

/// <summary>Splits a logged SMTP reply such as <c>554 5.7.1 &lt;x@y&gt;: Relay access denied</c> into its parts.</summary>
internal static class SmtpReplyText
{
    private static readonly Regex Reply = new(@"^(?<code>[2-5]\d\d)(?:[ -](?<enh>[245]\.\d{1,3}\.\d{1,3}))?(?:[ -](?<text>.*))?$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>Fills ReplyText, ReplyCode, EnhancedStatusCode of <paramref name="record"/>; returns the text after the codes.</summary>
    public static string Apply(string reply, RelayRejection record)
    {
        record.ReplyText = reply;
        Match m = Reply.Match(reply);
        if (!m.Success) return reply;
        record.ReplyCode = int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (m.Groups["enh"].Success) record.EnhancedStatusCode = m.Groups["enh"].Value;
        return m.Groups["text"].Value;
    }

    /// <summary>Removes the surrounding angle brackets of an address, if any.</summary>
    public static string Unbracket(string address)
    {
        string trimmed = address.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '<' && trimmed[trimmed.Length - 1] == '>' ? trimmed.Substring(1, trimmed.Length - 2) : trimmed;
    }
}
