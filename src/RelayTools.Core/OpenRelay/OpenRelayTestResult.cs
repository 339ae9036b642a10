using RelayTools.Core.Smtp;

namespace RelayTools.Core.OpenRelay;

/// <summary>What the server answered to one address form.</summary>
public sealed class OpenRelayTestResult
{
    /// <summary>The test number, 1 to 16.</summary>
    public int Number { get; set; }

    /// <summary>What the form tries.</summary>
    public string Name { get; set; } = "";

    /// <summary>The MAIL FROM path sent.</summary>
    public string MailFrom { get; set; } = "";

    /// <summary>The RCPT TO path sent (not sent when MAIL FROM was refused).</summary>
    public string RcptTo { get; set; } = "";

    /// <summary>The reply to MAIL FROM.</summary>
    public SmtpReply? MailReply { get; set; }

    /// <summary>The reply to RCPT TO; null when RCPT was not sent.</summary>
    public SmtpReply? RcptReply { get; set; }

    /// <summary>The outcome, in Test-SmtpRelay's terms (RelayPermitted means this form relays).</summary>
    public SmtpRelayStatus Status { get; set; }

    /// <summary>True when MAIL got 2xx and RCPT 250/251: the server would relay this form.</summary>
    public bool Relayed { get; set; }

    /// <summary>True when MAIL FROM or RCPT TO got a permanent (5xx) refusal.</summary>
    public bool Refused { get; set; }

    /// <summary>True when the refusal was of the address's syntax (500, 501, 553) or the command order (503), e.g. Exim's <c>501 ... domain literals not allowed</c>; such a form counts as refused.</summary>
    public bool SyntaxRefused { get; set; }

    /// <summary>The SMTP session (1, 2, ...) the form was answered in.</summary>
    public int Session { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Number,2} {Status} <{MailFrom}> -> <{RcptTo}>: {RcptReply ?? MailReply}";
}
