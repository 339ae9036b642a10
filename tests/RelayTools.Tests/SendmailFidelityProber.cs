// The socket prober of SendmailFidelity.Tests.ps1 (test-only; compiled with Add-Type): runs many SMTP
// sessions against the Sendmail lab daemons in parallel, each from its own 127.0.0.x source address (the
// address Sendmail sees: no XCLIENT), and records the reply that ended it and the command it answered.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace RelayTools.Tests.SendmailFidelity
{
    public sealed class ProbeCase
    {
        public int Port { get; set; }
        public string Source { get; set; } = "";
        public string Helo { get; set; } = "client.fidelity.test";
        /// <summary>The MAIL FROM address, '' for the null sender.</summary>
        public string Sender { get; set; } = "";
        public string Recipient { get; set; } = "";
    }

    public sealed class ProbeResult
    {
        /// <summary>Connect (the greeting), Ehlo, MailFrom or RcptTo: the command whose reply ended the session; Error when the probe itself failed.</summary>
        public string Stage { get; set; } = "";
        /// <summary>The last line of that reply ('' when none came).</summary>
        public string Reply { get; set; } = "";
        public string Transcript { get; set; } = "";
    }

    public static class Prober
    {
        public static ProbeResult[] ProbeAll(ProbeCase[] cases, int parallelism)
        {
            var results = new ProbeResult[cases.Length];
            Parallel.For(0, cases.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i => results[i] = Probe(cases[i]));
            return results;
        }

        public static ProbeResult Probe(ProbeCase c)
        {
            var log = new StringBuilder();
            string stage = "Connect";
            try
            {
                using var tcp = new TcpClient(new IPEndPoint(IPAddress.Parse(c.Source), 0));
                tcp.ReceiveTimeout = 15000;
                tcp.SendTimeout = 15000;
                tcp.Connect(IPAddress.Loopback, c.Port);
                var stream = tcp.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);

                string Read()
                {
                    string? line;
                    do
                    {
                        line = reader.ReadLine();
                        if (line == null) throw new EndOfStreamException("the server closed the connection");
                        log.Append("S: ").Append(line).Append('\n');
                    } while (line.Length >= 4 && line[3] == '-');
                    return line;
                }

                void Send(string line)
                {
                    log.Append("C: ").Append(line).Append('\n');
                    byte[] bytes = Encoding.ASCII.GetBytes(line + "\r\n");
                    stream.Write(bytes, 0, bytes.Length);
                }

                string Quit(string last)
                {
                    try { Send("QUIT"); Read(); } catch (Exception) { }
                    return last;
                }

                string reply = Read();
                if (!reply.StartsWith("220", StringComparison.Ordinal)) return Done(stage, Quit(reply), log);
                stage = "Ehlo";
                Send("EHLO " + c.Helo);
                reply = Read();
                if (!reply.StartsWith("250", StringComparison.Ordinal)) return Done(stage, Quit(reply), log);
                stage = "MailFrom";
                Send("MAIL FROM:<" + c.Sender + ">");
                reply = Read();
                if (!reply.StartsWith("250", StringComparison.Ordinal)) return Done(stage, Quit(reply), log);
                stage = "RcptTo";
                Send("RCPT TO:<" + c.Recipient + ">");
                reply = Read();
                return Done(stage, Quit(reply), log);
            }
            catch (Exception ex)
            {
                log.Append("!! ").Append(ex.GetType().Name).Append(" at ").Append(stage).Append(": ").Append(ex.Message).Append('\n');
                return Done("Error", ex.Message, log);
            }
        }

        static ProbeResult Done(string stage, string reply, StringBuilder log) =>
            new ProbeResult { Stage = stage, Reply = reply, Transcript = log.ToString() };
    }
}
