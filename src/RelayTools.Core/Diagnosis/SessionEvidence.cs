using RelayTools.Core.Smtp;

namespace RelayTools.Core.Diagnosis;

/// <summary>
/// The classifier's rules for what the session itself shows: the category a stage gives a reply whose
/// wording is unknown, and the causes that TLS, the AUTH offered and a successful login point to.
/// </summary>
internal static class SessionEvidence
{
    /// <summary>The category of a reply with unknown wording at <paramref name="stage"/>, with the causes that stage points to; null when the stage says nothing.</summary>
    public static (FailureCategory Category, string[] Causes)? ForStage(SmtpProbeStage? stage, int? replyCode)
    {
        int replyClass = (replyCode ?? 0) / 100;
        if (replyClass is not (4 or 5)) { return null; }
        bool transient = replyClass == 4;
        return stage switch
        {
            // Refused at the greeting: for who the client is, not for where the mail goes.
            SmtpProbeStage.Greeting => transient ? (FailureCategory.TemporaryFailure, []) : (FailureCategory.ClientRejected, ["client-blocklisted", "client-not-trusted"]),
            // Refused after XCLIENT named another client: that client is refused, or this host may not use XCLIENT.
            SmtpProbeStage.Xclient => transient ? (FailureCategory.TemporaryFailure, []) : (FailureCategory.ClientRejected, ["xclient-not-authorized", "client-not-trusted"]),
            SmtpProbeStage.StartTls => transient ? (FailureCategory.TemporaryFailure, []) : (FailureCategory.TlsFailed, []),
            SmtpProbeStage.Auth => transient ? (FailureCategory.TemporaryFailure, []) : (FailureCategory.AuthenticationFailed, []),
            SmtpProbeStage.MailFrom => transient ? (FailureCategory.TemporaryFailure, []) : (FailureCategory.SenderRejected, []),
            // A refused external recipient is a relay refusal until the wording says otherwise.
            SmtpProbeStage.RcptTo => transient ? (FailureCategory.TemporaryFailure, []) : (FailureCategory.RelayDenied, []),
            _ => null,
        };
    }

    /// <summary>
    /// What the session facts say about a reply of <paramref name="category"/>: a more precise category (AUTH
    /// refused before a STARTTLS the server offered is an encryption problem) and the causes they point to.
    /// </summary>
    public static (FailureCategory Category, string[] Causes) ForFacts(FailureCategory category, SmtpProbeStage? stage, ProbeSessionFacts? facts)
    {
        if (facts is null) { return (category, []); }
        bool authHiddenUntilTls = !facts.Encrypted && facts.StartTlsOffered && !facts.AuthOfferedBeforeTls;
        switch (category)
        {
            case FailureCategory.AuthenticationFailed or FailureCategory.ProtocolError when stage == SmtpProbeStage.Auth && authHiddenUntilTls:
                return (FailureCategory.EncryptionRequired, ["auth-requires-starttls"]);
            case FailureCategory.RelayDenied when facts.Authenticated:
                // Authenticated and still refused: a restriction list that rejects before it permits.
                return (category, ["restriction-order", "recipient-domain-not-accepted", "sender-login-mismatch"]);
            case FailureCategory.RelayDenied when !facts.AuthOffered && !facts.AuthOfferedBeforeTls:
                // No AUTH at all on this port: the client should be using submission (587/465).
                return (category, ["wrong-port", "no-smtp-auth", "client-not-trusted"]);
            case FailureCategory.RelayDenied when authHiddenUntilTls:
                return (category, ["no-smtp-auth", "auth-requires-starttls", "client-not-trusted"]);
            case FailureCategory.AuthenticationRequired when authHiddenUntilTls:
                return (category, ["auth-requires-starttls", "no-smtp-auth"]);
            case FailureCategory.SenderRejected when facts.Authenticated:
                return (category, ["sender-login-mismatch"]);
            default:
                return (category, []);
        }
    }
}
