using System;
using System.Linq;
using RelayTools.Core.Diagnosis;

namespace RelayTools.Core.Tests.DiagnosisTests;

public class KnowledgeBaseTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    public static readonly TheoryData<string> ContractCauseIds = new()
    {
        "no-smtp-auth", "client-not-trusted", "auth-requires-starttls", "wrong-port", "sasl-backend-down",
        "restriction-order", "recipient-domain-not-accepted", "firewall-blocked", "dynamic-ip-changed",
        "sender-login-mismatch", "submission-not-enabled", "wrong-credentials", "tls-certificate-invalid",
        "server-unreachable",
    };

    [Theory]
    [MemberData(nameof(ContractCauseIds))]
    public void Every_contract_cause_exists_with_summary_check_and_fix(string id)
    {
        Cause? cause = Kb.FindCause(id);

        Assert.NotNull(cause);
        Assert.Equal(id, cause!.Id);
        Assert.False(string.IsNullOrWhiteSpace(cause.Summary));
        Assert.False(string.IsNullOrWhiteSpace(cause.Check));
        Assert.False(string.IsNullOrWhiteSpace(cause.Fix));
        Assert.NotEmpty(cause.AppliesTo);
    }

    [Fact]
    public void Every_cause_has_generic_advice_and_only_known_mtas()
    {
        foreach (string id in Kb.CauseIds)
        {
            Cause generic = Kb.FindCause(id)!;
            Assert.Null(generic.AdviceFor);
            Assert.All(generic.AppliesTo, a => Assert.True(a == "Any" || KnowledgeBase.KnownMtas.Contains(a), $"{id}: {a}"));
        }
    }

    [Theory]
    [InlineData(FailureCategory.RelayDenied, "no-smtp-auth")]
    [InlineData(FailureCategory.AuthenticationRequired, "no-smtp-auth")]
    [InlineData(FailureCategory.AuthenticationFailed, "wrong-credentials")]
    [InlineData(FailureCategory.EncryptionRequired, "tls-required-not-used")]
    [InlineData(FailureCategory.SenderRejected, "sender-login-mismatch")]
    [InlineData(FailureCategory.RecipientRejected, "recipient-unknown")]
    [InlineData(FailureCategory.ConnectionRefused, "server-unreachable")]
    [InlineData(FailureCategory.TemporaryFailure, "greylisting")]
    [InlineData(FailureCategory.TlsFailed, "tls-certificate-invalid")]
    [InlineData(FailureCategory.ProtocolError, "client-protocol-error")]
    [InlineData(FailureCategory.ClientRejected, "client-blocklisted")]
    [InlineData(FailureCategory.SenderUnauthenticated, "spf-not-authorized")]
    public void Every_failure_category_has_ranked_causes_and_dead_ends(FailureCategory category, string first)
    {
        var diagnosis = Kb.Diagnose(category);

        Assert.Equal(category, diagnosis.Category);
        Assert.Null(diagnosis.Mta);
        Assert.Equal(first, diagnosis.Causes[0].Id);
        Assert.Equal(Enumerable.Range(1, diagnosis.Causes.Length), diagnosis.Causes.Select(c => c.Rank));
        Assert.NotEmpty(diagnosis.DeadEnds);
    }

    [Fact]
    public void Relay_denied_covers_every_cause_of_the_relay_literature()
    {
        string[] ids = Kb.Diagnose(FailureCategory.RelayDenied).Causes.Select(c => c.Id).ToArray();

        Assert.Equal(new[] { "no-smtp-auth", "client-not-trusted" }, ids.Take(2));
        foreach (string id in new[] { "auth-requires-starttls", "wrong-port", "sasl-backend-down", "restriction-order", "recipient-domain-not-accepted", "dynamic-ip-changed", "submission-not-enabled" })
        {
            Assert.Contains(id, ids);
        }
    }

    [Fact]
    public void Relay_denied_dead_ends_warn_against_opening_the_relay_changing_the_sender_and_timeouts()
    {
        string deadEnds = string.Join("\n", Kb.Diagnose(FailureCategory.RelayDenied).DeadEnds);

        Assert.Contains("open relay", deadEnds);
        Assert.Contains("sender", deadEnds);
        Assert.Contains("timeouts", deadEnds);
    }

    [Theory]
    [InlineData("Postfix", "postconf -n mynetworks")]
    [InlineData("Exim", "exim -bh <client-address>")]
    [InlineData("Sendmail", "/etc/mail/access")]
    [InlineData("Exchange", "Get-ReceiveConnector | fl Name,RemoteIPRanges,PermissionGroups")]
    [InlineData("postfix", "postconf -n mynetworks")]
    public void With_an_mta_the_check_is_that_mtas(string mta, string expectedCheck)
    {
        Cause cause = Kb.Diagnose(FailureCategory.RelayDenied, mta).Causes.Single(c => c.Id == "client-not-trusted");

        Assert.Contains(expectedCheck, cause.Check);
        Assert.Equal(KnowledgeBase.NormalizeMta(mta), cause.AdviceFor);
    }

    [Fact]
    public void Postfix_fix_for_an_untrusted_client_gives_the_main_cf_lines()
    {
        Cause cause = Kb.FindCause("client-not-trusted", "Postfix")!;

        Assert.Contains("mynetworks = 127.0.0.0/8", cause.Fix);
        Assert.Contains("permit_mynetworks", cause.Fix);
    }

    [Fact]
    public void Causes_that_do_not_apply_to_the_mta_are_left_out()
    {
        string[] exchange = Kb.Diagnose(FailureCategory.RelayDenied, "Exchange").Causes.Select(c => c.Id).ToArray();
        string[] postfix = Kb.Diagnose(FailureCategory.RelayDenied, "Postfix").Causes.Select(c => c.Id).ToArray();

        Assert.DoesNotContain("restriction-order", exchange);
        Assert.DoesNotContain("sasl-backend-down", exchange);
        Assert.Contains("restriction-order", postfix);
    }

    [Fact]
    public void Preferred_causes_move_to_the_top_in_order_and_ranks_are_renumbered()
    {
        var diagnosis = Kb.Diagnose(FailureCategory.RelayDenied, "Postfix", new[] { "auth-requires-starttls", "no-such-cause", "wrong-port" });

        Assert.Equal(new[] { "auth-requires-starttls", "wrong-port", "no-smtp-auth", "client-not-trusted" }, diagnosis.Causes.Take(4).Select(c => c.Id));
        Assert.Equal(new[] { 1, 2, 3, 4 }, diagnosis.Causes.Take(4).Select(c => c.Rank));
        Assert.Equal(diagnosis.Causes.Length, diagnosis.Causes.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void A_preferred_cause_outside_the_category_is_still_included()
    {
        var diagnosis = Kb.Diagnose(FailureCategory.AuthenticationRequired, null, new[] { "tls-certificate-invalid" });

        Assert.Equal("tls-certificate-invalid", diagnosis.Causes[0].Id);
    }

    [Fact]
    public void Unknown_cause_gives_null_and_other_has_no_causes()
    {
        Assert.Null(Kb.FindCause("does-not-exist"));
        Assert.Empty(Kb.Diagnose(FailureCategory.Other).Causes);
        Assert.Empty(Kb.Diagnose(FailureCategory.Success).Causes);
    }

    [Fact]
    public void Returned_causes_are_copies()
    {
        Kb.FindCause("no-smtp-auth")!.Summary = "changed";

        Assert.NotEqual("changed", Kb.FindCause("no-smtp-auth")!.Summary);
    }

    [Fact]
    public void Default_is_loaded_once()
    {
        Assert.Same(KnowledgeBase.Default, KnowledgeBase.Default);
    }
}
