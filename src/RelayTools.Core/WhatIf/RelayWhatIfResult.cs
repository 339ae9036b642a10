using RelayTools.Core.Smtp;

namespace RelayTools.Core.WhatIf;

/// <summary>
/// What a mail server answers to one RCPT TO according to its configuration, in the shape every MTA's
/// what-if shares (Postfix, Exim, Sendmail, Exchange), so a diagnosis or a pipeline treats them alike.
/// </summary>
public class RelayWhatIfResult
{
    /// <summary>The MTA whose configuration was evaluated: <c>Postfix</c>, <c>Exim</c>...</summary>
    public string Mta { get; set; } = "";

    /// <summary>The client address.</summary>
    public string ClientAddress { get; set; } = "";

    /// <summary>The client host name (<c>unknown</c> when it has none).</summary>
    public string ClientName { get; set; } = "";

    /// <summary>The envelope sender (empty for the null sender).</summary>
    public string Sender { get; set; } = "";

    /// <summary>The recipient.</summary>
    public string Recipient { get; set; } = "";

    /// <summary>The SASL user name, when the client authenticated.</summary>
    public string SaslUser { get; set; } = "";

    /// <summary>True when the client authenticated (and the server offers AUTH there).</summary>
    public bool Authenticated { get; set; }

    /// <summary>Permit, Reject, Defer, Unknown (not evaluated), or Unavailable (the server does not run).</summary>
    public RelayDecision Decision { get; set; }

    /// <summary>The command the reply answers: RcptTo normally, or the earlier stage that refuses (Connect, Ehlo, MailFrom; Greeting when the server does not start).</summary>
    public SmtpProbeStage Stage { get; set; } = SmtpProbeStage.RcptTo;

    /// <summary>The SMTP reply code (250, 554, 454...), 0 when Unknown.</summary>
    public int ReplyCode { get; set; }

    /// <summary>The enhanced status code (<c>2.1.5</c>, <c>5.7.1</c>, <c>4.7.1</c>...).</summary>
    public string EnhancedStatusCode { get; set; } = "";

    /// <summary>The reply text after the codes, for example <c>&lt;x@ext.example&gt;: Relay access denied</c>.</summary>
    public string ReplyText { get; set; } = "";

    /// <summary>The whole reply line, for example <c>554 5.7.1 &lt;x@ext.example&gt;: Relay access denied</c>.</summary>
    public string Reply { get; set; } = "";

    /// <summary>The rule that decided (for Permit, the last OK; empty when every list ended without one).</summary>
    public string DecidedBy { get; set; } = "";

    /// <summary>The list (restriction list, ACL) of the deciding rule.</summary>
    public string DecidedByList { get; set; } = "";

    /// <summary>Where that rule is defined (file:line, -o override, or default).</summary>
    public string DecidedByOrigin { get; set; } = "";

    /// <summary>Every rule evaluated, in order, with its result.</summary>
    public RelayTraceStep[] Trace { get; set; } = [];

    /// <summary>What the what-if could not check, or assumed.</summary>
    public string[] Notes { get; set; } = [];
}
