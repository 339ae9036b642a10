using System.Management.Automation;
using System.Net;

namespace RelayTools;

/// <summary>
/// The parameters every cmdlet that talks SMTP to a fleet shares: which servers, how to reach them,
/// how many at once. Test-SmtpRelay and Test-SmtpOpenRelay add what differs (security default, timeout).
/// </summary>
public abstract class SmtpFleetCmdlet : FleetCmdlet
{
    /// <summary>Host names or IP addresses of the servers.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName", "HostName", "Name")]
    [ValidateNotNullOrEmpty]
    public string[] Server { get; set; } = [];

    /// <summary>The TCP port (25 by default; 465 means implicit TLS).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>The name to give in EHLO.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
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
}
