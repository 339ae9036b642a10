namespace RelayTools.Core.Smtp;

/// <summary>What a probe learnt about the session before the reply being classified: the evidence behind a cause.</summary>
public sealed class ProbeSessionFacts
{
    /// <summary>The TCP port.</summary>
    public int Port { get; set; }

    /// <summary>The session was encrypted (STARTTLS or implicit TLS).</summary>
    public bool Encrypted { get; set; }

    /// <summary>The clear-text EHLO offered STARTTLS.</summary>
    public bool StartTlsOffered { get; set; }

    /// <summary>AUTH was offered in clear text.</summary>
    public bool AuthOfferedBeforeTls { get; set; }

    /// <summary>AUTH was offered in the last EHLO reply (after STARTTLS when it was used).</summary>
    public bool AuthOffered { get; set; }

    /// <summary>AUTH succeeded.</summary>
    public bool Authenticated { get; set; }

    /// <summary>The recipient's domain is the server's own (from its greeting name).</summary>
    public bool RecipientIsLocal { get; set; }

    /// <summary>The facts a finished probe result records (RecipientIsLocal is not among them).</summary>
    public static ProbeSessionFacts From(SmtpProbeResult result) => new()
    {
        Port = result.Port,
        Encrypted = result.Security != SmtpConnectionSecurity.None,
        StartTlsOffered = result.StartTlsOffered,
        AuthOfferedBeforeTls = result.AuthMechanismsBeforeTls.Length > 0,
        AuthOffered = result.AuthMechanisms.Length > 0,
        Authenticated = result.Authenticated,
    };
}
