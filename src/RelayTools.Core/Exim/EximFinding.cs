using RelayTools.Core.Postfix;

namespace RelayTools.Core.Exim;

/// <summary>One problem found in an Exim configuration, with the exact lines that fix it.</summary>
public sealed class EximFinding
{
    /// <summary>Error, Warning or Information.</summary>
    public FindingSeverity Severity { get; set; }
    /// <summary>A stable identifier scripts can match on, for example <c>OpenRelayHosts</c>.</summary>
    public string Id { get; set; } = "";
    /// <summary>What is wrong and what it does to mail.</summary>
    public string Message { get; set; } = "";
    /// <summary>The exact lines (and commands) that fix it; empty when the fix is to remove the lines named.</summary>
    public string[] Fix { get; set; } = [];
    /// <summary>Where the problem is (file:line, or default).</summary>
    public string Origin { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Severity + " " + Id + ": " + Message;
}
