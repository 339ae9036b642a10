using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;

namespace RelayTools.Core.Dns.Spf;

/// <summary>RFC 7208 check_host(): is <c>ip</c> allowed to send mail for <c>domain</c>?</summary>
public static class SpfEvaluator
{
    /// <summary>
    /// Evaluates the SPF policy of <paramref name="domain"/> for a message from <paramref name="ip"/>.
    /// </summary>
    /// <param name="ip">The SMTP client's address (IPv4-mapped IPv6 addresses are evaluated as IPv4).</param>
    /// <param name="domain">The domain whose policy to check; when empty, the domain of <paramref name="sender"/>, else <paramref name="heloName"/>.</param>
    /// <param name="sender">MAIL FROM (local-part@domain); when empty, postmaster@ the HELO name or the domain (RFC 7208 2.4).</param>
    /// <param name="heloName">The HELO/EHLO name, for %{h}; may be empty.</param>
    /// <param name="dns">The resolver; its answers are used as they are.</param>
    /// <param name="options">Limits and receiver values; the RFC defaults when null.</param>
    /// <param name="cancellationToken">Stops the evaluation (throws OperationCanceledException).</param>
    public static SpfCheckResult CheckHost(IPAddress ip, string? domain, string? sender, string? heloName, IDnsResolver dns,
        SpfEvaluationOptions? options, CancellationToken cancellationToken = default)
    {
        if (ip == null) throw new ArgumentNullException(nameof(ip));
        if (dns == null) throw new ArgumentNullException(nameof(dns));
        options ??= new SpfEvaluationOptions();
        var notes = new List<string>();
        IPAddress address = SpfNetwork.Normalize(ip);
        if (ip.IsIPv4MappedToIPv6) notes.Add(ip + " is an IPv4-mapped IPv6 address; it was evaluated as " + address + " (RFC 7208 5).");

        string helo = (heloName ?? "").Trim();
        string from = (sender ?? "").Trim();
        if (from.Length == 0) from = "postmaster@" + (helo.Length > 0 ? helo : (domain ?? "").Trim());
        // 4.3: a sender without a local-part gets "postmaster"; the local-part may itself hold an "@".
        int at = from.LastIndexOf('@');
        string localPart = at < 0 ? "postmaster" : from.Substring(0, at);
        string senderDomain = at < 0 ? from : from.Substring(at + 1);
        if (localPart.Length == 0) localPart = "postmaster";
        from = localPart + "@" + senderDomain;

        string target = (domain ?? "").Trim();
        if (target.Length == 0) target = senderDomain;

        var result = new SpfCheckResult
        {
            Domain = target,
            SendingAddress = ip.ToString(),
            Sender = from,
            HeloName = helo,
        };
        var evaluation = new SpfEvaluation(address, from, localPart, senderDomain, helo, dns, options, cancellationToken);
        return evaluation.Run(target, result, notes);
    }

    /// <summary>Evaluates with the RFC 7208 default limits.</summary>
    public static SpfCheckResult CheckHost(IPAddress ip, string? domain, string? sender, string? heloName, IDnsResolver dns,
        CancellationToken cancellationToken = default) =>
        CheckHost(ip, domain, sender, heloName, dns, null, cancellationToken);
}
