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

    public static RestrictionOutcome Ok(string detail) => new() { Verdict = Verdict.Ok, Detail = detail };
    public static RestrictionOutcome Dunno(string detail) => new() { Verdict = Verdict.Dunno, Detail = detail };
    public static RestrictionOutcome Unknown(string detail) => new() { Verdict = Verdict.Unknown, Detail = detail };

    /// <summary>A 4xx or 5xx reply; the verdict follows the first digit of the code.</summary>
    public static RestrictionOutcome Reply(int code, string dsn, string text, string detail) =>
        new() { Verdict = code / 100 == 4 ? Verdict.Defer : Verdict.Reject, Code = code, Dsn = dsn, Text = text, Detail = detail };
}

/// <summary>What a restriction list is checking: the name and class Postfix puts in its replies.</summary>
internal sealed class ReplyContext(string name, string replyClass)
{
    /// <summary>The name in angle brackets: <c>unknown[127.0.0.7]</c>, the HELO name, the sender, or the recipient.</summary>
    public string Name { get; } = name;
    /// <summary><c>Client host</c>, <c>Helo command</c>, <c>Sender address</c> or <c>Recipient address</c>.</summary>
    public string Class { get; } = replyClass;
}
