namespace RelayTools.Core.Logs;

/// <summary>
/// How many of the lines examined were of a known log format and how many of none, over every file
/// and stream of one Get-RelayRejection call, so that input in an unknown format is never passed over
/// silently. Blank lines count as neither.
/// </summary>
public sealed class LogLineCounts
{
    /// <summary>Lines of a known format (rejection or not).</summary>
    public long Known { get; set; }

    /// <summary>Non-blank lines in no known format.</summary>
    public long Unknown { get; set; }
}
