using System.IO;
using System.Linq;
using RelayTools.Core.Exim;

namespace RelayTools.Core.Tests.Exim;

public class EximDebianAndLinterTests
{
    const string Template = "exim_path = /usr/sbin/exim4\nUPEX4CmacrosUPEX4C = 1\ndomainlist local_domains = MAIN_LOCAL_DOMAINS\ndomainlist relay_to_domains = MAIN_RELAY_TO_DOMAINS\nhostlist relay_from_hosts = MAIN_RELAY_NETS\n.ifdef MAIN_LOCAL_INTERFACES\nlocal_interfaces = MAIN_LOCAL_INTERFACES\n.endif\nacl_smtp_rcpt = acl_check_rcpt\nbegin acl\nacl_check_rcpt:\n  accept hosts = +relay_from_hosts\n  accept authenticated = *\n  require message = relay not permitted\n          domains = +local_domains : +relay_to_domains\n  accept\n";

    static EximConfiguration Debian(string ue4cc)
    {
        string dir = Path.Combine(Path.GetTempPath(), "exim-debian-" + System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "update-exim4.conf.conf"), ue4cc);
        File.WriteAllText(Path.Combine(dir, "exim4.conf.template"), Template);
        File.WriteAllText(Path.Combine(dir, "mailname"), "mx.lab.test\n");
        try { return EximDebianConfig.ReadDirectory(dir); }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    // The values update-exim4.conf 4.96 makes (checked against the package's own script in the fidelity tests).
    [InlineData("dc_eximconfig_configtype='internet'\ndc_other_hostnames='lab.test'\ndc_relay_nets='10.1.0.0/16'\ndc_relay_domains=''\n", "relay_from_hosts", "10.1.0.0/16 : 127.0.0.1 : ::::1")]
    [InlineData("dc_eximconfig_configtype='internet'\ndc_relay_nets='10.1.0.0/16 ; 2001:db8::/48'\n", "relay_from_hosts", "<; 10.1.0.0/16 ; 2001:db8::/48 ; 127.0.0.1 ; ::1")]
    [InlineData("dc_eximconfig_configtype='internet'\ndc_relay_nets=''\n", "relay_from_hosts", " : 127.0.0.1 : ::::1")]
    [InlineData("dc_eximconfig_configtype='internet'\ndc_other_hostnames='Lab.Test; mx.lab.test'\n", "local_domains", "@:localhost:lab.test: mx.lab.test")] // update-exim4.conf's s/ *// removes nothing
    [InlineData("dc_eximconfig_configtype='internet'\ndc_relay_domains='a.test:b.test'\n", "relay_to_domains", "a.test:b.test")]
    public void Dc_values_become_the_templates_macros(string ue4cc, string list, string expected)
    {
        var config = Debian(ue4cc);
        Assert.True(config.IsDebianDirectory);
        Assert.Equal(expected.Trim(), config.NamedLists[list].Value.Trim());
    }

    [Fact]
    public void Linter_names_debian_defaults_with_their_fix()
    {
        var findings = EximLinter.Check(Debian("dc_eximconfig_configtype='internet'\ndc_local_interfaces='127.0.0.1 ; ::1'\ndc_relay_nets=''\n"));
        var loop = Assert.Single(findings, f => f.Id == "LoopbackOnly");
        Assert.Equal(new[] { "dc_local_interfaces=''", "update-exim4.conf", "systemctl reload exim4" }, loop.Fix);
        Assert.Contains(findings, f => f.Id == "RelayNetsEmpty");
        Assert.Contains(findings, f => f.Id == "NoAuthenticator");
        Assert.Contains(findings, f => f.Id == "NoSubmissionPort");
    }

    [Theory]
    [InlineData("hostlist relay_from_hosts = 10.0.0.0/8 : 0.0.0.0/0\n", "OpenRelayHosts", "hostlist relay_from_hosts = 10.0.0.0/8")]
    [InlineData("hostlist relay_from_hosts = *\n", "OpenRelayHosts", "hostlist relay_from_hosts = ")]
    [InlineData("hostlist relay_from_hosts = 198.0.0.0/8\n", "OpenRelayHosts", "hostlist relay_from_hosts = ")]
    [InlineData("acl_smtp_rcpt = r\nbegin acl\nr:\n  accept hosts = *\n  require domains = +local_domains : +relay_to_domains\n", "AcceptAllBeforeRelayCheck", "accept hosts = +relay_from_hosts")]
    [InlineData("begin authenticators\np:\n  driver = plaintext\n  public_name = PLAIN\n  server_condition = yes\n", "AuthWithoutTls", "auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}")]
    [InlineData("daemon_smtp_ports = 25\n", "NoSubmissionPort", "daemon_smtp_ports = 25 : 587")]
    public void Linter_findings_carry_the_fixing_line(string text, string id, string fix)
    {
        var finding = Assert.Single(EximLinter.Check(EximConfigReader.ReadText(text, "cfg", _ => null)), f => f.Id == id);
        Assert.Equal(fix, finding.Fix[0]);
    }

    [Fact]
    public void Statements_after_an_unconditional_accept_are_reported()
    {
        var finding = Assert.Single(EximLinter.Check(EximConfigReader.ReadText("begin acl\nr:\n  accept\n  deny hosts = *\n", "cfg", _ => null)), f => f.Id == "UnreachableStatement");
        Assert.Equal("cfg:4", finding.Origin);
    }
}
