using System;
using System.Management.Automation;
using RelayTools.Core.Dns;

namespace RelayTools;

/// <summary>-DnsServer of every cmdlet that asks DNS: an address or address:port, else the system's resolvers.</summary>
internal static class DnsServerParameter
{
    /// <summary>The resolver for <paramref name="value"/>; a value that is not an address (or address:port) stops the cmdlet with DnsServerInvalid.</summary>
    public static DnsClientResolver Resolver(PSCmdlet cmdlet, string? value)
    {
        DnsServerEndpoint? endpoint = null;
        if (value is not null && !DnsServerEndpoint.TryParse(value, out endpoint, out string error))
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException("-DnsServer '" + value + "': " + error), "DnsServerInvalid", ErrorCategory.InvalidArgument, value));
        }

        var resolver = new DnsClientResolver(endpoint);
        cmdlet.WriteVerbose("DNS: " + resolver.ServerDescription);
        return resolver;
    }
}
