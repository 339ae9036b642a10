using System.Linq;
using System.Threading.Tasks;

namespace RelayTools.Core.Smtp;

/// <summary>
/// The XCLIENT step of a probe, after EHLO and TLS and before AUTH and MAIL FROM: checks that the server
/// offers XCLIENT (and the attributes needed) to this host, sends it, and on the server's 220 says EHLO
/// again, since the server restarted the session as the client it was told about.
/// </summary>
internal static class XclientStep
{
    /// <summary>
    /// Runs the step. Sent is true when XCLIENT went on the wire; Failure is null when the session now
    /// stands for the given client, else why not (the probe stops there: it never goes on as itself).
    /// </summary>
    public static async Task<(bool Sent, ProbeFailure? Failure)> RunAsync(ProbeSession session, string? clientAddress, string? clientName)
    {
        EhloCapabilities offered = session.LastEhlo;
        session.EhloBeforeXclient = offered;
        string command = XclientCommand.Build(clientAddress, clientName);
        if (!offered.Xclient)
        {
            return (false, Refused(
                $"The server does not offer XCLIENT to this host ({session.LocalAddress ?? "this computer"}): its EHLO reply has no XCLIENT keyword. " +
                "Postfix offers XCLIENT only to the clients listed in smtpd_authorized_xclient_hosts, and most other servers do not have it. " +
                $"The probe did not send '{command}', and did not carry on as this host instead (that would test another client than the one asked for).",
                "xclient-not-authorized"));
        }

        string[] missing = offered.XclientAttributes.Length == 0
            ? []
            : XclientCommand.Attributes(clientAddress, clientName).Where(a => !offered.XclientAttributes.Contains(a)).ToArray();
        if (missing.Length > 0)
        {
            return (false, Refused(
                $"The server offers XCLIENT {string.Join(" ", offered.XclientAttributes)} but not {string.Join(", ", missing)}. The probe did not send '{command}'.",
                "client-protocol-error"));
        }

        SmtpReply reply = await session.CommandAsync(command).ConfigureAwait(false);
        if (reply.Code / 100 != 2)
        {
            ProbeOutcome outcome = ProbeOutcomeClassifier.ForXclient(reply);
            return (true, new ProbeFailure { Status = outcome.Status, Stage = SmtpProbeStage.Xclient, Reply = reply, Evidence = outcome.Evidence });
        }

        // Postfix answers 220 and is back at its greeting (Postfix before 2.3 answered 250 and was not): EHLO either way.
        SmtpReply ehlo = await session.EhloAgainAsync().ConfigureAwait(false);
        if (ehlo.Code / 100 != 2)
        {
            SmtpRelayStatus status = ehlo.Code / 100 == 4 ? SmtpRelayStatus.TemporaryFailure : SmtpRelayStatus.ProtocolError;
            return (true, new ProbeFailure { Status = status, Stage = SmtpProbeStage.Ehlo, Reply = ehlo });
        }

        return (true, null);
    }

    private static ProbeFailure Refused(string reason, string evidence) => new()
    {
        Status = SmtpRelayStatus.XclientRefused,
        Stage = SmtpProbeStage.Xclient,
        Reason = reason,
        Evidence = [evidence],
    };
}
