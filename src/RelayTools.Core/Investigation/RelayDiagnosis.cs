using RelayTools.Core.Smtp;

namespace RelayTools.Core.Investigation;

/// <summary>
/// Debug-SmtpRelay's answer for one server: the verdict for the client's path today, the path that
/// works, the root cause with its evidence from probe, log and configuration, and the fix, checked by
/// the what-if before anything is changed.
/// </summary>
public sealed class RelayDiagnosis
{
    /// <summary>The server probed.</summary>
    public string Server { get; set; } = "";

    /// <summary>The MAIL FROM address used (empty: the null sender).</summary>
    public string From { get; set; } = "";

    /// <summary>The RCPT TO address used.</summary>
    public string To { get; set; } = "";

    /// <summary>The application server's address: the one given, else this host's own as the server saw it.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>How the probe stood in for the client: Bound, Xclient or OwnAddress (<see cref="ProbedFrom"/>).</summary>
    public string ProbedFrom { get; set; } = Investigation.ProbedFrom.OwnAddress;

    /// <summary>The source address the probes came from.</summary>
    public string? ProbeAddress { get; set; }

    /// <summary>The outcome on the client's path today (<see cref="RelayVerdict"/>).</summary>
    public string Verdict { get; set; } = "";

    /// <summary>The client's path today, for example <c>25 plain</c>.</summary>
    public string ClientPath { get; set; } = "";

    /// <summary>A path that relays, for example <c>587 STARTTLS + AUTH PLAIN</c>; null when none does.</summary>
    public string? WorkingPath { get; set; }

    /// <summary>Every probe of the matrix, the client's path first; each result's Path names its path.</summary>
    public SmtpProbeResult[] Paths { get; set; } = [];

    /// <summary>What is wrong.</summary>
    public RootCause RootCause { get; set; } = new();

    /// <summary>The facts behind the root cause, each with its source and origin.</summary>
    public RelayEvidence[] Evidence { get; set; } = [];

    /// <summary>Commands for the mail server that fix it, to paste as shown (postconf -e, -P, -M, postfix reload).</summary>
    public string[] ServerFix { get; set; } = [];

    /// <summary>What to change on the client instead (port, TLS, AUTH), when that is the fix or an alternative.</summary>
    public string? ClientFix { get; set; }

    /// <summary>
    /// True when the what-if, run again on the configuration with <see cref="ServerFix"/> applied (or a probe
    /// of the working path, for a client fix), permits; false when it still refuses; null when nothing could check it.
    /// </summary>
    public bool? FixVerified { get; set; }

    /// <summary>What the diagnosis could not see or check, and why.</summary>
    public string[] Notes { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => Server + " " + Verdict + " (" + ClientPath + "): " + RootCause.Id;
}
