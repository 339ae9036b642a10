using System;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Smtp;

public class ProbeOutcomeClassifierTests
{
    private static SmtpReply Reply(string line) => ReplyLineParser.FromLines([line]);

    [Theory]
    [InlineData("250 2.1.5 Ok", false, SmtpRelayStatus.RelayPermitted, "")]
    [InlineData("251 2.1.5 User not local; will forward", false, SmtpRelayStatus.RelayPermitted, "")]
    [InlineData("250 2.1.5 Ok", true, SmtpRelayStatus.Accepted, "")]
    [InlineData("554 5.7.1 <x@gmail.com>: Relay access denied", false, SmtpRelayStatus.RelayDenied, "no-smtp-auth,auth-requires-starttls,client-not-trusted")]
    [InlineData("454 4.7.1 <x@gmail.com>: Relay access denied", false, SmtpRelayStatus.RelayDenied, "no-smtp-auth,auth-requires-starttls,client-not-trusted")]
    [InlineData("550 5.7.1 Unable to relay", false, SmtpRelayStatus.RelayDenied, "no-smtp-auth,auth-requires-starttls,client-not-trusted")]
    [InlineData("530 5.7.0 Authentication required", false, SmtpRelayStatus.AuthenticationRequired, "auth-requires-starttls,no-smtp-auth,wrong-port")]
    [InlineData("530 5.7.0 Must issue a STARTTLS command first", false, SmtpRelayStatus.EncryptionRequired, "tls-required-not-used,auth-requires-starttls")]
    [InlineData("550 5.1.1 <nobody@lab.test>: Recipient address rejected: User unknown", false, SmtpRelayStatus.RelayDenied, "recipient-unknown")]
    [InlineData("550 5.1.2 <x@nowhere.invalid>: Recipient address rejected: Domain not found", false, SmtpRelayStatus.RelayDenied, "recipient-domain-not-accepted")]
    [InlineData("554 5.7.1 <a@b.example>: Sender address rejected: Access denied", false, SmtpRelayStatus.SenderRejected, "sender-access-denied,sender-domain-unresolvable")]
    [InlineData("451 4.3.0 Temporary lookup failure", false, SmtpRelayStatus.TemporaryFailure, "server-resource-shortage,rate-limited")]
    [InlineData("554 5.7.1 <unknown[127.0.0.7]>: Client host rejected: go away", false, SmtpRelayStatus.RelayDenied, "client-blocklisted,client-not-trusted")]
    [InlineData("450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.7]", false, SmtpRelayStatus.RelayDenied, "client-reverse-dns")]
    public void Recipient_reply_on_a_plain_port25_session_gives_status_and_evidence(string line, bool local, SmtpRelayStatus status, string evidence)
    {
        // Like the lab's port 25 without TLS: STARTTLS offered, AUTH hidden until then (smtpd_tls_auth_only), not authenticated.
        var facts = new ProbeSessionFacts { Port = 25, StartTlsOffered = true, AuthOffered = true, AuthOfferedBeforeTls = false, RecipientIsLocal = local };

        ProbeOutcome outcome = ProbeOutcomeClassifier.ForRecipient(Reply(line), facts);

        Assert.Equal(status, outcome.Status);
        Assert.Equal(evidence, string.Join(",", outcome.Evidence));
    }

    [Fact]
    public void Relay_denied_where_no_auth_is_offered_at_all_points_to_the_wrong_port()
    {
        var facts = new ProbeSessionFacts { Port = 25, Encrypted = true, StartTlsOffered = true };

        ProbeOutcome outcome = ProbeOutcomeClassifier.ForRecipient(Reply("554 5.7.1 <x@gmail.com>: Relay access denied"), facts);

        Assert.Equal(SmtpRelayStatus.RelayDenied, outcome.Status);
        Assert.Equal(["wrong-port", "no-smtp-auth", "client-not-trusted"], outcome.Evidence);
    }

    [Fact]
    public void Relay_denied_after_successful_auth_points_to_restriction_order()
    {
        var facts = new ProbeSessionFacts { Port = 587, Encrypted = true, AuthOffered = true, Authenticated = true };

        ProbeOutcome outcome = ProbeOutcomeClassifier.ForRecipient(Reply("554 5.7.1 <x@gmail.com>: Relay access denied"), facts);

        Assert.Equal("restriction-order", outcome.Evidence[0]);
    }

    [Theory]
    [InlineData("535 5.7.8 Error: authentication failed: (reason unavailable)", SmtpRelayStatus.AuthenticationFailed, "wrong-credentials,sasl-backend-down")]
    [InlineData("454 4.7.0 Temporary authentication failure", SmtpRelayStatus.TemporaryFailure, "sasl-backend-down,wrong-credentials")]
    [InlineData("538 5.7.11 Encryption required for requested authentication mechanism", SmtpRelayStatus.EncryptionRequired, "auth-requires-starttls,tls-required-not-used")]
    [InlineData("503 5.5.1 Error: authentication not enabled", SmtpRelayStatus.AuthenticationFailed, "auth-requires-starttls,sasl-auth-disabled,wrong-port")]
    // Evidence is the one classifier's: the wording's causes (what Resolve-SmtpReply ranks first), then the category's.
    public void Auth_reply_gives_status_and_evidence(string line, SmtpRelayStatus status, string evidence)
    {
        ProbeOutcome outcome = ProbeOutcomeClassifier.ForAuthentication(Reply(line));

        Assert.Equal(status, outcome.Status);
        Assert.Equal(evidence, string.Join(",", outcome.Evidence));
    }

    [Theory]
    [InlineData("553 5.7.1 <a@corp.example>: Sender address rejected: not owned by user labuser", true, SmtpRelayStatus.SenderRejected, "sender-login-mismatch")]
    [InlineData("550 5.1.0 Sender rejected", false, SmtpRelayStatus.SenderRejected, "")]
    [InlineData("530 5.7.0 Authentication required", false, SmtpRelayStatus.AuthenticationRequired, "no-smtp-auth,wrong-port,auth-requires-starttls")]
    [InlineData("421 4.7.0 Try again later", false, SmtpRelayStatus.TemporaryFailure, "rate-limited,server-resource-shortage")]
    [InlineData("503 5.5.1 Error: send HELO/EHLO first", false, SmtpRelayStatus.ProtocolError, "client-protocol-error")]
    public void Sender_reply_gives_status_and_evidence(string line, bool authenticated, SmtpRelayStatus status, string evidence)
    {
        var facts = new ProbeSessionFacts { Port = 587, Encrypted = true, AuthOffered = true, Authenticated = authenticated };

        ProbeOutcome outcome = ProbeOutcomeClassifier.ForSender(Reply(line), facts);

        Assert.Equal(status, outcome.Status);
        Assert.Equal(evidence, string.Join(",", outcome.Evidence));
    }

    [Fact]
    public void Auth_refused_before_the_starttls_the_server_offers_is_encryption_required()
    {
        // Postfix with smtpd_tls_auth_only = yes answers AUTH in clear text with 503 5.5.1.
        var facts = new ProbeSessionFacts { Port = 25, StartTlsOffered = true, AuthOffered = false, AuthOfferedBeforeTls = false };

        ProbeOutcome outcome = ProbeOutcomeClassifier.ForAuthentication(Reply("503 5.5.1 Error: authentication not enabled"), facts);

        Assert.Equal(SmtpRelayStatus.EncryptionRequired, outcome.Status);
        Assert.Equal("auth-requires-starttls", outcome.Evidence[0]);
    }

    [Theory]
    [InlineData("421 4.3.2 Service not available", SmtpRelayStatus.TemporaryFailure)]
    [InlineData("554 5.7.1 You are not welcome here", SmtpRelayStatus.RelayDenied)]
    public void Greeting_that_is_not_220_gives_a_status(string line, SmtpRelayStatus status)
    {
        Assert.Equal(status, ProbeOutcomeClassifier.ForGreeting(Reply(line)).Status);
    }

    [Theory]
    // Postfix 3.7 to a host outside smtpd_authorized_xclient_hosts, and its other XCLIENT answers.
    [InlineData("550 5.7.0 Error: insufficient authorization", SmtpRelayStatus.XclientRefused, "xclient-not-authorized")]
    [InlineData("502 5.5.2 Error: command not recognized", SmtpRelayStatus.XclientRefused, "xclient-not-authorized")]
    [InlineData("501 5.5.4 Bad NAME syntax: -bad-", SmtpRelayStatus.XclientRefused, "client-protocol-error")]
    [InlineData("503 5.5.1 Error: MAIL transaction in progress", SmtpRelayStatus.XclientRefused, "client-protocol-error")]
    [InlineData("421 4.3.0 mail.lab.test Error: too many errors", SmtpRelayStatus.TemporaryFailure, "")]
    // After XCLIENT Postfix re-runs its connection checks as the named client (smtpd_delay_reject = no).
    [InlineData("554 5.7.1 <unknown[192.0.2.7]>: Client host rejected: Access denied", SmtpRelayStatus.RelayDenied, "client-blocklisted")]
    public void Xclient_reply_that_is_not_2xx_gives_status_and_evidence(string line, SmtpRelayStatus status, string evidence)
    {
        ProbeOutcome outcome = ProbeOutcomeClassifier.ForXclient(Reply(line));

        Assert.Equal(status, outcome.Status);
        Assert.Equal(evidence, string.Join(",", outcome.Evidence));
    }

    [Fact]
    public void Xclient_accepted_is_not_classified()
    {
        Assert.Throws<ArgumentException>(() => ProbeOutcomeClassifier.ForXclient(Reply("220 mail.lab.test ESMTP")));
    }
}
