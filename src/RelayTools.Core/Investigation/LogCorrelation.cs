using System;
using System.Collections.Generic;
using RelayTools.Core.Logs;

namespace RelayTools.Core.Investigation;

/// <summary>
/// Finds in a log excerpt what the server wrote about this client: the rejection of this recipient, and
/// server-side faults that explain a dropped session (Postfix cannot reach its SASL backend). Pure.
/// </summary>
public static class LogCorrelation
{
    // Postfix's own words when its SASL backend is gone (smtpd then drops every EHLO on that service).
    private static readonly (string Words, string CauseId)[] ServerFaults =
    [
        ("SASL: Connect to ", "sasl-backend-down"),
        ("fatal: no SASL authentication mechanisms", "sasl-backend-down"),
        ("warning: xsasl_", "sasl-backend-down"),
    ];

    /// <summary>
    /// The last rejection in <paramref name="excerpt"/> for this client address and recipient, or null;
    /// one logged by <paramref name="service"/> (a syslog name such as postfix/submission/smtpd) when there is one,
    /// else, given <paramref name="tls"/>, one whose TLS state agrees (Exim writes <c>X=cipher</c> for a TLS session).
    /// </summary>
    public static RelayRejection? FindRejection(LogExcerpt excerpt, string? clientAddress, string recipient, LogParseContext context, string? service = null, bool? tls = null)
    {
        RelayRejection? found = null;
        RelayRejection? fromService = null;
        RelayRejection? sameTls = null;
        foreach ((string text, long number) in excerpt.Lines)
        {
            RelayRejection? record = RelayLineParser.TryParse(text, context);
            if (record is null || !string.Equals(record.Recipient, recipient, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (clientAddress is not null && !SameAddress(record.ClientAddress, clientAddress))
            {
                continue;
            }

            record.Path = excerpt.Source;
            record.LineNumber = number;
            found = record;
            if (tls is bool overTls && text.Contains(" X=") == overTls)
            {
                sameTls = record;
            }

            if (service is not null && string.Equals(record.Service, service, StringComparison.Ordinal))
            {
                fromService = record;
            }
        }

        return fromService ?? sameTls ?? found;
    }

    /// <summary>Lines that show a server-side fault, with the cause each points to.</summary>
    public static List<(string Text, long Number, string CauseId)> FindServerFaults(LogExcerpt excerpt)
    {
        var faults = new List<(string, long, string)>();
        foreach ((string text, long number) in excerpt.Lines)
        {
            foreach ((string words, string cause) in ServerFaults)
            {
                if (text.IndexOf(words, StringComparison.Ordinal) >= 0)
                {
                    faults.Add((text, number, cause));
                    break;
                }
            }
        }

        return faults;
    }

    private static bool SameAddress(string? a, string b) =>
        a is not null && (string.Equals(a, b, StringComparison.OrdinalIgnoreCase) ||
        (System.Net.IPAddress.TryParse(a, out var x) && System.Net.IPAddress.TryParse(b, out var y) && x.Equals(y)));
}
