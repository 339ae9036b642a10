using System;
using System.Collections.Generic;

namespace RelayTools.Core.Logs;

/// <summary>
/// Lines that arrive one by one (from the pipeline: Get-Content, Select-String, journalctl, ssh) rather
/// than as a file: each log they came from gets its own <see cref="LogLineFeed"/> - the one path file
/// lines take - with that log's context (<see cref="LogParseContext.ForLog"/>: a file's write time
/// completes timestamps without a year; lines of no known file keep the context's reference time).
/// </summary>
public sealed class PipedLogLines
{
    /// <summary>What <see cref="RelayRejection.Path"/> says for lines of no known file.</summary>
    public const string PipelinePath = "pipeline";

    private readonly Dictionary<string, LogLineFeed> _feeds = new(StringComparer.Ordinal);
    private readonly LogParseContext _context;
    private readonly LogLineCounts _counts;

    /// <summary>Creates the reader of one call's piped lines.</summary>
    /// <param name="context">The options; its reference time stands for lines of no known file.</param>
    /// <param name="counts">Where known and unknown lines are counted (shared with the files of the call).</param>
    public PipedLogLines(LogParseContext context, LogLineCounts counts)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _counts = counts ?? throw new ArgumentNullException(nameof(counts));
    }

    /// <summary>Reads one piped text; a multi-line text (Get-Content -Raw) is split into its lines.</summary>
    /// <param name="text">One line or several, separated by line feeds.</param>
    /// <param name="path">The file it came from (Get-Content's PSPath, Select-String's Path), or null.</param>
    /// <param name="lineNumber">The number of its (first) line in that file, or null: the one after the last.</param>
    /// <returns>The rejections found, in order.</returns>
    public IEnumerable<RelayRejection> Feed(string text, string? path = null, long? lineNumber = null)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        LogLineFeed feed = FeedOf(path ?? PipelinePath);
        string[] lines = text.Split('\n');
        var found = new List<RelayRejection>(1);
        for (int i = 0; i < lines.Length; i++)
        {
            RelayRejection? record = feed.Feed(lines[i], lineNumber is long first ? first + i : null);
            if (record is not null) found.Add(record);
        }
        return found;
    }

    /// <summary>Ends the input: each log's last entry still open (a journal export block without its blank line) is parsed.</summary>
    public IEnumerable<RelayRejection> Complete()
    {
        var found = new List<RelayRejection>();
        foreach (LogLineFeed feed in _feeds.Values)
        {
            if (feed.Complete() is RelayRejection last) found.Add(last);
        }
        return found;
    }

    private LogLineFeed FeedOf(string path)
    {
        if (!_feeds.TryGetValue(path, out LogLineFeed? feed))
        {
            LogParseContext context = path == PipelinePath ? _context : _context.ForLog(path);
            feed = new LogLineFeed(context, path, _counts);
            _feeds[path] = feed;
        }
        return feed;
    }
}
