namespace RelayTools.Core.Smtp.Syntax;

/// <summary>What a checked value is for. With the problem it makes the error id (<c>SmtpAddressControlCharacter</c>).</summary>
public enum SmtpArgumentKind
{
    /// <summary>A MAIL FROM or RCPT TO path.</summary>
    SmtpAddress,

    /// <summary>The EHLO argument.</summary>
    HeloName,

    /// <summary>A domain that becomes part of addresses (Test-SmtpOpenRelay -ExternalDomain).</summary>
    Domain,

    /// <summary>The server to connect to (host, address, address literal, optional port).</summary>
    Server,

    /// <summary>A SASL mechanism name (AUTH argument).</summary>
    SaslMechanism,

    /// <summary>The address of the client a probe stands in for: bound as the source, or sent in XCLIENT ADDR.</summary>
    ClientAddress,

    /// <summary>The client host name sent in XCLIENT NAME (a domain, [UNAVAILABLE] or [TEMPUNAVAIL]).</summary>
    ClientName,

    /// <summary>The account name sent inside an OAuth SASL message (XOAUTH2 user=, OAUTHBEARER a=).</summary>
    SaslUserName,

    /// <summary>An OAuth 2.0 access token (its value is never shown).</summary>
    AccessToken,
}
