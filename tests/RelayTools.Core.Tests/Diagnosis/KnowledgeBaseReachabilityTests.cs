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
                Assert.Equal(pattern.Category, info.GetCategory());
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

    [Fact]
    public void Every_mta_specific_advice_is_reachable_through_its_mta()
    {
        foreach (string id in Kb.CauseIds)
        {
            foreach (string mta in KnowledgeBase.KnownMtas)
            {
                Cause cause = Kb.FindCause(id, mta)!;
                Assert.True(cause.AdviceFor is null || cause.AdviceFor == mta, $"{id} for {mta} gave {cause.AdviceFor}");
            }
        }

        // Each MTA gets its own advice for the two causes behind most relay denials.
        foreach (string mta in KnowledgeBase.KnownMtas)
        {
            Assert.Equal(mta, Kb.FindCause("client-not-trusted", mta)!.AdviceFor);
            Assert.Equal(mta, Kb.FindCause("no-smtp-auth", mta)!.AdviceFor);
        }
    }

    [Fact]
    public void Every_check_starts_with_a_command_not_prose()
    {
        foreach (string id in Kb.CauseIds)
        {
            foreach (string? mta in KnowledgeBase.KnownMtas.Concat(new string?[] { null }))
            {
                string check = Kb.FindCause(id, mta)!.Check;
                Assert.Matches(@"^[A-Za-z][\w-]*(\.\w+)? ", check);
                Assert.DoesNotContain("  (", check);
            }
        }
    }

    [Theory]
    [InlineData(7, 30)]
    [InlineData(5, 6)]
    [InlineData(1, 10)]
    [InlineData(2, 4)]
    [InlineData(3, 6)]
    [InlineData(4, 7)]
    [InlineData(6, 10)]
    public void The_registry_has_every_detail_code_of_a_subject(int subject, int lastDetail)
    {
        for (int detail = 0; detail <= lastDetail; detail++)
        {
            foreach (char replyClass in "245")
            {
                string code = $"{replyClass}.{subject}.{detail}";
                string? meaning = Kb.GetStatusMeaning(code);
                Assert.False(string.IsNullOrEmpty(meaning), code);
                Assert.DoesNotContain("unregistered", meaning);
            }
        }
    }

    [Fact]
    public void Every_reply_code_of_the_registry_is_explained_by_the_resolver()
    {
        foreach (int code in Kb.ReplyCodes)
        {
            SmtpReplyInfo info = ReplyResolver.Default.Resolve($"{code} something");
            Assert.Equal(code, info.ReplyCode);
            Assert.Equal(Kb.GetReplyCodeMeaning(code), info.Meaning);
            Assert.False(string.IsNullOrEmpty(info.Meaning));
        }
    }
}
