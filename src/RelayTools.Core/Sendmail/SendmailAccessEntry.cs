using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// One line of the access file as <c>makemap hash</c> stores it and Sendmail's access rulesets read it:
/// <c>Connect:10.20.1 RELAY</c>, <c>To:example.com ERROR:5.7.1:"550 Relaying denied"</c>.
/// </summary>
public sealed class SendmailAccessEntry
{
    /// <summary>The 1-based line number in the access file.</summary>
    public int Line { get; set; }

    /// <summary>file:line (<c>access:12</c>).</summary>
    public string Origin { get; set; } = "";

    /// <summary>The line as written (without the newline).</summary>
    public string Text { get; set; } = "";

    /// <summary>
    /// The whole key as makemap stores it: the first white-space-delimited field with ASCII upper case folded to lower case
    /// (<c>connect:10.20.1</c>). Sendmail folds what it looks up the same way, so lookups are case-insensitive.
    /// </summary>
    public string LookupKey { get; set; } = "";

    /// <summary>
    /// The tag as written (<c>Connect</c>, <c>To</c>, <c>From</c>, <c>Spam</c>, <c>GreetPause</c>, <c>TLS_Clt</c>...), empty when the
    /// key is untagged. Only a name before the first <c>:</c> counts, so <c>IPv6:2001:db8</c> is an untagged IPv6 key; an unknown
    /// name there (<c>Conect:10.1</c>) is kept as the tag and reported.
    /// </summary>
    public string Tag { get; set; } = "";

    /// <summary>True when <see cref="Tag"/> is one the Sendmail 8.17 rulesets look up.</summary>
    public bool IsKnownTag { get; set; }

    /// <summary>The key after the tag and its colon, as written (<c>10.20.1</c>, <c>IPv6:2001:db8</c>, <c>abuse@</c>).</summary>
    public string Key { get; set; } = "";

    /// <summary>What <see cref="Key"/> names.</summary>
    public SendmailAccessKeyKind KeyKind { get; set; }

    /// <summary>The value (right-hand side) exactly as makemap stores it: everything after the white space that follows the key,
    /// trailing white space and a trailing <c># comment</c> included.</summary>
    public string Value { get; set; } = "";

    /// <summary>
    /// What the access rulesets do with the value, upper-cased: RELAY, OK, REJECT, DISCARD, SKIP, ERROR, QUARANTINE, FRIEND, HATER,
    /// SUBJECT (CERTISSUER), TEMP (Compat). A value that is none of these (<c>PERMIT</c>, <c>RELAY # office</c>) is a free-text error
    /// to Sendmail: then this is the text (as Sendmail sees it, trimmed). Empty for tags whose value is a setting, not a decision
    /// (GreetPause, ClientRate, ClientConn, TLS_*, Try_TLS, *_Features, AuthInfo, QGRP, bcc).
    /// </summary>
    public string Action { get; set; } = "";

    /// <summary>
    /// The SMTP reply code Sendmail sends for an error value: the code written in <c>ERROR:550 ...</c> or <c>"550 ..."</c>, 553 for a
    /// free-text value or an error text that does not start with a code; null when the value is not an error.
    /// </summary>
    public int? ReplyCode { get; set; }

    /// <summary>
    /// The enhanced status code Sendmail sends with an error value: the one written (<c>ERROR:5.7.1:550 ...</c> or
    /// <c>ERROR:"550 5.7.1 ..."</c>), else the default Sendmail adds (<c>5.0.0</c> for 5xx, <c>4.0.0</c> for 4xx, <c>5.3.0</c> for
    /// free text); null when the value is not an error.
    /// </summary>
    public string? EnhancedStatusCode { get; set; }

    /// <summary>The text of the error reply, quotes removed; for QUARANTINE the quarantine reason; null otherwise.</summary>
    public string? ReplyText { get; set; }

    /// <summary>True when an earlier line has the same <see cref="LookupKey"/>: makemap refuses to store this one
    /// ("duplicate key") and the earlier value is the one Sendmail finds.</summary>
    public bool IsDuplicate { get; set; }

    /// <summary>The reply Sendmail sends for an error value, as one line (<c>550 5.7.1 Relaying denied</c>); null otherwise.</summary>
    public string? Reply => ReplyCode is int code
        ? code + " " + EnhancedStatusCode + (string.IsNullOrEmpty(ReplyText) ? "" : " " + ReplyText)
        : null;

    // Tags the Sendmail 8.17 cf rulesets look up (proto.m4 and the features), as cf/README spells them.
    static readonly string[] DecisionTags = ["Connect", "From", "To", "Spam", "CERTISSUER", "CERTSUBJECT", "Compat"];
    static readonly string[] NumberTags = ["GreetPause", "ClientRate", "ClientConn"];
    static readonly string[] SettingTags =
    [
        "TLS_Clt", "TLS_Srv", "TLS_Rcpt", "Try_TLS", "Srv_Features", "Clt_Features", "TLS_Srv_Features", "TLS_Clt_Features", "AuthInfo", "QGRP", "bcc",
    ];
    static readonly HashSet<string> Keywords = ["RELAY", "OK", "REJECT", "DISCARD", "SKIP", "FRIEND", "HATER", "SUBJECT"];
    static readonly Regex Dsn = new(@"^(\d+)\s*\.\s*(\d+)\s*\.\s*(\d+)\s*:\s*(.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    static readonly Regex Enhanced = new(@"^[245]\.\d{1,3}\.\d{1,3}$", RegexOptions.CultureInvariant);
    static readonly Regex EnhancedFirst = new(@"^([245]\.\d{1,3}\.\d{1,3}) ", RegexOptions.CultureInvariant);
    static readonly Regex DsnInsideQuotes = new(@"^(\d\.\d{1,3}\.\d{1,3}):(\d{3} .*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>All the tags Sendmail 8.17's rulesets look up.</summary>
    internal static IEnumerable<string> KnownTags => DecisionTags.Concat(NumberTags).Concat(SettingTags);

    /// <summary>Fills tag, key, kind, action and reply from the raw key and <see cref="Value"/>; problems go to <paramref name="notes"/>.</summary>
    internal static void Interpret(SendmailAccessEntry e, string rawKey, List<SendmailNote> notes)
    {
        e.Key = rawKey;
        int colon = rawKey.IndexOf(':');
        if (colon > 0)
        {
            string head = rawKey.Substring(0, colon);
            string? known = KnownTags.FirstOrDefault(t => string.Equals(t, head, StringComparison.OrdinalIgnoreCase));
            if (known != null || (!head.Equals("IPv6", StringComparison.OrdinalIgnoreCase) && IsTagLike(head)))
            {
                e.Tag = head;
                e.Key = rawKey.Substring(colon + 1);
                e.IsKnownTag = known != null;
                if (known == null) notes.Add(new SendmailNote(SendmailNoteKind.UnknownTag, e.Origin, UnknownTagMessage(head)));
            }
        }
        string tag = e.IsKnownTag ? KnownTags.First(t => string.Equals(t, e.Tag, StringComparison.OrdinalIgnoreCase)) : "";
        e.KeyKind = tag is "CERTISSUER" or "CERTSUBJECT" or "Compat"
            ? (e.Key.Length == 0 ? SendmailAccessKeyKind.Empty : SendmailAccessKeyKind.Other)
            : SendmailAccessKeyClassifier.Classify(e.Key, rawKey, e.Origin, notes);
        if (e.KeyKind == SendmailAccessKeyKind.Empty && tag is not ("ClientRate" or "ClientConn"))
        {
            // ClientRate and ClientConn look up "<tag>:" as their default (SearchList <E:>); no other lookup has an empty key.
            string what = "\"" + rawKey + "\" has nothing after the colon and no ruleset looks up an empty " + e.Tag + " key, so this line is never used";
            if (tag == "GreetPause") what += "; the default pause is FEATURE(`greet_pause')'s argument";
            else if (Trim(e.Value).IndexOf(' ') > 0 || Trim(e.Value).IndexOf('\t') > 0) what += "; a space after the colon made \"" + Trim(e.Value) + "\" the value: write the key right after the colon";
            notes.Add(Suspicious(e, what));
            notes = new List<SendmailNote>(); // the line is dead: what its value would mean is beside the point
        }

        string value = Trim(e.Value);
        int comment = CommentStart(e.Value);
        bool commentExplained = false;
        if (NumberTags.Contains(tag))
        {
            if (!value.All(c => c is >= '0' and <= '9') && comment < 0)
                notes.Add(new SendmailNote(SendmailNoteKind.UnknownValue, e.Origin, tag + " wants a number (" + (tag == "GreetPause" ? "milliseconds" : "connections")
                    + "), not \"" + value + "\""));
        }
        else if (!SettingTags.Contains(tag))
        {
            commentExplained = InterpretDecision(e, tag, value, comment, notes);
        }
        if (comment >= 0 && !commentExplained)
            notes.Add(Suspicious(e, "makemap keeps the comment in the value: Sendmail sees \"" + value + "\", not \"" + Trim(e.Value.Substring(0, comment))
                + "\"; put comments on a line of their own starting with #"));
    }

    /// <summary>Reads an access decision (RELAY, ERROR:..., free text); true when a note already explains a trailing comment.</summary>
    static bool InterpretDecision(SendmailAccessEntry e, string tag, string value, int comment, List<SendmailNote> notes)
    {
        string upper = value.ToUpperInvariant();
        if (Keywords.Contains(upper))
        {
            e.Action = upper;
            string? home = upper switch { "FRIEND" or "HATER" => "Spam", "SUBJECT" => "CERTISSUER", _ => null };
            if (home != null && !string.Equals(tag, home, StringComparison.OrdinalIgnoreCase))
            {
                SetFreeText(e, value);
                notes.Add(Suspicious(e, upper + " only means something in " + home + ": entries; for this key Sendmail answers " + e.Reply));
            }
            else if (upper == "SKIP" && e.KeyKind is SendmailAccessKeyKind.User or SendmailAccessKeyKind.Address)
            {
                notes.Add(Suspicious(e, "SKIP only works for host names, domains and IP addresses, not for a user or an address"));
            }
            return false;
        }
        if (StartsWith(value, "ERROR:") || (tag == "Compat" && StartsWith(value, "TEMP:")))
        {
            int colon = value.IndexOf(':');
            e.Action = upper.Substring(0, colon);
            SetError(e, value.Substring(colon + 1), notes);
            return false;
        }
        if (StartsWith(value, "QUARANTINE:"))
        {
            e.Action = "QUARANTINE";
            e.ReplyText = StripQuotes(Trim(value.Substring("QUARANTINE:".Length)));
            if (e.ReplyText.Length == 0) notes.Add(new SendmailNote(SendmailNoteKind.UnknownValue, e.Origin, "QUARANTINE: wants a reason after the colon"));
            return false;
        }
        if (IsReplyCode(StripQuotes(value)))
        {
            // The deprecated "### any text" form: an error, like ERROR:### any text.
            e.Action = "ERROR";
            SetError(e, value, notes);
            return false;
        }

        e.Action = value;
        SetFreeText(e, value);
        string beforeComment = comment >= 0 ? Trim(e.Value.Substring(0, comment)) : "";
        string first = FirstWord(value).ToUpperInvariant();
        if (comment >= 0 && Keywords.Contains(beforeComment.ToUpperInvariant()))
        {
            notes.Add(Suspicious(e, "makemap keeps the trailing comment in the value, so Sendmail sees the free-text error \"" + value + "\" and answers "
                + e.Reply + " instead of " + beforeComment + "; put the comment on a line of its own starting with #"));
            return true;
        }
        if (Keywords.Contains(first))
            notes.Add(Suspicious(e, "the value is \"" + value + "\", not " + first + ": Sendmail takes anything but a single word as a free-text error and answers " + e.Reply));
        else
            notes.Add(new SendmailNote(SendmailNoteKind.UnknownValue, e.Origin, "\"" + value + "\" is not an access value (RELAY, OK, REJECT, DISCARD, SKIP, ERROR:, QUARANTINE:): "
                + "Sendmail takes it as a free-text error and answers " + e.Reply));
        return comment >= 0;
    }

    /// <summary>The text after ERROR: (or a bare "### text"): the reply Sendmail's error mailer makes of it (parseaddr.c buildaddr).</summary>
    static void SetError(SendmailAccessEntry e, string rest, List<SendmailNote> notes)
    {
        rest = Trim(rest);
        string? dsn = null;
        var m = Dsn.Match(rest);
        if (m.Success)
        {
            dsn = m.Groups[1].Value + "." + m.Groups[2].Value + "." + m.Groups[3].Value;
            rest = m.Groups[4].Value;
        }
        string text = StripQuotes(Trim(rest));
        if (!IsReplyCode(text))
        {
            SetFreeText(e, text);
            var inside = DsnInsideQuotes.Match(text);
            string fix = inside.Success
                ? "; the status code goes outside the quotes: " + e.Action + ":" + inside.Groups[1].Value + ":\"" + inside.Groups[2].Value + "\""
                : "; start the text with a reply code: " + e.Action + ":\"550 " + text + "\"";
            notes.Add(Suspicious(e, "the " + e.Action + " text does not start with a three-digit reply code and a space, so Sendmail answers " + e.Reply + fix));
            return;
        }
        e.ReplyCode = int.Parse(text.Substring(0, 3));
        string body = text.Substring(4);
        var enhanced = EnhancedFirst.Match(body);
        if (enhanced.Success)
        {
            e.EnhancedStatusCode = enhanced.Groups[1].Value;
            body = body.Substring(enhanced.Length);
        }
        else
        {
            e.EnhancedStatusCode = dsn != null && Enhanced.IsMatch(dsn) ? dsn : DefaultEnhanced(text[0]);
        }
        e.ReplyText = body;
        if (e.EnhancedStatusCode != null && e.EnhancedStatusCode[0] != text[0])
            notes.Add(Suspicious(e, "the reply code " + e.ReplyCode + " and the status code " + e.EnhancedStatusCode + " disagree (one is temporary, the other permanent)"));
    }

    /// <summary>A value that is no access keyword: the error mailer answers 553 5.3.0 and the text.</summary>
    static void SetFreeText(SendmailAccessEntry e, string text)
    {
        e.ReplyCode = 553;
        e.EnhancedStatusCode = "5.3.0";
        e.ReplyText = StripQuotes(text);
    }

    /// <summary>usrerr's default enhanced code for a reply code's first digit (err.c).</summary>
    static string? DefaultEnhanced(char first) => first switch
    {
        '5' or '6' => "5.0.0",
        '4' or '8' => "4.0.0",
        '2' => "2.0.0",
        _ => null,
    };

    /// <summary>Three digits and a space (ISSMTPCODE and ubuf[3] == ' ' in buildaddr).</summary>
    static bool IsReplyCode(string text) =>
        text.Length >= 4 && text[0] is >= '2' and <= '5' && char.IsDigit(text[1]) && char.IsDigit(text[2]) && text[3] == ' ';

    /// <summary>Where a white-space-preceded <c>#</c> starts outside double quotes; -1 when there is none.</summary>
    static int CommentStart(string value)
    {
        bool quoted = false;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '"') quoted = !quoted;
            else if (value[i] == '#' && !quoted && i > 0 && SendmailAccessFile.IsSpace(value[i - 1])) return i - 1;
        }
        return -1;
    }

    static bool IsTagLike(string head) =>
        head.Length > 0 && char.IsLetter(head[0]) && head.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-'));

    static string UnknownTagMessage(string head)
    {
        int allowed = head.Length >= 5 ? 2 : 1;
        string? near = KnownTags.FirstOrDefault(t => Distance(t.ToLowerInvariant(), head.ToLowerInvariant()) <= allowed);
        return "unknown tag \"" + head + ":\": no Sendmail 8.17 ruleset looks up " + head + ": keys, so this line is never used"
            + (near != null ? "; did you mean " + near + ":?" : " (tags: Connect, From, To, Spam, GreetPause, ClientRate, ClientConn, TLS_Clt, TLS_Srv, AuthInfo, ...)");
    }

    static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    static string StripQuotes(string text) => text.Replace("\"", "");

    static string FirstWord(string text)
    {
        int i = 0;
        while (i < text.Length && !SendmailAccessFile.IsSpace(text[i])) i++;
        return text.Substring(0, i);
    }

    static string Trim(string text) => text.Trim(' ', '\t', '\n', '\v', '\f', '\r');

    static bool StartsWith(string text, string prefix) => text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    static SendmailNote Suspicious(SendmailAccessEntry e, string message) => new(SendmailNoteKind.Suspicious, e.Origin, message);

    /// <inheritdoc />
    public override string ToString() => Origin + ": " + Text;
}
