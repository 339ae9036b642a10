using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using RelayTools.Core.Sendmail;
using RelayTools.Core.WhatIf;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">What-if: predicts Sendmail's exact answer to RCPT TO for a client by running the rulesets of its sendmail.cf, as sendmail -bt would.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SendmailRelay", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(RelayWhatIfResult))]
public sealed class TestSendmailRelayCommand : SendmailConfigCommandBase
{
    /// <summary>The client's IP address (IPv4 or IPv6).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ClientAddress { get; set; } = "";

    /// <summary>The client's verified host name; '' for a client without one (no PTR record). Not given: what depends on the name is not evaluated.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string? ClientName { get; set; }

    /// <summary>The MAIL FROM address; '' (the default) is the null sender &lt;&gt;.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Sender { get; set; } = "";

    /// <summary>The RCPT TO addresses; one result each.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Recipient { get; set; } = [];

    /// <summary>The client authenticated with SMTP AUTH.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter Authenticated { get; set; }

    /// <summary>The SASL mechanism it used; default the first of AuthMechanisms that TRUST_AUTH_MECH trusts.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string AuthMechanism { get; set; } = "";

    /// <summary>The SASL user name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string SaslUser { get; set; } = "";

    /// <summary>Domains known to resolve in DNS, for Sendmail's sender-domain check (without FEATURE accept_unresolvable_domains); the server's own names always count. Others are not evaluated.</summary>
    [Parameter]
    [ValidateNotNull]
    public string[] ResolvableDomain { get; set; } = [];

    /// <summary>The server port the client connects to (which DaemonPortOptions daemon answers); default 25.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = 25;

    /// <inheritdoc />
    protected override void ProcessConfiguration(SendmailConfiguration config)
    {
        if (!IPAddress.TryParse(ClientAddress, out _))
        {
            WriteError(new ErrorRecord(new ArgumentException("'" + ClientAddress + "' is not an IP address."), "SendmailBadClientAddress", ErrorCategory.InvalidArgument, ClientAddress));
            return;
        }
        foreach (string value in new[] { Sender, ClientName ?? "", SaslUser, AuthMechanism }.Concat(Recipient))
        {
            if (value.Any(c => c < ' ' || c == '\u007f'))
            {
                WriteError(new ErrorRecord(new ArgumentException("'" + value.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0") + "' holds a control character (CR, LF, NUL...), which no SMTP command can carry."), "SendmailBadAddress", ErrorCategory.InvalidArgument, value));
                return;
            }
        }
        string? name = ClientName;
        if (name != null && (name.Equals("unknown", StringComparison.OrdinalIgnoreCase) || (name.StartsWith("[", StringComparison.Ordinal) && name.EndsWith("]", StringComparison.Ordinal)))) name = "";
        string mechanism = AuthMechanism;
        if (Authenticated.IsPresent && mechanism.Length == 0) mechanism = SendmailAuth.DefaultMechanism(config.Cf);
        foreach (string rcpt in Recipient)
        {
            var query = new SendmailRelayQuery
            {
                ClientAddress = ClientAddress,
                ClientName = name,
                Sender = Sender.Trim('<', '>'),
                Recipient = rcpt.Trim('<', '>'),
                Authenticated = Authenticated.IsPresent,
                AuthMechanism = mechanism,
                SaslUser = SaslUser,
                Port = Port,
                ResolvableDomains = ResolvableDomain,
            };
            WriteObject(SendmailRelayEvaluator.Evaluate(config, query));
        }
    }
}
