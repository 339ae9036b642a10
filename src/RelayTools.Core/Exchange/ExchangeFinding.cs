using RelayTools.Core.Postfix;

namespace RelayTools.Core.Exchange;

/// <summary>One problem found in exported Exchange objects, with the Exchange Management Shell commands that fix it.</summary>
public sealed class ExchangeFinding
{
    /// <summary>Error, Warning or Information.</summary>
    public FindingSeverity Severity { get; set; }
    /// <summary>A stable identifier scripts can match on, for example <c>OpenRelay</c>.</summary>
    public string Id { get; set; } = "";
    /// <summary>What is wrong and what it does to mail.</summary>
    public string Message { get; set; } = "";
    /// <summary>The exact commands to run.</summary>
    public string[] Fix { get; set; } = [];
    /// <summary>The object the problem is on (its identity and where it was read).</summary>
    public string Origin { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Severity + " " + Id + ": " + Message;
}
