using System;
using System.Linq;
using RelayTools.Core.Diagnosis;

namespace RelayTools.Core.Tests.DiagnosisTests;

/// <summary>Every entry of the knowledge base is reachable: no dead data.</summary>
public class KnowledgeBaseReachabilityTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Fact]
    public void Every_cause_is_ranked_by_some_category()
    {
        string[] ranked = Enum.GetValues(typeof(FailureCategory)).Cast<FailureCategory>()
            .SelectMany(c => Kb.Diagnose(c).Causes.Select(x => x.Id)).Distinct().ToArray();

        Assert.Empty(Kb.CauseIds.Except(ranked));
    }

    [Fact]
    public void Every_category_except_success_and_other_has_a_pattern()
    {
        var withPattern = Kb.Patterns.Select(p => p.Category).ToHashSet();

        foreach (FailureCategory category in Enum.GetValues(typeof(FailureCategory)))
        {
            if (category is FailureCategory.Other) { continue; }
            Assert.Contains(category, withPattern);
        }
    }

    [Fact]
    public void Every_pattern_has_a_sample_that_resolves_to_it()
    {
        foreach (ReplyPattern pattern in Kb.Patterns)
        {
            Assert.True(pattern.Samples.Length > 0, $"pattern {pattern.Id} has no sample");
            foreach (string sample in pattern.Samples)
            {
                SmtpReplyInfo info = ReplyResolver.Default.Resolve(sample);
                Assert.True(pattern.Id == info.PatternId, $"sample '{sample}' of {pattern.Id} resolved to {info.PatternId}");
                Assert.Equal(pattern.Category, info.Category);
                if (pattern.CauseIds.Length > 0) { Assert.Equal(pattern.CauseIds[0], info.Causes[0].Id); }
            }
        }
    }

    [Fact]
    public void Pattern_ids_are_unique()
    {
        Assert.Equal(Kb.Patterns.Count, Kb.Patterns.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void Every_registry_status_code_has_a_meaning()
    {
        foreach (string code in Kb.StatusCodes.Where(c => !c.Contains("X.X")))
        {
            string probe = code.Replace("X", "5");
            Assert.False(string.IsNullOrWhiteSpace(Kb.GetStatusMeaning(probe)), code);
        }
    }
}
