namespace RelayTools.Core.Dns.Spf;

/// <summary>
/// One step of check_host(): a record fetched or a term evaluated. Steps of included and redirected records
/// follow the include/redirect step with a Depth one greater, so the path reads as an indented tree.
/// </summary>
public sealed class SpfStep
{
    /// <summary>0 for the domain asked about; +1 for each include or redirect entered.</summary>
    public int Depth { get; set; }

    /// <summary>Record, Mechanism or Modifier.</summary>
    public SpfStepKind Kind { get; set; }

    /// <summary>The domain whose record holds the term (or whose record was looked up).</summary>
    public string Domain { get; set; } = "";

    /// <summary>The term as written ("-all", "include:_spf.example.com"), or the record text for a Record step.</summary>
    public string Term { get; set; } = "";

    /// <summary>True when the mechanism matched (for a Record step: a record was found).</summary>
    public bool Matched { get; set; }

    /// <summary>What happened, in a few words: "match: fail", "no match", "permerror: ...", "none: no SPF record".</summary>
    public string Outcome { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => new string(' ', Depth * 2) + Domain + ": " + (Term.Length == 0 ? "" : Term + " -> ") + Outcome;
}
