using System;
using System.Collections.Generic;
using System.Globalization;

namespace RelayTools.Core.Logs;

/// <summary>
/// Reads an Exchange SMTP Receive protocol log (CSV; the <c>#Fields:</c> header names the columns,
/// by default date-time, connector-id, session-id, sequence-number, local-endpoint,
/// remote-endpoint, event, data, context). A rejection is a server reply (<c>&gt;</c>) such as
/// <c>550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain</c>; it is joined with the
/// same session's EHLO, MAIL FROM and RCPT TO lines to recover helo, sender and recipient.
/// Feed the lines of one log in order to one instance.
/// </summary>
public sealed class ExchangeReceiveLogParser
{
    private const int MaxSessions = 100_000;

    private readonly LogParseContext _context;
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private int _time, _connector = 1, _session = 2, _remote = 5, _event = 6, _data = 7;
    private int _width = 9;

    /// <summary>Creates a parser for one log file (or one stream of piped lines).</summary>
    public ExchangeReceiveLogParser(LogParseContext context) => _context = context;

    /// <summary>How an Exchange protocol log starts (any one of these lines); the scanner and <see cref="IsHeader"/> read them from here.</summary>
    public static IReadOnlyList<string> HeaderSignatures { get; } = ["#Software: Microsoft Exchange", "#Fields: date-time,", "#Log-type: SMTP Receive"];

    /// <summary>Whether <paramref name="line"/> is the header of an Exchange protocol log.</summary>
    public static bool IsHeader(string line)
    {
        foreach (string signature in HeaderSignatures)
        {
            if (line.StartsWith(signature, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Reads the next line; returns a rejection when this line is the server's relay (or auth) refusal.</summary>
    public RelayRejection? Feed(string line)
    {
        if (line.Length == 0) return null;
        if (line[0] == '#')
        {
            if (line.StartsWith("#Fields:", StringComparison.OrdinalIgnoreCase)) ReadFields(line.Substring(8));
            return null;
        }
        List<string> f = CsvRecord.Split(line);
        if (f.Count < _width) return null;
        string sessionId = f[_session];
        string ev = f[_event];
        string data = f[_data];
        if (ev == "-")
        {
            _sessions.Remove(sessionId);
            return null;
        }
        if (ev == "+")
        {
            if (_sessions.Count >= MaxSessions) _sessions.Clear(); // sessions that never ended: keep memory bounded
            _sessions[sessionId] = new Session();
            return null;
        }
        if (!_sessions.TryGetValue(sessionId, out Session? session))
        {
            if (_sessions.Count >= MaxSessions) _sessions.Clear();
            session = new Session();
            _sessions[sessionId] = session;
        }
        if (ev == "<")
        {
            Remember(session, data);
            return null;
        }
        if (ev != ">" || data.Length < 3) return null;

        string kind;
        if (data.IndexOf("Unable to relay", StringComparison.OrdinalIgnoreCase) >= 0 && (data[0] == '5' || data[0] == '4')) kind = RejectionKind.RelayDenied;
        else if (_context.IncludeAuthFailures && data.StartsWith("535", StringComparison.Ordinal)) kind = RejectionKind.AuthFailed;
        else if (_context.IncludeAuthFailures && data.StartsWith("454 4.7.0", StringComparison.Ordinal) && session.Auth) kind = RejectionKind.AuthBackendUnavailable;
        else return null;

        string connector = f[_connector];
        int slash = connector.IndexOf('\\');
        var record = new RelayRejection
        {
            Kind = kind,
            Mta = "Exchange",
            Host = slash > 0 ? connector.Substring(0, slash) : null,
            Service = connector,
            QueueId = sessionId,
            Helo = session.Helo,
            Sender = kind == RejectionKind.RelayDenied ? session.Sender : null,
            Recipient = kind == RejectionKind.RelayDenied ? session.Recipient : null,
            Protocol = session.Protocol,
            Line = line,
        };
        if (DateTimeOffset.TryParse(f[_time], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
        {
            record.Timestamp = time;
        }
        SplitEndpoint(f[_remote], record);
        string text = SmtpReplyText.Apply(data, record);
        record.Reason = text.StartsWith("SMTP; ", StringComparison.Ordinal) ? text.Substring(6) : text;
        return record;
    }

    private void ReadFields(string header)
    {
        string[] names = header.Trim().Split(',');
        int Index(string name, int fallback)
        {
            int i = Array.FindIndex(names, n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase));
            return i >= 0 ? i : fallback;
        }
        _time = Index("date-time", _time);
        _connector = Index("connector-id", _connector);
        _session = Index("session-id", _session);
        _remote = Index("remote-endpoint", _remote);
        _event = Index("event", _event);
        _data = Index("data", _data);
        _width = Math.Max(Math.Max(Math.Max(_time, _connector), Math.Max(_session, _remote)), Math.Max(_event, _data)) + 1;
    }

    private static void Remember(Session session, string command)
    {
        if (StartsWith(command, "EHLO ") || StartsWith(command, "HELO "))
        {
            session.Helo = command.Substring(5).Trim();
            session.Protocol = StartsWith(command, "EHLO ") ? "ESMTP" : "SMTP";
        }
        else if (StartsWith(command, "MAIL FROM:"))
        {
            session.Sender = Address(command.Substring(10));
            session.Recipient = null;
        }
        else if (StartsWith(command, "RCPT TO:")) session.Recipient = Address(command.Substring(8));
        else if (StartsWith(command, "AUTH ")) session.Auth = true;
        else if (StartsWith(command, "RSET")) session.Sender = session.Recipient = null;
    }

    // "<a@b> SIZE=123" -> "a@b"
    private static string Address(string argument)
    {
        string text = argument.Trim();
        if (text.StartsWith("<", StringComparison.Ordinal))
        {
            int close = text.IndexOf('>');
            if (close > 0) return text.Substring(1, close - 1);
        }
        int space = text.IndexOf(' ');
        return space > 0 ? text.Substring(0, space) : text;
    }

    private static void SplitEndpoint(string endpoint, RelayRejection record)
    {
        int colon = endpoint.LastIndexOf(':');
        string address = endpoint;
        if (colon > 0 && int.TryParse(endpoint.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) &&
            (endpoint.IndexOf(':') == colon || endpoint[colon - 1] == ']'))
        {
            record.ClientPort = port;
            address = endpoint.Substring(0, colon);
        }
        record.ClientAddress = address.Trim('[', ']');
    }

    private static bool StartsWith(string text, string prefix) => text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private sealed class Session
    {
        public string? Helo;
        public string? Sender;
        public string? Recipient;
        public string? Protocol;
        public bool Auth;
    }
}
