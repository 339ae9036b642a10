namespace RelayTools.Core.Postfix;

/// <summary>One restriction in one smtpd restriction list of one service, in evaluation order.</summary>
public sealed class PostfixRestriction
{
    /// <summary>The master.cf service (<c>smtp</c>, <c>submission</c>, <c>127.0.0.1:2587</c>...).</summary>
    public string Service { get; set; } = "";

    /// <summary>The list: <c>smtpd_relay_restrictions</c>, <c>smtpd_recipient_restrictions</c>..., or a restriction class name.</summary>
    public string List { get; set; } = "";

    /// <summary>1-based position in the list.</summary>
    public int Position { get; set; }

    /// <summary>The restriction name, for example <c>permit_sasl_authenticated</c> or <c>check_client_access</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The argument, for example <c>hash:/etc/postfix/access</c>; for warn_if_reject, the restriction it softens.</summary>
    public string Argument { get; set; } = "";

    /// <summary>Permit, Reject, Defer, Lookup or Conditional.</summary>
    public RestrictionKind Kind { get; set; }

    /// <summary>Where the list is defined: <c>main.cf:12</c>, <c>master.cf:20 -o (submission)</c> or <c>default</c>.</summary>
    public string Origin { get; set; } = "";

    /// <summary>False when an unconditional permit, reject or defer earlier in the same list ends it before this one.</summary>
    public bool Reachable { get; set; } = true;

    /// <summary>False for a name Postfix does not know (a typo): Postfix answers 451 4.3.5 Server configuration error when it gets there.</summary>
    public bool IsKnown { get; set; } = true;

    /// <summary>True when the name is a restriction class (smtpd_restriction_classes).</summary>
    public bool IsClass { get; set; }

    /// <inheritdoc />
    public override string ToString() => Argument.Length > 0 ? Name + " " + Argument : Name;
}
