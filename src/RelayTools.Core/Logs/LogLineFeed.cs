using System;
using RelayTools.Core.Logs.Journal;

namespace RelayTools.Core.Logs;

/// <summary>
/// The one path every line of one log takes, from a file or from the pipeline: recognises the
/// container once from the first non-blank line (<see cref="LogInputKind"/>), unwraps journald json
/// and export entries into the syslog line they stand for, parses, stamps Path and LineNumber, and
/// counts lines in no known format.
/// </summary>
public sealed class LogLineFeed
{
    private readonly RelayLogParser _parser;
    private readonly LogParseContext _context;
    private readonly LogLineCounts _counts;
    private readonly string _path;
    private JournalExportLines? _export;
    private bool _detected;

    /// <summary>Creates the feed of one log.</summary>
    /// <param name="context">The options (with this log's reference time).</param>
    /// <param name="path">What goes into <see cref="RelayRejection.Path"/>.</param>
    /// <param name="counts">Where known and unknown lines are counted (shared by all logs of one call).</param>
    /// <param name="kind">The container, when already known (a file sniffed by the reader); null: detect it.</param>
    public LogLineFeed(LogParseContext context, string path, LogLineCounts counts, LogInputKind? kind = null)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _path = path ?? throw new ArgumentNullException(nameof(path));
        _counts = counts ?? throw new ArgumentNullException(nameof(counts));
        _parser = new RelayLogParser(context);
        if (kind is LogInputKind known) Use(known);
    }

    /// <summary>The container, once recognised (text lines until then).</summary>
    public LogInputKind Kind { get; private set; } = LogInputKind.Lines;

    /// <summary>The line number last fed (for lines that come without one).</summary>
    public long LastLine { get; private set; }

    /// <summary>Parses the next line; a rejection or null.</summary>
    /// <param name="line">The raw line.</param>
    /// <param name="lineNumber">Its 1-based number; null: the one after the last.</param>
    public RelayRejection? Feed(string line, long? lineNumber = null)
    {
        long number = lineNumber ?? LastLine + 1;
        LastLine = number;
        string clean = LogText.Clean(line);
        if (!_detected && clean.Trim().Length > 0) Use(LogInputKinds.Detect(clean));
        if (Kind == LogInputKind.JournalExport && _export is not null)
        {
            JournalEntry? entry = _export.Feed(clean, number);
            return entry is null ? null : FeedEntry(entry, _export.StartLine);
        }
        // A json entry is recognised whatever the first line said (journalctl output added to a log).
        if (clean.Length > 0 && clean[0] == '{')
        {
            JournalEntry? entry = JournalJson.TryParse(clean);
            if (entry is not null) return FeedEntry(entry, number);
        }
        return FeedText(clean, number, judge: true);
    }

    /// <summary>Ends the log: a last export entry without its blank line is parsed.</summary>
    public RelayRejection? Complete()
    {
        JournalEntry? entry = _export?.Flush();
        return entry is null ? null : FeedEntry(entry, _export!.StartLine);
    }

    /// <summary>Parses one journal entry (from json, export lines or an export file).</summary>
    public RelayRejection? FeedEntry(JournalEntry entry, long lineNumber)
    {
        if (entry is null) throw new ArgumentNullException(nameof(entry));
        if (entry.Message is null)
        {
            _counts.Known++;
            return null;
        }
        string line = entry.ToSyslogLine();
        // A message of several lines: the first one carries the refusal.
        int newline = line.IndexOf('\n');
        if (newline >= 0) line = line.Substring(0, newline);
        RelayRejection? record = FeedText(line, lineNumber, judge: false);
        if (record is not null)
        {
            record.Host = entry.Host;
            record.Service = entry.Identifier;
        }
        return record;
    }

    private void Use(LogInputKind kind)
    {
        _detected = true;
        Kind = kind;
        if (kind == LogInputKind.JournalExport) _export = new JournalExportLines();
    }

    // judge: whether the line's shape decides the unknown count (a journal entry is known as such).
    private RelayRejection? FeedText(string line, long number, bool judge)
    {
        RelayRejection? record = _parser.Feed(line);
        if (record is not null || !judge || _parser.IsExchange || LogLineShape.IsKnown(line, _context))
        {
            if (line.Length > 0) _counts.Known++;
        }
        else if (line.Trim().Length > 0)
        {
            _counts.Unknown++;
        }
        if (record is null) return null;
        record.Path = _path;
        record.LineNumber = number;
        return record;
    }
}
