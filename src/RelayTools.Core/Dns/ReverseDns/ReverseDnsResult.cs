namespace RelayTools.Core.Dns.ReverseDns;

/// <summary>The reverse DNS of a sending address and whether it is forward-confirmed.</summary>
public sealed class ReverseDnsResult
{
    /// <summary>The address checked (IPv4-mapped IPv6 shown as IPv4).</summary>
    public string Address { get; set; } = "";

    /// <summary>The name its PTR records live at, e.g. 25.113.0.203.in-addr.arpa.</summary>
    public string ReverseName { get; set; } = "";

    /// <summary>The PTR names, without the trailing dot.</summary>
    public string[] PtrNames { get; set; } = [];

    /// <summary>The first PTR name whose A/AAAA records include the address; empty when none.</summary>
    public string ConfirmedName { get; set; } = "";

    /// <summary>How reverse DNS stands.</summary>
    public ReverseDnsStatus Status { get; set; }

    /// <summary>The forward lookup of each PTR name checked (at most <see cref="ReverseDnsCheck.MaxNames"/>).</summary>
    public ReverseDnsForwardCheck[] ForwardChecks { get; set; } = [];

    /// <summary>The host name given for the server (its HELO name), used in the fix; empty when none was given.</summary>
    public string HostName { get; set; } = "";

    /// <summary>What is wrong, failed lookups naming the server.</summary>
    public string[] Problems { get; set; } = [];

    /// <summary>Why it matters and other remarks.</summary>
    public string[] Notes { get; set; } = [];

    /// <summary>What to publish, built from what exists; empty when confirmed.</summary>
    public string SuggestedFix { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => $"{Address}: {Status}" + (ConfirmedName.Length > 0 ? " (" + ConfirmedName + ")" : "");
}
