using System;
using RelayTools.Core.Diagnosis;
using KbDiagnosis = RelayTools.Core.Diagnosis.Diagnosis;

namespace RelayTools.Core.Smtp;

/// <summary>
/// Diagnoses a finished probe with the one <see cref="ReplyClassifier"/>: the deciding reply, the greeting,
/// the session facts and the probe's own evidence, within the probe's context (server, port, client
/// address, sender, recipient), so that Check and Fix name this probe's values.
/// </summary>
public static class ProbeDiagnosis
{
    /// <summary>The category a probe status stands for when no reply (or no known wording) decides it.</summary>
    public static FailureCategory CategoryOf(SmtpRelayStatus status, string? enhancedStatusCode) => status switch
    {
        SmtpRelayStatus.RelayPermitted or SmtpRelayStatus.Accepted => FailureCategory.Success,
        SmtpRelayStatus.RelayDenied when enhancedStatusCode is { } e && e.Length > 3 && e.Substring(1, 3) == ".1." => FailureCategory.RecipientRejected,
        SmtpRelayStatus.RelayDenied => FailureCategory.RelayDenied,
        SmtpRelayStatus.AuthenticationRequired => FailureCategory.AuthenticationRequired,
        SmtpRelayStatus.AuthenticationFailed => FailureCategory.AuthenticationFailed,
        SmtpRelayStatus.EncryptionRequired => FailureCategory.EncryptionRequired,
        SmtpRelayStatus.TlsFailed => FailureCategory.TlsFailed,
        SmtpRelayStatus.SenderRejected => FailureCategory.SenderRejected,
        SmtpRelayStatus.TemporaryFailure => FailureCategory.TemporaryFailure,
        SmtpRelayStatus.ConnectionFailed or SmtpRelayStatus.Timeout => FailureCategory.ConnectionRefused,
        SmtpRelayStatus.ProtocolError => FailureCategory.ProtocolError,
        SmtpRelayStatus.XclientRefused => FailureCategory.ClientRejected,
        _ => FailureCategory.Other,
    };

    /// <summary>What the classifier is told about a finished probe.</summary>
    public static ReplyObservation ObservationOf(SmtpProbeResult result)
    {
        if (result is null) { throw new ArgumentNullException(nameof(result)); }
        bool success = result.Status is SmtpRelayStatus.RelayPermitted or SmtpRelayStatus.Accepted;
        ReplyObservation observation = result.ReplyCode is int code && !success
            ? ReplyObservation.FromReply(code, result.EnhancedStatusCode, result.ReplyText)
            : new ReplyObservation();
        observation.Banner = result.Banner;
        observation.Stage = result.Stage is SmtpProbeStage.Connect or SmtpProbeStage.Done ? null : result.Stage;
        observation.Facts = ProbeSessionFacts.From(result);
        observation.Evidence = result.Evidence ?? [];
        observation.KnownCategory = CategoryOf(result.Status, result.EnhancedStatusCode);
        return observation;
    }

    /// <summary>The probe's values that Check and Fix name.</summary>
    public static DiagnosisContext ContextOf(SmtpProbeResult result)
    {
        if (result is null) { throw new ArgumentNullException(nameof(result)); }
        return new DiagnosisContext
        {
            Server = result.Server,
            Port = result.Port,
            // The client the server judged: the one named in XCLIENT, else the probe's own source.
            ClientAddress = result.ClientAddress ?? result.LocalAddress,
            Sender = result.From,
            Recipient = result.To,
            UserName = result.UserName,
        };
    }

    /// <summary>Diagnoses a finished probe result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static KbDiagnosis For(SmtpProbeResult result) => ReplyClassifier.Default.Classify(ObservationOf(result), ContextOf(result));
}
