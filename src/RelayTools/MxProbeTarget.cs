using System.Net;

namespace RelayTools;

/// <summary>
/// Where a -Domain probe goes: one address of one MX host of the domain. A type of RelayTools.dll, not the core's
/// MxTarget, because the fleet cmdlets' signatures must load before RelayTools.Core does (Loading/ModuleImportHandler.cs).
/// </summary>
public sealed class MxProbeTarget
{
    /// <summary>The domain whose MX hosts are probed.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The MX host (the domain itself for an implicit MX): the name TLS checks the certificate against.</summary>
    public string MxHost { get; set; } = "";

    /// <summary>The MX preference (0 for an implicit MX).</summary>
    public int Preference { get; set; }

    /// <summary>The address to connect to, as the DNS server gave it.</summary>
    public IPAddress Address { get; set; } = IPAddress.None;
}
