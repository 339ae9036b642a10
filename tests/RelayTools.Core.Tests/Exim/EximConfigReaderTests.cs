using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Exim;

namespace RelayTools.Core.Tests.Exim;

public class EximConfigReaderTests
{
    static EximConfiguration Read(string text, Dictionary<string, string>? files = null) =>
        EximConfigReader.ReadText(text, "/etc/exim/configure", p => files != null && files.TryGetValue(p, out var t) ? t : null);

    [Theory]
    // Macros substitute anywhere a name starts; == redefines; the longest macro name wins.
    [InlineData("NETS = 10.0.0.0/8\nhostlist relay_from_hosts = NETS : 127.0.0.1\n", "relay_from_hosts", "10.0.0.0/8 : 127.0.0.1")]
    [InlineData("A = x\nAB = y\ndomainlist local_domains = AB.test : A.test\n", "local_domains", "y.test : x.test")]
    [InlineData("N = 1\nN == 2\ndomainlist local_domains = dN.test\n", "local_domains", "dN.test")]
    [InlineData("N = a\nN == b\ndomainlist local_domains = N.test\n", "local_domains", "b.test")]
    // Continuations: the backslash goes, the next line's leading white space goes, a comment line between is skipped.
    [InlineData("hostlist relay_from_hosts = 10.0.0.0/8 : \\\n    # trusted\n    192.168.0.0/16\n", "relay_from_hosts", "10.0.0.0/8 : 192.168.0.0/16")]
    // .ifdef / .else / .endif, nested, with builtin macros.
    [InlineData(".ifdef _HAVE_TLS\nX = tls\n.else\nX = none\n.endif\ndomainlist local_domains = X.test\n", "local_domains", "tls.test")]
    [InlineData(".ifndef MISSING\n.ifdef ALSO_MISSING\nX = a\n.else\nX = b\n.endif\n.endif\ndomainlist local_domains = X.test\n", "local_domains", "b.test")]
    [InlineData(".ifdef MISSING\ndomainlist local_domains = skipped\n.endif\ndomainlist local_domains = kept\n", "local_domains", "kept")]
    public void Reads_named_lists_as_Exim_does(string text, string list, string expected) =>
        Assert.Equal(expected, Read(text).NamedLists[list].Value);

    [Fact]
    public void Include_and_include_if_exists_read_files_in_place()
    {
        var files = new Dictionary<string, string> { ["/etc/exim/lists"] = "hostlist relay_from_hosts = 10.1.0.0/16\n" };
        var config = Read(".include /etc/exim/lists\n.include_if_exists /etc/exim/none\nacl_smtp_rcpt = r\n", files);
        Assert.Equal("10.1.0.0/16", config.NamedLists["relay_from_hosts"].Value);
        Assert.Equal("/etc/exim/lists:1", config.NamedLists["relay_from_hosts"].Origin);
        Assert.Empty(config.Notes);
    }

    [Fact]
    public void A_missing_include_is_an_unreadable_note_naming_the_file()
    {
        var note = Assert.Single(Read(".include /etc/exim/gone\n").Notes);
        Assert.Equal(EximNoteKind.Unreadable, note.Kind);
        Assert.Contains("/etc/exim/gone", note.Message);
        Assert.Equal("/etc/exim/configure:1", note.Origin);
    }

    [Fact]
    public void Syntax_errors_get_file_and_line_and_the_rest_is_still_read()
    {
        var config = Read("acl_smtp_rcpt = r\n.bogus\nNOEQUALS\nhostlist relay_from_hosts = 10.0.0.0/8\nbegin acl\nr:\n  frobnicate hosts = *\n  accept\n");
        Assert.Equal(new[] { "/etc/exim/configure:2", "/etc/exim/configure:3", "/etc/exim/configure:7" }, config.Notes.Select(n => n.Origin).ToArray());
        Assert.All(config.Notes, n => Assert.Equal(EximNoteKind.Syntax, n.Kind));
        Assert.Equal("10.0.0.0/8", config.NamedLists["relay_from_hosts"].Value);
        Assert.Single(config.Acls["r"]);
    }

    [Fact]
    public void An_unknown_option_is_kept_and_reported()
    {
        var config = Read("relay_from_hosts = 10.0.0.0/8\nprimary_hostname = mx\n");
        var unknown = Assert.Single(config.UnknownOptions);
        Assert.Equal("relay_from_hosts", unknown.Name);
        Assert.Equal("10.0.0.0/8", unknown.Value);
        Assert.Equal(EximNoteKind.UnknownOption, Assert.Single(config.Notes).Kind);
        Assert.Equal("mx", config.Get("primary_hostname"));
    }

    [Theory]
    [InlineData("no_prdr_enable\n", "prdr_enable", "false")]
    [InlineData("prdr_enable\n", "prdr_enable", "true")]
    [InlineData("prdr_enable = yes\n", "prdr_enable", "true")]
    [InlineData("", "auth_advertise_hosts", "*")]
    [InlineData("", "daemon_smtp_ports", "smtp")]
    [InlineData("", "local_interfaces", "<; ::0 ; 0.0.0.0")]
    public void Options_and_defaults_are_those_of_exim_bP(string text, string name, string expected) =>
        Assert.Equal(expected, Read(text).Get(name));

    [Fact]
    public void Acl_statements_keep_verb_conditions_message_and_origin()
    {
        var config = Read("begin acl\nacl_check_rcpt:\n  accept hosts = :\n  require message = relay not permitted\n          domains = +local_domains : +relay_to_domains\n  deny !verify = sender\n");
        var acl = config.Acls["acl_check_rcpt"];
        Assert.Equal(new[] { "accept", "require", "deny" }, acl.Select(s => s.Verb).ToArray());
        Assert.Equal("relay not permitted", acl[1].Message);
        Assert.Equal(new[] { "message = relay not permitted", "domains = +local_domains : +relay_to_domains" }, acl[1].Conditions);
        Assert.Equal("/etc/exim/configure:4", acl[1].Origin);
        Assert.Equal("!verify = sender", acl[2].Conditions[0]);
    }
}
