namespace RelayTools.Core.Dns;

/// <summary>One MX record: the preference (lower is tried first) and the mail exchanger's host name.</summary>
public sealed class DnsMxRecord
{
    /// <summary>The preference; lower values are tried first (RFC 5321 5.1).</summary>
    public int Preference { get; set; }

    /// <summary>The mail exchanger's host name, without the trailing dot; "." (RFC 7505 null MX) is kept as ".".</summary>
    public string Exchange { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Preference + " " + Exchange;
}
