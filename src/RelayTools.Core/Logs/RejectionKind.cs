namespace RelayTools.Core.Logs;

/// <summary>What a <see cref="RelayRejection"/> records.</summary>
public enum RejectionKind
{
    /// <summary>The server refused to relay to the recipient (Relay access denied, relay not permitted, Relaying denied).</summary>
    RelayDenied,

    /// <summary>SMTP AUTH failed: wrong credentials, or a mechanism the server refused.</summary>
    AuthFailed,

    /// <summary>SMTP AUTH could not be checked because the SASL back end (e.g. Dovecot auth) is down or unreachable.</summary>
    AuthBackendUnavailable,
}
