namespace RelayTools.Core.Diagnosis;

/// <summary>One ranked root cause, with how to confirm it and how to fix it.</summary>
public sealed class Cause
{
    /// <summary>Stable kebab-case identifier, for example <c>no-smtp-auth</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>1 is the most likely cause.</summary>
    public int Rank { get; set; }

    /// <summary>One-sentence description of the cause.</summary>
    public string Summary { get; set; } = "";

    /// <summary>A shell command or RelayTools cmdlet that confirms or rules out the cause.</summary>
    public string Check { get; set; } = "";

    /// <summary>What to change (for Postfix, the exact main.cf or master.cf lines).</summary>
    public string Fix { get; set; } = "";

    /// <summary>The MTAs the cause applies to ("Postfix", "Exim", "Sendmail", "Exchange", "Microsoft365", "IIS", "qmail") or "Any".</summary>
    public string[] AppliesTo { get; set; } = [];

    /// <summary>The MTA whose Check and Fix were chosen, or null for the generic advice.</summary>
    public string? AdviceFor { get; set; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
