using System;
using System.Collections.Generic;
using RelayTools.Core.Sendmail;

namespace RelayTools.Core.Investigation;

/// <summary>
/// A change to a Sendmail configuration: the lines and commands an admin applies on the mail server (an access
/// line and makemap, or an mc line, m4 and a restart), and the same change applied to a configuration in memory,
/// so the Sendmail what-if can prove it before anything is changed.
/// </summary>
public sealed class SendmailFix
{
    private readonly List<Action<SendmailConfiguration>> _patches = [];

    /// <summary>The cause the fix addresses.</summary>
    public string CauseId { get; set; } = "";

    /// <summary>What is wrong, in this case's terms.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The lines and commands, in order (the access line, then makemap; or the mc line, m4 and the restart).</summary>
    public List<string> Commands { get; } = [];

    /// <summary>What the admin should also know (the client has no PTR record).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>True when the change can be checked by the what-if (configuration changes; not a makemap or a restart alone).</summary>
    public bool Checkable => _patches.Count > 0;

    /// <summary>Adds a line or command and what it does to a configuration.</summary>
    public SendmailFix Add(string command, Action<SendmailConfiguration>? patch = null)
    {
        Commands.Add(command);
        if (patch is not null)
        {
            _patches.Add(patch);
        }

        return this;
    }

    /// <summary>Applies the change to <paramref name="config"/> (a fresh copy: it is changed in place).</summary>
    public void ApplyTo(SendmailConfiguration config)
    {
        foreach (Action<SendmailConfiguration> patch in _patches)
        {
            patch(config);
        }
    }
}
