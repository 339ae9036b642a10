using System;

namespace RelayTools.Core.Logs;

/// <summary>
/// Parses the lines of one log (a file, or one stream of piped lines) in order: syslog-style lines
/// one by one, and - from its header on, or always with <see cref="LogFormat.Exchange"/> - an
/// Exchange protocol log with its session state. Applies the time filter of the context.
/// </summary>
public sealed class RelayLogParser
{
    private readonly LogParseContext _context;
    private ExchangeReceiveLogParser? _exchange;

    /// <summary>Creates a parser for one log.</summary>
    public RelayLogParser(LogParseContext context)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        if (context.Format == LogFormat.Exchange) _exchange = new ExchangeReceiveLogParser(context);
    }

    /// <summary>Whether the parser reads an Exchange CSV log (and therefore needs every line).</summary>
    public bool IsExchange => _exchange is not null;

    /// <summary>Parses the next line; returns a rejection or null. Path and LineNumber are left to the caller.</summary>
    public RelayRejection? Feed(string line)
    {
        line = LogText.Clean(line);
        RelayRejection? record;
        if (_exchange is null && _context.Format == LogFormat.Auto && line.Length > 0 && line[0] == '#' && ExchangeReceiveLogParser.IsHeader(line))
        {
            _exchange = new ExchangeReceiveLogParser(_context);
        }
        if (_exchange is not null) record = _exchange.Feed(line);
        else record = RelayLineParser.TryParse(line, _context);
        if (record is null || !_context.InRange(record)) return null;
        record.ClassifyWhenRead();
        return record;
    }
}
