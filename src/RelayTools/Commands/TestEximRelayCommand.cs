using System;
using System.Management.Automation;
using RelayTools.Core.Exim;
using RelayTools.Core.WhatIf;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">What-if: predicts Exim's exact answer to RCPT TO for a client, authenticated or not, from the configuration alone.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "EximRelay", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(RelayWhatIfResult))]
public sealed class TestEximRelayCommand : EximConfigCommandBase
{
    /// <summary>The client's IP address (IPv4 or IPv6).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ClientAddress { get; set; } = "";

    /// <summary>The client's verified host name, for host-list items that match names; default none (no reverse DNS offline).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string ClientName { get; set; } = "";

    /// <summary>The HELO/EHLO name the client sends.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Helo { get; set; } = "";

    /// <summary>The MAIL FROM address; empty for the null sender.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Sender { get; set; } = "";

    /// <summary>The RCPT TO addresses; one result each.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Recipient { get; set; } = [];

    /// <summary>The authenticated id of a client that authenticated with SMTP AUTH.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string AuthenticatedId { get; set; } = "";

    /// <summary>The session runs over TLS (after STARTTLS).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter Tls { get; set; }

    /// <inheritdoc />
    protected override void ProcessConfiguration(EximConfiguration config)
    {
        string host = "";
        try { host = System.Net.Dns.GetHostName(); }
        catch (System.Net.Sockets.SocketException) { }
        foreach (string rcpt in Recipient)
        {
            var query = new EximRelayQuery
            {
                ClientAddress = ClientAddress,
                ClientName = ClientName,
                Helo = Helo,
                Sender = Sender,
                Recipient = rcpt,
                AuthenticatedId = AuthenticatedId,
                Tls = Tls.IsPresent,
                DefaultPrimaryHostname = host,
            };
            try { WriteObject(EximRelayEvaluator.Evaluate(config, query)); }
            catch (FormatException ex)
            {
                WriteError(new ErrorRecord(ex, "EximBadClientAddress", ErrorCategory.InvalidArgument, ClientAddress));
                return;
            }
        }
    }
}
