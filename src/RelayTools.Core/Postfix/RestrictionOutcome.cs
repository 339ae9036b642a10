using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Postfix;

/// <summary>The result of one restriction (or one list) in the evaluator.</summary>
internal enum Verdict { Ok, Dunno, Reject, Defer, Unknown }

/// <summary>A restriction's verdict with the reply it gives and why.</summary>
internal sealed class RestrictionOutcome
{
    public Verdict Verdict { get; set; }
    public int Code { get; set; }
    public string Dsn { get; set; } = "";
    public string Text { get; set; } = "";
    public string Detail { get; set; } = "";
    /// <summary>The trace step that made the reply when it is not the last one evaluated (a defer_if_permit or defer_if_reject raised earlier).</summary>
    public RelayTraceStep? DecidingStep { get; set; }

    public static RestrictionOutcome Ok(string detail) => new() { Verdict = Verdict.Ok, Detail = detail };
    public static RestrictionOutcome Dunno(string detail) => new() { Verdict = Verdict.Dunno, Detail = detail };
    public static RestrictionOutcome Unknown(string detail) => new() { Verdict = Verdict.Unknown, Detail = detail };

    /// <summary>A 4xx or 5xx reply; the verdict follows the first digit of the code.</summary>
    public static RestrictionOutcome Reply(int code, string dsn, string text, string detail) =>
        new() { Verdict = code / 100 == 4 ? Verdict.Defer : Verdict.Reject, Code = code, Dsn = dsn, Text = text, Detail = detail };
}
