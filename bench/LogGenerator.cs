// Writes a realistic Postfix mail.log for bench/Get-RelayRejection.ps1 (compiled there with Add-Type;
// kept to C# 5 so Windows PowerShell 5.1 can compile it). Deterministic: the same size gives the same file.
using System;
using System.IO;
using System.Text;

public static class RelayBenchLogGenerator
{
    static readonly string[] Partners = { "mail.partner.example", "mx1.supplier.example", "out.newsletter.example", "smtp.bank.example", "relay.isp.example" };
    static readonly string[] Users = { "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi" };
    static readonly string[] External = { "gmail.com", "outlook.com", "yahoo.com", "partner.example", "customer.example" };
    static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

    /// Writes about sizeBytes of log; returns the number of "Relay access denied" lines written.
    public static long Write(string path, long sizeBytes)
    {
        var random = new Random(42);
        long relay = 0;
        long lines = 0;
        DateTime time = new DateTime(2026, 1, 1, 0, 0, 0);
        var sb = new StringBuilder(512);
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            long queue = 0x4B0000000L;
            while (stream.Position < sizeBytes)
            {
                time = time.AddMilliseconds(random.Next(5, 900));
                string stamp = Months[time.Month - 1] + " " + time.Day.ToString().PadLeft(2) + " " + time.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                string prefix = stamp + " mx1 ";
                int pid = 1000 + random.Next(30000);
                int roll = random.Next(1000);
                string ip = "198.51." + random.Next(256) + "." + random.Next(1, 255);
                if (roll < 75)
                {
                    // A client that tries to relay without AUTH: about 1% of all lines.
                    string client = "203.0.113." + random.Next(1, 40);
                    string rcpt = Users[random.Next(Users.Length)] + random.Next(100) + "@" + External[random.Next(External.Length)];
                    bool defer = random.Next(4) == 0;
                    writer.WriteLine(prefix + "postfix/smtpd[" + pid + "]: connect from unknown[" + client + "]"); lines++;
                    writer.WriteLine(prefix + "postfix/smtpd[" + pid + "]: NOQUEUE: reject: RCPT from unknown[" + client + "]: " + (defer ? "454 4.7.1" : "554 5.7.1") + " <" + rcpt +
                        ">: Relay access denied; from=<scanner@corp.example> to=<" + rcpt + "> proto=ESMTP helo=<scanner" + random.Next(10) + ">"); lines++; relay++;
                    writer.WriteLine(prefix + "postfix/smtpd[" + pid + "]: disconnect from unknown[" + client + "] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4"); lines++;
                }
                else if (roll < 83)
                {
                    writer.WriteLine(prefix + "postfix/postscreen[811]: CONNECT from [" + ip + "]:" + random.Next(1024, 65535) + " to [192.0.2.10]:25"); lines++;
                    writer.WriteLine(prefix + "postfix/postscreen[811]: NOQUEUE: reject: RCPT from [" + ip + "]:" + random.Next(1024, 65535) + ": 550 5.7.1 Service unavailable; client [" + ip +
                        "] blocked using zen.spamhaus.org; from=<spam@bulk.example>, to=<" + Users[random.Next(Users.Length)] + "@corp.example>, proto=ESMTP, helo=<bulk.example>"); lines++;
                }
                else if (roll < 89)
                {
                    writer.WriteLine(prefix + "postfix/submission/smtpd[" + pid + "]: warning: unknown[" + ip + "]: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=" + Users[random.Next(Users.Length)] + "@corp.example"); lines++;
                    writer.WriteLine(prefix + "postfix/submission/smtpd[" + pid + "]: lost connection after AUTH from unknown[" + ip + "]"); lines++;
                }
                else if (roll < 95)
                {
                    writer.WriteLine(prefix + "postfix/smtpd[" + pid + "]: NOQUEUE: reject: RCPT from " + Partners[random.Next(Partners.Length)] + "[" + ip + "]: 550 5.1.1 <nobody" + random.Next(999) +
                        "@corp.example>: Recipient address rejected: User unknown in virtual mailbox table; from=<x@partner.example> to=<nobody@corp.example> proto=ESMTP helo=<mail.partner.example>"); lines++;
                }
                else
                {
                    string qid = (queue++).ToString("X") + "z" + random.Next(10);
                    string partner = Partners[random.Next(Partners.Length)];
                    string user = Users[random.Next(Users.Length)];
                    bool outbound = random.Next(3) == 0;
                    writer.WriteLine(prefix + "postfix/smtpd[" + pid + "]: connect from " + partner + "[" + ip + "]"); lines++;
                    writer.WriteLine(prefix + "postfix/smtpd[" + pid + "]: Anonymous TLS connection established from " + partner + "[" + ip + "]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256"); lines++;
                    writer.WriteLine(prefix + "postfix/smtpd[" + pid + "]: " + qid + ": client=" + partner + "[" + ip + "]"); lines++;
                    writer.WriteLine(prefix + "postfix/cleanup[" + (pid + 1) + "]: " + qid + ": message-id=<" + qid.ToLowerInvariant() + "." + random.Next() + "@" + partner + ">"); lines++;
                    writer.WriteLine(prefix + "postfix/qmgr[812]: " + qid + ": from=<news@" + partner + ">, size=" + random.Next(1000, 90000) + ", nrcpt=1 (queue active)"); lines++;
                    writer.WriteLine(prefix + "postfix/smtpd[" + pid + "]: disconnect from " + partner + "[" + ip + "] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7"); lines++;
                    if (outbound)
                    {
                        writer.WriteLine(prefix + "postfix/smtp[" + (pid + 2) + "]: " + qid + ": to=<" + user + "@" + External[random.Next(External.Length)] + ">, relay=mx.external.example[192.0.2." + random.Next(1, 255) +
                            "]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 OK  1732443303 d75a77b69052e-4661d2d8a1esi12345qtb.123 - gsmtp)"); lines++;
                    }
                    else
                    {
                        writer.WriteLine(prefix + "postfix/lmtp[" + (pid + 2) + "]: " + qid + ": to=<" + user + "@corp.example>, relay=mail.corp.example[private/dovecot-lmtp], delay=0.12, delays=0.05/0.01/0.02/0.04, dsn=2.0.0, status=sent (250 2.0.0 <" +
                            user + "@corp.example> kJ8nBxXqQ2fGAQAAe1c4tw Saved)"); lines++;
                    }
                    writer.WriteLine(prefix + "postfix/qmgr[812]: " + qid + ": removed"); lines++;
                }
            }
        }
        return relay;
    }
}
