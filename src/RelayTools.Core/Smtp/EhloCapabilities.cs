using System;
using System.Collections.Generic;

namespace RelayTools.Core.Smtp;

/// <summary>The parts of an EHLO reply a relay probe cares about.</summary>
public sealed class EhloCapabilities
{
    /// <summary>The name the server gives on the first line.</summary>
    public string ServerName { get; set; } = "";

    /// <summary>STARTTLS is offered.</summary>
    public bool StartTls { get; set; }

    /// <summary>The SASL mechanisms of the AUTH keyword (also the old <c>AUTH=</c> form), upper case.</summary>
    public string[] AuthMechanisms { get; set; } = [];

    /// <summary>XCLIENT is offered (Postfix offers it only to the hosts in smtpd_authorized_xclient_hosts).</summary>
    public bool Xclient { get; set; }

    /// <summary>The attribute names listed after XCLIENT (NAME, ADDR, PROTO, HELO...), upper case.</summary>
    public string[] XclientAttributes { get; set; } = [];

    /// <summary>Every extension keyword of the reply in order, upper case (PIPELINING, SIZE, STARTTLS, AUTH...).</summary>
    public string[] Keywords { get; set; } = [];

    /// <summary>Reads an EHLO reply (pure).</summary>
    public static EhloCapabilities Parse(SmtpReply? reply)
    {
        var result = new EhloCapabilities();
        if (reply is null)
        {
            return result;
        }

        string[] lines = reply.Text.Split('\n');
        result.ServerName = FirstWord(lines[0]);
        var mechanisms = new List<string>();
        var keywords = new List<string>();
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            string keyword = FirstWord(line).ToUpperInvariant();
            if (keyword.Length > 0)
            {
                keywords.Add(keyword);
            }

            if (keyword == "STARTTLS")
            {
                result.StartTls = true;
            }
            else if (keyword == XclientCommand.Verb)
            {
                result.Xclient = true;
                result.XclientAttributes = line.Substring(keyword.Length).ToUpperInvariant().Split([' '], StringSplitOptions.RemoveEmptyEntries);
            }
            else if (keyword == "AUTH" || keyword.StartsWith("AUTH=", StringComparison.Ordinal))
            {
                string list = keyword == "AUTH" ? line.Substring(4) : line.Substring(5);
                foreach (string mechanism in list.Split([' '], StringSplitOptions.RemoveEmptyEntries))
                {
                    string name = mechanism.ToUpperInvariant();
                    if (!mechanisms.Contains(name))
                    {
                        mechanisms.Add(name);
                    }
                }
            }
        }

        result.AuthMechanisms = [.. mechanisms];
        result.Keywords = [.. keywords];
        return result;
    }

    /// <summary>The server name announced in a 220 greeting (its first word).</summary>
    public static string GreetingName(SmtpReply? greeting) => greeting is null ? "" : FirstWord(greeting.Text);

    private static string FirstWord(string text)
    {
        string trimmed = text.Trim();
        int space = trimmed.IndexOf(' ');
        return space < 0 ? trimmed : trimmed.Substring(0, space);
    }
}
