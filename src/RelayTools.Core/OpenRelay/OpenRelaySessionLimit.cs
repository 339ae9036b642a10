using System;
using System.IO;
using System.Net.Sockets;
using MailKit;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.OpenRelay;

/// <summary>
/// What the audit learns about a server's tolerance for refused commands, so it can reconnect after the
/// server ended a session and then stay below the limit. Exim drops a session after
/// smtp_max_synprot_errors (3) syntax or protocol errors: the fourth <c>501</c> carries a second line
/// <c>501 Too many syntax or protocol errors</c> and the connection closes. Postfix says
/// <c>421 4.7.0 Error: too many errors</c> after smtpd_hard_error_limit. The rules are pure.
/// </summary>
public sealed class OpenRelaySessionLimit
{
    /// <summary>
    /// The number of syntax refusals one session may take before the audit ends it itself and reconnects;
    /// null until a server ended a session.
    /// </summary>
    public int? SyntaxErrorBudget { get; private set; }

    /// <summary>Whether a session that has had <paramref name="syntaxErrors"/> syntax refusals should end before the next form.</summary>
    public bool IsSpent(int syntaxErrors) => SyntaxErrorBudget is int budget && syntaxErrors >= budget;

    /// <summary>
    /// Learns from a session the server ended after <paramref name="syntaxErrors"/> syntax refusals: the last
    /// of them was one too many, so the next sessions stop one earlier (never below one).
    /// </summary>
    public void ServerEndedAfter(int syntaxErrors)
    {
        if (syntaxErrors <= 0)
        {
            return;
        }

        int budget = Math.Max(1, syntaxErrors - 1);
        SyntaxErrorBudget = SyntaxErrorBudget is int known ? Math.Min(known, budget) : budget;
    }

    /// <summary>
    /// A permanent refusal of the command's syntax (500, 501, 553) or of its order (503): what servers count
    /// against their error limits, as opposed to a policy refusal such as <c>550 relay not permitted</c>.
    /// </summary>
    public static bool IsSyntaxRefusal(SmtpReply? reply) => reply is not null && reply.Code is 500 or 501 or 503 or 553;

    /// <summary>
    /// Whether the server ends the session with this reply: 421 (service closing), or a reply whose text says
    /// the error limit was reached (Exim's <c>Too many syntax or protocol errors</c>, Sendmail's
    /// <c>Too many bad commands</c>).
    /// </summary>
    public static bool EndsSession(SmtpReply? reply)
    {
        if (reply is null)
        {
            return false;
        }

        if (reply.Code == 421)
        {
            return true;
        }

        string text = string.Join("\n", reply.Lines.Length > 0 ? reply.Lines : [reply.Text]);
        return text.IndexOf("too many syntax", StringComparison.OrdinalIgnoreCase) >= 0
            || text.IndexOf("too many bad commands", StringComparison.OrdinalIgnoreCase) >= 0
            || text.IndexOf("too many errors", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>
    /// Whether a session fault is the server hanging up (a closed or reset connection), which the audit
    /// may answer with a reconnect; a timeout or a TLS failure is not.
    /// </summary>
    public static bool IsHangUp(Exception ex) =>
        ex is IOException or SocketException or ServiceNotConnectedException or ProtocolException or ObjectDisposedException;
}
