namespace RelayTools.Core.Sendmail;

/// <summary>The result of one map lookup.</summary>
public readonly struct SendmailMapResult
{
    SendmailMapResult(bool found, bool tempFail, string value, string detail)
    {
        Found = found;
        TempFail = tempFail;
        Value = value;
        Detail = detail;
    }

    /// <summary>True when the key was found.</summary>
    public bool Found { get; }

    /// <summary>True for a temporary failure (the map's -T text is appended to the key).</summary>
    public bool TempFail { get; }

    /// <summary>The value found.</summary>
    public string Value { get; }

    /// <summary>Where the value comes from (<c>access:3</c>), for traces.</summary>
    public string Detail { get; }

    /// <summary>Found, with the file:line it came from.</summary>
    public static SendmailMapResult Hit(string value, string detail = "") => new(true, false, value, detail);

    /// <summary>Not found.</summary>
    public static SendmailMapResult Miss { get; } = new(false, false, "", "");

    /// <summary>A temporary failure.</summary>
    public static SendmailMapResult Fail { get; } = new(false, true, "", "");
}

/// <summary>Answers the map lookups of the rules (<c>$(access ...$)</c>, <c>$[ ... $]</c>).</summary>
public interface ISendmailMapLookup
{
    /// <summary>
    /// Looks <paramref name="key"/> up in <paramref name="map"/> (its K line; for <c>$[ $]</c> a host map
    /// named <c>host</c>); <paramref name="args"/> are the <c>$@</c> arguments. Throws
    /// <see cref="SendmailNotEvaluatedException"/> when the answer needs DNS or an unreadable source.
    /// </summary>
    SendmailMapResult Lookup(SendmailMapDeclaration map, string key, string[] args);
}
