using System;
using System.Globalization;

namespace RelayTools.Core.Logs;

/// <summary>
/// Parses the timestamp forms mail logs use: classic syslog without a year, RFC 3339 (rsyslog
/// high precision, RFC 5424, journald short-iso with or without a colon in the offset), Exim's
/// <c>2026-11-24 10:15:02[.mmm] [+zzzz]</c> and Kerio's <c>30/Dec/2013 05:27:59</c>.
/// </summary>
public static class LogTimestamp
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The month number (1-12) of a three-letter English month name, or 0.</summary>
    public static int MonthNumber(string text, int index)
    {
        if (index + 3 > text.Length) return 0;
        for (int i = 0; i < Months.Length; i++)
        {
            if (string.CompareOrdinal(text, index, Months[i], 0, 3) == 0) return i + 1;
        }
        return 0;
    }

    /// <summary>
    /// The year of a month/day logged without one: the latest year that does not put the date more
    /// than a day after <paramref name="reference"/> (so December lines in a file written in January
    /// belong to the year before). 29 February goes back to the latest leap year.
    /// </summary>
    public static int InferYear(int month, int day, DateTime reference)
    {
        int year = reference.Year;
        DateTime limit = reference.Date.AddDays(1);
        while (true)
        {
            if (day <= DateTime.DaysInMonth(year, month) && new DateTime(year, month, day) <= limit) return year;
            year--;
            if (year < reference.Year - 8) return reference.Year - 1; // unreachable for valid dates
        }
    }

    /// <summary>
    /// Parses a classic syslog time <c>Nov 24 10:15:02</c> (day space- or zero-padded, optional
    /// fraction) at <paramref name="index"/>; <paramref name="end"/> is the index after it.
    /// </summary>
    public static bool TryParseClassic(string text, int index, LogParseContext context, out DateTimeOffset value, out int end)
    {
        value = default;
        end = index;
        int month = MonthNumber(text, index);
        if (month == 0 || index + 15 > text.Length || text[index + 3] != ' ') return false;
        int i = index + 4;
        int day;
        if (text[i] == ' ' && IsDigit(text[i + 1])) day = text[i + 1] - '0';
        else if (IsDigit(text[i]) && IsDigit(text[i + 1])) day = (text[i] - '0') * 10 + (text[i + 1] - '0');
        else return false;
        i += 2;
        if (text[i] != ' ' || !TryTime(text, i + 1, out int hour, out int minute, out int second)) return false;
        i += 9;
        long ticks = ReadFraction(text, ref i);
        if (day < 1 || day > 31) return false;
        int year = InferYear(month, day, context.ReferenceTime);
        if (day > DateTime.DaysInMonth(year, month)) return false;
        value = context.ToOffset(new DateTime(year, month, day, hour, minute, second).AddTicks(ticks));
        end = i;
        return true;
    }

    /// <summary>
    /// Parses <c>yyyy-MM-ddTHH:mm:ss[.f...][Z|+hh:mm|+hhmm]</c> (or a space instead of the T, as Exim
    /// writes) at <paramref name="index"/>. Without an offset the time is in the context's zone.
    /// </summary>
    public static bool TryParseIso(string text, int index, LogParseContext context, out DateTimeOffset value, out int end)
    {
        value = default;
        end = index;
        if (index + 19 > text.Length) return false;
        if (!TryDigits(text, index, 4, out int year) || text[index + 4] != '-' || !TryDigits(text, index + 5, 2, out int month) ||
            text[index + 7] != '-' || !TryDigits(text, index + 8, 2, out int day) || (text[index + 10] != 'T' && text[index + 10] != ' ') ||
            !TryTime(text, index + 11, out int hour, out int minute, out int second))
        {
            return false;
        }
        if (month < 1 || month > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        int i = index + 19;
        long ticks = ReadFraction(text, ref i);
        var wall = new DateTime(year, month, day, hour, minute, second).AddTicks(ticks);
        if (i < text.Length && (text[i] == 'Z' || text[i] == 'z'))
        {
            value = new DateTimeOffset(wall, TimeSpan.Zero);
            end = i + 1;
            return true;
        }
        // An offset follows directly (RFC 3339, short-iso) or, for Exim's log_timezone, after a space.
        int j = i < text.Length && text[i] == ' ' && text[index + 10] == ' ' ? i + 1 : i;
        if (j < text.Length && (text[j] == '+' || text[j] == '-') && TryDigits(text, j + 1, 2, out int oh))
        {
            int k = j + 3;
            if (k < text.Length && text[k] == ':') k++;
            if (TryDigits(text, k, 2, out int om) && (k + 2 >= text.Length || !IsDigit(text[k + 2])))
            {
                var offset = new TimeSpan(oh, om, 0);
                value = new DateTimeOffset(wall, text[j] == '-' ? -offset : offset);
                end = k + 2;
                return true;
            }
        }
        value = context.ToOffset(wall);
        end = i;
        return true;
    }

    /// <summary>Parses Kerio's <c>30/Dec/2013 05:27:59</c> at <paramref name="index"/>, in the context's zone.</summary>
    public static bool TryParseKerio(string text, int index, LogParseContext context, out DateTimeOffset value, out int end)
    {
        value = default;
        end = index;
        int slash = text.IndexOf('/', index);
        if (slash < index + 1 || slash > index + 2) return false;
        if (DateTime.TryParseExact(text.Substring(index, Math.Min(text.Length - index, slash - index + 18)).TrimEnd(']'),
                ["d/MMM/yyyy HH:mm:ss", "dd/MMM/yyyy HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime wall))
        {
            value = context.ToOffset(wall);
            end = slash + 18;
            return true;
        }
        return false;
    }

    private static bool TryTime(string text, int i, out int hour, out int minute, out int second)
    {
        hour = minute = second = 0;
        return i + 8 <= text.Length && TryDigits(text, i, 2, out hour) && text[i + 2] == ':' && TryDigits(text, i + 3, 2, out minute) &&
               text[i + 5] == ':' && TryDigits(text, i + 6, 2, out second) && hour < 24 && minute < 60 && second < 61 && (second = Math.Min(second, 59)) >= 0;
    }

    private static long ReadFraction(string text, ref int i)
    {
        if (i + 1 >= text.Length || (text[i] != '.' && text[i] != ',') || !IsDigit(text[i + 1])) return 0;
        i++;
        long ticks = 0;
        int digits = 0;
        while (i < text.Length && IsDigit(text[i]))
        {
            if (digits < 7)
            {
                ticks = ticks * 10 + (text[i] - '0');
                digits++;
            }
            i++;
        }
        for (; digits < 7; digits++) ticks *= 10;
        return ticks;
    }

    private static bool TryDigits(string text, int index, int count, out int value)
    {
        value = 0;
        if (index < 0 || index + count > text.Length) return false;
        for (int i = index; i < index + count; i++)
        {
            if (!IsDigit(text[i])) return false;
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
