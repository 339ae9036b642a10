using System;

namespace RelayTools.Core.Dns.Spf;

/// <summary>
/// Ends the whole evaluation with permerror or temperror. Both go straight to the top: an include passes them on
/// (5.2), a redirect's result is its target's (6.1), and a limit exceeded anywhere ends check_host() (4.6.4).
/// </summary>
internal sealed class SpfAbort : Exception
{
    public SpfAbort(SpfResult result, SpfProblemKind kind, string term, string problem)
        : base(problem)
    {
        Result = result;
        Kind = kind;
        Term = term;
        Problem = problem;
    }

    /// <summary>PermError or TempError.</summary>
    public SpfResult Result { get; }

    /// <summary>What kind of problem.</summary>
    public SpfProblemKind Kind { get; }

    /// <summary>The term at fault, as written (empty for a record lookup).</summary>
    public string Term { get; }

    /// <summary>What went wrong, naming the domain, the term or the server.</summary>
    public string Problem { get; }

    /// <summary>True once a path step shows the problem; the include and redirect steps above it then only point down.</summary>
    public bool Shown { get; set; }
}
