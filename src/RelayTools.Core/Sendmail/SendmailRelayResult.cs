using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Sendmail;

/// <summary>What Sendmail answers to one RCPT TO according to its sendmail.cf, in the shape every what-if shares.</summary>
public sealed class SendmailRelayResult : RelayWhatIfResult
{
    /// <summary>The daemon (DaemonPortOptions Name) the client reaches, for example <c>MTA-v4</c>.</summary>
    public string Daemon { get; set; } = "";

    /// <summary>The delivery agent ruleset 0 picks for the recipient (<c>esmtp</c>, <c>local</c>...).</summary>
    public string Mailer { get; set; } = "";

    /// <summary>The configuration read (sendmail.cf path).</summary>
    public string Source { get; set; } = "";
}
