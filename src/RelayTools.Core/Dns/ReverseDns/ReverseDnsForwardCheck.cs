namespace RelayTools.Core.Dns.ReverseDns;

/// <summary>The forward lookup of one PTR name: its A or AAAA records and whether they include the address.</summary>
public sealed class ReverseDnsForwardCheck
{
    /// <summary>The PTR name looked up.</summary>
    public string Name { get; set; } = "";

    /// <summary>The addresses it has (of the family of the address checked).</summary>
    public string[] Addresses { get; set; } = [];

    /// <summary>True when they include the address checked.</summary>
    public bool Matches { get; set; }

    /// <summary>What failed (a timeout naming the server, NXDOMAIN); empty when the lookup answered with records.</summary>
    public string Error { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Name + " -> " + (Addresses.Length > 0 ? string.Join(", ", Addresses) : Error);
}
