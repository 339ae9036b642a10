using System;
using System.Globalization;
using System.Text;

namespace RelayTools.Core.Sendmail;

/// <summary>The DaemonPortOptions entry a client's port reaches: its name and its {daemon_flags}.</summary>
internal sealed class SendmailDaemon
{
    public string Name { get; private set; } = "";

    /// <summary>{daemon_flags}: each modifier followed by a space, upper-case ones doubled (as getmodifiers writes them).</summary>
    public string Flags { get; private set; } = "";

    public static SendmailDaemon ForPort(SendmailCf cf, int port)
    {
        foreach (var option in cf.OptionsNamed("DaemonPortOptions"))
        {
            int p = 25;
            string name = "", modifiers = "";
            foreach (string part in option.Value.Split(','))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0) continue;
                string key = part.Substring(0, eq).Trim();
                string value = part.Substring(eq + 1).Trim();
                if (key.Length == 0) continue;
                switch (char.ToUpperInvariant(key[0]))
                {
                    case 'P': p = PortNumber(value); break;
                    case 'N': name = value; break;
                    case 'M': modifiers = value; break;
                }
            }
            if (p != port) continue;
            var flags = new StringBuilder();
            foreach (char c in modifiers)
            {
                if (c == ' ' || c == ',') continue;
                if (char.IsUpper(c)) flags.Append(c);
                flags.Append(c).Append(' ');
            }
            return new SendmailDaemon { Name = name, Flags = flags.ToString().TrimEnd() };
        }
        return new SendmailDaemon();
    }

    internal static int PortNumber(string value) => value.ToLowerInvariant() switch
    {
        "smtp" => 25,
        "submission" => 587,
        "smtps" => 465,
        _ => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 25,
    };
}
