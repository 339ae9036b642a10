using System;
using System.Management.Automation;
using System.Net;
using RelayTools.Core.Exchange;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">What-if for Exchange: which Receive connector a client lands on, whether it may relay to a recipient, the reply Exchange sends, and the narrowest Exchange Management Shell fix; from exported Get-ReceiveConnector, Get-AcceptedDomain and Get-ADPermission objects.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ExchangeRelay")]
[OutputType(typeof(ExchangeRelayResult))]
public sealed class TestExchangeRelayCommand : PSCmdlet
{
    /// <summary>The Receive connectors: Get-ReceiveConnector objects, or Import-Clixml / Import-Csv / ConvertFrom-Json of their export.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public object[] ReceiveConnector { get; set; } = [];

    /// <summary>The accepted domains: Get-AcceptedDomain objects or an import of their export.</summary>
    [Parameter(Mandatory = true)]
    [AllowEmptyCollection]
    [ValidateNotNull]
    public object[] AcceptedDomain { get; set; } = [];

    /// <summary>Explicit connector permissions: Get-ADPermission objects of the connectors (those with ExtendedRights), or an import of their export.</summary>
    [Parameter]
    [ValidateNotNull]
    public object[] Permission { get; set; } = [];

    /// <summary>The client's IP address (IPv4 or IPv6), as the server sees it.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ClientAddress { get; set; } = "";

    /// <summary>The server address the client connects to, matched against the connectors' Bindings.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ExchangeConnectorCompleter))]
    public string ServerAddress { get; set; } = "";

    /// <summary>The TCP port the client connects to; default 25.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 65535)]
    [ArgumentCompleter(typeof(ExchangeConnectorCompleter))]
    public int Port { get; set; } = 25;

    /// <summary>The Exchange server's name (EX01): only its connectors are considered, and the fix names it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ExchangeConnectorCompleter))]
    public string Server { get; set; } = "";

    /// <summary>The MAIL FROM address; '' (the default) is the null sender &lt;&gt;.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Sender { get; set; } = "";

    /// <summary>The RCPT TO addresses; one result each.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Recipient { get; set; } = [];

    /// <summary>The client authenticates (AUTH) before MAIL FROM.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter Authenticated { get; set; }

    /// <summary>The account it authenticates as (CONTOSO\scanner, scanner@contoso.com); implies -Authenticated.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("UserName", "SaslUser")]
    [AllowEmptyString]
    public string AuthenticatedUser { get; set; } = "";

    ExchangeObjects? _objects;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _objects = ExchangeInput.Read(this, ReceiveConnector, AcceptedDomain, Permission);
        // Evaluating without connectors would report Exchange refusing every client: an input problem, not an outcome.
        if (_objects.Connectors.Length == 0)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("No Receive connector could be read from -ReceiveConnector, so there is nothing to evaluate."),
                "ExchangeNoReceiveConnector", ErrorCategory.InvalidArgument, null));
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var objects = _objects!;
        if (!IPAddress.TryParse(ClientAddress.Trim(), out _))
        {
            WriteError(new ErrorRecord(new ArgumentException("-ClientAddress '" + ClientAddress + "' is not an IP address."), "ExchangeBadClientAddress", ErrorCategory.InvalidArgument, ClientAddress));
            return;
        }
        if (!IPAddress.TryParse(ServerAddress.Trim(), out _))
        {
            WriteError(new ErrorRecord(new ArgumentException("-ServerAddress '" + ServerAddress + "' is not an IP address (the local address a binding such as 0.0.0.0:25 or 10.0.0.5:25 is matched against)."), "ExchangeBadServerAddress", ErrorCategory.InvalidArgument, ServerAddress));
            return;
        }
        string sender;
        try { sender = SmtpSyntax.Mailbox(Sender, nameof(Sender), allowNullPath: true); }
        catch (SmtpArgumentException ex)
        {
            WriteError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, Sender));
            return;
        }
        foreach (string rcpt in Recipient)
        {
            string recipient;
            try { recipient = SmtpSyntax.Mailbox(rcpt, nameof(Recipient), allowPostmaster: true); }
            catch (SmtpArgumentException ex)
            {
                WriteError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, rcpt));
                continue;
            }
            var query = new ExchangeRelayQuery
            {
                ClientAddress = ClientAddress.Trim(),
                ServerAddress = ServerAddress.Trim(),
                Server = Server.Trim(),
                Port = Port,
                Sender = sender,
                Recipient = recipient,
                Authenticated = Authenticated.IsPresent || AuthenticatedUser.Trim().Length > 0,
                AuthenticatedUser = AuthenticatedUser.Trim(),
            };
            WriteObject(ExchangeRelayEvaluator.Evaluate(objects.Connectors, objects.Domains, objects.Permissions, query));
        }
    }
}
