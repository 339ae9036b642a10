using System.Linq;
using RelayTools.Core.Diagnosis;
using RelayTools.Core.Logs;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.DiagnosisTests;

/// <summary>Check and Fix name this case's client address, server, port and domains, and read as placeholders when they are not known.</summary>
public class CaseAdviceTests
{
    private static readonly DiagnosisContext Case = new()
    {
        Server = "mx.corp.example",
        Port = 25,
        ClientAddress = "10.1.2.3",
        Recipient = "x@gmail.com",
        Sender = "app@corp.example",
        UserName = "app@corp.example",
    };

    [Fact]
    public void The_sendmail_ip_name_lookup_refusal_points_to_reverse_dns_and_the_access_db_entry_by_address()
    {
        RelayTools.Core.Diagnosis.Diagnosis diagnosis = ReplyClassifier.Default.Classify("550 5.7.1 <x@gmail.com>... Relaying denied. IP name lookup failed [10.1.2.3]", Case);

        Assert.Equal("Sendmail", diagnosis.Mta);
        Assert.Equal("client-reverse-dns", diagnosis.Causes[0].Id);
        Assert.Equal("dig +short -x 10.1.2.3", diagnosis.Causes[0].Check);
        Assert.Contains("'Connect:10.1.2.3 RELAY'", diagnosis.Causes[0].Fix);
        Assert.DoesNotContain(diagnosis.Causes.Take(2), c => c.Id == "wrong-port");
    }

    [Fact]
    public void Even_with_a_port_25_session_without_auth_the_sendmail_wording_keeps_reverse_dns_first()
    {
        ReplyObservation observation = ReplyObservation.FromReply(550, "5.7.1", "<x@gmail.com>... Relaying denied. IP name lookup failed [10.1.2.3]");
        observation.Stage = SmtpProbeStage.RcptTo;
        observation.Facts = new ProbeSessionFacts { Port = 25 };

        RelayTools.Core.Diagnosis.Diagnosis diagnosis = ReplyClassifier.Default.Classify(observation, Case);

        Assert.Equal("client-reverse-dns", diagnosis.Causes[0].Id);
        Assert.Equal("wrong-port", diagnosis.Causes[1].Id);
    }

    [Theory]
    [InlineData("Postfix", "client-not-trusted", "Fix", "mynetworks = 127.0.0.0/8 [::1]/128 10.1.2.3/32")]
    [InlineData("Exim", "client-not-trusted", "Check", "exim -bh 10.1.2.3")]
    [InlineData("Sendmail", "client-not-trusted", "Fix", "'Connect:10.1.2.3 RELAY'")]
    [InlineData("Exchange", "client-not-trusted", "Fix", "-RemoteIPRanges 10.1.2.3")]
    [InlineData("qmail", "client-not-trusted", "Fix", "10.1.2.3:allow,RELAYCLIENT")]
    [InlineData("Gmail", "client-not-trusted", "Fix", "add 10.1.2.3 to the allowed IP addresses")]
    [InlineData("Exchange", "recipient-domain-not-accepted", "Fix", "New-AcceptedDomain -Name gmail.com -DomainName gmail.com")]
    [InlineData("Postfix", "firewall-blocked", "Check", "nc -vz mx.corp.example 25")]
    [InlineData("Postfix", "sender-login-mismatch", "Fix", "'app@corp.example app@corp.example'")]
    [InlineData(null, "client-blocklisted", "Check", "Resolve-DnsName 3.2.1.10.zen.spamhaus.org")]
    [InlineData(null, "sender-domain-unresolvable", "Check", "Resolve-DnsName corp.example -Type MX")]
    [InlineData("Microsoft365", "smtp-auth-disabled", "Check", "Get-CASMailbox app@corp.example")]
    public void Check_and_fix_name_the_case(string? mta, string cause, string field, string expected)
    {
        Cause found = KnowledgeBase.Default.FindCause(cause, mta, Case)!;

        Assert.Contains(expected, field == "Check" ? found.Check : found.Fix);
    }

    [Fact]
    public void Without_a_context_the_advice_reads_as_named_placeholders()
    {
        Cause cause = KnowledgeBase.Default.FindCause("client-not-trusted", "Sendmail")!;

        Assert.Equal("makemap -u hash /etc/mail/access | grep <client-address>", cause.Check);
        Assert.Contains("'Connect:<client-address> RELAY'", cause.Fix);
    }

    [Fact]
    public void No_advice_keeps_a_placeholder_brace_or_a_documentation_address_when_the_case_is_known()
    {
        foreach (string id in KnowledgeBase.Default.CauseIds)
        {
            foreach (string? mta in KnowledgeBase.KnownMtas.Concat(new string?[] { null }))
            {
                Cause cause = KnowledgeBase.Default.FindCause(id, mta, Case)!;
                foreach (string text in new[] { cause.Check, cause.Fix })
                {
                    Assert.DoesNotMatch(@"\{[A-Z][A-Za-z]+\}", text);
                    Assert.DoesNotContain("192.0.2.", text);
                    Assert.DoesNotContain("198.51.100.", text);
                    Assert.DoesNotContain("mx.example.com", text);
                    Assert.DoesNotContain("<client-address>", text);
                }
            }
        }
    }

    [Theory]
    [InlineData("2001:db8::25", "{ClientCidr}", "[2001:db8::25]/128")]
    [InlineData("[IPv6:2001:db8::25]", "{ClientAddress}", "2001:db8::25")]
    [InlineData("::ffff:10.1.2.3", "{ClientAddress}", "10.1.2.3")]
    [InlineData("2001:db8::1", "{ClientAddressReversed}", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2")]
    [InlineData("not an address", "{ClientAddress}", "<client-address>")]
    public void Client_addresses_are_written_the_way_each_form_needs(string address, string template, string expected)
    {
        Assert.Equal(expected, AdviceText.Fill(template, new DiagnosisContext { ClientAddress = address }));
    }

    [Fact]
    public void The_probe_names_its_own_server_port_and_source_address()
    {
        var result = new SmtpProbeResult
        {
            Server = "mx.corp.example",
            Port = 25,
            LocalAddress = "10.1.2.3",
            From = "app@corp.example",
            To = "x@gmail.com",
            Banner = "mx.corp.example ESMTP Exim 4.96",
            Stage = SmtpProbeStage.RcptTo,
            Status = SmtpRelayStatus.RelayDenied,
            ReplyCode = 550,
            ReplyText = "relay not permitted",
            Evidence = ["client-not-trusted", "no-smtp-auth"],
        };

        RelayTools.Core.Diagnosis.Diagnosis diagnosis = ProbeDiagnosis.For(result);

        Assert.Equal("Exim", diagnosis.Mta);
        Assert.Equal("exim -bh 10.1.2.3", diagnosis.Causes.Single(c => c.Id == "client-not-trusted").Check);
    }

    [Fact]
    public void A_log_record_names_its_client_and_recipient()
    {
        var record = new RelayRejection
        {
            Mta = "Postfix",
            Host = "mx.corp.example",
            ClientAddress = "10.1.2.3",
            Recipient = "x@gmail.com",
            Sender = "app@corp.example",
            ReplyCode = 554,
            EnhancedStatusCode = "5.7.1",
            Reason = "Relay access denied",
        };

        RelayTools.Core.Diagnosis.Diagnosis diagnosis = RejectionDiagnosis.For(record);

        Assert.Equal("no-smtp-auth", diagnosis.Causes[0].Id);
        Assert.Contains("10.1.2.3/32", diagnosis.Causes.Single(c => c.Id == "client-not-trusted").Fix);
    }
}
