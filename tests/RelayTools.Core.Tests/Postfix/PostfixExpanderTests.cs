using System.Collections.Generic;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Tests.Postfix;

public class PostfixExpanderTests
{
    static readonly Dictionary<string, string> Values = new()
    {
        ["x"] = "2",
        ["empty"] = "",
        ["myhostname"] = "mail.lab.test",
        ["mydomain"] = "lab.test",
        ["mydestination"] = "$myhostname, localhost.$mydomain",
        ["nested"] = "${mydestination}, $x",
        ["compatibility_level"] = "3.6",
    };

    static string? Lookup(string name) => Values.TryGetValue(name, out string? v) ? v : null;

    [Theory]
    // Each expected value is what postconf -x prints for the same value (checked with Postfix 3.7.11).
    [InlineData("${x?{yes $x}:{no}} ${z:zz} ${x:zz} $${x} ${x?yy} ${z?{a}:{b c}} $x$x ${x}y", "yes 2 zz ${x} yy b c 22 2y")]
    [InlineData("${empty?{yes}:{no}} ${empty:zz} ${empty?yy}|", "no zz |")]
    [InlineData("$mydestination", "mail.lab.test, localhost.lab.test")]
    [InlineData("$nested", "mail.lab.test, localhost.lab.test, 2")]
    [InlineData("$(x) $undefined.", "2 .")]
    [InlineData("$$ and $", "$ and $")]
    [InlineData("${{$compatibility_level} <level {2} ? {subnet} : {host}}", "host")]
    [InlineData("${{$compatibility_level} <level {3.10} ? {old} : {new}}", "old")]
    [InlineData("${{$x} == {2} ? {two} : {other}}", "two")]
    [InlineData("${{$x} != {2} ? {other} : {two}}", "two")]
    [InlineData("${{$x} > {10} ? {big} : {small}}", "small")]
    public void Expands_like_postconf(string value, string expected) =>
        // postconf prints runs of blanks as one space.
        Assert.Equal(expected, System.Text.RegularExpressions.Regex.Replace(PostfixExpander.Expand(value, Lookup), " +", " "));

    [Fact]
    public void A_cycle_is_a_clear_error_naming_the_chain()
    {
        var loop = new Dictionary<string, string> { ["a"] = "$b", ["b"] = "x ${a}" };
        var ex = Assert.Throws<PostfixSyntaxException>(() => PostfixExpander.Expand("${a}", n => loop.TryGetValue(n, out string? v) ? v : null));
        Assert.Contains("$a -> $b -> $a", ex.Message);
    }

    [Theory]
    [InlineData("${x")]
    [InlineData("${x?{a}")]
    public void Unbalanced_braces_are_syntax_errors(string value) =>
        Assert.Throws<PostfixSyntaxException>(() => PostfixExpander.Expand(value, Lookup));

    [Theory]
    [InlineData("3.6", "2", 1)]
    [InlineData("3.10", "3.6", 1)]
    [InlineData("2", "2.0", 0)]
    [InlineData("0", "1", -1)]
    public void Compares_compatibility_levels_numerically(string a, string b, int sign) =>
        Assert.Equal(sign, System.Math.Sign(PostfixExpander.CompareLevel(a, b)));
}
