using System;
using System.Collections.Generic;
using System.Management.Automation;
using RelayTools.Core.Dns;
using RelayTools.Core.Smtp.Syntax;

namespace RelayTools;

/// <summary>
/// -Domain for the fleet cmdlets: resolves a domain's MX hosts through -DnsServer (or the system's resolvers) and turns
/// them into probe targets; a domain that yields none (NXDOMAIN, null MX, no address, a DNS failure) is that domain's
/// error, and the other domains go on.
/// </summary>
internal static class DomainProbing
{
    /// <summary>The MX resolver over -DnsServer (see <see cref="DnsServerParameter"/>).</summary>
    public static object CreateResolver(PSCmdlet cmdlet, string? dnsServer) => new MxResolver(DnsServerParameter.Resolver(cmdlet, dnsServer));

    /// <summary>Writes into <paramref name="result"/> which MX host of which domain it came from (nothing without -Domain), and returns it.</summary>
    public static T Stamp<T>(T result, MxProbeTarget? mx)
        where T : RelayTools.Core.Smtp.IMxProbeOrigin
    {
        if (mx is null) return result;
        result.Domain = mx.Domain;
        result.MxHost = mx.MxHost;
        result.MxPreference = mx.Preference;
        return result;
    }

    /// <summary>The addresses to probe for <paramref name="domain"/>, by MX preference; writes why when there are none.</summary>
    public static IEnumerable<MxProbeTarget> Targets(PSCmdlet cmdlet, object resolver, string domain, System.Threading.CancellationToken token)
    {
        string name;
        try { name = SmtpSyntax.Domain(domain, "Domain"); }
        catch (SmtpArgumentException ex)
        {
            cmdlet.WriteError(ErrorIds.SmtpArgument(ex));
            return [];
        }

        MxResolution mx = ((MxResolver)resolver).Resolve(name, token);
        foreach (string note in mx.Notes) cmdlet.WriteVerbose(name + ": " + note);
        string asked = mx.Server.Length > 0 ? " (asked " + mx.Server + ")" : "";
        switch (mx.Status)
        {
            case MxResolutionStatus.NameError:
                cmdlet.WriteError(new ErrorRecord(new ItemNotFoundException("The domain '" + name + "' does not exist (NXDOMAIN" + asked + ")."), "DomainNotFound", ErrorCategory.ObjectNotFound, domain));
                return [];
            case MxResolutionStatus.NullMx:
                cmdlet.WriteError(new ErrorRecord(new ItemNotFoundException("'" + name + "' publishes a null MX (RFC 7505): it accepts no mail, so there is no mail server to probe."), "DomainAcceptsNoMail", ErrorCategory.ObjectNotFound, domain));
                return [];
            case MxResolutionStatus.TemporaryFailure:
                cmdlet.WriteError(new ErrorRecord(new TimeoutException("The MX hosts of '" + name + "' could not be resolved" + asked + ": " + string.Join("; ", mx.Notes) + " Try again, or give -DnsServer."), "DnsTemporaryFailure", ErrorCategory.ResourceUnavailable, domain));
                return [];
            case MxResolutionStatus.NoAddress:
                cmdlet.WriteError(new ErrorRecord(new ItemNotFoundException("No MX host of '" + name + "' has an address to probe" + asked + "."), "MxHostsWithoutAddress", ErrorCategory.ObjectNotFound, domain));
                return [];
        }

        var targets = new List<MxProbeTarget>();
        foreach (MxTarget target in mx.Targets)
        {
            if (target.Address is null)
            {
                cmdlet.WriteWarning(name + ": MX " + target.Preference + " " + target.MxHost + " is not probed: " + target.Note);
                continue;
            }

            cmdlet.WriteVerbose(name + ": MX " + target.Preference + " " + target.MxHost + " " + target.Address + (target.IsImplicit ? " (implicit MX: the domain has no MX records)" : ""));
            targets.Add(new MxProbeTarget { Domain = mx.Domain, MxHost = target.MxHost, Preference = target.Preference, Address = target.Address });
        }

        return targets;
    }
}
