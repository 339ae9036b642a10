namespace RelayTools.Core.Sasl;

/// <summary>The client side of an AUTH PLAIN or AUTH LOGIN exchange, ready to type into a session.</summary>
public sealed class SaslToken
{
    /// <summary>The SASL mechanism name as sent on the wire: <c>PLAIN</c> or <c>LOGIN</c>.</summary>
    public string Mechanism { get; set; } = "";

    /// <summary>The authentication identity (authcid).</summary>
    public string UserName { get; set; } = "";

    /// <summary>The authorization identity (authzid), when one was given.</summary>
    public string? AuthorizationId { get; set; }

    /// <summary>The PLAIN initial response (base64); null for LOGIN.</summary>
    public string? Token { get; set; }

    /// <summary>The LOGIN answer to the <c>334 VXNlcm5hbWU6</c> prompt (base64 user name); null for PLAIN.</summary>
    public string? UserToken { get; set; }

    /// <summary>The LOGIN answer to the <c>334 UGFzc3dvcmQ6</c> prompt (base64 password); null for PLAIN.</summary>
    public string? PasswordToken { get; set; }

    /// <summary>The SMTP command that starts the exchange, e.g. <c>AUTH PLAIN AHVz...</c> or <c>AUTH LOGIN</c>.</summary>
    public string Command { get; set; } = "";
}
