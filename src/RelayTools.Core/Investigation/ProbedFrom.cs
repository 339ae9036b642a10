namespace RelayTools.Core.Investigation;

/// <summary>How the probe stood in for the client. Strings, for the same reason as <see cref="RelayVerdict"/>.</summary>
public static class ProbedFrom
{
    /// <summary>This host has the client's address and bound it as the source.</summary>
    public const string Bound = "Bound";

    /// <summary>The server authorises this host for XCLIENT, and was told the client's address.</summary>
    public const string Xclient = "Xclient";

    /// <summary>Probed from this host's own address (no client address given, or it could not be stood in for).</summary>
    public const string OwnAddress = "OwnAddress";
}
