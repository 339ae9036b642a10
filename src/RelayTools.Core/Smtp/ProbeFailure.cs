namespace RelayTools.Core.Smtp;

/// <summary>Why a probe session ended early: the status, the stage, the reply (if one decided it) and the reason.</summary>
public sealed class ProbeFailure
{
    /// <summary>The status.</summary>
    public SmtpRelayStatus Status { get; set; }

    /// <summary>The stage that failed.</summary>
    public SmtpProbeStage Stage { get; set; }

    /// <summary>The server reply that decided it, if any.</summary>
    public SmtpReply? Reply { get; set; }

    /// <summary>The reason, in words, when no reply says it.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Cause ids the failure points to.</summary>
    public string[] Evidence { get; set; } = [];
}
