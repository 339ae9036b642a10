using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using RelayTools.Core.Dns.Spf;

namespace RelayTools.Core.Tests.Dns.Spf;

/// <summary>The RFC 7208 test suite's cases (Rfc7208Suite.txt), each one a test.</summary>
public class Rfc7208SuiteTests
{
    public static IEnumerable<object[]> CaseNames => Rfc7208Suite.Cases.Select(c => new object[] { c.Name });

    // Cases whose explanation this code writes differently from the suite, and why; the result is still checked exactly.
    private static readonly Dictionary<string, string> ExplanationCaseDiffers = new()
    {
        // The suite expects the %{ir} nibbles in upper case, as its driver received the address ("CAFE:BABE::1");
        // RFC 7208 7.4's own example writes them in lower case, and so does this code. DNS names ignore case.
        ["v-macro-ip6"] = "upper-case nibbles in the suite",
    };

    internal static SpfCheckResult Run(Rfc7208Case c) =>
        SpfEvaluator.CheckHost(IPAddress.Parse(c.Host), null, c.MailFrom, c.Helo, c.Resolver(),
            new SpfEvaluationOptions { Now = new DateTimeOffset(2014, 4, 1, 0, 0, 0, TimeSpan.Zero) });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case(string name)
    {
        Rfc7208Case c = Rfc7208Suite.Case(name);
        SpfCheckResult r = Run(c);
        string got = r.Result.ToString().ToLowerInvariant();
        Assert.True(c.Results.Contains(got),
            $"{c.Name} (RFC 7208 {c.Section}): expected {string.Join(" or ", c.Results)}, got {got}\n{r}\n" + string.Join("\n", r.Path.Select(s => s.ToString())));
        if (c.Explanation == null) return;
        if (ExplanationCaseDiffers.ContainsKey(c.Name))
        {
            Assert.Equal(c.Explanation, r.Explanation, ignoreCase: true);
            return;
        }
        Assert.Equal(c.Explanation, r.Explanation);
    }

    [Fact]
    public void The_fixture_holds_every_case_of_the_suite()
    {
        Assert.Equal(203, Rfc7208Suite.Cases.Count);
        Assert.Equal(Rfc7208Suite.Cases.Count, Rfc7208Suite.Cases.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Gives_the_preferred_result_where_the_suite_allows_two()
    {
        // Where the suite accepts two results, the first is the one it prefers; this code gives it in every case.
        string[] alternatives = Rfc7208Suite.Cases
            .Where(c => c.Results.Length > 1)
            .Where(c => Run(c).Result.ToString().ToLowerInvariant() != c.Results[0])
            .Select(c => c.Name)
            .ToArray();
        Assert.Empty(alternatives);
    }
}
