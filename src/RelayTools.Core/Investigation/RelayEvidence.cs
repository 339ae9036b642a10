namespace RelayTools.Core.Investigation;

/// <summary>One fact behind a diagnosis, with where it was seen.</summary>
public sealed class RelayEvidence
{
    /// <summary>Probe, Log or Config (<see cref="EvidenceSource"/>).</summary>
    public string Source { get; set; } = "";

    /// <summary>Exactly where: the probe path and command, a log file:line, main.cf:line or a master.cf -o override.</summary>
    public string Origin { get; set; } = "";

    /// <summary>What was seen: the reply, the log line, the restriction and its result.</summary>
    public string Text { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Source + " " + Origin + ": " + Text;
}
