using System.Security;

namespace RelayTools.Core.Sasl;

/// <summary>The three fields of a decoded AUTH PLAIN token.</summary>
public sealed class SaslPlainCredential
{
    /// <summary>The authorization identity; empty when the client did not ask to act as someone else.</summary>
    public string AuthorizationId { get; set; } = "";

    /// <summary>The authentication identity (authcid).</summary>
    public string UserName { get; set; } = "";

    /// <summary>The password, kept out of plain strings.</summary>
    public SecureString? Password { get; set; }

    /// <summary>The password as text; only set when the caller explicitly asked to reveal it.</summary>
    public string? PlainTextPassword { get; set; }
}
