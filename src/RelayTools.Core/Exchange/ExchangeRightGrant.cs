namespace RelayTools.Core.Exchange;

/// <summary>One extended right a session's principal gets (or is denied) on a Receive connector, and what gives it.</summary>
public sealed class ExchangeRightGrant
{
    /// <summary>The extended right, for example <c>ms-Exch-SMTP-Accept-Any-Recipient</c>.</summary>
    public string Right { get; set; } = "";

    /// <summary>The principal it is granted to, for example <c>NT AUTHORITY\ANONYMOUS LOGON</c>.</summary>
    public string Principal { get; set; } = "";

    /// <summary>What grants it: <c>PermissionGroups AnonymousUsers</c>, or the Add-ADPermission entry.</summary>
    public string Source { get; set; } = "";

    /// <summary>Where that is defined (the connector's or the permission's origin).</summary>
    public string Origin { get; set; } = "";

    /// <summary>True for a Deny entry.</summary>
    public bool Deny { get; set; }

    /// <inheritdoc />
    public override string ToString() => (Deny ? "deny " : "") + Right + " to " + Principal + " by " + Source;
}
