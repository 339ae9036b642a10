using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;

namespace RelayTools.Core.Dns;

/// <summary>
/// <see cref="IDnsResolver"/> over DnsClient's <see cref="LookupClient"/>: the lookups of the module go to the
/// given servers (-DnsServer), or to the system's resolvers (resolv.conf, the network adapters on Windows).
/// </summary>
/// <remarks>
/// <para>Timing: each server gets <see cref="Retries"/> + 1 tries of <see cref="Timeout"/> each (a truncated UDP
/// answer is asked again over TCP within the same try budget), so one lookup never takes longer than
/// <see cref="MaximumWait"/> = Timeout × (Retries + 1) × the number of servers; a deadline of that length is
/// also enforced around DnsClient itself. With the defaults and one server: 2 s × 2 = 4 s at most.</para>
/// <para>No cache (every lookup is asked afresh, so tests see the zone as it is now), the servers are asked
/// in their order (not at random), and an empty NOERROR answer is an answer (no-data, not a reason to ask
/// the next server). A server's error (SERVFAIL, REFUSED...) moves on to the next server, and the last one's
/// answer is reported. No fallback to public resolvers: a system with none configured gets
/// <see cref="DnsLookupStatus.ServerFailure"/> for every lookup.</para>
/// <para>Statuses: NXDOMAIN is <see cref="DnsLookupStatus.NameError"/>; any other response code is
/// <see cref="DnsLookupStatus.ServerFailure"/> with its mnemonic (SERVFAIL, REFUSED, FORMERR...) in
/// <see cref="DnsAnswer{T}.Error"/>, as is an answer that cannot be read; no answer in time (and a socket
/// error on the way) is <see cref="DnsLookupStatus.Timeout"/> naming the servers asked. A name that cannot
/// be a DNS name (an empty label, a label over 63 octets, over 255 in all) is NameError with the reason in
/// Error: no server was asked, and nothing can exist there. Only cancellation throws
/// (<see cref="OperationCanceledException"/>), and at once: the wait is on the token, not on the socket.</para>
/// </remarks>
public sealed class DnsClientResolver : IDnsResolver
{
    /// <summary>The time one try waits for an answer, unless given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How often a server is asked again after a try without an answer, unless given.</summary>
    public const int DefaultRetries = 1;

    private readonly LookupClient? _client;
    private readonly string _noServer = "";

    /// <summary>A resolver asking the system's DNS servers, with <see cref="DefaultTimeout"/> and <see cref="DefaultRetries"/>.</summary>
    public DnsClientResolver()
        : this((IReadOnlyList<DnsServerEndpoint>?)null, DefaultTimeout, DefaultRetries)
    {
    }

    /// <summary>A resolver asking <paramref name="server"/> (null: the system's servers).</summary>
    /// <param name="server">The server to ask; null for the system's.</param>
    /// <param name="timeout">How long one try waits (null: <see cref="DefaultTimeout"/>).</param>
    /// <param name="retries">How often a server is asked again after a try without an answer (0 to 5).</param>
    public DnsClientResolver(DnsServerEndpoint? server, TimeSpan? timeout = null, int retries = DefaultRetries)
        : this(server is null ? null : new[] { server }, timeout ?? DefaultTimeout, retries)
    {
    }

    /// <summary>A resolver asking <paramref name="servers"/> in order (null or empty: the system's servers).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive (or over 5 minutes), or the retries are not 0 to 5.</exception>
    public DnsClientResolver(IReadOnlyList<DnsServerEndpoint>? servers, TimeSpan timeout, int retries)
    {
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A DNS timeout is more than zero and at most 5 minutes.");
        }
        if (retries is < 0 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(retries), retries, "DNS retries are 0 to 5.");
        }
        Timeout = timeout;
        Retries = retries;
        IsSystemDefault = servers is null || servers.Count == 0;
        Servers = IsSystemDefault ? SystemServers(out _noServer) : servers!.ToArray();
        if (Servers.Count > 0)
        {
            var options = new LookupClientOptions(Servers.Select(s => new NameServer(s.ToIPEndPoint())).ToArray())
            {
                UseCache = false,
                Timeout = timeout,
                Retries = retries,
                UseRandomNameServer = false,
                ContinueOnEmptyResponse = false,
                ContinueOnDnsError = true,
                ThrowDnsErrors = false,
                UseTcpFallback = true,
            };
            _client = new LookupClient(options);
        }
    }

    /// <summary>The servers asked, in order: the given ones, or those the system had when this resolver was made.</summary>
    public IReadOnlyList<DnsServerEndpoint> Servers { get; }

    /// <summary>True when no server was given and the system's are asked.</summary>
    public bool IsSystemDefault { get; }

    /// <summary>How long one try waits for an answer.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How often a server is asked again after a try without an answer.</summary>
    public int Retries { get; }

    /// <summary>The longest one lookup takes: <see cref="Timeout"/> × (<see cref="Retries"/> + 1) × the number of servers.</summary>
    public TimeSpan MaximumWait => TimeSpan.FromTicks(Timeout.Ticks * (Retries + 1) * Math.Max(1, Servers.Count));

    /// <summary>The servers as <see cref="DnsAnswer{T}.Server"/> names them when none answered: "127.0.0.1:5390", or a comma-separated list.</summary>
    public string ServerDescription => Servers.Count == 0 ? "(no DNS server configured)" : string.Join(", ", Servers.Select(s => s.ToString()));

    /// <inheritdoc />
    public DnsAnswer<string> Txt(string name, CancellationToken cancellationToken) =>
        Query(name, QueryType.TXT, c => c.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken),
            r => r.Answers.TxtRecords().Select(t => string.Concat(t.Text)).ToList(), cancellationToken);

    /// <inheritdoc />
    public DnsAnswer<IPAddress> Address(string name, bool ipv6, CancellationToken cancellationToken)
    {
        QueryType type = ipv6 ? QueryType.AAAA : QueryType.A;
        return Query(name, type, c => c.QueryAsync(name, type, QueryClass.IN, cancellationToken),
            r => ipv6 ? r.Answers.AaaaRecords().Select(a => a.Address).ToList() : r.Answers.ARecords().Select(a => a.Address).ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public DnsAnswer<DnsMxRecord> Mx(string name, CancellationToken cancellationToken) =>
        Query(name, QueryType.MX, c => c.QueryAsync(name, QueryType.MX, QueryClass.IN, cancellationToken),
            r => r.Answers.MxRecords().Select(m => new DnsMxRecord { Preference = m.Preference, Exchange = HostName(m.Exchange.Value) }).ToList(),
            cancellationToken);

    /// <inheritdoc />
    public DnsAnswer<string> Ptr(IPAddress address, CancellationToken cancellationToken)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }
        string name = address.GetArpaName();
        return Query(name, QueryType.PTR, c => c.QueryAsync(name, QueryType.PTR, QueryClass.IN, cancellationToken),
            r => r.Answers.PtrRecords().Select(p => HostName(p.PtrDomainName.Value)).ToList(), cancellationToken);
    }

    private DnsAnswer<T> Query<T>(string name, QueryType type, Func<LookupClient, Task<IDnsQueryResponse>> ask, Func<IDnsQueryResponse, List<T>> select, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (_client is null)
        {
            return new DnsAnswer<T> { Status = DnsLookupStatus.ServerFailure, Server = ServerDescription, Error = _noServer };
        }
        string? invalid = InvalidName(name);
        if (invalid is not null)
        {
            return new DnsAnswer<T> { Status = DnsLookupStatus.NameError, Server = "", Error = invalid };
        }

        IDnsQueryResponse response;
        try
        {
            Task<IDnsQueryResponse> task = ask(_client);
            // DnsClient bounds each try itself; this deadline (plus a little for TCP set-up and scheduling) is
            // the guarantee that no lookup outlives MaximumWait, and the token ends the wait at once.
            TimeSpan deadline = MaximumWait + TimeSpan.FromMilliseconds(500);
            if (!Wait(task, deadline, cancellationToken))
            {
                ObserveLater(task);
                return TimedOut<T>(type, name, "no answer within " + Seconds(MaximumWait));
            }
            response = task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is DnsResponseException)
        {
            // DnsClient reports a cancelled query as a timeout: it was ours to cancel.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout || e.Code == DnsResponseCode.Unassigned)
        {
            return TimedOut<T>(type, name, e.Code == DnsResponseCode.ConnectionTimeout
                ? "no answer within " + Seconds(MaximumWait)
                : "no answer: " + Innermost(e).Message);
        }
        catch (DnsResponseException e)
        {
            return new DnsAnswer<T> { Status = DnsLookupStatus.ServerFailure, Server = ServerDescription, Error = RcodeName((int)e.Code) };
        }
        catch (DnsResponseParseException e)
        {
            return new DnsAnswer<T> { Status = DnsLookupStatus.ServerFailure, Server = ServerDescription, Error = "an answer that could not be read: " + e.Message };
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or OperationCanceledException)
        {
            return TimedOut<T>(type, name, "no answer: " + e.Message);
        }

        string server = response.NameServer is null ? ServerDescription : FormatServer(response.NameServer);
        int rcode = (int)response.Header.ResponseCode;
        if (rcode == (int)DnsHeaderResponseCode.NotExistentDomain)
        {
            return new DnsAnswer<T> { Status = DnsLookupStatus.NameError, Server = server };
        }
        if (rcode != (int)DnsHeaderResponseCode.NoError)
        {
            return new DnsAnswer<T> { Status = DnsLookupStatus.ServerFailure, Server = server, Error = RcodeName(rcode) };
        }
        return new DnsAnswer<T> { Status = DnsLookupStatus.NoError, Server = server, Records = select(response) };
    }

    // NameServer shows its address only as text; IPv6 gets its brackets back.
    private static string FormatServer(NameServer server) =>
        IPAddress.TryParse(server.Address, out IPAddress? address) ? DnsServerEndpoint.Format(address, server.Port) : server.Address + ":" + server.Port.ToString(CultureInfo.InvariantCulture);

    private DnsAnswer<T> TimedOut<T>(QueryType type, string name, string why) =>
        new() { Status = DnsLookupStatus.Timeout, Server = ServerDescription, Error = why + " asking " + ServerDescription + " for " + type + " " + name };

    // True when the task ended within the deadline; throws OperationCanceledException when the token fires first.
    private static bool Wait(Task task, TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            return task.Wait((int)Math.Min(int.MaxValue, deadline.TotalMilliseconds), cancellationToken);
        }
        catch (AggregateException)
        {
            // The task faulted: GetResult rethrows its own exception.
            return true;
        }
        catch (OperationCanceledException)
        {
            ObserveLater(task);
            throw;
        }
    }

    private static void ObserveLater(Task task) => _ = task.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>The RFC 1035 / RFC 2136 mnemonic of a response code ("SERVFAIL"), or "RCODE n".</summary>
    internal static string RcodeName(int rcode) => rcode switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        _ => "RCODE " + rcode.ToString(CultureInfo.InvariantCulture),
    };

    // Without the trailing dot; the root (a null MX's ".") stays ".".
    private static string HostName(string value) => value.Length > 1 && value.EndsWith(".", StringComparison.Ordinal) ? value.Substring(0, value.Length - 1) : value;

    /// <summary>Why <paramref name="name"/> cannot be asked (RFC 1035 2.3.4: labels of 1 to 63 octets, 255 in all), or null.</summary>
    internal static string? InvalidName(string name)
    {
        string trimmed = name.EndsWith(".", StringComparison.Ordinal) ? name.Substring(0, name.Length - 1) : name;
        if (trimmed.Length == 0)
        {
            return "not a DNS name: the name is empty";
        }
        // Wire length: one length octet per label, the labels, and the root's zero octet.
        if (System.Text.Encoding.UTF8.GetByteCount(trimmed) + 2 > 255)
        {
            return "not a DNS name: '" + Shorten(name) + "' is longer than 255 octets";
        }
        foreach (string label in trimmed.Split('.'))
        {
            if (label.Length == 0)
            {
                return "not a DNS name: '" + Shorten(name) + "' has an empty label";
            }
            if (System.Text.Encoding.UTF8.GetByteCount(label) > 63)
            {
                return "not a DNS name: '" + Shorten(name) + "' has a label longer than 63 octets";
            }
        }
        return null;
    }

    private static string Shorten(string name) => name.Length <= 80 ? name : name.Substring(0, 77) + "...";

    private static IReadOnlyList<DnsServerEndpoint> SystemServers(out string error)
    {
        error = "";
        try
        {
            // Never DnsClient's fallback to public resolvers: with no server configured, lookups fail visibly.
            DnsServerEndpoint[] servers = NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false)
                .Where(n => IPAddress.TryParse(n.Address, out _))
                .Select(n => new DnsServerEndpoint(IPAddress.Parse(n.Address), n.Port))
                .Distinct()
                .ToArray();
            if (servers.Length == 0)
            {
                error = "no DNS server is configured on this system: give one with -DnsServer";
            }
            return servers;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = "the system's DNS servers could not be read (" + e.Message + "): give one with -DnsServer";
            return Array.Empty<DnsServerEndpoint>();
        }
    }
}
