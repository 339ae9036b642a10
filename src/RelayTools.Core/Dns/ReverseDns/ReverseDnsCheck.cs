using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace RelayTools.Core.Dns.ReverseDns;

/// <summary>
/// Forward-confirmed reverse DNS of a sending address: its PTR names, and for each (up to <see cref="MaxNames"/>)
/// whether its A (IPv4) or AAAA (IPv6) records include the address. Receivers check this before anything else:
/// Sendmail logs "IP name lookup failed" and marks unconfirmed names "may be forged", Postfix's
/// reject_unknown_client_hostname refuses them, and many large receivers refuse or score such mail.
/// </summary>
public sealed class ReverseDnsCheck
{
    /// <summary>How many PTR names are checked forward at most.</summary>
    public const int MaxNames = 10;

    private const string WhyItMatters = "receivers check forward-confirmed reverse DNS before anything else: Sendmail logs \"IP name lookup failed\" "
        + "(and refuses the client under FEATURE(`require_rdns')), Postfix's reject_unknown_client_hostname refuses it, "
        + "and many large receivers refuse or score mail from addresses without it";

    private readonly IDnsResolver _resolver;

    /// <summary>A check over <paramref name="resolver"/>.</summary>
    public ReverseDnsCheck(IDnsResolver resolver)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
    }

    /// <summary>Checks <paramref name="address"/>; <paramref name="hostName"/> (the server's HELO name, optional) goes into the fix when nothing better exists.</summary>
    public ReverseDnsResult Check(IPAddress address, string? hostName = null, CancellationToken cancellationToken = default)
    {
        IPAddress canonical = ReverseDnsName.Canonical(address);
        var result = new ReverseDnsResult
        {
            Address = canonical.ToString(),
            ReverseName = ReverseDnsName.For(canonical),
            HostName = DomainNameText.Normalize(hostName),
        };
        var problems = new List<string>();
        var notes = new List<string>();
        try
        {
            Run(canonical, result, problems, notes, cancellationToken);
        }
        finally
        {
            result.Problems = problems.ToArray();
            result.Notes = notes.ToArray();
        }
        return result;
    }

    private void Run(IPAddress address, ReverseDnsResult result, List<string> problems, List<string> notes, CancellationToken cancellationToken)
    {
        bool ipv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        string recordType = ipv6 ? "AAAA" : "A";

        DnsAnswer<string> ptr = _resolver.Ptr(address, cancellationToken);
        if (ptr.IsTemporaryFailure)
        {
            result.Status = ReverseDnsStatus.TempError;
            problems.Add($"PTR {result.ReverseName}: {Failure(ptr)}");
            notes.Add("while the reverse zone does not answer, receivers defer the mail; Sendmail logs \"IP name lookup failed\" for such clients");
            result.SuggestedFix = $"make the name servers of {result.ReverseName} answer (ask whoever owns the address block {result.Address}), then check again";
            return;
        }
        string[] names = ptr.Records.Select(DomainNameText.Normalize).Where(n => n.Length > 0).Distinct().ToArray();
        result.PtrNames = names;
        if (names.Length == 0)
        {
            result.Status = ReverseDnsStatus.NoPtr;
            problems.Add($"{result.Address} has no PTR record ({result.ReverseName}: {(ptr.Status == DnsLookupStatus.NameError ? "NXDOMAIN" : "no PTR data")})");
            notes.Add(WhyItMatters);
            result.SuggestedFix = NoPtrFix(address, result, recordType, cancellationToken);
            return;
        }
        if (names.Length > MaxNames)
        {
            notes.Add($"{names.Length} PTR names; only the first {MaxNames} are checked (receivers check few, often only one: publish a single PTR)");
        }
        else if (names.Length > 1)
        {
            notes.Add($"{names.Length} PTR names: receivers may check only one; a single PTR is safer");
        }

        var checks = new List<ReverseDnsForwardCheck>();
        foreach (string name in names.Take(MaxNames))
        {
            checks.Add(Forward(name, address, ipv6, cancellationToken));
        }
        result.ForwardChecks = checks.ToArray();
        ReverseDnsForwardCheck? confirmed = checks.FirstOrDefault(c => c.Matches);
        if (confirmed is not null)
        {
            result.Status = ReverseDnsStatus.Confirmed;
            result.ConfirmedName = confirmed.Name;
            if (result.HostName.Length > 0 && result.HostName != confirmed.Name)
            {
                notes.Add($"the HELO name {result.HostName} is not the PTR name {confirmed.Name}; most receivers accept that, some score it");
            }
            AddGenericNameNote(address, confirmed.Name, notes);
            return;
        }

        if (checks.Any(c => c.Error.StartsWith("timeout", StringComparison.Ordinal) || c.Error.StartsWith("server failure", StringComparison.Ordinal)))
        {
            result.Status = ReverseDnsStatus.TempError;
            foreach (ReverseDnsForwardCheck check in checks.Where(c => c.Error.Length > 0))
            {
                problems.Add($"{recordType} {check.Name}: {check.Error}");
            }
            result.SuggestedFix = $"make the name servers of {string.Join(", ", checks.Where(c => c.Error.Length > 0).Select(c => c.Name))} answer, then check again";
            return;
        }

        result.Status = ReverseDnsStatus.NotConfirmed;
        foreach (ReverseDnsForwardCheck check in checks)
        {
            problems.Add(check.Addresses.Length > 0
                ? $"the PTR name {check.Name} resolves to {string.Join(", ", check.Addresses)}, not to {result.Address}"
                : $"the PTR name {check.Name} has no {recordType} record ({check.Error})");
        }
        notes.Add(WhyItMatters);
        string first = names[0];
        result.SuggestedFix = $"publish an {recordType} record {first} → {result.Address} (the PTR {result.ReverseName} already points to {first})";
        if (result.HostName.Length > 0 && result.HostName != first)
        {
            result.SuggestedFix += $", or have the PTR changed to {result.HostName} (ask whoever owns the address block) and publish an {recordType} record {result.HostName} → {result.Address}";
        }
    }

    private string NoPtrFix(IPAddress address, ReverseDnsResult result, string recordType, CancellationToken cancellationToken)
    {
        string name = result.HostName.Length > 0 ? result.HostName : "<the server's host name, as in its HELO>";
        string fix = $"publish PTR {result.ReverseName} → {name} (ask whoever owns the address block {result.Address}: the ISP or hosting provider)";
        if (result.HostName.Length == 0)
        {
            return fix + $" and an {recordType} record for that name → {result.Address}";
        }
        ReverseDnsForwardCheck forward = Forward(result.HostName, address, address.AddressFamily == AddressFamily.InterNetworkV6, cancellationToken);
        return forward.Matches
            ? fix + $"; {result.HostName} already has an {recordType} record for {result.Address}"
            : fix + $" and an {recordType} record {result.HostName} → {result.Address}";
    }

    private ReverseDnsForwardCheck Forward(string name, IPAddress address, bool ipv6, CancellationToken cancellationToken)
    {
        DnsAnswer<IPAddress> answer = _resolver.Address(name, ipv6, cancellationToken);
        var check = new ReverseDnsForwardCheck { Name = name };
        if (answer.IsTemporaryFailure)
        {
            check.Error = Failure(answer);
            return check;
        }
        IPAddress[] addresses = answer.Records.Select(ReverseDnsName.Canonical).ToArray();
        check.Addresses = addresses.Select(a => a.ToString()).ToArray();
        check.Matches = addresses.Any(a => a.Equals(address));
        if (addresses.Length == 0)
        {
            check.Error = answer.Status == DnsLookupStatus.NameError ? "NXDOMAIN" : "no data";
        }
        return check;
    }

    /// <summary>A PTR name that spells the address (203-0-113-25.dsl.isp.example) looks dynamic or unconfigured to receivers' filters.</summary>
    private static void AddGenericNameNote(IPAddress address, string name, List<string> notes)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return;
        }
        byte[] b = address.GetAddressBytes();
        string[] forms = new[] { '-', '.', '_' }
            .SelectMany(s => new[] { string.Join(s.ToString(), b), string.Join(s.ToString(), b.Reverse()) })
            .ToArray();
        string label = name.Split('.')[0];
        if (forms.Any(f => name.Contains(f)) || label.Contains(string.Join("", b.Select(x => x.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)))))
        {
            notes.Add($"the PTR name {name} contains the address, which spam filters take for a dynamic or default name; a name such as mail.<your domain> is safer");
        }
    }

    private static string Failure<T>(DnsAnswer<T> answer)
    {
        string how = answer.Status == DnsLookupStatus.Timeout ? "timeout" : "server failure";
        string server = answer.Server.Length > 0 ? answer.Server : "the DNS server";
        return $"{how} asking {server}" + (answer.Error.Length > 0 ? " (" + answer.Error + ")" : "");
    }
}
