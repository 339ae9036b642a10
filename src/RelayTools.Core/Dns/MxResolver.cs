using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;

namespace RelayTools.Core.Dns;

/// <summary>
/// Finds the hosts that receive a domain's mail, as an SMTP client would (RFC 5321 5.1): the MX records by
/// preference (ties in the order the server gave them), each host's A and AAAA addresses, the implicit MX
/// (the domain's own A/AAAA, preference 0) when there is no MX record, and RFC 7505's null MX ("MX 0 .":
/// the domain accepts no mail). DNS outcomes are results, never exceptions: NXDOMAIN, no data, SERVFAIL and
/// timeouts end up in <see cref="MxResolution.Status"/> and its notes; only cancellation throws.
/// </summary>
public sealed class MxResolver
{
    /// <summary>At most this many MX hosts are looked up (a hostile domain could list hundreds); the rest are noted and skipped.</summary>
    public const int MaximumHosts = 16;

    private readonly IDnsResolver _resolver;

    /// <summary>A resolver of MX hosts over <paramref name="resolver"/>.</summary>
    public MxResolver(IDnsResolver resolver)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
    }

    /// <summary>The mail hosts of <paramref name="domain"/> with their addresses, in the order to try them.</summary>
    /// <exception cref="ArgumentException"><paramref name="domain"/> is empty.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public MxResolution Resolve(string domain, CancellationToken cancellationToken)
    {
        string name = Normalize(domain ?? throw new ArgumentNullException(nameof(domain)));
        if (name.Length == 0)
        {
            throw new ArgumentException("A domain to find the mail hosts of is needed.", nameof(domain));
        }
        var notes = new List<string>();
        var result = new MxResolution { Domain = name, Notes = notes };

        DnsAnswer<DnsMxRecord> mx = _resolver.Mx(name, cancellationToken);
        result.Server = mx.Server;
        switch (mx.Status)
        {
            case DnsLookupStatus.NameError:
                result.Status = MxResolutionStatus.NameError;
                notes.Add(name + " does not exist (NXDOMAIN" + From(mx.Server) + ")" + (mx.Error.Length > 0 ? ": " + mx.Error : "") + ".");
                return result;
            case DnsLookupStatus.ServerFailure:
            case DnsLookupStatus.Timeout:
                result.Status = MxResolutionStatus.TemporaryFailure;
                result.HasTemporaryFailure = true;
                notes.Add("The MX lookup of " + name + " failed temporarily (" + Describe(mx) + ").");
                return result;
        }

        // Stable sort: OrderBy keeps the server's order among equal preferences.
        List<DnsMxRecord> records = mx.Records
            .OrderBy(r => r.Preference)
            .Select(r => new DnsMxRecord { Preference = r.Preference, Exchange = IsRoot(r.Exchange) ? "." : Normalize(r.Exchange) })
            .ToList();
        result.Records = records;
        if (records.Count == 0)
        {
            return ResolveImplicit(result, notes, cancellationToken);
        }

        List<DnsMxRecord> hosts = records.Where(r => !IsRoot(r.Exchange)).ToList();
        if (hosts.Count == 0)
        {
            result.Status = MxResolutionStatus.NullMx;
            notes.Add(name + " publishes a null MX (RFC 7505): the domain accepts no mail.");
            return result;
        }
        if (hosts.Count < records.Count)
        {
            notes.Add(name + " has a null MX (\".\") beside other MX records; RFC 7505 3 allows it only alone, so it is ignored and the other hosts are tried.");
        }

        var targets = new List<MxTarget>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int looked = 0;
        foreach (DnsMxRecord record in hosts)
        {
            string host = Normalize(record.Exchange);
            if (!seen.Add(host))
            {
                continue;
            }
            if (looked == MaximumHosts)
            {
                notes.Add(name + " lists more than " + MaximumHosts + " MX hosts; only the first " + MaximumHosts + " are resolved.");
                break;
            }
            looked++;
            if (IPAddress.TryParse(host, out _))
            {
                notes.Add("The MX host " + host + " is an address, not a host name (RFC 5321 5.1 wants a name); it is looked up as a name.");
            }
            AddHost(result, targets, notes, host, record.Preference, isImplicit: false, cancellationToken);
        }
        result.Targets = targets;
        result.Status = Conclude(result, targets);
        if (result.Status == MxResolutionStatus.NoAddress)
        {
            notes.Add("None of the MX hosts of " + name + " has an A or AAAA address.");
        }
        return result;
    }

    private MxResolution ResolveImplicit(MxResolution result, List<string> notes, CancellationToken cancellationToken)
    {
        result.IsImplicit = true;
        notes.Add(result.Domain + " has no MX records: its own A/AAAA serve as the implicit MX (RFC 5321 5.1).");
        var targets = new List<MxTarget>();
        AddHost(result, targets, notes, result.Domain, 0, isImplicit: true, cancellationToken);
        result.Targets = targets;
        result.Status = Conclude(result, targets);
        if (result.Status == MxResolutionStatus.NoAddress)
        {
            notes.Add(result.Domain + " has neither MX records nor an A or AAAA address: it has no mail host.");
        }
        return result;
    }

    private void AddHost(MxResolution result, List<MxTarget> targets, List<string> notes, string host, int preference, bool isImplicit, CancellationToken cancellationToken)
    {
        var why = new List<string>();
        int before = targets.Count;
        foreach (bool ipv6 in new[] { false, true })
        {
            DnsAnswer<IPAddress> answer = _resolver.Address(host, ipv6, cancellationToken);
            string type = ipv6 ? "AAAA" : "A";
            if (answer.Status == DnsLookupStatus.NoError)
            {
                foreach (IPAddress address in answer.Records)
                {
                    targets.Add(new MxTarget { Domain = result.Domain, MxHost = host, Preference = preference, Address = address, IsImplicit = isImplicit });
                }
                if (answer.Records.Count == 0)
                {
                    why.Add("no " + type);
                }
                continue;
            }
            if (answer.IsTemporaryFailure)
            {
                result.HasTemporaryFailure = true;
                why.Add(type + " lookup failed (" + Describe(answer) + ")");
                notes.Add("The " + type + " lookup of " + host + " failed temporarily (" + Describe(answer) + ").");
            }
            else
            {
                why.Add(type + ": NXDOMAIN");
            }
        }
        if (targets.Count == before)
        {
            string reason = string.Join("; ", why);
            targets.Add(new MxTarget { Domain = result.Domain, MxHost = host, Preference = preference, IsImplicit = isImplicit, Note = host + " has no address (" + reason + ")" });
            if (!isImplicit)
            {
                notes.Add("The MX host " + host + " (preference " + preference + ") has no address (" + reason + ").");
            }
        }
    }

    private static MxResolutionStatus Conclude(MxResolution result, List<MxTarget> targets)
    {
        if (targets.Any(t => t.Address is not null))
        {
            return MxResolutionStatus.Resolved;
        }
        return result.HasTemporaryFailure ? MxResolutionStatus.TemporaryFailure : MxResolutionStatus.NoAddress;
    }

    private static string Describe<T>(DnsAnswer<T> answer)
    {
        string status = answer.Status == DnsLookupStatus.Timeout ? "timeout" : "server failure";
        string error = answer.Error.Length > 0 ? ": " + answer.Error : "";
        // A timeout's error already names the server it asked.
        string server = answer.Server.Length > 0 && answer.Error.IndexOf(answer.Server, StringComparison.Ordinal) < 0 ? " from " + answer.Server : "";
        return status + server + error;
    }

    private static string From(string server) => server.Length > 0 ? " from " + server : "";

    private static bool IsRoot(string exchange) => exchange.Trim().Length == 0 || exchange.Trim() == ".";

    private static string Normalize(string name)
    {
        string trimmed = name.Trim();
        return trimmed.Length > 1 && trimmed.EndsWith(".", StringComparison.Ordinal) ? trimmed.Substring(0, trimmed.Length - 1) : trimmed;
    }
}
