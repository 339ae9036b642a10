using System;

namespace RelayTools.Core.Exchange;

/// <summary>
/// The authentication mechanisms of a Receive connector (AuthMechanism), as the table "Receive connector authentication
/// mechanisms" in "Receive connectors in Exchange Server" (exchange/mail-flow/connectors/receive-connectors) lists them.
/// </summary>
[Flags]
public enum ExchangeAuthMechanisms
{
    /// <summary>No authentication.</summary>
    None = 0,
    /// <summary>STARTTLS is advertised.</summary>
    Tls = 1,
    /// <summary>NTLM and Kerberos.</summary>
    Integrated = 2,
    /// <summary>Basic authentication in clear text.</summary>
    BasicAuth = 4,
    /// <summary>Basic authentication offered only after STARTTLS.</summary>
    BasicAuthRequireTLS = 8,
    /// <summary>Exchange Server authentication (GSSAPI and Mutual GSSAPI).</summary>
    ExchangeServer = 16,
    /// <summary>Externally secured: the connection is presumed secured outside Exchange (IPsec, VPN, a trusted network).</summary>
    ExternalAuthoritative = 32,
}
