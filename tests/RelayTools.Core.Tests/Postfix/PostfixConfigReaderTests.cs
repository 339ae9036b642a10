using System.Linq;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Tests.Postfix;

public class PostfixConfigReaderTests
{
    static PostfixConfiguration Main(string text)
    {
        var config = new PostfixConfiguration();
        PostfixConfigReader.ReadMainCf(config, text, "/etc/postfix/main.cf");
        PostfixConfigReader.Finish(config);
        return config;
    }

    [Theory]
    // Continuation lines join with one space; indented comments are skipped; a # inside a value is kept.
    [InlineData("mydestination = a,\n    b   c  \n\t# comment\n  d\n", "mydestination", "a, b   c d")]
    [InlineData("x=1\nx = 2 # not a comment\n", "x", "2 # not a comment")]
    [InlineData("# comment\n\nmyhostname=mx1.example\n", "myhostname", "mx1.example")]
    [InlineData("smtpd_banner =\n", "smtpd_banner", "")]
    public void Reads_values_as_Postfix_does(string text, string name, string expected) =>
        Assert.Equal(expected, Main(text).Parameters[name].Value);

    [Fact]
    public void The_last_definition_wins_with_a_note_naming_both_lines()
    {
        var config = Main("relay_domains = a\n\nrelay_domains = b\n");
        Assert.Equal("b", config.Parameters["relay_domains"].Value);
        Assert.Equal("main.cf:3", config.Parameters["relay_domains"].Origin);
        var note = Assert.Single(config.Notes, n => n.Kind == PostfixNoteKind.OverriddenEntry);
        Assert.Equal("main.cf:3", note.Origin);
        Assert.Contains("main.cf:1", note.Message);
    }

    [Fact]
    public void An_unbalanced_brace_is_an_error_with_file_and_line_and_the_rest_is_still_read()
    {
        var config = Main("myhostname = mx\nsmtpd_relay_restrictions = permit_mynetworks, { reject\nmydomain = example.com\n");
        var note = Assert.Single(config.Notes, n => n.Kind == PostfixNoteKind.SyntaxError);
        Assert.Equal("main.cf:2", note.Origin);
        Assert.Contains("missing '}'", note.Message);
        Assert.Equal("example.com", config.Parameters["mydomain"].Value);
    }

    [Theory]
    [InlineData("no equals sign here\n", "missing '='")]
    [InlineData("  starts with whitespace = x\n", "continues nothing")]
    public void Lines_Postfix_rejects_become_syntax_notes(string text, string message) =>
        Assert.Contains(message, Assert.Single(Main(text).Notes).Message);

    [Fact]
    public void Unknown_parameters_are_kept_and_reported_with_a_suggestion()
    {
        var config = Main("broken_sasl_auth_enable = yes\nsmtpd_relay_restriction = permit\nmua_relay = permit\nsmtpd_client_restrictions = $mua_relay\n");
        Assert.False(config.Parameters["broken_sasl_auth_enable"].IsKnown);
        Assert.Equal("yes", config.Parameters["broken_sasl_auth_enable"].Value);
        var notes = config.Notes.Where(n => n.Kind == PostfixNoteKind.UnknownParameter).ToList();
        Assert.Equal(2, notes.Count);
        Assert.Contains("broken_sasl_auth_clients", notes[0].Message);
        Assert.Contains("did you mean smtpd_relay_restrictions?", notes[1].Message);
        Assert.True(config.Parameters["mua_relay"].IsKnown); // referenced as $mua_relay: a user macro
    }

    [Theory]
    [InlineData("postfix/smtpd", "smtp")]
    [InlineData("postfix/submission/smtpd", "submission")]
    [InlineData("POSTFIX/SUBMISSION/SMTPD", "submission")]
    [InlineData("postfix-out/smtpd", null)]
    public void Finds_the_service_a_log_line_names_by_its_syslog_process_name(string syslogName, string? expected)
    {
        var config = new PostfixConfiguration();
        PostfixConfigReader.ReadMainCf(config, "compatibility_level = 3.6\n", "/etc/postfix/main.cf");
        PostfixConfigReader.ReadMasterCf(config, string.Join("\n",
            "smtp      inet  n       -       y       -       -       smtpd",
            "submission inet n       -       y       -       -       smtpd",
            "  -o syslog_name=postfix/submission"), "/etc/postfix/master.cf");
        PostfixConfigReader.Finish(config);

        Assert.Equal(expected, config.FindServices(syslogName).FirstOrDefault()?.Name);
    }

    [Fact]
    public void A_null_field_of_a_query_reads_as_empty()
    {
        var query = new PostfixRelayQuery { Helo = null!, SaslUser = null!, Sender = null!, ClientName = null! };

        Assert.Equal(("", "", "", "unknown"), (query.Helo, query.SaslUser, query.Sender, query.ClientName));
    }

    [Fact]
    public void Reads_master_cf_services_with_both_override_forms()
    {
        var config = new PostfixConfiguration();
        PostfixConfigReader.ReadMasterCf(config, string.Join("\n",
            "smtp      inet  n       -       y       -       -       smtpd",
            "submission inet n       -       y       -       -       smtpd",
            "  -o syslog_name=postfix/submission",
            "  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }",
            "#  -o smtpd_tls_security_level=encrypt",
            "  -o smtpd_relay_restrictions=$mua_relay",
            "127.0.0.1:2525 inet n - n - - smtpd -o smtpd_sasl_auth_enable=yes",
            "pickup    unix  n       -       y       60      1       pickup"), "/etc/postfix/master.cf");
        Assert.Equal(new[] { "smtp/inet", "submission/inet", "127.0.0.1:2525/inet", "pickup/unix" }, config.Services.Select(s => s.Id));
        var submission = config.Services[1];
        Assert.Equal(587, submission.Port);
        Assert.Equal("permit_sasl_authenticated, reject", submission.Override("smtpd_client_restrictions")!.Value);
        Assert.Equal("$mua_relay", submission.Override("smtpd_relay_restrictions")!.Value);
        Assert.Null(submission.Override("smtpd_tls_security_level"));
        Assert.Equal("master.cf:3 -o (submission)", submission.Overrides[0].Origin);
        Assert.Equal("master.cf:6 -o (submission)", submission.Overrides[2].Origin);
        Assert.Equal(2525, config.Services[2].Port);
        Assert.Equal(3, config.SmtpdServices().Count());
    }

    [Fact]
    public void Reads_postconf_n_M_and_P_output_piped_together()
    {
        string text = string.Join("\n",
            "compatibility_level = 3.6",
            "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
            "postconf: warning: /etc/postfix/main.cf: unused parameter: foo=bar",
            "smtp       inet  n       -       y       -       -       smtpd",
            "submission inet  n       -       y       -       -       smtpd -o syslog_name=postfix/submission -o {smtpd_client_restrictions=permit_sasl_authenticated, reject}",
            "submission/inet/smtpd_tls_security_level = encrypt");
        var config = PostfixConfigReader.ReadText(text);
        Assert.True(config.HasMasterCf);
        Assert.Equal("3.6", config.Parameters["compatibility_level"].Value);
        var submission = config.Services.Single(s => s.Name == "submission");
        Assert.Equal("permit_sasl_authenticated, reject", config.Expand("smtpd_client_restrictions", submission));
        Assert.Equal("encrypt", config.Expand("smtpd_tls_security_level", submission));
        Assert.Equal("", config.Expand("smtpd_tls_security_level", config.Services[0]));
    }

    [Theory]
    // postconf -d at each compatibility level (Postfix 3.7.11).
    [InlineData("0", "mynetworks_style", "subnet")]
    [InlineData("1", "mynetworks_style", "subnet")]
    [InlineData("2", "mynetworks_style", "host")]
    [InlineData("0", "smtpd_relay_restrictions", "")]
    [InlineData("1", "smtpd_relay_restrictions", "permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination")]
    [InlineData("1", "relay_domains", "mx.example, localhost.example, localhost")]
    [InlineData("2", "relay_domains", "")]
    [InlineData("3.5", "smtpd_relay_before_recipient_restrictions", "no")]
    [InlineData("3.6", "smtpd_relay_before_recipient_restrictions", "yes")]
    [InlineData("0", "smtputf8_enable", "no")]
    [InlineData("3.6", "smtputf8_enable", "yes")]
    [InlineData("3.6", "smtpd_sasl_security_options", "noanonymous")]
    [InlineData("3.6", "relay_domains_reject_code", "554")]
    [InlineData("3.6", "smtpd_sasl_type", "cyrus")]
    [InlineData("3.6", "smtpd_tls_auth_only", "no")]
    [InlineData("3.6", "parent_domain_matches_subdomains", "debug_peer_list,fast_flush_domains,mynetworks,permit_mx_backup_networks,qmqpd_authorized_clients,relay_domains,smtpd_access_maps")]
    public void Defaults_follow_the_compatibility_level(string level, string name, string expected)
    {
        var config = Main("compatibility_level = " + level + "\nmyhostname = mx.example\nmydomain = example\n");
        Assert.Equal(expected, config.Expand(name));
        Assert.Equal(PostfixValueSource.Default, config.GetParameter(name)!.Source);
    }

    [Theory]
    [InlineData("myhostname = mx1.corp.example", "corp.example")]
    [InlineData("myhostname = mx1", "localdomain")]
    [InlineData("myhostname = mx1.corp.example\nmydomain = other.example", "other.example")]
    public void The_default_mydomain_is_myhostname_minus_its_first_label(string text, string expected) =>
        Assert.Equal(expected, Main(text).Expand("mydomain"));

    [Fact]
    public void A_service_override_is_seen_by_values_that_refer_to_it()
    {
        var config = PostfixConfigReader.ReadText("level = may\nsmtpd_tls_security_level = $level\nsubmission inet n - y - - smtpd -o level=encrypt\n");
        Assert.Equal("encrypt", config.Expand("smtpd_tls_security_level", config.Services[0]));
        Assert.Equal("may", config.Expand("smtpd_tls_security_level"));
    }
}
