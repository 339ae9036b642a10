using System;
using System.Collections.Generic;
using System.Net;
using RelayTools.Core.Dns.Spf;

namespace RelayTools.Core.Tests.Dns.Spf;

public class SpfMacroExpanderTests
{
    // RFC 7208 7.4's examples: sender strong-bad@email.example.com, client 192.0.2.3 or 2001:db8::cb01.
    private static string Expand(string macroString, string ip = "192.0.2.3", string helo = "mx.example.org")
    {
        Assert.True(SpfMacroString.TryParse(macroString, SpfMacroPlace.Explanation, out List<SpfMacroToken> tokens, out string error), error);
        return SpfMacroExpander.Expand(tokens, new SpfMacroContext
        {
            Sender = "strong-bad@email.example.com",
            LocalPart = "strong-bad",
            SenderDomain = "email.example.com",
            Domain = "email.example.com",
            Address = IPAddress.Parse(ip),
            HeloName = helo,
            ReceiverName = "mx.receiver.example",
            Now = DateTimeOffset.FromUnixTimeSeconds(1400000000),
            ValidatedName = d => "mail." + d,
        });
    }

    [Theory]
    [InlineData("%{s}", "strong-bad@email.example.com")]
    [InlineData("%{o}", "email.example.com")]
    [InlineData("%{d}", "email.example.com")]
    [InlineData("%{d4}", "email.example.com")]
    [InlineData("%{d3}", "email.example.com")]
    [InlineData("%{d2}", "example.com")]
    [InlineData("%{d1}", "com")]
    [InlineData("%{dr}", "com.example.email")]
    [InlineData("%{d2r}", "example.email")]
    [InlineData("%{l}", "strong-bad")]
    [InlineData("%{l-}", "strong.bad")]
    [InlineData("%{lr}", "strong-bad")]
    [InlineData("%{lr-}", "bad.strong")]
    [InlineData("%{l1r-}", "strong")]
    [InlineData("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com")]
    [InlineData("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com")]
    [InlineData("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com")]
    [InlineData("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com")]
    [InlineData("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net")]
    public void Expands_the_rfc_examples(string macro, string expected) => Assert.Equal(expected, Expand(macro));

    [Fact]
    public void Writes_ipv6_as_dotted_nibbles_for_i_and_compressed_for_c()
    {
        Assert.Equal("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com", Expand("%{ir}.%{v}._spf.%{d2}", "2001:db8::cb01"));
        Assert.Equal("2001:db8::cb01", Expand("%{c}", "2001:db8::cb01"));
        Assert.Equal("192.0.2.3", Expand("%{c}"));
    }

    [Theory]
    [InlineData("%%", "%")]
    [InlineData("%_", " ")]
    [InlineData("%-", "%20")]
    [InlineData("a%%b%_c%-d", "a%b c%20d")]
    [InlineData("%{h}", "mx.example.org")]
    [InlineData("%{r}", "mx.receiver.example")]
    [InlineData("%{t}", "1400000000")]
    [InlineData("%{p}", "mail.email.example.com")]
    [InlineData("%{S}", "strong-bad%40email.example.com")] // upper case URL-escapes
    [InlineData("%{l+-}", "strong.bad")] // several delimiters
    [InlineData("%{d99}", "email.example.com")] // more parts than there are keeps them all
    public void Expands_escapes_letters_and_transformers(string macro, string expected) => Assert.Equal(expected, Expand(macro));

    [Fact]
    public void Url_escapes_everything_outside_the_unreserved_set()
    {
        Assert.Equal("~jack%26jill%3Dup-a_b3.c", SpfMacroExpander.UrlEscape("~jack&jill=up-a_b3.c"));
        Assert.Equal("JUMPIN%27%20JUPITER", SpfMacroExpander.UrlEscape("JUMPIN' JUPITER"));
        Assert.Equal("%C3%A9", SpfMacroExpander.UrlEscape("\u00e9"));
    }

    [Theory]
    [InlineData("%", false, "at the end")]
    [InlineData("%x", false, "not a macro")]
    [InlineData("%(ir)", false, "not a macro")]
    [InlineData("%{}", false, "no macro letter")]
    [InlineData("%{x}", true, "not a macro letter")]
    [InlineData("%{c}", false, "only in explanation")]
    [InlineData("%{t}", false, "only in explanation")]
    [InlineData("%{d0}", false, "must not be 0")]
    [InlineData("%{d2r!}", false, "not a delimiter")]
    [InlineData("a b", false, "space")]
    [InlineData("caf\u00e9", true, "non-ASCII")]
    public void Rejects_bad_macro_strings(string text, bool explanation, string reason)
    {
        SpfMacroPlace place = explanation ? SpfMacroPlace.Explanation : SpfMacroPlace.DomainSpec;
        Assert.False(SpfMacroString.TryParse(text, place, out _, out string error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Explanations_may_hold_spaces_and_the_c_r_t_letters() =>
        Assert.Equal("192.0.2.3 is not one of email.example.com's senders (asked by mx.receiver.example)",
            Expand("%{c} is not one of %{d}'s senders (asked by %{r})"));

    [Fact]
    public void Truncates_expanded_names_from_the_left_to_253_characters()
    {
        string label = new string('a', 60);
        string name = string.Join(".", label, label, label, label, label) + ".example.com.";
        string fitted = SpfDomainName.FitExpanded(name);
        Assert.True(fitted.Length <= 253);
        Assert.EndsWith(".example.com", fitted);
        // Four labels and example.com would be 255 characters: three remain.
        Assert.Equal(string.Join(".", label, label, label) + ".example.com", fitted);
    }
}
