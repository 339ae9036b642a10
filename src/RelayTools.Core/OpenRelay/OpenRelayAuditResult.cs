using System;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.OpenRelay;

/// <summary>The open-relay audit of one server: per-form replies and the verdict.</summary>
public sealed class OpenRelayAuditResult : RelayTools.Core.Smtp.IMxProbeOrigin
{
    /// <summary>The server as given.</summary>
    public string Server { get; set; } = "";

    /// <summary>The TCP port.</summary>
    public int Port { get; set; }

    /// <summary>The IP address connected to.</summary>
    public string? RemoteAddress { get; set; }

    /// <summary>The domain whose MX hosts were probed (-Domain); null when the server was given by name.</summary>
    public string? Domain { get; set; }

    /// <summary>The MX host this address belongs to (the domain itself for an implicit MX); null without -Domain.</summary>
    public string? MxHost { get; set; }

    /// <summary>The MX preference of <see cref="MxHost"/> (0 for an implicit MX); null without -Domain.</summary>
    public int? MxPreference { get; set; }

    /// <summary>The local source address.</summary>
    public string? LocalAddress { get; set; }

    /// <summary>The greeting text.</summary>
    public string? Banner { get; set; }

    /// <summary>The server name used in the address forms (from the greeting).</summary>
    public string? ServerName { get; set; }

    /// <summary>The protection the session had.</summary>
    public SmtpConnectionSecurity Security { get; set; }

    /// <summary>Open, Closed or Inconclusive.</summary>
    public OpenRelayVerdict Verdict { get; set; }

    /// <summary>How many forms relayed.</summary>
    public int RelayedCount { get; set; }

    /// <summary>How many forms got an answer.</summary>
    public int TestedCount { get; set; }

    /// <summary>Each form's replies, in order.</summary>
    public OpenRelayTestResult[] Tests { get; set; } = [];

    /// <summary>How many SMTP sessions the audit opened (2 for 16 forms in sessions of 8; more when the server ended some).</summary>
    public int Sessions { get; set; }

    /// <summary>How many sessions the server ended itself (421, too many syntax errors, a hang-up); each was followed by a reconnect while forms were left.</summary>
    public int EndedByServer { get; set; }

    /// <summary>When the audit could not run (or stopped early): the status of the connection.</summary>
    public SmtpRelayStatus? ConnectionStatus { get; set; }

    /// <summary>A one-line explanation of the verdict.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Wall-clock time of the audit.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>The transcript (only with -IncludeTranscript).</summary>
    public string[]? Transcript { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Server}:{Port} {Verdict} ({RelayedCount}/{TestedCount} relayed)";
}
