namespace RelayTools.Core.WhatIf;

/// <summary>One rule a what-if evaluated (a Postfix restriction, an Exim ACL statement...), with its result.</summary>
public sealed class RelayTraceStep
{
    /// <summary>The list the rule belongs to: a Postfix restriction list or class, an Exim ACL.</summary>
    public string List { get; set; } = "";

    /// <summary>1-based position in that list.</summary>
    public int Position { get; set; }

    /// <summary>The rule as written, for example <c>check_client_access cidr:/etc/postfix/clients</c> or <c>accept hosts = +relay_from_hosts</c>.</summary>
    public string Rule { get; set; } = "";

    /// <summary>Where the rule is defined (file:line, -o override, default).</summary>
    public string Origin { get; set; } = "";

    /// <summary>OK (permits, ends the list), DUNNO (no decision, next one), REJECT, DEFER, or NOT EVALUATED.</summary>
    public string Result { get; set; } = "";

    /// <summary>Why: which network matched, which table key, what the domain is...</summary>
    public string Detail { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => List + "[" + Position + "] " + Rule + ": " + Result + (Detail.Length > 0 ? " (" + Detail + ")" : "");
}
