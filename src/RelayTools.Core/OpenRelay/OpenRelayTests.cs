using System.Collections.Generic;

namespace RelayTools.Core.OpenRelay;

/// <summary>
/// The 16 address forms of nmap's smtp-open-relay script: plain external recipient with several
/// senders, then %-hack, quoted local parts, double @, source routes and bang paths.
/// </summary>
public static class OpenRelayTests
{
    /// <summary>
    /// Builds the tests (pure).
    /// </summary>
    /// <param name="sender">F: the probe's local part for MAIL FROM.</param>
    /// <param name="target">T: the target local part at the external domain.</param>
    /// <param name="externalDomain">D: a domain the server must not relay to.</param>
    /// <param name="serverName">S: the server's own name, from its greeting.</param>
    /// <param name="serverAddress">IP: the server's address (used as an address literal, [IP]).</param>
    public static IReadOnlyList<OpenRelayTest> Build(string sender, string target, string externalDomain, string serverName, string serverAddress)
    {
        string f = sender, t = target, d = externalDomain, s = serverName;
        string ip = "[" + serverAddress.Trim('[', ']') + "]";
        string fromIp = f + "@" + ip;
        var tests = new List<OpenRelayTest>
        {
            New(1, "null sender, external recipient", "", $"{t}@{d}"),
            New(2, "external sender, external recipient", $"{f}@{d}", $"{t}@{d}"),
            New(3, "sender at the server's name, external recipient", $"{f}@{s}", $"{t}@{d}"),
            New(4, "sender at the server's address literal, external recipient", fromIp, $"{t}@{d}"),
            New(5, "percent hack at the address literal", fromIp, $"{t}%{d}@{ip}"),
            New(6, "percent hack at the server's name", fromIp, $"{t}%{d}@{s}"),
            New(7, "quoted local part with @", fromIp, $"\"{t}@{d}\""),
            New(8, "quoted local part with %", fromIp, $"\"{t}%{d}\""),
            New(9, "double @ at the address literal", fromIp, $"{t}@{d}@{ip}"),
            New(10, "quoted address at the address literal", fromIp, $"\"{t}@{d}\"@{ip}"),
            New(11, "double @ at the server's name", fromIp, $"{t}@{d}@{s}"),
            New(12, "source route through the address literal", fromIp, $"@{ip}:{t}@{d}"),
            New(13, "source route through the server's name", fromIp, $"@{s}:{t}@{d}"),
            New(14, "bang path", fromIp, $"{d}!{t}"),
            New(15, "bang path at the address literal", fromIp, $"{d}!{t}@{ip}"),
            New(16, "bang path at the server's name", fromIp, $"{d}!{t}@{s}"),
        };
        return tests;
    }

    private static OpenRelayTest New(int number, string name, string from, string to) =>
        new() { Number = number, Name = name, MailFrom = from, RcptTo = to };
}
