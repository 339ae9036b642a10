using System;
using RelayTools.Core.Diagnosis;

namespace RelayTools.Core.Smtp;

/// <summary>
/// Turns a server reply at a given stage, plus what was seen of the session, into the probe's status and
/// evidence. The reply itself is classified by the one <see cref="ReplyClassifier"/> (the same verdict
/// Resolve-SmtpReply gives); this class only says what that category means for the probe's status.
/// </summary>
public static class ProbeOutcomeClassifier
{
    /// <summary>Classifies the reply to RCPT TO.</summary>
    public static ProbeOutcome ForRecipient(SmtpReply reply, ProbeSessionFacts facts)
    {
        if (reply.Code == 250 || reply.Code == 251)
        {
            return new ProbeOutcome(facts.RecipientIsLocal ? SmtpRelayStatus.Accepted : SmtpRelayStatus.RelayPermitted);
        }

        return Classify(reply, SmtpProbeStage.RcptTo, facts);
    }

    /// <summary>Classifies a reply to MAIL FROM that is not 2xx.</summary>
    /// <exception cref="ArgumentException">The reply is a 2xx.</exception>
    public static ProbeOutcome ForSender(SmtpReply reply, ProbeSessionFacts facts)
    {
        if (reply.Code / 100 == 2)
        {
            throw new ArgumentException("MAIL FROM was accepted; there is nothing to classify.", nameof(reply));
        }

        return Classify(reply, SmtpProbeStage.MailFrom, facts);
    }

    /// <summary>Classifies a failed AUTH exchange by its final reply (null when the exchange ended without one).</summary>
    public static ProbeOutcome ForAuthentication(SmtpReply? reply, ProbeSessionFacts? facts = null) =>
        reply is null
            ? new ProbeOutcome(SmtpRelayStatus.AuthenticationFailed, "wrong-credentials")
            : Classify(reply, SmtpProbeStage.Auth, facts);

    /// <summary>
    /// Classifies a reply to XCLIENT that is not 2xx. Postfix: <c>550 5.7.0 Error: insufficient
    /// authorization</c> for a host outside smtpd_authorized_xclient_hosts, 501 for a value it refuses, 421
    /// when it gives up; any other 5xx is a connection-level refusal of the client XCLIENT named.
    /// </summary>
    public static ProbeOutcome ForXclient(SmtpReply reply)
    {
        if (reply.Code / 100 == 2)
        {
            throw new ArgumentException("XCLIENT was accepted; there is nothing to classify.", nameof(reply));
        }

        if (reply.Code / 100 == 4)
        {
            return new ProbeOutcome(SmtpRelayStatus.TemporaryFailure);
        }

        if (reply.Code is 550 or 500 or 502 || reply.Text.IndexOf("authoriz", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return new ProbeOutcome(SmtpRelayStatus.XclientRefused, "xclient-not-authorized");
        }

        if (reply.Code is 501 or 503 or 504)
        {
            return new ProbeOutcome(SmtpRelayStatus.XclientRefused, "client-protocol-error");
        }

        // Postfix re-runs its connection checks as the new client: this is that client refused.
        return reply.Code / 100 == 5 ? ForGreeting(reply) : new ProbeOutcome(SmtpRelayStatus.ProtocolError);
    }

    /// <summary>Classifies a greeting that is not 220 (a 421 or 554 instead of a welcome).</summary>
    public static ProbeOutcome ForGreeting(SmtpReply reply) => Classify(reply, SmtpProbeStage.Greeting, null);

    /// <summary>True when a domain is the server's own: the same as, or a parent of, the name it announces.</summary>
    public static bool IsServerDomain(string? recipientDomain, string? serverName)
    {
        if (string.IsNullOrEmpty(recipientDomain) || string.IsNullOrEmpty(serverName))
        {
            return false;
        }

        string domain = recipientDomain!.TrimEnd('.').ToLowerInvariant();
        string name = serverName!.TrimEnd('.').ToLowerInvariant();
        return name == domain || (name.EndsWith("." + domain, StringComparison.Ordinal) && domain.IndexOf('.') > 0);
    }

    /// <summary>The probe status a reply category stands for at <paramref name="stage"/>.</summary>
    public static SmtpRelayStatus StatusOf(FailureCategory category, SmtpProbeStage stage, int replyCode)
    {
        bool transient = replyCode / 100 == 4;
        return category switch
        {
            FailureCategory.RelayDenied or FailureCategory.RecipientRejected or FailureCategory.ClientRejected => SmtpRelayStatus.RelayDenied,
            FailureCategory.AuthenticationRequired => SmtpRelayStatus.AuthenticationRequired,
            FailureCategory.AuthenticationFailed => transient ? SmtpRelayStatus.TemporaryFailure : SmtpRelayStatus.AuthenticationFailed,
            FailureCategory.EncryptionRequired => SmtpRelayStatus.EncryptionRequired,
            FailureCategory.TlsFailed => SmtpRelayStatus.TlsFailed,
            FailureCategory.SenderRejected => SmtpRelayStatus.SenderRejected,
            // SPF, DKIM or DMARC refused at MAIL FROM, RCPT TO or DATA: the sender is refused, not the relaying.
            FailureCategory.SenderUnauthenticated => transient ? SmtpRelayStatus.TemporaryFailure : SmtpRelayStatus.SenderRejected,
            FailureCategory.TemporaryFailure => SmtpRelayStatus.TemporaryFailure,
            FailureCategory.ProtocolError when stage == SmtpProbeStage.Auth => SmtpRelayStatus.AuthenticationFailed,
            FailureCategory.ProtocolError => SmtpRelayStatus.ProtocolError,
            _ when transient => SmtpRelayStatus.TemporaryFailure,
            _ when replyCode / 100 == 5 && stage == SmtpProbeStage.MailFrom => SmtpRelayStatus.SenderRejected,
            _ when replyCode / 100 == 5 && stage == SmtpProbeStage.Auth => SmtpRelayStatus.AuthenticationFailed,
            _ when replyCode / 100 == 5 => SmtpRelayStatus.RelayDenied,
            _ => SmtpRelayStatus.ProtocolError,
        };
    }

    private static ProbeOutcome Classify(SmtpReply reply, SmtpProbeStage stage, ProbeSessionFacts? facts)
    {
        ReplyObservation observation = ReplyObservation.FromReply(reply.Code, reply.EnhancedStatusCode, reply.Text);
        observation.Stage = stage;
        observation.Facts = facts;
        ReplyClassifier.Classification verdict = ReplyClassifier.Default.ClassifyCore(observation, null);
        return new ProbeOutcome(StatusOf(verdict.Category, stage, reply.Code), verdict.CauseIds);
    }
}
