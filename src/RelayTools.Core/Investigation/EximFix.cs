using System;
using System.Collections.Generic;
using RelayTools.Core.Exim;

namespace RelayTools.Core.Investigation;

/// <summary>
/// A change to an Exim configuration: the lines and commands an admin applies on the mail server, and the
/// same change applied to a configuration in memory, so the Exim what-if can prove it before anything is changed.
/// </summary>
public sealed class EximFix
{
    private readonly List<Action<EximConfiguration>> _patches = [];

    /// <summary>The cause the fix addresses.</summary>
    public string CauseId { get; set; } = "";

    /// <summary>What is wrong, in this case's terms.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The lines and commands, in order (a dc_relay_nets or hostlist line, update-exim4.conf, the reload).</summary>
    public List<string> Commands { get; } = [];

    /// <summary>True when the change can be checked by the what-if (configuration changes; not a reload).</summary>
    public bool Checkable => _patches.Count > 0;

    /// <summary>Adds a line or command and what it does to a configuration.</summary>
    public EximFix Add(string command, Action<EximConfiguration>? patch = null)
    {
        Commands.Add(command);
        if (patch is not null)
        {
            _patches.Add(patch);
        }

        return this;
    }

    /// <summary>Applies the change to <paramref name="config"/> (a fresh copy: it is changed in place).</summary>
    public void ApplyTo(EximConfiguration config)
    {
        foreach (Action<EximConfiguration> patch in _patches)
        {
            patch(config);
        }
    }
}
