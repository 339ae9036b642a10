using System.Linq;
using RelayTools.Core.Sendmail;

namespace RelayTools.Core.Tests.Sendmail;

public class SendmailMcFileTests
{
    const string Include = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\n";

    static SendmailMcFile Parse(string text) => SendmailMcFile.Parse(text, "sendmail.mc");

    [Fact]
    public void Debians_sendmail_mc_gives_its_features_daemons_and_defines()
    {
        var mc = SendmailMcFile.Parse(SendmailFixtures.DebianSendmailMc, "/etc/mail/sendmail.mc");
        Assert.Empty(mc.Notes);
        Assert.Equal(
            new[] { "no_default_msa", "use_cw_file", "access_db", "greet_pause", "delay_checks", "conncontrol", "ratecontrol" },
            mc.Statements.Where(s => s.Macro == "FEATURE").Select(s => s.Argument(0)).ToArray());
        Assert.Equal(new[] { "access_db", "", "skip" }, mc.Features["access_db"].Arguments);
        Assert.Equal(new[] { "greet_pause", "1000" }, mc.Features["greet_pause"].Arguments);
        Assert.Equal(new[] { "delay_checks", "friend", "n" }, mc.Features["delay_checks"].Arguments);
        Assert.Equal(new[] { "conncontrol", "nodelay", "terminate" }, mc.Features["conncontrol"].Arguments);
        Assert.Equal(new[] { "ratecontrol", "nodelay", "terminate" }, mc.Features["ratecontrol"].Arguments);
        Assert.Equal(new[] { "no_default_msa" }, mc.Features["no_default_msa"].Arguments);
        Assert.Equal("/etc/mail/sendmail.mc:75", mc.Features["access_db"].Origin);
        Assert.Equal("FEATURE(`access_db', , `skip')", mc.Features["access_db"].Text);

        Assert.Equal("needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,nobodyreturn,authwarnings", mc.Defines["confPRIVACY_FLAGS"]);
        Assert.Equal(62, mc.DefineStatements["confPRIVACY_FLAGS"].Line);
        Assert.Equal("15", mc.Defines["confCONNECTION_RATE_THROTTLE"]);
        Assert.Equal("10m", mc.Defines["confCONNECTION_RATE_WINDOW_SIZE"]);
        Assert.Equal("3", mc.Defines["confBAD_RCPT_THROTTLE"]);
        Assert.Equal("", mc.Defines["_USE_ETC_MAIL_"]);

        Assert.Equal(new[] { "Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1", "Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1" },
            mc.DaemonOptions.Select(d => d.Text).ToArray());
        Assert.Equal(new[] { "/etc/mail/sendmail.mc:57", "/etc/mail/sendmail.mc:59" }, mc.DaemonOptions.Select(d => d.Origin).ToArray());
        Assert.Equal(new[] { 25, 587 }, mc.DaemonOptions.Select(d => d.Port).ToArray());
        Assert.True(mc.DaemonOptions.All(d => d.ListensOnLoopbackOnly));
        Assert.Equal(2, mc.EffectiveDaemonOptions.Count); // no_default_msa: no extra MSA on 587

        Assert.Equal(new[] { "debian" }, mc.Statements.Single(s => s.Macro == "OSTYPE").Arguments);
        Assert.Equal(new[] { "local", "smtp" }, mc.Statements.Where(s => s.Macro == "MAILER").Select(s => s.Argument(0)).ToArray());
        Assert.Contains(mc.Statements, s => s.Macro == "MAILER_DEFINITIONS" && s.Line == 101 && s.Arguments.Length == 0);
        Assert.Equal(new[] { "-1", "0" }, mc.Statements.Where(s => s.Macro == "divert").Select(s => s.Argument(0)).ToArray());
        Assert.Empty(mc.RelayDomains);
    }

    [Theory]
    [InlineData("FEATURE(`access_db', , `skip')dnl", "FEATURE", new[] { "access_db", "", "skip" })]
    [InlineData("FEATURE(access_db)dnl", "FEATURE", new[] { "access_db" })]
    [InlineData("FEATURE(`mailertable', `hash -o /etc/mail/mailertable')dnl", "FEATURE", new[] { "mailertable", "hash -o /etc/mail/mailertable" })]
    [InlineData("define(`confX', `a `nested' b')dnl", "define", new[] { "confX", "a `nested' b" })]
    [InlineData("define(`SMART_HOST', `[relay.example.com]')dnl", "define", new[] { "SMART_HOST", "[relay.example.com]" })]
    [InlineData("define(`X', ifdef(`Y', `a', `b'))dnl", "define", new[] { "X", "ifdef(`Y', `a', `b')" })]
    [InlineData("DAEMON_OPTIONS(`Port=smtp,Addr=0.0.0.0, Name=MTA')dnl", "DAEMON_OPTIONS", new[] { "Port=smtp,Addr=0.0.0.0, Name=MTA" })]
    [InlineData("define(`confPRIVACY_FLAGS',dnl\n`goaway')dnl", "define", new[] { "confPRIVACY_FLAGS", "goaway" })]
    [InlineData("FEATURE(\n    `delay_checks',\n    `friend')dnl", "FEATURE", new[] { "delay_checks", "friend" })]
    [InlineData("FEATURE(`dnsbl', `dnsbl.example.com', `',\n\t`\"451 Temporary lookup failure for \" $&{client_addr} \" in dnsbl.example.com\"')",
        "FEATURE", new[] { "dnsbl", "dnsbl.example.com", "", "\"451 Temporary lookup failure for \" $&{client_addr} \" in dnsbl.example.com\"" })]
    [InlineData("VERSIONID(`$Id: sendmail.mc, v 8.17.1.9-2+deb12u2 2024-06-16 21:07:57 cowboy Exp $')", "VERSIONID",
        new[] { "$Id: sendmail.mc, v 8.17.1.9-2+deb12u2 2024-06-16 21:07:57 cowboy Exp $" })]
    [InlineData("MAILER_DEFINITIONS", "MAILER_DEFINITIONS", new string[0])]
    [InlineData("divert(-1)dnl", "divert", new[] { "-1" })]
    public void Reads_macro_calls_as_m4_collects_their_arguments(string line, string macro, string[] arguments)
    {
        var mc = Parse(Include + line + "\n");
        var s = mc.Statements.Last();
        Assert.Equal(macro, s.Macro);
        Assert.Equal(arguments, s.Arguments);
        Assert.Equal(2, s.Line);
        Assert.Equal("sendmail.mc:2", s.Origin);
        Assert.Empty(mc.Notes);
    }

    [Fact]
    public void Dnl_comments_and_quoted_text_hold_no_statements()
    {
        var mc = Parse(Include + "dnl FEATURE(`promiscuous_relay')\nFEATURE(`use_cw_file')dnl FEATURE(`nocanonify')\n`FEATURE(`relay_entire_domain')'\n");
        Assert.Equal(new[] { "include", "FEATURE" }, mc.Statements.Select(s => s.Macro).ToArray());
        Assert.Equal("use_cw_file", mc.Statements[1].Argument(0));
    }

    [Fact]
    public void A_hash_line_is_a_comment_only_until_cf_m4_is_included()
    {
        // m4 -D_CF_DIR_=... on the lab's files: "# FEATURE(`access_db')" after the include put "Kaccess hash ..." in
        // sendmail.cf, because cf.m4 runs changecom(); the same line before the include did nothing.
        var mc = Parse("divert(-1)\n# FEATURE(`nocanonify') before\ndivert(0)dnl\n" + Include + "# FEATURE(`access_db') after\n");
        Assert.DoesNotContain(mc.Features.Keys, k => k == "nocanonify");
        var note = Assert.Single(mc.Notes);
        Assert.Equal((SendmailNoteKind.Suspicious, "sendmail.mc:5"), (note.Kind, note.Origin));
        Assert.Contains("use dnl", note.Message);
        Assert.Equal("sendmail.mc:5", mc.Features["access_db"].Origin);
    }

    [Fact]
    public void Without_an_include_cf_m4_came_first_on_the_m4_command_line_and_hash_is_no_comment()
    {
        // cf/cf/*.mc are built as 'm4 ../m4/cf.m4 generic-linux.mc': changecom() is in force from the first line.
        var mc = Parse("divert(-1)\n# This is a generic configuration file.\ndivert(0)dnl\nOSTYPE(linux)dnl\n#FEATURE(`promiscuous_relay')\nMAILER(smtp)dnl\n");
        Assert.True(mc.Features.ContainsKey("promiscuous_relay"));
        Assert.Equal("sendmail.mc:5", Assert.Single(mc.Notes).Origin);
        Assert.Equal(new[] { "linux" }, mc.Statements.Single(s => s.Macro == "OSTYPE").Arguments);
    }

    [Fact]
    public void An_unbalanced_parenthesis_or_quote_is_a_syntax_note_and_reading_goes_on_at_the_next_line()
    {
        var mc = Parse(Include + "FEATURE(`access_db'dnl\nFEATURE(`use_cw_file')dnl\nFEATURE(`greet_pause, `1000')dnl\nMAILER(`smtp')dnl\n");
        Assert.Equal(new[] { "sendmail.mc:2", "sendmail.mc:4" }, mc.Notes.Select(n => n.Origin).ToArray());
        Assert.All(mc.Notes, n => Assert.Equal(SendmailNoteKind.Syntax, n.Kind));
        Assert.Contains("FEATURE( opened here is never closed", mc.Notes[0].Message);
        Assert.Contains("the quote ` opened here in FEATURE( is never closed", mc.Notes[1].Message);
        Assert.Equal(new[] { "use_cw_file" }, mc.Features.Keys.ToArray());
        Assert.Equal("smtp", mc.Statements.Last().Argument(0));
    }

    [Fact]
    public void A_stray_close_parenthesis_is_a_syntax_note()
    {
        var note = Assert.Single(Parse(Include + "FEATURE(`use_cw_file'))dnl\n").Notes);
        Assert.Equal((SendmailNoteKind.Syntax, "sendmail.mc:2"), (note.Kind, note.Origin));
    }

    [Fact]
    public void Parentheses_in_comment_lines_and_discarded_text_are_only_text()
    {
        // cf/cf/*.mc start like this and are built with cf.m4 first, so '#' is no comment there: still no note.
        var mc = Parse("divert(-1)\n# Copyright (c) 1998 Sendmail, Inc. )\ndivert(0)dnl\n# a comment line (for sendmail.cf))\nOSTYPE(linux)dnl\n");
        Assert.Empty(mc.Notes);
        Assert.Equal(new[] { "divert", "divert", "OSTYPE" }, mc.Statements.Select(s => s.Macro).ToArray());
    }

    [Fact]
    public void Relay_and_local_domains_are_the_words_of_the_first_argument()
    {
        // m4 on the lab's cf tree: RELAY_DOMAIN(`a.example', `b.example') gave "C{R}a.example" (b.example gone), and
        // RELAY_DOMAIN(`c.example, d.example') gave "C{R}c.example, d.example": sendmail.cf splits C words at white space only.
        var mc = Parse(Include + "RELAY_DOMAIN(`example.com example.net')dnl\nRELAY_DOMAIN(`a.example', `b.example')dnl\nRELAY_DOMAIN(`c.example, d.example')dnl\n"
            + "RELAY_DOMAIN_FILE(`-o /etc/mail/relay-domains')dnl\nLOCAL_DOMAIN(`mx.example.com')dnl\nTRUST_AUTH_MECH(`LOGIN PLAIN')dnl\n");
        Assert.Equal(new[] { "example.com", "example.net", "a.example", "c.example,", "d.example" }, mc.RelayDomains.Select(w => w.Value).ToArray());
        Assert.Equal(new[] { "sendmail.mc:2", "sendmail.mc:2", "sendmail.mc:3", "sendmail.mc:4", "sendmail.mc:4" }, mc.RelayDomains.Select(w => w.Origin).ToArray());
        Assert.Equal("-o /etc/mail/relay-domains", Assert.Single(mc.RelayDomainFiles).Value);
        Assert.Equal("mx.example.com", Assert.Single(mc.LocalDomains).Value);
        Assert.Equal(new[] { "LOGIN", "PLAIN" }, mc.TrustAuthMechanisms.Select(w => w.Value).ToArray());
        Assert.Equal(new[] { "sendmail.mc:3", "sendmail.mc:4" }, mc.Notes.Select(n => n.Origin).ToArray());
        Assert.Contains("b.example is ignored", mc.Notes[0].Message);
        Assert.Contains("\"c.example,\"", mc.Notes[1].Message);
    }

    [Fact]
    public void The_last_define_and_feature_win_and_undefine_removes()
    {
        var mc = Parse(Include + "define(`confSMTP_LOGIN_MSG', `one')dnl\ndefine(`confSMTP_LOGIN_MSG', `two')dnl\ndefine(`confTO_IDENT', `0')dnl\n"
            + "undefine(`confTO_IDENT')dnl\nFEATURE(`greet_pause', `1000')dnl\nFEATURE(`greet_pause', `5000')dnl\n");
        Assert.Equal("two", mc.Defines["confSMTP_LOGIN_MSG"]);
        Assert.Equal("sendmail.mc:3", mc.DefineStatements["confSMTP_LOGIN_MSG"].Origin);
        Assert.False(mc.Defines.ContainsKey("confTO_IDENT"));
        Assert.Equal("5000", mc.Features["greet_pause"].Argument(1));
    }

    [Fact]
    public void Section_macros_collect_the_sendmail_cf_lines_that_follow()
    {
        var mc = Parse(Include + "FEATURE(`access_db')dnl\nLOCAL_CONFIG\nKallnumbers regex -a@MATCH ^[0-9]+$\n# extra daemon\nO DaemonPortOptions=Name=MTA-v6, Family=inet6\n\n"
            + "LOCAL_RULESETS\nSLocal_check_mail\nR$*\t\t\t\t$: $>Parse0 $>3 $1\nR@MATCH\t\t\t\t$#error $: 553 Address Error\n");
        var config = mc.Statements.Single(s => s.Macro == "LOCAL_CONFIG");
        Assert.Equal(new[] { "Kallnumbers regex -a@MATCH ^[0-9]+$", "# extra daemon", "O DaemonPortOptions=Name=MTA-v6, Family=inet6" }, config.Body.Select(b => b.Value).ToArray());
        Assert.Equal("sendmail.mc:6", config.Body[2].Origin);
        var rules = mc.Statements.Single(s => s.Macro == "LOCAL_RULESETS");
        Assert.Equal(3, rules.Body.Length);
        Assert.Equal("SLocal_check_mail", rules.Body[0].Value);
        var daemon = Assert.Single(mc.DaemonOptions);
        Assert.Equal(("inet6", "MTA-v6", "sendmail.mc:6"), (daemon.Family, daemon.Name, daemon.Origin));
        // proto.m4's default MTA and MSA, then the extra LOCAL_CONFIG daemon.
        Assert.Equal(new[] { "MTA", "MSA", "MTA-v6" }, mc.EffectiveDaemonOptions.Select(d => d.Name).ToArray());
        Assert.Empty(mc.Notes);
    }

    [Fact]
    public void A_feature_after_a_mailer_is_the_error_cf_m4_prints()
    {
        // m4 printed "*** ERROR: FEATURE() should be before MAILER()" on stderr and still exited 0.
        var note = Assert.Single(Parse(Include + "MAILER(`smtp')dnl\nFEATURE(`access_db')dnl\n").Notes);
        Assert.Equal("sendmail.mc:3", note.Origin);
        Assert.Contains("FEATURE() should be before MAILER()", note.Message);
    }

    [Fact]
    public void Text_outside_a_macro_call_is_reported_because_it_lands_in_sendmail_cf()
    {
        var note = Assert.Single(Parse(Include + "O DaemonPortOptions=Port=2525\n").Notes);
        Assert.Equal((SendmailNoteKind.Suspicious, "sendmail.mc:2"), (note.Kind, note.Origin));
    }
}
