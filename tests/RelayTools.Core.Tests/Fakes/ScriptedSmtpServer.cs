// A misbehaving SMTP server on 127.0.0.1 (ephemeral port) for fault tests. Test-only: compiled into the
// xunit project and loaded with Add-Type by the Pester fault tests, so it keeps to plain C# (no newer syntax).
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace RelayTools.Tests.Fakes;

/// <summary>How the scripted server misbehaves.</summary>
public enum FaultScript
{
    /// <summary>Accepts the connection and never says a word.</summary>
    Silent,
    /// <summary>Greets with 421 and hangs up.</summary>
    Greeting421,
    /// <summary>Greets, then answers EHLO with lines that are not SMTP replies.</summary>
    Garbage,
    /// <summary>Greets, then answers EHLO with a 100 000 character line.</summary>
    OverlongLine,
    /// <summary>Greets and answers EHLO, then drops the connection at MAIL FROM.</summary>
    DropAtMailFrom,
    /// <summary>Offers STARTTLS, says 220 to it, then sends plain text instead of a TLS handshake.</summary>
    StartTlsHandshakeFails,
    /// <summary>Offers STARTTLS, says 220 to it, then never answers the TLS client hello.</summary>
    StartTlsSilent,
    /// <summary>A well-behaved server that accepts everything (control case).</summary>
    AcceptAll,
    /// <summary>Like AcceptAll, and offers XCLIENT NAME ADDR: answers it 220 (Postfix), then no longer offers it.</summary>
    XclientAccepted,
    /// <summary>Like AcceptAll, offers XCLIENT and answers it 550 5.7.0 Error: insufficient authorization.</summary>
    XclientRefused,
    /// <summary>
    /// Exim's default: 501 to a domain literal, 550 relay not permitted to RCPT, and once a session has had more
    /// syntax errors than the limit (3 unless told), a two-line 501 ending "Too many syntax or protocol errors", then a hang-up.
    /// </summary>
    DropAfterSyntaxErrors,
    /// <summary>Like DropAfterSyntaxErrors, but the error over the limit gets a plain 501 and the server hangs up without a word.</summary>
    HangUpAfterSyntaxErrors,
    /// <summary>Like DropAfterSyntaxErrors, but the error over the limit gets 421 4.7.0 Error: too many errors (Postfix) and a hang-up.</summary>
    CloseWith421AfterSyntaxErrors,
    /// <summary>
    /// A replay of Microsoft 365's SMTP relay endpoint (tenant.mail.protection.outlook.com:25) as Microsoft documents it when
    /// no inbound connector matches the sender: its greeting, 250 to MAIL FROM, and "550 5.7.64 TenantAttribution; Relay
    /// Access Denied" to RCPT TO. Not Microsoft 365: no TLS, no connector logic.
    /// </summary>
    Microsoft365TenantAttribution,
    /// <summary>A replay of Microsoft 365's relay endpoint with an inbound connector that requires TLS: "451 5.7.3 STARTTLS is required to send mail" to MAIL FROM.</summary>
    Microsoft365StartTlsRequired,
    /// <summary>A replay of smtp.office365.com:587 (client submission): it offers AUTH LOGIN XOAUTH2 and answers MAIL FROM without AUTH "530 5.7.57 Client not authenticated to send mail".</summary>
    Microsoft365AnonymousMailFrom,
    /// <summary>A replay of smtp.office365.com:587 with Basic authentication disabled: AUTH gets "535 5.7.139 Authentication unsuccessful, basic authentication is disabled".</summary>
    Microsoft365BasicAuthDisabled,
    /// <summary>A replay of smtp.office365.com:587 refusing the login: AUTH gets "535 5.7.3 Authentication unsuccessful".</summary>
    Microsoft365AuthenticationUnsuccessful,
}

/// <summary>A scripted SMTP server on loopback.</summary>
public sealed class ScriptedSmtpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly FaultScript _script;
    private readonly List<TcpClient> _clients = new List<TcpClient>();
    private readonly List<string> _received = new List<string>();
    private volatile bool _disposed;
    private readonly int _syntaxErrorLimit;
    private int _connections;
    private int _drops;

    /// <summary>Starts the server on 127.0.0.1 and an ephemeral port.</summary>
    public ScriptedSmtpServer(FaultScript script) : this(script, IPAddress.Loopback)
    {
    }

    /// <summary>Starts the server on a loopback address (127.0.0.1 or ::1) and an ephemeral port.</summary>
    public ScriptedSmtpServer(FaultScript script, IPAddress loopback) : this(script, loopback, 3)
    {
    }

    /// <summary>Starts the server on 127.0.0.1 with the number of syntax errors a session may have before it is dropped.</summary>
    public ScriptedSmtpServer(FaultScript script, int syntaxErrorLimit) : this(script, IPAddress.Loopback, syntaxErrorLimit)
    {
    }

    /// <summary>Starts the server on a loopback address with the number of syntax errors a session may have before it is dropped.</summary>
    public ScriptedSmtpServer(FaultScript script, IPAddress loopback, int syntaxErrorLimit)
    {
        _syntaxErrorLimit = syntaxErrorLimit;
        if (!IPAddress.IsLoopback(loopback)) { throw new ArgumentException("The scripted server listens on loopback only.", "loopback"); }
        _script = script;
        _listener = new TcpListener(loopback, 0);
        _listener.Start(100);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var thread = new Thread(AcceptLoop);
        thread.IsBackground = true;
        thread.Start();
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections { get { return _connections; } }

    /// <summary>Sessions the server dropped for too many syntax errors.</summary>
    public int Drops { get { return _drops; } }

    /// <summary>Every command line the server received, in order.</summary>
    public string[] Received { get { lock (_received) { return _received.ToArray(); } } }

    /// <summary>A loopback port nothing listens on (bound, read, released).</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Stops listening and closes every connection.</summary>
    public void Dispose()
    {
        _disposed = true;
        try { _listener.Stop(); } catch (SocketException) { }
        lock (_clients)
        {
            foreach (TcpClient client in _clients) { client.Close(); }
            _clients.Clear();
        }
    }

    private void AcceptLoop()
    {
        while (!_disposed)
        {
            TcpClient client;
            try { client = _listener.AcceptTcpClient(); }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            Interlocked.Increment(ref _connections);
            lock (_clients) { _clients.Add(client); }
            var thread = new Thread(() => Serve(client));
            thread.IsBackground = true;
            thread.Start();
        }
    }

    private void Serve(TcpClient client)
    {
        bool close = true;
        try
        {
            NetworkStream stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            switch (_script)
            {
                case FaultScript.Silent:
                    close = false; // held open until Dispose
                    return;
                case FaultScript.Greeting421:
                    Write(stream, "421 4.3.2 fault.test Service not available, closing transmission channel\r\n");
                    return;
                case FaultScript.Garbage:
                    Write(stream, "220 fault.test ESMTP\r\n");
                    ReadCommand(reader);
                    Write(stream, "HTTP/1.1 400 Bad Request\r\n\u0001\u0002 garbage \u00ff\r\n");
                    ReadCommand(reader);
                    return;
                case FaultScript.OverlongLine:
                    Write(stream, "220 fault.test ESMTP\r\n");
                    ReadCommand(reader);
                    Write(stream, "250-" + new string('x', 100000) + "\r\n250 OK\r\n");
                    ReadCommand(reader);
                    return;
                case FaultScript.DropAtMailFrom:
                    Write(stream, "220 fault.test ESMTP\r\n");
                    ReadCommand(reader);
                    Write(stream, "250-fault.test\r\n250 8BITMIME\r\n");
                    ReadCommand(reader);
                    client.Client.LingerState = new LingerOption(true, 0); // a reset, not a polite FIN
                    return;
                case FaultScript.StartTlsHandshakeFails:
                    Write(stream, "220 fault.test ESMTP\r\n");
                    ReadCommand(reader);
                    Write(stream, "250-fault.test\r\n250 STARTTLS\r\n");
                    ReadCommand(reader);
                    Write(stream, "220 2.0.0 Ready to start TLS\r\n");
                    Thread.Sleep(100);
                    Write(stream, "this is not a TLS server hello\r\n");
                    return;
                case FaultScript.StartTlsSilent:
                    Write(stream, "220 fault.test ESMTP\r\n");
                    ReadCommand(reader);
                    Write(stream, "250-fault.test\r\n250 STARTTLS\r\n");
                    ReadCommand(reader);
                    Write(stream, "220 2.0.0 Ready to start TLS\r\n");
                    close = false; // held open, silent, until Dispose
                    return;
                case FaultScript.AcceptAll:
                    AcceptAll(stream, reader, "");
                    return;
                case FaultScript.XclientAccepted:
                    AcceptAll(stream, reader, "220 fault.test ESMTP\r\n");
                    return;
                case FaultScript.XclientRefused:
                    AcceptAll(stream, reader, "550 5.7.0 Error: insufficient authorization\r\n");
                    return;
                case FaultScript.DropAfterSyntaxErrors:
                case FaultScript.HangUpAfterSyntaxErrors:
                case FaultScript.CloseWith421AfterSyntaxErrors:
                    CountSyntaxErrors(stream, reader);
                    return;
                case FaultScript.Microsoft365TenantAttribution:
                    Microsoft365(stream, reader, RelayHost, "", "", "550 5.7.64 TenantAttribution; Relay Access Denied [" + RelayFrontEnd + "]");
                    return;
                case FaultScript.Microsoft365StartTlsRequired:
                    Microsoft365(stream, reader, RelayHost, "", "451 5.7.3 STARTTLS is required to send mail [" + RelayFrontEnd + "]", "");
                    return;
                case FaultScript.Microsoft365AnonymousMailFrom:
                    Microsoft365(stream, reader, SubmissionHost, "", "530 5.7.57 Client not authenticated to send mail. [" + SubmissionFrontEnd + "]", "");
                    return;
                case FaultScript.Microsoft365BasicAuthDisabled:
                    Microsoft365(stream, reader, SubmissionHost, "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [" + SubmissionFrontEnd + "]", "", "");
                    return;
                case FaultScript.Microsoft365AuthenticationUnsuccessful:
                    Microsoft365(stream, reader, SubmissionHost, "535 5.7.3 Authentication unsuccessful [" + SubmissionFrontEnd + "]", "", "");
                    return;
            }
        }
        catch (IOException) { }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            if (close) { client.Close(); }
        }
    }

    // Accepts every command; with an XCLIENT reply (not ""), offers XCLIENT until it was answered 220.
    private void AcceptAll(Stream stream, StreamReader reader, string xclientReply)
    {
        bool offerXclient = xclientReply.Length > 0;
        Write(stream, "220 fault.test ESMTP\r\n");
        while (true)
        {
            string line = ReadCommand(reader);
            if (line == null) { return; }
            string verb = line.Split(' ')[0].ToUpperInvariant();
            if (verb == "EHLO") { Write(stream, offerXclient ? "250-fault.test\r\n250-XCLIENT NAME ADDR PROTO HELO\r\n250 8BITMIME\r\n" : "250-fault.test\r\n250 8BITMIME\r\n"); }
            else if (verb == "XCLIENT" && xclientReply.Length > 0)
            {
                Write(stream, xclientReply);
                offerXclient = !xclientReply.StartsWith("220", StringComparison.Ordinal);
            }
            else if (verb == "QUIT") { Write(stream, "221 2.0.0 Bye\r\n"); return; }
            else if (verb == "RCPT") { Write(stream, "250 2.1.5 Ok\r\n"); }
            else if (verb == "DATA")
            {
                Write(stream, "354 End data with <CR><LF>.<CR><LF>\r\n");
                string body;
                while ((body = ReadCommand(reader)) != null && body != ".") { }
                Write(stream, "250 2.0.0 Ok: queued as FAKE1\r\n");
            }
            else { Write(stream, "250 2.0.0 Ok\r\n"); }
        }
    }

    private const string RelayHost = "BN8NAM12FT053.mail.protection.outlook.com";
    private const string RelayFrontEnd = "BN8NAM12FT053.eop-nam12.prod.protection.outlook.com";
    private const string SubmissionHost = "LO4P123CA0123.outlook.office365.com";
    private const string SubmissionFrontEnd = "LO4P123CA0123.GBRP123.PROD.OUTLOOK.COM";

    // Microsoft 365's greeting and EHLO, then the documented refusal at AUTH, MAIL FROM or RCPT TO ("": 2xx).
    // The submission host offers AUTH LOGIN XOAUTH2 in clear text (the real one only after STARTTLS).
    private void Microsoft365(Stream stream, StreamReader reader, string host, string authReply, string mailReply, string rcptReply)
    {
        bool submission = host == SubmissionHost;
        Write(stream, "220 " + host + " Microsoft ESMTP MAIL Service ready at Thu, 26 Nov 2026 10:00:00 +0000\r\n");
        while (true)
        {
            string line = ReadCommand(reader);
            if (line == null) { return; }
            string[] words = line.Split(' ');
            string verb = words[0].ToUpperInvariant();
            if (verb == "EHLO")
            {
                Write(stream, "250-" + host + " Hello [127.0.0.1]\r\n250-SIZE 157286400\r\n250-PIPELINING\r\n250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n"
                    + (submission ? "250-AUTH LOGIN XOAUTH2\r\n" : "") + "250-8BITMIME\r\n250 SMTPUTF8\r\n");
            }
            else if (verb == "AUTH")
            {
                string mechanism = words.Length > 1 ? words[1].ToUpperInvariant() : "";
                if (mechanism == "LOGIN")
                {
                    if (words.Length < 3) { Write(stream, "334 VXNlcm5hbWU6\r\n"); if (ReadCommand(reader) == null) { return; } }
                    Write(stream, "334 UGFzc3dvcmQ6\r\n");
                    if (ReadCommand(reader) == null) { return; }
                }
                else if (words.Length < 3)
                {
                    Write(stream, "334 \r\n");
                    if (ReadCommand(reader) == null) { return; }
                }

                Write(stream, (authReply.Length > 0 ? authReply : "235 2.7.0 Authentication successful") + "\r\n");
            }
            else if (verb == "MAIL") { Write(stream, (mailReply.Length > 0 ? mailReply : "250 2.1.0 Sender OK") + "\r\n"); }
            else if (verb == "RCPT") { Write(stream, (rcptReply.Length > 0 ? rcptReply : "250 2.1.5 Recipient OK") + "\r\n"); }
            else if (verb == "RSET") { Write(stream, "250 2.0.0 Resetting\r\n"); }
            else if (verb == "QUIT") { Write(stream, "221 2.0.0 Service closing transmission channel\r\n"); return; }
            else { Write(stream, "500 5.3.3 Unrecognized command\r\n"); }
        }
    }

    // Exim's default configuration in miniature: domain literals are syntax errors, relaying is refused,
    // and a session with more syntax errors than the limit ends.
    private void CountSyntaxErrors(Stream stream, StreamReader reader)
    {
        int errors = 0;
        bool mail = false;
        Write(stream, "220 fault.test ESMTP Exim 4.96\r\n");
        while (true)
        {
            string line = ReadCommand(reader);
            if (line == null) { return; }
            string verb = line.Split(' ')[0].ToUpperInvariant();
            if (verb == "EHLO") { Write(stream, "250-fault.test Hello\r\n250-PIPELINING\r\n250 HELP\r\n"); continue; }
            if (verb == "QUIT") { Write(stream, "221 fault.test closing connection\r\n"); return; }
            if (verb == "RSET") { mail = false; Write(stream, "250 Reset OK\r\n"); continue; }
            string error = null;
            if (verb == "MAIL" && line.IndexOf('[') >= 0) { error = "501 <" + Path(line) + ">: domain literals not allowed"; }
            else if (verb == "RCPT" && !mail) { error = "503 sender not yet given"; }
            else if (verb == "RCPT" && (line.IndexOf('"') >= 0 || line.IndexOf('!') >= 0 || line.IndexOf(":<@", StringComparison.Ordinal) >= 0)) { error = "501 <" + Path(line) + ">: malformed address"; }
            else if (verb == "MAIL") { mail = true; Write(stream, "250 OK\r\n"); continue; }
            else if (verb == "RCPT") { Write(stream, "550 relay not permitted\r\n"); continue; }
            else if (verb == "DATA") { Write(stream, "503-All RCPT commands were rejected with this error:\r\n503 valid RCPT command must precede DATA\r\n"); continue; }
            else { error = "500 unrecognized command"; }
            errors++;
            if (errors <= _syntaxErrorLimit) { Write(stream, error + "\r\n"); continue; }
            Interlocked.Increment(ref _drops);
            if (_script == FaultScript.DropAfterSyntaxErrors) { Write(stream, error.Substring(0, 3) + "-" + error.Substring(4) + "\r\n501 Too many syntax or protocol errors\r\n"); }
            else if (_script == FaultScript.HangUpAfterSyntaxErrors) { Write(stream, error + "\r\n"); }
            else { Write(stream, "421 4.7.0 fault.test Error: too many errors\r\n"); }
            return;
        }
    }

    private static string Path(string line)
    {
        int open = line.IndexOf('<');
        int close = line.LastIndexOf('>');
        return open >= 0 && close > open ? line.Substring(open + 1, close - open - 1) : line;
    }

    private string ReadCommand(StreamReader reader)
    {
        string line = reader.ReadLine();
        if (line != null) { lock (_received) { _received.Add(line); } }
        return line;
    }

    private static void Write(Stream stream, string text)
    {
        byte[] bytes = Encoding.GetEncoding(28591).GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush();
    }
}
