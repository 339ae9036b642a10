using RelayTools.Core.Postfix;

namespace RelayTools.Core.Sendmail;

/// <summary>One problem found in a Sendmail configuration, with the exact lines (and commands) that fix it.</summary>
public sealed class SendmailFinding
{
    /// <summary>Error, Warning or Information.</summary>
    public FindingSeverity Severity { get; set; }
    /// <summary>A stable identifier scripts can match on, for example <c>PromiscuousRelay</c>.</summary>
    public string Id { get; set; } = "";
    /// <summary>What is wrong and what it does to mail.</summary>
    public string Message { get; set; } = "";
    /// <summary>The exact lines to write (an access line, an mc line) and the commands that rebuild and reload.</summary>
    public string[] Fix { get; set; } = [];
    /// <summary>Where the problem is (access:line, sendmail.mc:line, sendmail.cf:line).</summary>
    public string Origin { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Severity + " " + Id + ": " + Message;
}
