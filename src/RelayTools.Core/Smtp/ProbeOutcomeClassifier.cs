using System;

namespace RelayTools.Core.Smtp;

/// <summary>
/// Pure rules that turn a server reply at a given stage, plus what was seen of the session, into a
/// status and evidence (cause ids of the knowledge base).
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

        if (IsAuthRequired(reply))
        {
            return AuthRequired(facts);
        }

        if (IsStartTlsRequired(reply))
        {
            return new ProbeOutcome(SmtpRelayStatus.EncryptionRequired, "auth-requires-starttls");
        }

        if (Contains(reply.Text, "Sender address rejected"))
        {
            // smtpd_delay_reject: sender restrictions answer at RCPT time.
            return new ProbeOutcome(SmtpRelayStatus.SenderRejected, facts.Authenticated ? ["sender-login-mismatch"] : []);
        }

        if (Contains(reply.Text, "Client host rejected"))
        {
            // smtpd_client_restrictions (delayed to RCPT): the client itself is refused, whatever the recipient.
            return Contains(reply.Text, "hostname")
                ? new ProbeOutcome(SmtpRelayStatus.RelayDenied, "client-reverse-dns", "client-blocklisted")
                : new ProbeOutcome(SmtpRelayStatus.RelayDenied, "client-blocklisted", "client-not-trusted");
        }

        if (IsRelayDenial(reply))
        {
            return RelayDenied(facts);
        }

        if (reply.Code / 100 == 4)
        {
            return new ProbeOutcome(SmtpRelayStatus.TemporaryFailure);
        }

        if (reply.Code / 100 == 5)
        {
            // Unknown user, unknown domain, policy: the server refused the recipient.
            return reply.EnhancedStatusCode switch
            {
                "5.1.1" => new ProbeOutcome(SmtpRelayStatus.RelayDenied, "recipient-unknown"),
                { } e when e.StartsWith("5.1.", StringComparison.Ordinal) => new ProbeOutcome(SmtpRelayStatus.RelayDenied, "recipient-domain-not-accepted"),
                _ => RelayDenied(facts),
            };
        }

        return new ProbeOutcome(SmtpRelayStatus.ProtocolError);
    }

    /// <summary>Classifies a reply to MAIL FROM that is not 2xx.</summary>
    public static ProbeOutcome ForSender(SmtpReply reply, ProbeSessionFacts facts)
    {
        if (reply.Code / 100 == 2)
        {
            throw new ArgumentException("MAIL FROM was accepted; there is nothing to classify.", nameof(reply));
        }

        if (IsAuthRequired(reply))
        {
            return AuthRequired(facts);
        }

        if (IsStartTlsRequired(reply))
        {
            return new ProbeOutcome(SmtpRelayStatus.EncryptionRequired, "auth-requires-starttls");
        }

        if (reply.Code / 100 == 4)
        {
            return new ProbeOutcome(SmtpRelayStatus.TemporaryFailure);
        }

        if (reply.Code == 503 || reply.Code == 500 || reply.Code == 501)
        {
            return new ProbeOutcome(SmtpRelayStatus.ProtocolError);
        }

        return facts.Authenticated
            ? new ProbeOutcome(SmtpRelayStatus.SenderRejected, "sender-login-mismatch")
            : new ProbeOutcome(SmtpRelayStatus.SenderRejected);
    }

    /// <summary>Classifies a failed AUTH exchange by its final reply.</summary>
    public static ProbeOutcome ForAuthentication(SmtpReply? reply)
    {
        if (reply is null)
        {
            return new ProbeOutcome(SmtpRelayStatus.AuthenticationFailed, "wrong-credentials");
        }

        if (reply.Code == 454 || (reply.Code / 100 == 4 && reply.EnhancedStatusCode == "4.7.0"))
        {
            return new ProbeOutcome(SmtpRelayStatus.TemporaryFailure, "sasl-backend-down");
        }

        if (reply.Code / 100 == 4)
        {
            return new ProbeOutcome(SmtpRelayStatus.TemporaryFailure);
        }

        if (reply.Code == 538 || (reply.Code == 530 && Contains(reply.Text, "TLS")))
        {
            return new ProbeOutcome(SmtpRelayStatus.EncryptionRequired, "auth-requires-starttls");
        }

        if (reply.Code == 503 || reply.Code == 502 || reply.Code == 504)
        {
            // AUTH not enabled / not supported / mechanism unknown.
            return new ProbeOutcome(SmtpRelayStatus.AuthenticationFailed, "wrong-port", "submission-not-enabled");
        }

        return new ProbeOutcome(SmtpRelayStatus.AuthenticationFailed, "wrong-credentials");
    }

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

        if (reply.Code is 550 or 500 or 502 || Contains(reply.Text, "authoriz"))
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
    public static ProbeOutcome ForGreeting(SmtpReply reply) =>
        reply.Code / 100 == 4
            ? new ProbeOutcome(SmtpRelayStatus.TemporaryFailure, "server-unreachable")
            : reply.Code / 100 == 5
                ? new ProbeOutcome(SmtpRelayStatus.RelayDenied, "client-blocklisted", "client-not-trusted")
                : new ProbeOutcome(SmtpRelayStatus.ProtocolError);

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

    private static ProbeOutcome AuthRequired(ProbeSessionFacts facts) =>
        !facts.Encrypted && facts.StartTlsOffered && !facts.AuthOfferedBeforeTls
            ? new ProbeOutcome(SmtpRelayStatus.AuthenticationRequired, "auth-requires-starttls", "no-smtp-auth")
            : new ProbeOutcome(SmtpRelayStatus.AuthenticationRequired, "no-smtp-auth");

    private static ProbeOutcome RelayDenied(ProbeSessionFacts facts)
    {
        if (facts.Authenticated)
        {
            // Authenticated and still refused: a restriction list that rejects before it permits.
            return new ProbeOutcome(SmtpRelayStatus.RelayDenied, "restriction-order", "recipient-domain-not-accepted", "sender-login-mismatch");
        }

        if (!facts.AuthOffered && !facts.AuthOfferedBeforeTls)
        {
            // No AUTH at all on this port: the client should be using submission (587/465).
            return new ProbeOutcome(SmtpRelayStatus.RelayDenied, "wrong-port", "no-smtp-auth", "client-not-trusted");
        }

        return !facts.Encrypted && facts.StartTlsOffered && !facts.AuthOfferedBeforeTls
            ? new ProbeOutcome(SmtpRelayStatus.RelayDenied, "no-smtp-auth", "auth-requires-starttls", "client-not-trusted")
            : new ProbeOutcome(SmtpRelayStatus.RelayDenied, "no-smtp-auth", "client-not-trusted");
    }

    private static bool IsRelayDenial(SmtpReply reply) =>
        Contains(reply.Text, "relay") || reply.EnhancedStatusCode is "5.7.1" or "4.7.1" or "5.7.0";

    private static bool IsAuthRequired(SmtpReply reply) =>
        reply.Code == 530 && !Contains(reply.Text, "STARTTLS") || (reply.Code / 100 == 5 && Contains(reply.Text, "authentication required"));

    private static bool IsStartTlsRequired(SmtpReply reply) =>
        reply.Code / 100 == 5 && Contains(reply.Text, "STARTTLS");

    private static bool Contains(string text, string value) => text.IndexOf(value, StringComparison.OrdinalIgnoreCase) >= 0;
}
