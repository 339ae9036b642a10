using System;
using System.Management.Automation;
using System.Net;
using RelayTools.Core.Dns;
using RelayTools.Core.Dns.SenderAuthorization;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">The error after "Relay access denied": whether receivers will take mail the relay sends for a domain. SPF (RFC 7208, with the path that decided), DMARC policy and alignment, DKIM keys and reverse DNS, with the record to publish for each failing point.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SenderAuthorization")]
[OutputType(typeof(SenderAuthorizationResult))]
public sealed class TestSenderAuthorizationCommand : CancellableCmdlet
{
    /// <summary>The From domains the relay sends for.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FromDomain")]
    [ValidateNotNullOrEmpty]
    public string[] Domain { get; set; } = [];

    /// <summary>The relay's egress addresses, as receivers see them (after NAT); one result per domain and address.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("IPAddress", "ClientAddress")]
    [ValidateNotNullOrEmpty]
    public string[] SendingAddress { get; set; } = [];

    /// <summary>The name the relay gives in EHLO.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Helo")]
    public string? HeloName { get; set; }

    /// <summary>The envelope sender the relay uses (SPF is checked for its domain); default postmaster@ the From domain.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Sender", "EnvelopeFrom")]
    public string? MailFrom { get; set; }

    /// <summary>The DKIM selectors the relay signs with (s=), to check that their keys are published.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Selector")]
    public string[] DkimSelector { get; set; } = [];

    /// <summary>The signing domain (d=) of the selectors; default the From domain.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? DkimDomain { get; set; }

    /// <summary>The DNS server to ask: an address, or address:port; default the system's resolvers.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DnsServer { get; set; }

    private IDnsResolver? _dns;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _dns = DnsServerParameter.Resolver(this, DnsServer);
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var addresses = new System.Collections.Generic.List<IPAddress>();
        foreach (string text in SendingAddress)
        {
            if (IPAddress.TryParse(text.Trim(), out IPAddress? parsed)) addresses.Add(parsed);
            else WriteError(new ErrorRecord(new ArgumentException("-SendingAddress '" + text + "' is not an IP address (the relay's public address as receivers see it)."), "SendingAddressInvalid", ErrorCategory.InvalidArgument, text));
        }

        if (addresses.Count == 0) return;

        string helo, mailFrom, dkimDomain;
        try
        {
            helo = HeloName is { Length: > 0 } h ? SmtpSyntax.HeloName(h, nameof(HeloName)) : "";
            mailFrom = MailFrom is { Length: > 0 } m ? SmtpSyntax.Mailbox(m, nameof(MailFrom)) : "";
            dkimDomain = DkimDomain is { Length: > 0 } d ? SmtpSyntax.Domain(d, nameof(DkimDomain)) : "";
            foreach (string selector in DkimSelector) SmtpSyntax.Domain(selector, nameof(DkimSelector));
        }
        catch (SmtpArgumentException ex)
        {
            WriteError(ErrorIds.SmtpArgument(ex));
            return;
        }

        foreach (string value in Domain)
        {
            string domain;
            try { domain = SmtpSyntax.Domain(value, nameof(Domain)); }
            catch (SmtpArgumentException ex)
            {
                WriteError(ErrorIds.SmtpArgument(ex));
                continue;
            }

            // A domain that does not exist gets no answer about its senders: it is this domain's error, and the batch goes on.
            var dns = new MemoizingDnsResolver(_dns!);
            DnsAnswer<string> exists = dns.Txt(domain, CancellationToken);
            if (exists.Status == DnsLookupStatus.NameError)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException("The domain '" + domain + "' does not exist (NXDOMAIN" + (exists.Server.Length > 0 ? ", asked " + exists.Server : "") + ")."), "DomainNotFound", ErrorCategory.ObjectNotFound, value));
                continue;
            }

            foreach (IPAddress address in addresses)
            {
                var query = new SenderAuthorizationQuery { Domain = domain, SendingAddress = address, HeloName = helo, MailFrom = mailFrom, DkimSelectors = DkimSelector, DkimDomain = dkimDomain };
                WriteObject(SenderAuthorizationCheck.Run(query, dns, CancellationToken));
            }
        }
    }
}
