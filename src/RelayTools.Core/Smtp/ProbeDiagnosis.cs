using System;
using System.Collections.Generic;
using RelayTools.Core.Diagnosis;
using KbDiagnosis = RelayTools.Core.Diagnosis.Diagnosis;

namespace RelayTools.Core.Smtp;

/// <summary>
/// Asks the knowledge base about a probe's outcome: the status becomes a failure category, the
/// evidence the probe saw becomes the preferred causes, and the MTA is recognised from the greeting or
/// from the wording of the deciding reply.
/// </summary>
public static class ProbeDiagnosis
{
    /// <summary>The knowledge-base category of a probe status.</summary>
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
        // Refused for who the client host is: it may not speak for other clients.
        SmtpRelayStatus.XclientRefused => FailureCategory.ClientRejected,
        _ => FailureCategory.Other,
    };

    /// <summary>The MTA named in a greeting or EHLO text (Postfix, Exim, Sendmail, Exchange, Microsoft365), or null.</summary>
    public static string? MtaFromBanner(string? banner)
    {
        string text = banner ?? "";
        if (Has(text, "outlook.com") || Has(text, "protection.outlook"))
        {
            return "Microsoft365";
        }

        if (Has(text, "Microsoft ESMTP MAIL Service") || Has(text, "Microsoft Exchange"))
        {
            return "Exchange";
        }

        foreach (string mta in new[] { "Postfix", "Exim", "Sendmail", "qmail" })
        {
            if (Has(text, mta))
            {
                return mta;
            }
        }

        return null;
    }

    /// <summary>Diagnoses a finished probe result.</summary>
    public static KbDiagnosis For(SmtpProbeResult result)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        string? mta = MtaFromBanner(result.Banner);
        if (mta is null && result.ReplyCode is int code && !string.IsNullOrEmpty(result.ReplyText))
        {
            string reply = code + (result.EnhancedStatusCode is null ? "" : " " + result.EnhancedStatusCode) + " " + result.ReplyText!.Replace('\n', ' ');
            mta = ReplyResolver.Default.Resolve(reply).Mta;
        }

        FailureCategory category = CategoryOf(result.Status, result.EnhancedStatusCode);
        if (result.Status == SmtpRelayStatus.RelayDenied &&
            (result.Stage is SmtpProbeStage.Greeting or SmtpProbeStage.Xclient || (result.ReplyText ?? "").IndexOf("Client host rejected", StringComparison.OrdinalIgnoreCase) >= 0))
        {
            // Refused for who the client is (greeting 554, the client XCLIENT named, smtpd_client_restrictions), not for where the mail goes.
            category = FailureCategory.ClientRejected;
        }

        return KnowledgeBase.Default.Diagnose(category, mta, new List<string>(result.Evidence));
    }

    private static bool Has(string text, string value) => text.IndexOf(value, StringComparison.OrdinalIgnoreCase) >= 0;
}
