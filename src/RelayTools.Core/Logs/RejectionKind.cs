namespace RelayTools.Core.Logs;

/// <summary>
/// The values of <see cref="RelayRejection.Kind"/>. Plain strings rather than an enum, so that
/// <c>Where-Object Kind -eq AuthFailed</c> still works on objects that came back through remoting or
/// Import-Clixml (a deserialized enum is only a number).
/// </summary>
public static class RejectionKind
{
    /// <summary>The server refused to relay to the recipient (Relay access denied, relay not permitted, Relaying denied).</summary>
    public const string RelayDenied = nameof(RelayDenied);

    /// <summary>SMTP AUTH failed: wrong credentials, or a mechanism the server refused.</summary>
    public const string AuthFailed = nameof(AuthFailed);

    /// <summary>SMTP AUTH could not be checked because the SASL back end (e.g. Dovecot auth) is down or unreachable.</summary>
    public const string AuthBackendUnavailable = nameof(AuthBackendUnavailable);
}
