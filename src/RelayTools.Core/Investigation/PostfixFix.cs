using System;
using System.Collections.Generic;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Investigation;

/// <summary>
/// A change to a Postfix configuration: the commands an admin pastes on the mail server, and the same
/// change applied to a configuration in memory, so the what-if can prove it before anything is changed.
/// </summary>
public sealed class PostfixFix
{
    private readonly List<Action<PostfixConfiguration>> _patches = [];

    /// <summary>The cause the fix addresses.</summary>
    public string CauseId { get; set; } = "";

    /// <summary>What is wrong, in this case's terms.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The commands, in order (postconf -e / -P / -M, then postfix reload).</summary>
    public List<string> Commands { get; } = [];

    /// <summary>The service the client reaches once the fix is in (its id, name/type), for the check.</summary>
    public string ServiceId { get; set; } = "";

    /// <summary>True when the change can be checked by the what-if (configuration changes; not a restart).</summary>
    public bool Checkable => _patches.Count > 0;

    /// <summary>Adds a command and what it does to a configuration.</summary>
    public PostfixFix Add(string command, Action<PostfixConfiguration>? patch = null)
    {
        Commands.Add(command);
        if (patch is not null)
        {
            _patches.Add(patch);
        }

        return this;
    }

    /// <summary>Applies the change to <paramref name="config"/> (a fresh copy: it is changed in place).</summary>
    public void ApplyTo(PostfixConfiguration config)
    {
        foreach (Action<PostfixConfiguration> patch in _patches)
        {
            patch(config);
        }
    }
}
