using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Sendmail;

namespace RelayTools.Core.Tests.Sendmail;

public class SendmailRewriterTests
{
    sealed class NoMaps : ISendmailMapLookup
    {
        public Dictionary<string, string> Access { get; } = new();
        public SendmailMapResult Lookup(SendmailMapDeclaration map, string key, string[] args) =>
            Access.TryGetValue(key.ToLowerInvariant(), out var v) ? SendmailMapResult.Hit(v, "access:1") : SendmailMapResult.Miss;
    }

    static SendmailCf Cf(string rules) =>
        SendmailCfReader.Parse("V10/Berkeley\nO OperatorChars=.:%@!^/[]+\nDjmx.lab.test\nCwlocalhost mx.lab.test\nKaccess hash /etc/mail/access\n" + rules, "sendmail.cf", "host.example", _ => null);

    static string Run(string rules, string input, Dictionary<string, string>? macros = null, NoMaps? maps = null)
    {
        var cf = Cf(rules);
        var rewriter = new SendmailRewriter(cf, maps ?? new NoMaps(), n => macros != null && macros.TryGetValue(n, out var v) ? v : null, cf.InClass);
        return SendmailTokens.Display(rewriter.Run("t", input));
    }

    [Theory]
    // Tokens: operators are single tokens, quoted strings stay whole, parentheses are comments in a workspace.
    [InlineData("<x@gmail.com>", "< x @ gmail . com >")]
    [InlineData("\"a b\"@x", "\"a b\" @ x")]
    [InlineData("user (comment) @ host", "user @ host")]
    [InlineData("Connect:10.20.1", "Connect : 10 . 20 . 1")]
    public void Scan_splits_like_prescan(string text, string expected) =>
        Assert.Equal(expected, SendmailTokens.Display(SendmailTokens.Scan(text, SendmailTokens.DefaultOperatorChars)));

    [Theory]
    // $* matches shortest first, $: applies once, $@ returns, a rule without a prefix is applied again.
    [InlineData("St\nR$* < $* > $*\t$: $2", "a <b> c", "b")]
    [InlineData("St\nR$+ @ $+\t$@ $2\nR$*\tnot reached", "u@h", "h")]
    [InlineData("St\nRa $*\t$1", "a a a b", "b")]
    [InlineData("St\nR$*\t$: [ $1 ]\nR[ $=w ]\t$@ LOCAL $1", "mx.lab.test", "LOCAL mx . lab . test")]
    [InlineData("St\nR$~w\t$@ NOTLOCAL", "other", "NOTLOCAL")]
    [InlineData("St\nR$@\t$@ EMPTY\nR$*\t$@ FULL", "x", "FULL")]
    // Macros in rules are expanded when read (except $&), so $j in a pattern is the Dj value.
    [InlineData("St\nR$* < @ $j >\t$@ SELF", "a < @ mx.lab.test >", "SELF")]
    // $>ruleset calls take the rest of the workspace; calls run right to left.
    [InlineData("St\nR$*\t$: <x> $>u $>v $1\nSu\nR$*\t$@ U $1\nSv\nR$*\t$@ V $1", "a", "< x > U V a")]
    // $# ends the ruleset: later rules do not run.
    [InlineData("St\nR$*\t$#error $: \"550 no\"\nR$*\t$@ never", "a", "$# error $: \"550 no\"")]
    public void Rewrites_as_sendmail_does(string rules, string input, string expected) =>
        Assert.Equal(expected, Run(rules, input));

    [Fact]
    public void Runtime_macros_are_read_at_run_time_and_matched_token_by_token()
    {
        var macros = new Dictionary<string, string> { ["client_addr"] = "10.20.1.5" };
        Assert.Equal("< 10 . 20 . 1 . 5 >", Run("St\nR$*\t$: < $&{client_addr} >", "x", macros));
        Assert.Equal("SAME", Run("St\nR$&{client_addr}\t$@ SAME", "10.20.1.5", macros));
        Assert.Equal("10 . 20 . 1 . 6", Run("St\nR$&{client_addr}\t$@ SAME", "10.20.1.6", macros));
    }

    [Fact]
    public void Map_lookups_give_the_value_the_default_or_the_key()
    {
        var maps = new NoMaps();
        maps.Access["connect:10.20.1"] = "RELAY";
        Assert.Equal("< RELAY >", Run("St\nR$*\t$: < $(access Connect:$1 $: ? $) >", "10.20.1", maps: maps));
        Assert.Equal("< ? >", Run("St\nR$*\t$: < $(access Connect:$1 $: ? $) >", "10.20.2", maps: maps));
        Assert.Equal("< Connect : 10 . 20 . 2 >", Run("St\nR$*\t$: < $(access Connect:$1 $) >", "10.20.2", maps: maps));
    }

    [Fact]
    public void A_rule_that_keeps_matching_is_an_infinite_loop_as_Sendmail_reports_it()
    {
        var ex = Assert.Throws<SendmailConfigException>(() => Run("St\nR$*\t$1", "x"));
        Assert.Contains("Infinite loop in ruleset t", ex.Message);
    }

    [Theory]
    // usrerr's forms: the text's own enhanced code wins, then $@, then 5.0.0; text without a code is 553 5.3.0.
    [InlineData("$#error $@ 5.7.1 $: \"550 Relaying denied\"", "<x@ext>", "550 5.7.1 <x@ext>... Relaying denied")]
    [InlineData("$#error $: \"550 5.7.0 Go away\"", "<x@ext>", "550 5.7.0 <x@ext>... Go away")]
    [InlineData("$#error $: \"550 We do not relay\"", "<x@ext>", "550 5.0.0 <x@ext>... We do not relay")]
    [InlineData("$#error $: go away", "<x@ext>", "553 5.3.0 <x@ext>... go away")]
    // fmtmsg names the address only for mailbox codes: 551 and 451 come bare, 450 and 553 with it (real Sendmail 8.17.1).
    [InlineData("$#error $: \"551 Use your own server\"", "<x@ext>", "551 5.0.0 Use your own server")]
    [InlineData("$#error $@ 4.4.0 $: \"450 Relaying temporarily denied\"", "<x@ext>", "450 4.4.0 <x@ext>... Relaying temporarily denied")]
    [InlineData("$#error $@ 4.3.0 $: \"451 Temporary system failure. Please try again later.\"", "", "451 4.3.0 Temporary system failure. Please try again later.")]
    [InlineData("$#error $@ 5.7.1 $: \"550 Access denied\"", "", "550 5.7.1 Access denied")]
    public void Error_results_become_the_reply_Sendmail_sends(string rhs, string address, string expected)
    {
        var cf = Cf("St\nR$*\t" + rhs);
        var ws = new SendmailRewriter(cf, new NoMaps(), _ => null, cf.InClass).Run("t", "x");
        Assert.Equal(expected, SendmailReply.FromError(ws, cf.OperatorChars, ' ', address).Line);
    }

    [Fact]
    public void Continuation_lines_and_named_rulesets_with_numbers_are_read()
    {
        var cf = Cf("Scanonify=3\nR$* < @ localhost >\n\t\t\t$@ LOCAL\n");
        var rs = cf.Ruleset("3");
        Assert.NotNull(rs);
        Assert.Same(rs, cf.Ruleset("canonify"));
        Assert.Equal("sendmail.cf:7", Assert.Single(rs!.Rules).Origin);
        Assert.Equal("LOCAL", SendmailTokens.Display(new SendmailRewriter(cf, new NoMaps(), _ => null, cf.InClass).Run("3", "a<@localhost>")));
    }

    [Fact]
    public void Class_files_are_read_as_the_F_line_says_and_members_name_their_line()
    {
        var cf = SendmailCfReader.Parse("Fw/etc/mail/local-host-names %[^\\#]\nFR-o /etc/mail/relay-domains %[^\\#]\nFX/etc/mail/missing\n", "sendmail.cf", "h.example",
            p => p == "/etc/mail/local-host-names" ? new SendmailFileText(p, "# ours\nlab.test other.test # two\n\nthird.test\n") : null);
        Assert.Equal(["lab.test", "other.test", "third.test"], cf.Classes["w"].Select(m => m.Value));
        Assert.Equal("local-host-names:4", cf.Classes["w"][2].Origin);
        var note = Assert.Single(cf.Notes);
        Assert.Equal(SendmailNoteKind.Unreadable, note.Kind);
        Assert.Equal("sendmail.cf:3", note.Origin);
    }
}
