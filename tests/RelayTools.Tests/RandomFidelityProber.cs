// The socket prober of PostfixRandomFidelity.Tests.ps1 (test-only; compiled with Add-Type): runs many SMTP
// sessions against the lab in parallel, each from the prober's own source address impersonating its
// client with XCLIENT ADDR/NAME, and records the reply that ended it and the stage it came at.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace RelayTools.Tests.RandomFidelity
{
    public sealed class ProbeCase
    {
        public int Port { get; set; }
        public string ClientAddress { get; set; } = "";
        public string ClientName { get; set; } = "unknown";
        public string Helo { get; set; } = "";
        public bool Auth { get; set; }
        public string Sender { get; set; } = "";
        public string Recipient { get; set; } = "";
        public string User { get; set; } = "labuser";
        public string Password { get; set; } = "labpass";
    }

    public sealed class ProbeResult
    {
        /// <summary>connect (greeting, or the greeting XCLIENT gives), helo, mail, rcpt; xclient/starttls/auth/error when the probe itself failed.</summary>
        public string Stage { get; set; } = "";
        /// <summary>The reply line that ended the session ('' when no greeting came).</summary>
        public string Reply { get; set; } = "";
        /// <summary>True when TLS was negotiated; true when AUTH succeeded.</summary>
        public bool Tls { get; set; }
        public bool Authenticated { get; set; }
        /// <summary>True when the case asked for AUTH but the server did not offer it.</summary>
        public bool AuthNotOffered { get; set; }
        public string Transcript { get; set; } = "";
    }

    public static class Prober
    {
        /// <summary>Probes every case; cases of one port run one after the other (one smtpd per service), ports in parallel.</summary>
        public static ProbeResult[] ProbeAll(ProbeCase[] cases, string source, int parallelism, int greetingTimeoutMs)
        {
            var results = new ProbeResult[cases.Length];
            var groups = Enumerable.Range(0, cases.Length).GroupBy(i => cases[i].Port).Select(g => g.ToArray()).ToArray();
            Parallel.ForEach(groups, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, group =>
            {
                for (int n = 0; n < group.Length; n++)
                {
                    int i = group[n];
                    results[i] = Probe(cases[i], source, greetingTimeoutMs);
                    if (results[i].Stage == "connect" && results[i].Reply.Length == 0 && n + 1 < group.Length)
                    {
                        // A service that does not greet (smtpd exits at start) does not greet the others either:
                        // probe the rest at once instead of one timeout after another.
                        var rest = group.Skip(n + 1).ToArray();
                        Parallel.ForEach(rest, new ParallelOptions { MaxDegreeOfParallelism = rest.Length }, j => results[j] = Probe(cases[j], source, greetingTimeoutMs));
                        break;
                    }
                }
            });
            return results;
        }

        sealed class Session : IDisposable
        {
            public TcpClient Tcp = null!;
            public Stream Stream = null!;
            public StreamReader Reader = null!;
            public StringBuilder Log = new StringBuilder();
            public void Dispose() => Tcp.Dispose();

            public void Send(string line)
            {
                Log.Append("C: ").Append(line).Append('\n');
                byte[] bytes = Encoding.ASCII.GetBytes(line + "\r\n");
                Stream.Write(bytes, 0, bytes.Length);
                Stream.Flush();
            }

            public List<string> Read()
            {
                var lines = new List<string>();
                string? line;
                do
                {
                    line = Reader.ReadLine();
                    if (line == null) throw new EndOfStreamException("the server closed the connection");
                    lines.Add(line);
                    Log.Append("S: ").Append(line).Append('\n');
                } while (line.Length >= 4 && line[3] == '-');
                return lines;
            }

            public void StartTls()
            {
                var ssl = new SslStream(Stream, false, (s, c, ch, e) => true);
                ssl.AuthenticateAsClient("mail.lab.test");
                Stream = ssl;
                Reader = new StreamReader(ssl, Encoding.ASCII);
                Log.Append("   (TLS)\n");
            }
        }

        static bool Ok(List<string> reply, string code) => reply[reply.Count - 1].StartsWith(code, StringComparison.Ordinal);

        static string XclientAddress(string address) =>
            IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? "IPV6:" + address : address;

        public static ProbeResult Probe(ProbeCase c, string source, int greetingTimeoutMs)
        {
            var result = new ProbeResult();
            var s = new Session();
            try
            {
                s.Tcp = new TcpClient(new IPEndPoint(IPAddress.Parse(source), 0));
                s.Tcp.Connect(IPAddress.Loopback, c.Port);
                s.Stream = s.Tcp.GetStream();
                s.Reader = new StreamReader(s.Stream, Encoding.ASCII);
                s.Tcp.ReceiveTimeout = greetingTimeoutMs;
                List<string> r;
                try { r = s.Read(); }
                catch (IOException) { return Done(result, s, "connect", ""); }
                s.Tcp.ReceiveTimeout = 15000;
                if (!Ok(r, "220")) return Done(result, s, "connect", r.Last());

                s.Send("XCLIENT ADDR=" + XclientAddress(c.ClientAddress) + " NAME=" + c.ClientName);
                r = s.Read();
                if (!Ok(r, "220"))
                {
                    // XCLIENT's own refusals (not authorized, bad syntax) are the probe's failure; any other reply is
                    // the greeting of the impersonated client (smtpd_delay_reject = no refuses it at connect).
                    bool own = System.Text.RegularExpressions.Regex.IsMatch(r.Last(), @"^5\d\d 5\.[57]\.\d+ (Error|Bad|Syntax|Unable)");
                    return Done(result, s, own ? "xclient" : "connect", r.Last());
                }

                if (c.Helo.Length > 0)
                {
                    s.Send("EHLO " + c.Helo);
                    r = s.Read();
                    if (!Ok(r, "250")) return Done(result, s, "helo", r.Last());
                    if (r.Any(l => l.Length > 4 && l.Substring(4).Equals("STARTTLS", StringComparison.OrdinalIgnoreCase)))
                    {
                        s.Send("STARTTLS");
                        var t = s.Read();
                        if (!Ok(t, "220")) return Done(result, s, "starttls", t.Last());
                        s.StartTls();
                        result.Tls = true;
                        s.Send("EHLO " + c.Helo);
                        r = s.Read();
                        if (!Ok(r, "250")) return Done(result, s, "helo", r.Last());
                    }
                    if (c.Auth)
                    {
                        if (r.Any(l => l.Length > 4 && l.Substring(4).StartsWith("AUTH", StringComparison.OrdinalIgnoreCase) && l.IndexOf("PLAIN", StringComparison.OrdinalIgnoreCase) > 0))
                        {
                            s.Send("AUTH PLAIN " + Convert.ToBase64String(Encoding.ASCII.GetBytes("\0" + c.User + "\0" + c.Password)));
                            var a = s.Read();
                            if (!Ok(a, "235")) return Done(result, s, "auth", a.Last());
                            result.Authenticated = true;
                        }
                        else result.AuthNotOffered = true;
                    }
                }

                s.Send("MAIL FROM:<" + c.Sender + ">");
                r = s.Read();
                if (!Ok(r, "250")) return Done(result, s, "mail", r.Last());
                s.Send("RCPT TO:<" + c.Recipient + ">");
                r = s.Read();
                string rcpt = r.Last();
                try { s.Send("QUIT"); s.Read(); } catch (Exception) { }
                return Done(result, s, "rcpt", rcpt);
            }
            catch (Exception ex)
            {
                s.Log.Append("!! ").Append(ex.GetType().Name).Append(": ").Append(ex.Message).Append('\n');
                return Done(result, s, "error", ex.Message);
            }
            finally { s.Tcp?.Dispose(); }
        }

        static ProbeResult Done(ProbeResult result, Session s, string stage, string reply)
        {
            result.Stage = stage;
            result.Reply = reply;
            result.Transcript = s.Log.ToString();
            return result;
        }
    }
}
