using System;
using System.Collections.Generic;
using RelayTools.Core.Exim;
using RelayTools.Core.Postfix;
using RelayTools.Core.Sendmail;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Investigation;

/// <summary>What a diagnosis starts from: the probes of the matrix and, when given, the log and the configuration.</summary>
public sealed class RelayFindings
{
    /// <summary>The server probed.</summary>
    public string Server { get; set; } = "";

    /// <summary>The sender (empty: the null sender).</summary>
    public string From { get; set; } = "";

    /// <summary>The recipient.</summary>
    public string To { get; set; } = "";

    /// <summary>The SASL user name of the credential, when one was given.</summary>
    public string? UserName { get; set; }

    /// <summary>The client's address as the server saw it (bound, XCLIENT, or this host's own).</summary>
    public string? ClientAddress { get; set; }

    /// <summary>True when the server saw the probes come from <see cref="ClientAddress"/> (bound, XCLIENT, or no other client named).</summary>
    public bool StoodIn { get; set; } = true;

    /// <summary>How the probe stood in for the client (<see cref="Investigation.ProbedFrom"/>).</summary>
    public string ProbedFrom { get; set; } = Investigation.ProbedFrom.OwnAddress;

    /// <summary>The paths, the client's own first, and each one's probe result in the same order.</summary>
    public List<(RelayPath Path, SmtpProbeResult Result)> Probes { get; } = [];

    /// <summary>The server's log lines (written during the probes, or given), or null.</summary>
    public LogExcerpt? Log { get; set; }

    /// <summary>Reads the configuration afresh (each call a new copy, so a fix can be applied to one), or null.</summary>
    public Func<PostfixConfiguration>? PostfixConfiguration { get; set; }

    /// <summary>Reads the Exim configuration afresh (each call a new copy, so a fix can be applied to one), or null.</summary>
    public Func<EximConfiguration>? EximConfiguration { get; set; }

    /// <summary>
    /// Reads the Sendmail configuration afresh (each call a new copy, so a fix can be applied to one), or null. The
    /// argument is the server's own name from its greeting, for $j when sendmail.cf has no Dj line (null: unknown).
    /// </summary>
    public Func<string?, SendmailConfiguration>? SendmailConfiguration { get; set; }

    /// <summary>Notes gathered while probing (how the client was stood in for, what was not read).</summary>
    public List<string> Notes { get; } = [];
}
