namespace RelayTools.Core.Postfix;

/// <summary>How serious a finding is.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing; nothing is broken.</summary>
    Information,
    /// <summary>Risky or probably not what was meant.</summary>
    Warning,
    /// <summary>Broken: an open relay, denied users, or a configuration Postfix refuses.</summary>
    Error,
}

/// <summary>One problem found in a Postfix configuration, with the exact lines that fix it.</summary>
public sealed class PostfixFinding
{
    /// <summary>Error, Warning or Information.</summary>
    public FindingSeverity Severity { get; set; }

    /// <summary>A stable identifier scripts can match on, for example <c>RelayGuardBeforePermit</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The smtpd services concerned (comma-separated), or empty for the whole configuration.</summary>
    public string Service { get; set; } = "";

    /// <summary>What is wrong and what it does to mail.</summary>
    public string Message { get; set; } = "";

    /// <summary>The exact main.cf lines (or master.cf <c>-o</c> lines) that fix it; empty when the fix is to remove something.</summary>
    public string[] Fix { get; set; } = [];

    /// <summary>Where the problem is: <c>main.cf:12</c>, <c>master.cf:20 -o (submission)</c> or <c>default</c>.</summary>
    public string Origin { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Severity + " " + Id + ": " + Message;
}
