namespace RelayTools.Core.WhatIf;

/// <summary>What a mail server answers to RCPT TO, as a what-if of any MTA predicts it.</summary>
public enum RelayDecision
{
    /// <summary>250: the recipient is accepted.</summary>
    Permit,
    /// <summary>5xx: the recipient is refused.</summary>
    Reject,
    /// <summary>4xx: the client is told to try again later.</summary>
    Defer,
    /// <summary>A rule that could decide cannot be evaluated offline (DNS, a policy server, an unreadable table).</summary>
    Unknown,
    /// <summary>
    /// No SMTP reply at all: the server exits when it starts (for Postfix, no working relay guard), so a
    /// client's connection is accepted by the kernel but never gets a greeting.
    /// </summary>
    Unavailable,
}
