namespace RelayTools.Core.Diagnosis;

/// <summary>
/// What is known about the case being diagnosed, so that a cause's Check and Fix name this case's values
/// (<c>exim -bh 10.20.1.5</c>) instead of a placeholder. Every property is optional: an unknown value reads
/// as a named placeholder such as <c>&lt;client-address&gt;</c>.
/// </summary>
public sealed class DiagnosisContext
{
    /// <summary>The server the client talks to (host name or address), as the client names it.</summary>
    public string? Server { get; set; }

    /// <summary>The TCP port the client uses.</summary>
    public int? Port { get; set; }

    /// <summary>The client's IP address as the server sees it (after NAT).</summary>
    public string? ClientAddress { get; set; }

    /// <summary>The envelope recipient (RCPT TO).</summary>
    public string? Recipient { get; set; }

    /// <summary>The envelope sender (MAIL FROM).</summary>
    public string? Sender { get; set; }

    /// <summary>The SMTP AUTH user name, when the client logs in.</summary>
    public string? UserName { get; set; }

    /// <summary>
    /// The MTA the server is known to run (a <see cref="MtaRegistry"/> name), used when neither the server's
    /// greeting, its name nor the wording of the reply names one.
    /// </summary>
    public string? Mta { get; set; }

    /// <summary>A copy of this context whose <see cref="Mta"/> is <paramref name="mta"/>.</summary>
    public DiagnosisContext WithMta(string? mta)
    {
        var copy = (DiagnosisContext)MemberwiseClone();
        copy.Mta = mta;
        return copy;
    }
}
