using System;

namespace RelayTools.Core.Logs;

/// <summary>
/// One relay rejection (or, with auth failures included, one SASL authentication failure) found in a
/// mail server log. A plain object: it survives remoting and Export-Clixml.
/// </summary>
public sealed class RelayRejection
{
    private string _category = "Other";
    private string? _topCause;
    private bool _classifyPending;

    /// <summary>What the line records: <c>RelayDenied</c>, <c>AuthFailed</c> or <c>AuthBackendUnavailable</c> (see <see cref="RejectionKind"/>).</summary>
    public string Kind { get; set; } = RejectionKind.RelayDenied;

    /// <summary>When the server logged it; null when the line carries no time (a bare message).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The host name from the syslog prefix (or the Exchange server), when the line has one.</summary>
    public string? Host { get; set; }

    /// <summary>The MTA that wrote the line: Postfix, Exim, Sendmail, Exchange or Kerio (names of the MTA registry).</summary>
    public string Mta { get; set; } = "";

    /// <summary>The syslog program name, e.g. <c>postfix/submission/smtpd</c> or <c>sm-mta</c>; the receive connector for Exchange.</summary>
    public string? Service { get; set; }

    /// <summary>The queue id (Postfix, Sendmail) or session id (Exchange); null for Postfix NOQUEUE.</summary>
    public string? QueueId { get; set; }

    /// <summary>The client's reverse DNS name as logged (Postfix writes <c>unknown</c> when it has none).</summary>
    public string? ClientName { get; set; }

    /// <summary>The client's IP address (IPv4 or IPv6), the key to group on.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>The client's TCP port, when logged.</summary>
    public int? ClientPort { get; set; }

    /// <summary>The SMTP reply code sent to the client (554, 454, 550...), when the log records it.</summary>
    public int? ReplyCode { get; set; }

    /// <summary>The enhanced status code (RFC 3463), e.g. <c>5.7.1</c>, when logged.</summary>
    public string? EnhancedStatusCode { get; set; }

    /// <summary>The reply sent to the client, e.g. <c>554 5.7.1 &lt;x@y&gt;: Relay access denied</c> (Exim logs only the text).</summary>
    public string? ReplyText { get; set; }

    /// <summary>The reason in words, e.g. <c>Relay access denied</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>
    /// What the reply means, as the one reply classifier says (the category Resolve-SmtpReply and Test-SmtpRelay
    /// give the same reply): a FailureCategory name such as <c>RelayDenied</c> or <c>AuthenticationFailed</c>.
    /// </summary>
    /// <remarks>A record read from a log is classified when Category or TopCause is first read (once per wording), so a
    /// read that never looks at them never loads the knowledge base.</remarks>
    public string Category
    {
        get
        {
            ClassifyIfPending();
            return _category;
        }
        set
        {
            _classifyPending = false;
            _category = value;
        }
    }

    /// <summary>The id of the most likely cause (for example <c>no-smtp-auth</c>), or null; <c>RejectionDiagnosis.For</c> gives all of them with Check and Fix.</summary>
    public string? TopCause
    {
        get
        {
            ClassifyIfPending();
            return _topCause;
        }
        set
        {
            _classifyPending = false;
            _topCause = value;
        }
    }

    /// <summary>The envelope sender (MAIL FROM); empty for the null sender, null when not logged.</summary>
    public string? Sender { get; set; }

    /// <summary>The refused recipient (RCPT TO), without angle brackets.</summary>
    public string? Recipient { get; set; }

    /// <summary>The HELO/EHLO name the client gave, when logged.</summary>
    public string? Helo { get; set; }

    /// <summary>The protocol (SMTP or ESMTP), when logged.</summary>
    public string? Protocol { get; set; }

    /// <summary>The SASL user name of an authentication failure, when logged.</summary>
    public string? SaslUser { get; set; }

    /// <summary>The file the line came from, or <c>pipeline</c> for lines piped in.</summary>
    public string Path { get; set; } = "";

    /// <summary>The 1-based line number in that file (or in the piped lines).</summary>
    public long LineNumber { get; set; }

    /// <summary>The whole log line.</summary>
    public string Line { get; set; } = "";

    /// <summary>Marks the record to be classified (<see cref="RejectionDiagnosis.Apply"/>) when Category or TopCause is first read.</summary>
    internal void ClassifyWhenRead() => _classifyPending = true;

    private void ClassifyIfPending()
    {
        if (!_classifyPending) return;
        _classifyPending = false;
        RejectionDiagnosis.Apply(this);
    }
}
