using System;
using System.Collections.Generic;

namespace RelayTools.Core.Smtp;

/// <summary>
/// Pure functions that read SMTP reply lines as they come off the wire (RFC 5321 section 4.2, RFC 3463
/// enhanced codes). For explaining a reply quoted in free text (a client error, a log line) see
/// <see cref="RelayTools.Core.Diagnosis.SmtpReplyParser"/>.
/// </summary>
public static class ReplyLineParser
{
    /// <summary>
    /// Reads one reply line. Returns false when the line is not <c>ddd</c>, <c>ddd text</c> or
    /// <c>ddd-text</c> with a code from 200 to 599.
    /// </summary>
    /// <param name="line">The line without CRLF.</param>
    /// <param name="code">The reply code.</param>
    /// <param name="isLast">False for a continuation line (<c>250-</c>).</param>
    /// <param name="text">The text after the code and separator.</param>
    public static bool TryParseLine(string line, out int code, out bool isLast, out string text)
    {
        code = 0;
        isLast = true;
        text = "";
        if (line is null || line.Length < 3)
        {
            return false;
        }

        for (int i = 0; i < 3; i++)
        {
            if (line[i] < '0' || line[i] > '9')
            {
                return false;
            }
        }

        code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        if (code < 200 || code > 599)
        {
            code = 0;
            return false;
        }

        if (line.Length == 3)
        {
            return true;
        }

        if (line[3] != ' ' && line[3] != '-')
        {
            code = 0;
            return false;
        }

        isLast = line[3] == ' ';
        text = line.Substring(4);
        return true;
    }

    /// <summary>Splits an enhanced status code (<c>5.7.1</c>) from the front of a reply text when its class matches the reply code.</summary>
    /// <param name="code">The reply code (its first digit must equal the enhanced code's class).</param>
    /// <param name="text">The reply text.</param>
    /// <param name="rest">The text without the enhanced code.</param>
    /// <returns>The enhanced status code, or null.</returns>
    public static string? SplitEnhancedCode(int code, string text, out string rest)
    {
        rest = text ?? "";
        int end = EnhancedCodeEnd(rest, 0);
        if (end < 0 || code / 100 != rest[0] - '0')
        {
            return null;
        }

        string enhanced = rest.Substring(0, end);
        rest = rest.Substring(end).TrimStart();
        return enhanced;
    }

    /// <summary>
    /// The index just past an RFC 3463 enhanced status code (<c>class.subject.detail</c>: class 2, 4 or 5,
    /// then one to three digits twice) starting at <paramref name="start"/>, when a blank, '-' or the end
    /// follows it; otherwise -1. Hand-written, not a regex: log readers call it on their hot path.
    /// </summary>
    public static int EnhancedCodeEnd(string text, int start)
    {
        if (text is null || start + 5 > text.Length || (text[start] != '2' && text[start] != '4' && text[start] != '5') || text[start + 1] != '.')
        {
            return -1;
        }

        int k = start + 2;
        for (int part = 0; part < 2; part++)
        {
            int digits = 0;
            while (k < text.Length && text[k] >= '0' && text[k] <= '9' && digits < 4)
            {
                k++;
                digits++;
            }

            if (digits == 0 || digits > 3)
            {
                return -1;
            }

            if (part == 0)
            {
                if (k >= text.Length || text[k] != '.')
                {
                    return -1;
                }

                k++;
            }
        }

        return k == text.Length || char.IsWhiteSpace(text[k]) || text[k] == '-' ? k : -1;
    }

    /// <summary>Builds a reply from its complete lines (all with the same code).</summary>
    /// <exception cref="FormatException">A line is not an SMTP reply line.</exception>
    public static SmtpReply FromLines(IReadOnlyList<string> lines)
    {
        if (lines is null || lines.Count == 0)
        {
            throw new FormatException("An SMTP reply has at least one line.");
        }

        int code = 0;
        string? enhanced = null;
        var texts = new List<string>();
        for (int i = 0; i < lines.Count; i++)
        {
            if (!TryParseLine(lines[i], out int lineCode, out _, out string text))
            {
                throw new FormatException("Not an SMTP reply line: " + Printable(lines[i], 80));
            }

            code = i == 0 ? lineCode : code;
            string? lineEnhanced = SplitEnhancedCode(lineCode, text, out string rest);
            if (i == 0)
            {
                enhanced = lineEnhanced;
            }

            texts.Add(lineEnhanced is not null && lineEnhanced == enhanced ? rest : text);
        }

        return new SmtpReply
        {
            Code = code,
            EnhancedStatusCode = enhanced,
            Text = string.Join("\n", texts),
            Lines = [.. lines],
        };
    }

    /// <summary>Builds a reply from a code and MailKit's response text (lines joined by newlines).</summary>
    public static SmtpReply FromCodeAndText(int code, string? response)
    {
        string[] parts = (response ?? "").Replace("\r", "").Split('\n');
        var lines = new List<string>(parts.Length);
        for (int i = 0; i < parts.Length; i++)
        {
            lines.Add(code.ToString(System.Globalization.CultureInfo.InvariantCulture) + (i == parts.Length - 1 ? " " : "-") + parts[i]);
        }

        return FromLines(lines);
    }

    /// <summary>Shortens a line and replaces control characters, for messages about garbage the server sent.</summary>
    public static string Printable(string? text, int max)
    {
        string value = text ?? "";
        var chars = new char[Math.Min(value.Length, max)];
        for (int i = 0; i < chars.Length; i++)
        {
            char c = value[i];
            chars[i] = c < ' ' || c == '\x7f' ? '?' : c;
        }

        return new string(chars) + (value.Length > max ? $"… <{value.Length} characters>" : "");
    }
}
