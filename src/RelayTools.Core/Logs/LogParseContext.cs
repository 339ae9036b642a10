using System;
using System.IO;

namespace RelayTools.Core.Logs;

/// <summary>What a parser needs besides the line: the format, the options and how to complete timestamps.</summary>
public sealed class LogParseContext
{
    /// <summary>The format to parse, or <see cref="LogFormat.Auto"/> to recognise each line.</summary>
    public LogFormat Format { get; set; } = LogFormat.Auto;

    /// <summary>Also report SASL authentication failures.</summary>
    public bool IncludeAuthFailures { get; set; }

    /// <summary>
    /// When the log was last written (the file's write time, or now for piped lines). Timestamps
    /// without a year get the latest year that does not put them after this time.
    /// </summary>
    public DateTime ReferenceTime { get; set; } = DateTime.Now;

    /// <summary>The time zone of timestamps that carry no offset (classic syslog, Exim). Defaults to the local zone.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Local;

    /// <summary>Only rejections at or after this time are reported (lines without a time are then left out).</summary>
    public DateTimeOffset? After { get; set; }

    /// <summary>Only rejections at or before this time are reported (lines without a time are then left out).</summary>
    public DateTimeOffset? Before { get; set; }

    /// <summary>Whether <paramref name="record"/> passes the <see cref="After"/> / <see cref="Before"/> filter.</summary>
    public bool InRange(RelayRejection record)
    {
        if (After is null && Before is null) return true;
        if (record.Timestamp is not DateTimeOffset time) return false;
        return (After is null || time >= After.Value) && (Before is null || time <= Before.Value);
    }

    /// <summary>A copy with another reference time (each file has its own write time).</summary>
    public LogParseContext WithReferenceTime(DateTime referenceTime) => new()
    {
        Format = Format,
        IncludeAuthFailures = IncludeAuthFailures,
        ReferenceTime = referenceTime,
        TimeZone = TimeZone,
        After = After,
        Before = Before,
    };

    /// <summary>
    /// The context for the log <paramref name="path"/>: timestamps without a year are completed from the
    /// file's write time; a path that is no readable file (piped lines) keeps this reference time.
    /// Files read by path and lines piped from a file take this one rule.
    /// </summary>
    public LogParseContext ForLog(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        try
        {
            return File.Exists(path) ? WithReferenceTime(File.GetLastWriteTime(path)) : this;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return this;
        }
    }

    /// <summary>Turns a local wall-clock time of the log into a DateTimeOffset in <see cref="TimeZone"/>.</summary>
    public DateTimeOffset ToOffset(DateTime wallClock)
    {
        DateTime unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, TimeZone.GetUtcOffset(unspecified));
    }
}
