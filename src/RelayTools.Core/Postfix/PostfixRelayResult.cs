namespace RelayTools.Core.Postfix;

/// <summary>What Postfix answers to RCPT TO.</summary>
public enum RelayDecision
{
    /// <summary>250: the recipient is accepted.</summary>
    Permit,
    /// <summary>5xx: the recipient is refused.</summary>
    Reject,
    /// <summary>4xx: the client is told to try again later.</summary>
    Defer,
    /// <summary>A restriction that could decide cannot be evaluated offline (DNS, a policy server, an unreadable table).</summary>
    Unknown,
    /// <summary>
    /// No SMTP reply at all: smtpd exits with a fatal error when it starts (no working relay guard), so a
    /// client's connection is accepted by the kernel but never gets a greeting.
    /// </summary>
    Unavailable,
}

/// <summary>One restriction evaluated by the what-if, with its result.</summary>
public sealed class PostfixTraceStep
{
    /// <summary>The list (or restriction class) the restriction belongs to.</summary>
    public string List { get; set; } = "";

    /// <summary>1-based position in that list.</summary>
    public int Position { get; set; }

    /// <summary>The restriction with its argument, for example <c>check_client_access cidr:/etc/postfix/clients</c>.</summary>
    public string Restriction { get; set; } = "";

    /// <summary>Where the list is defined.</summary>
    public string Origin { get; set; } = "";

    /// <summary>OK (permits, ends the list), DUNNO (no decision, next one), REJECT, DEFER, or NOT EVALUATED.</summary>
    public string Result { get; set; } = "";

    /// <summary>Why: which mynetworks entry matched, which table key, what the domain is...</summary>
    public string Detail { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => List + "[" + Position + "] " + Restriction + ": " + Result + (Detail.Length > 0 ? " (" + Detail + ")" : "");
}

/// <summary>The what-if answer to one RCPT TO: the decision, the reply Postfix 3.7 would send, and the trace.</summary>
public sealed class PostfixRelayResult
{
    /// <summary>The master.cf service evaluated.</summary>
    public string Service { get; set; } = "";

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

    /// <summary>True when the client authenticated (and the service offers AUTH).</summary>
    public bool Authenticated { get; set; }

    /// <summary>Permit, Reject, Defer, Unknown (not evaluated), or Unavailable (smtpd does not run).</summary>
    public RelayDecision Decision { get; set; }

    /// <summary>
    /// The command the reply answers: RcptTo normally; Connect, Ehlo or MailFrom when smtpd_delay_reject = no
    /// lets an earlier list refuse at its own stage (or smtpd_helo_required refuses MAIL FROM); Greeting when
    /// smtpd does not start.
    /// </summary>
    public RelayTools.Core.Smtp.SmtpProbeStage Stage { get; set; } = RelayTools.Core.Smtp.SmtpProbeStage.RcptTo;

    /// <summary>The SMTP reply code (250, 554, 454...), 0 when Unknown.</summary>
    public int ReplyCode { get; set; }

    /// <summary>The enhanced status code (<c>2.1.5</c>, <c>5.7.1</c>, <c>4.7.1</c>...).</summary>
    public string EnhancedStatusCode { get; set; } = "";

    /// <summary>The reply text after the codes, for example <c>&lt;x@ext.example&gt;: Relay access denied</c>.</summary>
    public string ReplyText { get; set; } = "";

    /// <summary>The whole reply line, for example <c>554 5.7.1 &lt;x@ext.example&gt;: Relay access denied</c>.</summary>
    public string Reply { get; set; } = "";

    /// <summary>The restriction that decided (for Permit, the last OK; empty when every list ended without one).</summary>
    public string DecidedBy { get; set; } = "";

    /// <summary>The list of the deciding restriction.</summary>
    public string DecidedByList { get; set; } = "";

    /// <summary>Where that list is defined (file:line, -o override, or default).</summary>
    public string DecidedByOrigin { get; set; } = "";

    /// <summary>Every restriction evaluated, in order, with its result.</summary>
    public PostfixTraceStep[] Trace { get; set; } = [];

    /// <summary>What the what-if could not check (recipient validation, table freshness...).</summary>
    public string[] Notes { get; set; } = [];
}
