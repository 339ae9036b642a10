using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using RelayTools.Core.Dns;

namespace RelayTools.Core.Tests.Dns;

public class MxResolverTests
{
    // Answers from a table (name + type -> answer); names not in it are NXDOMAIN. Kept in this file so it
    // does not clash with the shared fake resolver written elsewhere. Records every question asked.
    private sealed class MxTestResolver : IDnsResolver
    {
        private readonly Dictionary<string, object> _answers = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Asked { get; } = [];

        public MxTestResolver Mx(string name, params (int Preference, string Host)[] records) =>
            Set(name, "MX", Ok(records.Select(r => new DnsMxRecord { Preference = r.Preference, Exchange = r.Host }).ToList()));

        public MxTestResolver A(string name, params string[] addresses) => Set(name, "A", Ok(addresses.Select(IPAddress.Parse).ToList()));

        public MxTestResolver Aaaa(string name, params string[] addresses) => Set(name, "AAAA", Ok(addresses.Select(IPAddress.Parse).ToList()));

        public MxTestResolver Set(string name, params string[] txt) => Set(name, "TXT", Ok(txt.ToList()));

        public MxTestResolver Fail<T>(string name, string type, DnsLookupStatus status, string error = "") =>
            Set(name, type, new DnsAnswer<T> { Status = status, Server = "127.0.0.1:5390", Error = error });

        private static DnsAnswer<T> Ok<T>(List<T> records) => new() { Status = DnsLookupStatus.NoError, Records = records, Server = "127.0.0.1:5390" };

        private MxTestResolver Set(string name, string type, object answer)
        {
            _answers[name + "/" + type] = answer;
            return this;
        }

        private DnsAnswer<T> Get<T>(string name, string type, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Asked.Add(type + " " + name);
            if (_answers.TryGetValue(name + "/" + type, out object? answer))
            {
                return (DnsAnswer<T>)answer;
            }
            // A name with some other record type: no data; a name never mentioned: NXDOMAIN.
            bool exists = _answers.Keys.Any(k => k.StartsWith(name + "/", StringComparison.OrdinalIgnoreCase));
            return new DnsAnswer<T> { Status = exists ? DnsLookupStatus.NoError : DnsLookupStatus.NameError, Server = "127.0.0.1:5390" };
        }

        public DnsAnswer<string> Txt(string name, CancellationToken cancellationToken) => Get<string>(name, "TXT", cancellationToken);

        public DnsAnswer<IPAddress> Address(string name, bool ipv6, CancellationToken cancellationToken) => Get<IPAddress>(name, ipv6 ? "AAAA" : "A", cancellationToken);

        DnsAnswer<DnsMxRecord> IDnsResolver.Mx(string name, CancellationToken cancellationToken) => Get<DnsMxRecord>(name, "MX", cancellationToken);

        public DnsAnswer<string> Ptr(IPAddress address, CancellationToken cancellationToken) => Get<string>(address.ToString(), "PTR", cancellationToken);
    }

    private static MxResolution Resolve(MxTestResolver dns, string domain) => new MxResolver(dns).Resolve(domain, CancellationToken.None);

    private static string[] Shown(MxResolution result) =>
        result.Targets.Select(t => t.Preference + " " + t.MxHost + " " + (t.Address?.ToString() ?? "-")).ToArray();

    [Fact]
    public void Mx_hosts_come_by_preference_with_their_a_and_aaaa_addresses()
    {
        var dns = new MxTestResolver()
            .Mx("two.relaytools.test", (20, "mx2.relaytools.test"), (10, "mx1.relaytools.test."))
            .A("mx1.relaytools.test", "127.0.0.1", "127.0.0.2").Aaaa("mx1.relaytools.test", "::1")
            .A("mx2.relaytools.test", "127.0.0.3");

        MxResolution result = Resolve(dns, "two.relaytools.test.");

        Assert.Equal(MxResolutionStatus.Resolved, result.Status);
        Assert.Equal("two.relaytools.test", result.Domain);
        Assert.False(result.IsImplicit);
        Assert.False(result.HasTemporaryFailure);
        Assert.Equal("127.0.0.1:5390", result.Server);
        Assert.Equal(new[] { "10 mx1.relaytools.test", "20 mx2.relaytools.test" }, result.Records.Select(r => r.ToString()).ToArray());
        Assert.Equal(
            new[] { "10 mx1.relaytools.test 127.0.0.1", "10 mx1.relaytools.test 127.0.0.2", "10 mx1.relaytools.test ::1", "20 mx2.relaytools.test 127.0.0.3" },
            Shown(result));
        Assert.All(result.Targets, t => Assert.Equal("two.relaytools.test", t.Domain));
        Assert.Equal(4, result.ProbeTargets.Count);
        // Both address families of every host are asked, even when one already answered.
        Assert.Contains("AAAA mx2.relaytools.test", dns.Asked);
    }

    [Fact]
    public void Equal_preferences_keep_the_order_the_server_gave()
    {
        var dns = new MxTestResolver()
            .Mx("tie.relaytools.test", (10, "c.relaytools.test"), (5, "z.relaytools.test"), (10, "a.relaytools.test"), (10, "b.relaytools.test"))
            .A("a.relaytools.test", "127.0.0.11").A("b.relaytools.test", "127.0.0.12").A("c.relaytools.test", "127.0.0.13").A("z.relaytools.test", "127.0.0.10");

        MxResolution result = Resolve(dns, "tie.relaytools.test");

        Assert.Equal(new[] { "z", "c", "a", "b" }, result.Targets.Select(t => t.MxHost.Split('.')[0]).ToArray());
    }

    [Fact]
    public void Without_mx_records_the_domain_itself_is_the_implicit_mx()
    {
        var dns = new MxTestResolver().A("implicit.relaytools.test", "127.0.0.1").Aaaa("implicit.relaytools.test", "::1");

        MxResolution result = Resolve(dns, "implicit.relaytools.test");

        Assert.Equal(MxResolutionStatus.Resolved, result.Status);
        Assert.True(result.IsImplicit);
        Assert.Empty(result.Records);
        Assert.Equal(new[] { "0 implicit.relaytools.test 127.0.0.1", "0 implicit.relaytools.test ::1" }, Shown(result));
        Assert.All(result.Targets, t => Assert.True(t.IsImplicit));
        Assert.Contains(result.Notes, n => n.Contains("implicit MX (RFC 5321 5.1)"));
    }

    [Fact]
    public void Without_mx_records_or_addresses_there_is_no_mail_host()
    {
        var dns = new MxTestResolver().Set("txtonly.relaytools.test", "v=spf1 -all");

        MxResolution result = Resolve(dns, "txtonly.relaytools.test");

        Assert.Equal(MxResolutionStatus.NoAddress, result.Status);
        Assert.True(result.IsImplicit);
        Assert.Empty(result.ProbeTargets);
        MxTarget only = Assert.Single(result.Targets);
        Assert.Null(only.Address);
        Assert.Contains("no A; no AAAA", only.Note);
        Assert.Contains(result.Notes, n => n.Contains("neither MX records nor an A or AAAA address"));
    }

    [Fact]
    public void A_null_mx_means_the_domain_accepts_no_mail_and_nothing_is_looked_up()
    {
        var dns = new MxTestResolver().Mx("nullmx.relaytools.test", (0, ".")).A("nullmx.relaytools.test", "127.0.0.1");

        MxResolution result = Resolve(dns, "nullmx.relaytools.test");

        Assert.Equal(MxResolutionStatus.NullMx, result.Status);
        Assert.Empty(result.Targets);
        Assert.Contains(result.Notes, n => n.Contains("the domain accepts no mail"));
        Assert.Equal(new[] { "MX nullmx.relaytools.test" }, dns.Asked.ToArray());
    }

    [Fact]
    public void A_null_mx_beside_other_records_is_ignored_with_a_note()
    {
        var dns = new MxTestResolver().Mx("mixed.relaytools.test", (0, "."), (10, "mx1.relaytools.test")).A("mx1.relaytools.test", "127.0.0.1");

        MxResolution result = Resolve(dns, "mixed.relaytools.test");

        Assert.Equal(MxResolutionStatus.Resolved, result.Status);
        Assert.Equal(new[] { "10 mx1.relaytools.test 127.0.0.1" }, Shown(result));
        Assert.Contains(result.Notes, n => n.Contains("RFC 7505"));
    }

    [Fact]
    public void A_domain_that_does_not_exist_is_reported_as_nxdomain()
    {
        MxResolution result = Resolve(new MxTestResolver(), "nonexistent.relaytools.test");

        Assert.Equal(MxResolutionStatus.NameError, result.Status);
        Assert.Empty(result.Targets);
        Assert.Contains(result.Notes, n => n.Contains("does not exist (NXDOMAIN from 127.0.0.1:5390)"));
    }

    [Fact]
    public void A_timeout_on_the_mx_lookup_is_a_temporary_failure_naming_the_server()
    {
        var dns = new MxTestResolver().Fail<DnsMxRecord>("slow.relaytools.test", "MX", DnsLookupStatus.Timeout, "no answer within 4 s asking 127.0.0.1:5390 for MX slow.relaytools.test");

        MxResolution result = Resolve(dns, "slow.relaytools.test");

        Assert.Equal(MxResolutionStatus.TemporaryFailure, result.Status);
        Assert.True(result.HasTemporaryFailure);
        string note = Assert.Single(result.Notes);
        Assert.Contains("timeout", note);
        Assert.Contains("127.0.0.1:5390", note);
    }

    [Fact]
    public void A_servfail_on_the_mx_lookup_is_a_temporary_failure_with_the_rcode()
    {
        var dns = new MxTestResolver().Fail<DnsMxRecord>("broken.relaytools.test", "MX", DnsLookupStatus.ServerFailure, "SERVFAIL");

        MxResolution result = Resolve(dns, "broken.relaytools.test");

        Assert.Equal(MxResolutionStatus.TemporaryFailure, result.Status);
        Assert.Contains("server failure from 127.0.0.1:5390: SERVFAIL", Assert.Single(result.Notes));
    }

    [Fact]
    public void Hosts_without_addresses_are_listed_with_the_reason_and_the_others_still_probed()
    {
        var dns = new MxTestResolver()
            .Mx("partial.relaytools.test", (10, "gone.relaytools.test"), (20, "slow-mx.relaytools.test"), (30, "mx1.relaytools.test"))
            .Fail<IPAddress>("slow-mx.relaytools.test", "A", DnsLookupStatus.Timeout, "no answer within 4 s asking 127.0.0.1:5390 for A slow-mx.relaytools.test")
            .Aaaa("slow-mx.relaytools.test")
            .A("mx1.relaytools.test", "127.0.0.1");

        MxResolution result = Resolve(dns, "partial.relaytools.test");

        Assert.Equal(MxResolutionStatus.Resolved, result.Status);
        Assert.True(result.HasTemporaryFailure);
        Assert.Equal(new[] { "10 gone.relaytools.test -", "20 slow-mx.relaytools.test -", "30 mx1.relaytools.test 127.0.0.1" }, Shown(result));
        Assert.Contains("A: NXDOMAIN; AAAA: NXDOMAIN", result.Targets[0].Note);
        Assert.Contains("A lookup failed (timeout", result.Targets[1].Note);
        Assert.Contains("no AAAA", result.Targets[1].Note);
        Assert.Single(result.ProbeTargets);
        Assert.Contains(result.Notes, n => n.Contains("The A lookup of slow-mx.relaytools.test failed temporarily"));
    }

    [Fact]
    public void No_address_anywhere_after_a_timeout_is_a_temporary_failure_and_without_one_no_address()
    {
        var timedOut = new MxTestResolver().Mx("d.relaytools.test", (10, "mx.relaytools.test"))
            .Fail<IPAddress>("mx.relaytools.test", "A", DnsLookupStatus.Timeout).Fail<IPAddress>("mx.relaytools.test", "AAAA", DnsLookupStatus.Timeout);
        Assert.Equal(MxResolutionStatus.TemporaryFailure, Resolve(timedOut, "d.relaytools.test").Status);

        var none = new MxTestResolver().Mx("d.relaytools.test", (10, "mx.relaytools.test")).A("mx.relaytools.test").Aaaa("mx.relaytools.test");
        MxResolution result = Resolve(none, "d.relaytools.test");
        Assert.Equal(MxResolutionStatus.NoAddress, result.Status);
        Assert.Contains(result.Notes, n => n.Contains("None of the MX hosts"));
    }

    [Fact]
    public void A_host_listed_twice_is_looked_up_once_at_its_best_preference()
    {
        var dns = new MxTestResolver().Mx("dup.relaytools.test", (20, "mx1.relaytools.test"), (10, "MX1.relaytools.test.")).A("mx1.relaytools.test", "127.0.0.1");

        MxResolution result = Resolve(dns, "dup.relaytools.test");

        Assert.Equal(new[] { "10 MX1.relaytools.test 127.0.0.1" }, Shown(result));
        Assert.Single(dns.Asked, q => q.StartsWith("A ", StringComparison.Ordinal));
    }

    [Fact]
    public void At_most_the_first_hosts_are_resolved_with_a_note()
    {
        var dns = new MxTestResolver();
        var records = Enumerable.Range(1, MxResolver.MaximumHosts + 4).Select(i => (i, "mx" + i + ".relaytools.test")).ToArray();
        dns.Mx("many.relaytools.test", records);
        foreach ((int _, string host) in records)
        {
            dns.A(host, "127.0.0.1");
        }

        MxResolution result = Resolve(dns, "many.relaytools.test");

        Assert.Equal(MxResolver.MaximumHosts, result.Targets.Count);
        Assert.Contains(result.Notes, n => n.Contains("more than " + MxResolver.MaximumHosts));
    }

    [Fact]
    public void An_mx_host_that_is_an_address_is_noted()
    {
        var dns = new MxTestResolver().Mx("literal.relaytools.test", (10, "192.0.2.25"));

        MxResolution result = Resolve(dns, "literal.relaytools.test");

        Assert.Equal(MxResolutionStatus.NoAddress, result.Status);
        Assert.Contains(result.Notes, n => n.Contains("is an address, not a host name"));
    }

    [Fact]
    public void Cancellation_throws_and_bad_arguments_are_refused()
    {
        var resolver = new MxResolver(new MxTestResolver());
        Assert.ThrowsAny<OperationCanceledException>(() => resolver.Resolve("relaytools.test", new CancellationToken(true)));
        Assert.Throws<ArgumentException>(() => resolver.Resolve("  ", CancellationToken.None));
        Assert.Throws<ArgumentNullException>(() => resolver.Resolve(null!, CancellationToken.None));
        Assert.Throws<ArgumentNullException>(() => new MxResolver(null!));
    }
}
