using System;
using System.Management.Automation;
using System.Net;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools;

/// <summary>
/// The parameters every cmdlet that talks SMTP to a fleet shares: which servers (by name, or the MX hosts of a
/// domain), how to reach them, how many at once. Test-SmtpRelay and Test-SmtpOpenRelay add what differs.
/// </summary>
public abstract class SmtpFleetCmdlet : FleetCmdlet
{
    /// <summary>Parameter set: servers by name or address.</summary>
    protected const string ServerSet = "Server";

    /// <summary>Parameter set: the MX hosts of domains.</summary>
    protected const string DomainSet = "Domain";

    /// <summary>Host names or IP addresses of the servers.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ServerSet)]
    [Alias("ComputerName", "HostName", "Name")]
    [ValidateNotNullOrEmpty]
    public string[] Server { get; set; } = [];

    /// <summary>
    /// Domains whose mail servers to probe: every address of every MX host, by preference (the domain itself when it
    /// has no MX, RFC 5321 5.1).
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = DomainSet)]
    [ValidateNotNullOrEmpty]
    public string[] Domain { get; set; } = [];

    /// <summary>The DNS server that resolves -Domain: an address, or address:port ([::1]:5353); default the system's resolvers.</summary>
    [Parameter(ParameterSetName = DomainSet)]
    [ValidateNotNullOrEmpty]
    public string? DnsServer { get; set; }

    /// <summary>The TCP port (25 by default; 465 means implicit TLS).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>The name to give in EHLO: a domain or an address literal.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Helo")]
    public string? HeloName { get; set; }

    /// <summary>The local source address to bind (to test a trusted-network entry from a given IP).</summary>
    [Parameter]
    public IPAddress? LocalAddress { get; set; }

    /// <summary>The most servers probed at once.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = 32;

    /// <summary>Accept any server certificate.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Include the (redacted) SMTP transcript in the result.</summary>
    [Parameter]
    public SwitchParameter IncludeTranscript { get; set; }

    /// <inheritdoc />
    protected override int Throttle => ThrottleLimit;

    // A class of the core, typed object so this base type loads before RelayTools.Core (Loading/ModuleImportHandler.cs).
    private object? _mx;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ParameterSetName == DomainSet)
        {
            _mx = DomainProbing.CreateResolver(this, DnsServer);
        }
    }

    /// <summary>
    /// Checks the values of this record that become part of SMTP commands, before any server is tried.
    /// Derived cmdlets add theirs; a refused value throws <see cref="SmtpArgumentException"/>.
    /// </summary>
    protected virtual void ValidateRecord()
    {
        if (HeloName is not null)
        {
            HeloName = SmtpSyntax.HeloName(HeloName, nameof(HeloName));
        }
    }

    /// <summary>Queues one probe per server of this record; a refused value is this record's (or this server's) error, and the rest go on.</summary>
    protected override void ProcessRecord()
    {
        if (!TryValidate(ValidateRecord))
        {
            return;
        }

        if (ParameterSetName == DomainSet)
        {
            foreach (string domain in Domain)
            {
                foreach (MxProbeTarget target in DomainProbing.Targets(this, _mx!, domain, CancellationToken))
                {
                    QueueProbe(target.MxHost, Port, target);
                }
            }

            return;
        }

        foreach (string server in Server)
        {
            SmtpEndpoint endpoint;
            try
            {
                endpoint = SmtpEndpoint.Parse(server, nameof(Server));
            }
            catch (SmtpArgumentException ex)
            {
                WriteError(ErrorIds.SmtpArgument(ex));
                continue;
            }

            QueueProbe(endpoint.Host, endpoint.Port ?? Port, null);
        }
    }

    /// <summary>Queues the probe of one server, its values already checked.</summary>
    /// <param name="host">The host name or address (plain form, no brackets).</param>
    /// <param name="port">The port: the one written in the server value, else -Port.</param>
    /// <param name="mx">With -Domain: the MX host and the address to connect to; null otherwise.</param>
    protected abstract void QueueProbe(string host, int port, MxProbeTarget? mx);

    /// <summary>The name of one probe for progress, verbose and errors: host:port, or host[address]:port for an MX address.</summary>
    protected static string TargetName(string host, int port, MxProbeTarget? mx) =>
        mx is null ? SmtpEndpoint.Format(host, port) : SmtpEndpoint.Format(host, port).Replace(":" + port, "") + "[" + mx.Address + "]:" + port;
}
