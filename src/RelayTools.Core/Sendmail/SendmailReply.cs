using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// The SMTP reply Sendmail sends for a ruleset's <c>$#error $@ dsn $: text</c> result, built as buildaddr
/// and usrerr build it: the code from the text, the enhanced code from the text or else from <c>$@</c>,
/// else 5.0.0 / 4.0.0; free text without a code is <c>553 5.3.0</c>; the address the command named
/// goes in front as <c>&lt;addr&gt;... </c> for mailbox codes.
/// </summary>
public static class SendmailReply
{
    static readonly Regex Enhanced = new(@"^[245]\.\d{1,3}\.\d{1,3}$", RegexOptions.CultureInvariant);
    static readonly Regex LeadingEnhanced = new(@"^([245]\.\d{1,3}\.\d{1,3}) ", RegexOptions.CultureInvariant);

    /// <summary>A reply line's parts.</summary>
    public readonly struct Parts
    {
        /// <summary>Creates them.</summary>
        public Parts(int code, string enhanced, string text)
        {
            Code = code;
            Enhanced = enhanced;
            Text = text;
        }

        /// <summary>The reply code.</summary>
        public int Code { get; }
        /// <summary>The enhanced status code.</summary>
        public string Enhanced { get; }
        /// <summary>The text after the codes.</summary>
        public string Text { get; }
        /// <summary>The whole line.</summary>
        public string Line => Code + " " + (Enhanced.Length > 0 ? Enhanced + " " : "") + Text;
    }

    /// <summary>
    /// The reply for a <c>$#error</c> workspace; <paramref name="address"/> is the address of the command
    /// (<c>&lt;x@ext.example&gt;</c>), empty at connect.
    /// </summary>
    public static Parts FromError(IReadOnlyList<string> workspace, string operatorChars, char blankSub, string address)
    {
        int host = -1, user = -1;
        for (int i = 2; i < workspace.Count; i++)
        {
            if (host < 0 && user < 0 && SendmailTokens.IsMeta(workspace[i], '@')) host = i + 1;
            else if (user < 0 && SendmailTokens.IsMeta(workspace[i], ':')) user = i + 1;
        }
        string hbuf = host < 0 ? "" : SendmailTokens.Join(workspace, host, (user < 0 ? workspace.Count : user - 1) - host, operatorChars, blankSub);
        string ubuf = user < 0 ? "" : SendmailTokens.StripQuotes(SendmailTokens.Join(workspace, user, workspace.Count - user, operatorChars, ' '));
        if (ubuf.Length >= 4 && char.IsDigit(ubuf[0]) && char.IsDigit(ubuf[1]) && char.IsDigit(ubuf[2]) && ubuf[3] == ' ' && ubuf[0] is '2' or '4' or '5')
        {
            int code = int.Parse(ubuf.Substring(0, 3), System.Globalization.CultureInfo.InvariantCulture);
            string rest = ubuf.Substring(4);
            string prefix = Prefix(code, address);
            var m = LeadingEnhanced.Match(rest);
            if (m.Success) return new Parts(code, m.Groups[1].Value, prefix + rest.Substring(m.Length));
            if (Enhanced.IsMatch(hbuf)) return new Parts(code, hbuf, prefix + rest);
            return new Parts(code, DefaultEnhanced(code), prefix + rest);
        }
        return new Parts(553, "5.3.0", Prefix(553, address) + ubuf);
    }

    /// <summary>
    /// fmtmsg (err.c) puts the command's address in front only for the codes that are about a mailbox:
    /// 050, 250, 252, 450, 550 and 553; a 551 or 451 reply has no "&lt;addr&gt;... ".
    /// </summary>
    static string Prefix(int code, string address) =>
        address.Length > 0 && code is 50 or 250 or 252 or 450 or 550 or 553 ? address + "... " : "";

    /// <summary>usrerr's enhanced code for a reply that gives none.</summary>
    public static string DefaultEnhanced(int code) => code >= 500 ? "5.0.0" : code >= 400 ? "4.0.0" : "2.0.0";
}
