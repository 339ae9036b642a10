namespace RelayTools.Core.Smtp;

/// <summary>A classified outcome: the status and the knowledge-base cause ids the evidence points to.</summary>
public sealed class ProbeOutcome
{
    /// <summary>Creates an outcome.</summary>
    public ProbeOutcome(SmtpRelayStatus status, params string[] evidence)
    {
        Status = status;
        Evidence = evidence;
    }

    /// <summary>The status.</summary>
    public SmtpRelayStatus Status { get; }

    /// <summary>Cause ids, most likely first.</summary>
    public string[] Evidence { get; }
}
