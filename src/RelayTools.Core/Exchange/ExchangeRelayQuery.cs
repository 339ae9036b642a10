namespace RelayTools.Core.Exchange;

/// <summary>One SMTP session to ask the Exchange what-if about: who connects where, and the recipient.</summary>
public sealed class ExchangeRelayQuery
{
    /// <summary>The client's IP address.</summary>
    public string ClientAddress { get; set; } = "";

    /// <summary>The server address the client connects to (matched against the connectors' bindings).</summary>
    public string ServerAddress { get; set; } = "";

    /// <summary>The server's name (for example <c>EX01</c>); when given, only that server's connectors are considered and fixes name it.</summary>
    public string Server { get; set; } = "";

    /// <summary>The TCP port (25 by default).</summary>
    public int Port { get; set; } = 25;

    /// <summary>The envelope sender.</summary>
    public string Sender { get; set; } = "";

    /// <summary>The recipient.</summary>
    public string Recipient { get; set; } = "";

    /// <summary>True when the client authenticates (AUTH) before MAIL FROM.</summary>
    public bool Authenticated { get; set; }

    /// <summary>The account it authenticates as, for example <c>CONTOSO\scanner</c>.</summary>
    public string AuthenticatedUser { get; set; } = "";
}
