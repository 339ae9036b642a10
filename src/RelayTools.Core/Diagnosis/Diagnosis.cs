namespace RelayTools.Core.Diagnosis;

/// <summary>What the knowledge base says about one failure: its category, the MTA, the ranked causes and the dead ends.</summary>
public sealed class Diagnosis
{
    /// <summary>The category diagnosed.</summary>
    public FailureCategory Category { get; set; }

    /// <summary>The MTA the advice was chosen for, or null for generic advice.</summary>
    public string? Mta { get; set; }

    /// <summary>The causes, most likely first (Rank 1, 2, ...).</summary>
    public Cause[] Causes { get; set; } = [];

    /// <summary>What does not help, and why.</summary>
    public string[] DeadEnds { get; set; } = [];

    /// <summary>The id of the knowledge-base wording that decided the category, or null (no reply, or an unknown wording).</summary>
    public string? PatternId { get; set; }
}
