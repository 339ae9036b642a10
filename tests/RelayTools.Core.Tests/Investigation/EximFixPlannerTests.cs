using System;
using System.IO;
using System.Linq;
using RelayTools.Core.Exim;
using RelayTools.Core.Investigation;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Tests.Investigation;

public sealed class EximFixPlannerTests : IDisposable
{
    // The parts of Debian's exim4.conf.template (exim4-config 4.96) that decide relaying, as the package writes them.
    private const string Template = """
        exim_path = /usr/sbin/exim4
        UPEX4CmacrosUPEX4C = 1
        .ifndef MAIN_PRIMARY_HOSTNAME_AS_QUALIFY_DOMAIN
        .ifndef MAIN_QUALIFY_DOMAIN
        qualify_domain = ETC_MAILNAME
        .else
        qualify_domain = MAIN_QUALIFY_DOMAIN
        .endif
        .endif
        .ifdef MAIN_LOCAL_DOMAINS
        domainlist local_domains = MAIN_LOCAL_DOMAINS
        .else
        domainlist local_domains = DEBCONFlocal_domainsDEBCONF
        .endif
        .ifdef MAIN_RELAY_TO_DOMAINS
        domainlist relay_to_domains = MAIN_RELAY_TO_DOMAINS
        .else
        domainlist relay_to_domains = DEBCONFrelay_domainsDEBCONF
        .endif
        .ifdef MAIN_RELAY_NETS
        hostlist relay_from_hosts = MAIN_RELAY_NETS
        .else
        hostlist relay_from_hosts = 127.0.0.1
        .endif
        .ifdef MAIN_LOCAL_INTERFACES
        local_interfaces = MAIN_LOCAL_INTERFACES
        .endif
        .ifndef MAIN_ACL_CHECK_RCPT
        MAIN_ACL_CHECK_RCPT = acl_check_rcpt
        .endif
        acl_smtp_rcpt = MAIN_ACL_CHECK_RCPT
        host_lookup =
        begin acl
        acl_check_rcpt:
          accept
            hosts = :
            control = dkim_disable_verify
          accept
            local_parts = postmaster
            domains = +local_domains : +relay_to_domains
          accept
            hosts = +relay_from_hosts
            control = submission/sender_retain
            control = dkim_disable_verify
          accept
            authenticated = *
            control = submission/sender_retain
            control = dkim_disable_verify
          require
            message = relay not permitted
            domains = +local_domains : +relay_to_domains
          accept
        """;

    // An upstream-style runtime configuration (examples/exim/configure, cut to the relay part).
    private const string Plain = """
        primary_hostname = mx.corp.example
        domainlist local_domains = @ : corp.example
        domainlist relay_to_domains = branch.corp.example
        hostlist relay_from_hosts = 127.0.0.1 : 10.20.0.0/24
        host_lookup =
        acl_smtp_rcpt = acl_check_rcpt
        begin acl
        acl_check_rcpt:
          accept  hosts = :
          accept  local_parts = postmaster
                  domains = +local_domains
          accept  hosts = +relay_from_hosts
          accept  authenticated = *
          require message = relay not permitted
                  domains = +local_domains : +relay_to_domains
          accept
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "exim-fix-" + Guid.NewGuid().ToString("N"));

    public EximFixPlannerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private string Ue4cc => Path.Combine(_dir, "update-exim4.conf.conf");

    private EximConfiguration DebianDir(string relayNets)
    {
        File.WriteAllText(Ue4cc, $"""
            # /etc/exim4/update-exim4.conf.conf
            dc_eximconfig_configtype='internet'
            dc_other_hostnames='corp.example'
            dc_local_interfaces=''
            dc_readhost=''
            dc_relay_domains=''
            dc_minimaldns='false'
            dc_relay_nets='{relayNets}'
            dc_smarthost=''
            CFILEMODE='644'
            dc_use_split_config='false'
            dc_hide_mailname=''
            dc_mailname_in_oh='true'
            dc_localdelivery='mail_spool'

            """);
        File.WriteAllText(Path.Combine(_dir, "exim4.conf.template"), Template);
        File.WriteAllText(Path.Combine(_dir, "mailname"), "mx.corp.example\n");
        return EximDebianConfig.ReadDirectory(_dir);
    }

    private static EximRelayQuery Query(string client) => new() { ClientAddress = client, Sender = "reports@corp.example", Recipient = "boss@gmail.com", DefaultPrimaryHostname = "mx.corp.example" };

    private static EximFix Plan(EximConfiguration config, EximRelayQuery query)
    {
        RelayWhatIfResult before = EximRelayEvaluator.Evaluate(config, query, _ => null);
        Assert.Equal(RelayDecision.Reject, before.Decision);
        Assert.Equal("550 relay not permitted", before.Reply);
        return EximFixPlanner.ForRefusal(config, query, before)!;
    }

    [Theory]
    [InlineData("192.168.1.0/24", "10.20.1.5", "dc_relay_nets='192.168.1.0/24 ; 10.20.1.5/32'")]
    [InlineData("192.168.1.0/24 ; 172.16.0.0/12", "10.20.1.5", "dc_relay_nets='192.168.1.0/24 ; 172.16.0.0/12 ; 10.20.1.5/32'")]
    [InlineData("", "10.20.1.5", "dc_relay_nets='10.20.1.5/32'")]
    [InlineData("192.168.1.0/24", "2001:db8::25", "dc_relay_nets='192.168.1.0/24 ; 2001:db8::25/128'")]
    public void A_Debian_directory_gets_the_dc_relay_nets_line_with_the_client_added_then_update_exim4_conf_and_a_reload(string relayNets, string client, string line)
    {
        EximConfiguration config = DebianDir(relayNets);
        EximRelayQuery query = Query(client);

        EximFix fix = Plan(config, query);

        Assert.Equal("client-not-trusted", fix.CauseId);
        Assert.Equal([line, "update-exim4.conf", "systemctl reload exim4"], fix.Commands);
        Assert.Contains($"The client {client} is not in relay_from_hosts (dc_relay_nets, {Ue4cc}:8)", fix.Summary);
        // In memory, on a fresh copy: what Debug-SmtpRelay reports as FixVerified.
        EximConfiguration fresh = DebianDir(relayNets);
        fix.ApplyTo(fresh);
        Assert.Equal(RelayDecision.Permit, EximRelayEvaluator.Evaluate(fresh, query, _ => null).Decision);
        // And the line itself, put in update-exim4.conf.conf and read as update-exim4.conf combines it.
        File.WriteAllText(Ue4cc, File.ReadAllText(Ue4cc).Replace($"dc_relay_nets='{relayNets}'", line));
        RelayWhatIfResult after = EximRelayEvaluator.Evaluate(EximDebianConfig.ReadDirectory(_dir), query, _ => null);
        Assert.Equal(RelayDecision.Permit, after.Decision);
        Assert.Equal("accept hosts = +relay_from_hosts control = submission/sender_retain control = dkim_disable_verify", after.DecidedBy);
    }

    [Theory]
    [InlineData("10.20.1.5", "hostlist relay_from_hosts = 127.0.0.1 : 10.20.0.0/24 : 10.20.1.5")]
    [InlineData("2001:db8::25", "hostlist relay_from_hosts = <; 127.0.0.1 ; 10.20.0.0/24 ; 2001:db8::25")]
    public void A_plain_configuration_gets_its_hostlist_line_with_the_client_added_and_a_reload(string client, string line)
    {
        EximRelayQuery query = Query(client);

        EximFix fix = Plan(EximConfigReader.ReadText(Plain, "/etc/exim4/exim4.conf", _ => null), query);

        Assert.Equal("client-not-trusted", fix.CauseId);
        Assert.Equal([line, "systemctl reload exim4"], fix.Commands);
        Assert.StartsWith($"The client {client} is not in relay_from_hosts (/etc/exim4/exim4.conf:4), and it does not authenticate, so 'require message = relay not permitted domains = +local_domains : +relay_to_domains' in acl_check_rcpt (/etc/exim4/exim4.conf:14)", fix.Summary);
        EximConfiguration fresh = EximConfigReader.ReadText(Plain, "/etc/exim4/exim4.conf", _ => null);
        fix.ApplyTo(fresh);
        Assert.Equal(RelayDecision.Permit, EximRelayEvaluator.Evaluate(fresh, query, _ => null).Decision);
        string edited = Plain.Replace("hostlist relay_from_hosts = 127.0.0.1 : 10.20.0.0/24", line);
        Assert.Equal(RelayDecision.Permit, EximRelayEvaluator.Evaluate(EximConfigReader.ReadText(edited, "/etc/exim4/exim4.conf", _ => null), query, _ => null).Decision);
    }

    [Fact]
    public void The_relay_check_before_the_trusting_accept_is_restriction_order_and_the_accept_is_moved_before_it()
    {
        string withoutTrust = Plain.Replace("  accept  hosts = +relay_from_hosts\n", "");
        string reordered = withoutTrust.Substring(0, withoutTrust.LastIndexOf("  accept", StringComparison.Ordinal)) + "  accept  hosts = +relay_from_hosts\n  accept\n";
        EximRelayQuery query = Query("10.20.0.7");

        EximFix fix = Plan(EximConfigReader.ReadText(reordered, "exim4.conf", _ => null), query);

        Assert.Equal("restriction-order", fix.CauseId);
        Assert.Contains("before 'accept hosts = +relay_from_hosts' (statement 5, exim4.conf:15)", fix.Summary);
        Assert.Equal("systemctl reload exim4", fix.Commands[^1]);
        EximConfiguration fresh = EximConfigReader.ReadText(reordered, "exim4.conf", _ => null);
        fix.ApplyTo(fresh);
        Assert.Equal(RelayDecision.Permit, EximRelayEvaluator.Evaluate(fresh, query, _ => null).Decision);
    }

    [Fact]
    public void An_authenticated_refusal_is_not_a_relay_from_hosts_matter()
    {
        EximConfiguration config = EximConfigReader.ReadText(Plain.Replace("  accept  authenticated = *\n", ""), "exim4.conf", _ => null);
        EximRelayQuery query = Query("192.0.2.7");
        query.AuthenticatedId = "app";

        Assert.Null(EximFixPlanner.ForRefusal(config, query, EximRelayEvaluator.Evaluate(config, query, _ => null)));
    }

    private static SmtpProbeResult Denied(string client) => new()
    {
        Server = "mx.corp.example",
        Port = 25,
        Path = "25 plain",
        Stage = SmtpProbeStage.RcptTo,
        Status = SmtpRelayStatus.RelayDenied,
        ReplyCode = 550,
        ReplyText = "relay not permitted",
        LocalAddress = client,
    };

    private static RelayDiagnosis Conclude(Func<EximConfiguration> config, string client)
    {
        var findings = new RelayFindings { Server = "mx.corp.example", From = "reports@corp.example", To = "boss@gmail.com", ClientAddress = client, EximConfiguration = config };
        findings.Probes.Add((new RelayPath { Port = 25, Security = SmtpSecurityMode.None }, Denied(client)));
        return RelayConclusion.Conclude(findings);
    }

    [Fact]
    public void Debug_SmtpRelay_with_an_Exim_directory_finds_client_not_trusted_with_the_dc_line_and_verifies_it()
    {
        RelayDiagnosis d = Conclude(() => DebianDir("192.168.1.0/24"), "10.20.1.5");

        Assert.Equal(RelayVerdict.Denied, d.Verdict);
        Assert.Equal("client-not-trusted", d.RootCause.Id);
        Assert.Equal(["dc_relay_nets='192.168.1.0/24 ; 10.20.1.5/32'", "update-exim4.conf", "systemctl reload exim4"], d.ServerFix);
        Assert.True(d.FixVerified);
        Assert.Contains(d.Evidence, e => e.Source == EvidenceSource.Config && e.Text == "acl_check_rcpt: require message = relay not permitted domains = +local_domains : +relay_to_domains -> Reject 550 relay not permitted");
        Assert.Contains(d.Evidence, e => e.Source == EvidenceSource.Config && e.Text.StartsWith("acl_check_rcpt[3] accept hosts = +relay_from_hosts", StringComparison.Ordinal));
        Assert.Contains(d.Evidence, e => e.Source == EvidenceSource.Probe && e.Text == "550 relay not permitted");
    }

    [Theory]
    [InlineData(false, new[] { "systemctl reload exim4" })]
    [InlineData(true, new[] { "update-exim4.conf", "systemctl reload exim4" })]
    public void A_configuration_that_trusts_the_client_while_the_server_refuses_is_config_not_loaded(bool debian, string[] commands)
    {
        Func<EximConfiguration> config = debian ? () => DebianDir("10.20.1.0/24") : () => EximConfigReader.ReadText(Plain, "exim4.conf", _ => null);

        RelayDiagnosis d = Conclude(config, debian ? "10.20.1.5" : "10.20.0.9");

        Assert.Equal("config-not-loaded", d.RootCause.Id);
        Assert.Equal(commands, d.ServerFix);
        Assert.True(d.FixVerified);
        Assert.Contains("but the running Exim refuses it", d.RootCause.Summary);
    }
}
