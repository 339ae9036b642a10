using System.Linq;
using System.Text;

namespace RelayTools.Core.Sendmail;

/// <summary>The DaemonPortOptions entry a client's port reaches: its name and its {daemon_flags}.</summary>
internal sealed class SendmailDaemon
{
    public string Name { get; private set; } = "";

    /// <summary>{daemon_flags}: each modifier followed by a space, upper-case ones doubled (as getmodifiers writes them).</summary>
    public string Flags { get; private set; } = "";

    /// <summary>The daemon listening on <paramref name="port"/>, read by <see cref="SendmailDaemonOptions"/>; an empty one when none does.</summary>
    public static SendmailDaemon ForPort(SendmailCf cf, int port)
    {
        var daemon = cf.OptionsNamed("DaemonPortOptions").Select(o => SendmailDaemonOptions.Parse(o.Value, o.Origin)).FirstOrDefault(d => d.Port == port);
        if (daemon == null) return new SendmailDaemon();
        var flags = new StringBuilder();
        foreach (char c in daemon.Modifiers)
        {
            if (c == ' ' || c == ',') continue;
            if (char.IsUpper(c)) flags.Append(c);
            flags.Append(c).Append(' ');
        }
        return new SendmailDaemon { Name = daemon.Name, Flags = flags.ToString().TrimEnd() };
    }
}
