namespace RelayTools.Core.Smtp;

/// <summary>A probe result that says which domain's MX host it came from (-Domain): the relay probe and the open-relay audit.</summary>
public interface IMxProbeOrigin
{
    /// <summary>The domain whose MX hosts were probed; null when the server was given by name.</summary>
    string? Domain { get; set; }

    /// <summary>The MX host the probed address belongs to.</summary>
    string? MxHost { get; set; }

    /// <summary>The MX preference of that host.</summary>
    int? MxPreference { get; set; }
}
