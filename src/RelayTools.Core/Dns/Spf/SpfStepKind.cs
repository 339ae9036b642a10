namespace RelayTools.Core.Dns.Spf;

/// <summary>What one step of an evaluation path looked at.</summary>
public enum SpfStepKind
{
    /// <summary>The lookup of a domain's SPF record (4.4, 4.5).</summary>
    Record,

    /// <summary>A mechanism tried against the address (4.6.2, 5).</summary>
    Mechanism,

    /// <summary>A modifier that was acted on: redirect (6.1) or exp (6.2).</summary>
    Modifier,
}
