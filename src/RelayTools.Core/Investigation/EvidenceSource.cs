namespace RelayTools.Core.Investigation;

/// <summary>Where a piece of evidence comes from. Strings, for the same reason as <see cref="RelayVerdict"/>.</summary>
public static class EvidenceSource
{
    /// <summary>A reply the probe read from the server.</summary>
    public const string Probe = "Probe";

    /// <summary>A line of the server's log.</summary>
    public const string Log = "Log";

    /// <summary>The configuration and its what-if.</summary>
    public const string Config = "Config";
}
