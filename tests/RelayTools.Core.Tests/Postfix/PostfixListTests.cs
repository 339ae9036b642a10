using RelayTools.Core.Postfix;

namespace RelayTools.Core.Tests.Postfix;

public class PostfixListTests
{
    [Theory]
    [InlineData("permit_mynetworks, permit_sasl_authenticated,reject_unauth_destination", new[] { "permit_mynetworks", "permit_sasl_authenticated", "reject_unauth_destination" })]
    [InlineData("  a \t b,,c\n d ", new[] { "a", "b", "c", "d" })]
    [InlineData("check_policy_service { inet:127.0.0.1:10023, default_action=DUNNO }, permit", new[] { "check_policy_service", "inet:127.0.0.1:10023, default_action=DUNNO", "permit" })]
    [InlineData("inline:{ a=b, c=d } x", new[] { "inline:{ a=b, c=d }", "x" })]
    [InlineData("", new string[0])]
    public void Splits_on_commas_and_whitespace_keeping_braced_groups(string value, string[] expected) =>
        Assert.Equal(expected, PostfixList.Split(value));

    [Theory]
    [InlineData("a, { b c", "missing '}'")]
    [InlineData("a } b", "unexpected '}'")]
    public void Unbalanced_braces_are_reported(string value, string problem)
    {
        Assert.Equal(problem, PostfixList.CheckBraces(value));
        Assert.Throws<PostfixSyntaxException>(() => PostfixList.Split(value));
    }
}
