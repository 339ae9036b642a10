namespace RelayTools.Core.Exchange;

/// <summary>
/// One access entry of a Receive connector as Get-ADPermission exports it: who (User) is allowed or denied which
/// extended rights. "Receive connectors in Exchange Server" (exchange/mail-flow/connectors/receive-connectors,
/// "Receive connector permissions") describes adding them with Add-ADPermission.
/// </summary>
public sealed class ExchangePermission
{
    /// <summary>The connector the entry is on (<c>SERVER\Name</c>, the name, or its DN).</summary>
    public string Identity { get; set; } = "";

    /// <summary>The security principal, for example <c>NT AUTHORITY\ANONYMOUS LOGON</c>.</summary>
    public string User { get; set; } = "";

    /// <summary>The extended rights, for example <c>ms-Exch-SMTP-Accept-Any-Recipient</c>.</summary>
    public string[] ExtendedRights { get; set; } = [];

    /// <summary>True for a Deny entry (it takes the rights away even when a permission group grants them).</summary>
    public bool Deny { get; set; }

    /// <summary>True when the entry is inherited from a parent object.</summary>
    public bool IsInherited { get; set; }

    /// <summary>Where the object came from.</summary>
    public string Origin { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Identity + ": " + (Deny ? "deny " : "allow ") + User + " " + string.Join(", ", ExtendedRights);
}
