namespace RelayTools.Core.Investigation;

/// <summary>The cause a diagnosis settled on: a knowledge-base cause id and a sentence that names this case.</summary>
public sealed class RootCause
{
    /// <summary>The cause id (client-not-trusted, restriction-order, auth-requires-starttls, sasl-backend-down, submission-not-enabled, config-not-loaded, ...).</summary>
    public string Id { get; set; } = "";

    /// <summary>What is wrong, in this case's terms (its client, server, port and list).</summary>
    public string Summary { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Id + ": " + Summary;
}
