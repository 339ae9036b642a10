using System.Net;
using RelayTools.Core.Exim;

namespace RelayTools.Core.Tests.Exim;

public class EximListMatcherTests
{
    static EximMatchContext Ctx(string config = "") => new()
    {
        Config = EximConfigReader.ReadText(config, "cfg", _ => null),
        PrimaryHostname = "mx.lab.test",
        LocalAddresses = [IPAddress.Parse("127.0.0.1"), IPAddress.Parse("192.0.2.2")],
        ReadFile = p => p switch { "/l/hosts" => "# comment\n10.5.0.0/16\n", "/l/net" => "10.9.0.0/16 yes\n127.0.0.5\n", _ => null },
    };

    [Theory]
    [InlineData("10.0.0.0/8 : 127.0.0.5", "10.1.2.3", EximMatch.Yes)]
    [InlineData("10.0.0.0/8 : 127.0.0.5", "11.1.2.3", EximMatch.No)]
    [InlineData("!10.9.0.0/16 : 10.0.0.0/8", "10.9.1.1", EximMatch.No)]
    [InlineData("!10.9.0.0/16 : 10.0.0.0/8", "10.8.1.1", EximMatch.Yes)]
    [InlineData("!198.51.100.0/24", "10.8.1.1", EximMatch.Yes)] // a list ending with a negated item includes the rest
    [InlineData("<; 2001:db8::/32 ; 10.0.0.0/8", "2001:db8::5", EximMatch.Yes)]
    [InlineData("127.0.0.1 : ::::1", "::1", EximMatch.Yes)] // a doubled colon is a colon
    [InlineData("*", "203.0.113.9", EximMatch.Yes)]
    [InlineData(":", "203.0.113.9", EximMatch.No)] // the empty item matches only local senders
    [InlineData("", "203.0.113.9", EximMatch.No)]
    [InlineData("@[]", "192.0.2.2", EximMatch.Yes)]
    [InlineData("@[]", "192.0.2.3", EximMatch.No)]
    [InlineData("localhost", "127.0.0.1", EximMatch.Yes)]
    [InlineData("/l/hosts", "10.5.1.1", EximMatch.Yes)]
    [InlineData("/l/missing", "10.5.1.1", EximMatch.Unknown)]
    [InlineData("net16-lsearch;/l/net", "10.9.3.3", EximMatch.Yes)]
    [InlineData("net-lsearch;/l/net", "127.0.0.5", EximMatch.Yes)]
    [InlineData("iplsearch;/l/net", "10.9.3.3", EximMatch.Unknown)] // without net- the key is the host name
    [InlineData("*.corp.example", "10.1.1.1", EximMatch.Unknown)]
    [InlineData("mail.example.com", "10.1.1.1", EximMatch.Unknown)] // a name is looked up in DNS
    [InlineData("10.1.1.1 : mail.example.com", "10.1.1.1", EximMatch.Yes)]
    [InlineData("${if exists{/nonexistent}{10.0.0.0/8}{}}", "10.1.1.1", EximMatch.No)]
    public void Host_lists(string list, string ip, EximMatch expected) =>
        Assert.Equal(expected, EximListMatcher.MatchHost(list, IPAddress.Parse(ip), Ctx()).Match);

    [Theory]
    [InlineData("@ : lab.test", "mx.lab.test", EximMatch.Yes)]
    [InlineData("@ : lab.test", "LAB.test", EximMatch.Yes)]
    [InlineData("*.relay.test", "a.relay.test", EximMatch.Yes)]
    [InlineData("*.relay.test", "relay.test", EximMatch.No)]
    [InlineData("*relay.test", "relay.test", EximMatch.Yes)]
    [InlineData("!bad.partner.test : *.partner.test", "bad.partner.test", EximMatch.No)]
    [InlineData("!bad.partner.test : *.partner.test", "ok.partner.test", EximMatch.Yes)]
    [InlineData("\\N^lab\\.test$\\N", "lab.test", EximMatch.Yes)] // \N...\N keeps the regex from expansion
    [InlineData("^lab\\\\.test", "labxtest", EximMatch.No)] // backslashes are expansion escapes first
    [InlineData("^lab\\\\.test", "lab.test", EximMatch.Yes)]
    [InlineData("^lab\\.test$", "lab.test", EximMatch.Defer)] // a trailing $ fails to expand: Exim defers (seen with exim -bh)
    [InlineData("@mx_any", "x.test", EximMatch.Unknown)]
    [InlineData("@[]", "[192.0.2.2]", EximMatch.Yes)]
    [InlineData("+local_domains", "lab.test", EximMatch.Yes)]
    [InlineData("+missing", "lab.test", EximMatch.Unknown)]
    [InlineData("^lab\\.test$ : x", "lab.test", EximMatch.Defer)] // "$ " fails to expand: Exim defers
    public void Domain_lists(string list, string domain, EximMatch expected) =>
        Assert.Equal(expected, EximListMatcher.MatchDomain(list, domain, Ctx("domainlist local_domains = lab.test\n")).Match);

    [Theory]
    [InlineData(":", "", EximMatch.Yes)] // the null sender
    [InlineData(":", "a@b.test", EximMatch.No)]
    [InlineData("*@spam.test", "x@spam.test", EximMatch.Yes)]
    [InlineData("spam.test", "x@spam.test", EximMatch.Yes)] // no @: a domain pattern for the domain part
    [InlineData("boss@corp.test", "Boss@corp.test", EximMatch.Yes)]
    [InlineData("\\N^.*@(a|b)\\.test$\\N", "x@b.test", EximMatch.Yes)]
    public void Address_lists(string list, string address, EximMatch expected) =>
        Assert.Equal(expected, EximListMatcher.MatchAddress(list, address, Ctx()).Match);

    [Theory]
    [InlineData("a : b : c", new[] { "a", "b", "c" })]
    [InlineData("<; 1::2 ; 3", new[] { "1::2", "3" })]
    [InlineData("a::b : c", new[] { "a:b", "c" })]
    [InlineData(":", new[] { "" })]
    [InlineData("a :", new[] { "a" })]
    public void Lists_split_on_their_separator(string list, string[] items) =>
        Assert.Equal(items, EximListMatcher.Split(list).ToArray());
}
