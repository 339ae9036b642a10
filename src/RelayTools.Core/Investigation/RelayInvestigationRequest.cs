using System;
using System.Collections.Generic;
using System.Net;
using RelayTools.Core.Exim;
using RelayTools.Core.Postfix;
using RelayTools.Core.Sendmail;
using RelayTools.Core.Smtp;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Core.Investigation;

/// <summary>What Debug-SmtpRelay investigates: one server, the client's ports, and the evidence it may read.</summary>
public sealed class RelayInvestigationRequest
{
    /// <summary>The server (any form <see cref="SmtpEndpoint"/> reads; a port in it becomes the client's port).</summary>
    public string Server { get; set; } = "";

    /// <summary>The ports of the matrix, the client's own first.</summary>
    public int[] Ports { get; set; } = [25, 587, 465];

    /// <summary>The MAIL FROM address (empty: the null sender).</summary>
    public string From { get; set; } = SmtpProbeRequest.DefaultSender;

    /// <summary>The RCPT TO address.</summary>
    public string To { get; set; } = SmtpProbeRequest.DefaultRecipient;

    /// <summary>The credential the client has, or null. Read only at AUTH time.</summary>
    public NetworkCredential? Credential { get; set; }

    /// <summary>The application server's address, when it is not this host.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>Accept any server certificate.</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>Bounds every probe (they run at the same time, so it bounds the whole matrix too).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The server's log file, read for the lines written while the probes run; or null.</summary>
    public string? LogPath { get; set; }

    /// <summary>Log lines given as text (ssh mx cat /var/log/mail.log); or null.</summary>
    public IReadOnlyList<string>? LogLines { get; set; }

    /// <summary>Reads the Postfix configuration afresh on each call; or null.</summary>
    public Func<PostfixConfiguration>? PostfixConfiguration { get; set; }

    /// <summary>Reads the Exim configuration afresh on each call; or null.</summary>
    public Func<EximConfiguration>? EximConfiguration { get; set; }

    /// <summary>Reads the Sendmail configuration afresh on each call (the argument: the server's name from its greeting, for $j); or null.</summary>
    public Func<string?, SendmailConfiguration>? SendmailConfiguration { get; set; }

    /// <summary>Checks the values that reach the wire and puts them in the form sent.</summary>
    /// <exception cref="SmtpArgumentException">A value is refused; nothing has been sent.</exception>
    public void Validate()
    {
        SmtpEndpoint endpoint = SmtpEndpoint.Parse(Server, nameof(Server));
        Server = endpoint.Host;
        if (endpoint.Port is int port)
        {
            Ports = [port, .. Array.FindAll(Ports, p => p != port)];
        }

        From = SmtpSyntax.Mailbox(From, nameof(From), allowNullPath: true);
        To = SmtpSyntax.Mailbox(To, nameof(To), allowPostmaster: true);
        if (ClientAddress is not null)
        {
            ClientAddress = XclientSyntax.ClientAddress(ClientAddress, nameof(ClientAddress));
        }
    }
}
