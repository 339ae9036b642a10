using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Sendmail;

/// <summary>One daemon of DaemonPortOptions (or DAEMON_OPTIONS in sendmail.mc): where it listens and what it asks.</summary>
public sealed class SendmailDaemonSetting
{
    /// <summary>Name= (<c>MTA-v4</c>, <c>MSP-v4</c>).</summary>
    public string Name { get; set; } = "";
    /// <summary>Family= (inet, inet6, local).</summary>
    public string Family { get; set; } = "";
    /// <summary>Addr=; 0.0.0.0 or :: for every address.</summary>
    public string Address { get; set; } = "";
    /// <summary>Port= as a number.</summary>
    public int Port { get; set; }
    /// <summary>M= modifiers (<c>Ea</c>: no ETRN, AUTH required).</summary>
    public string Modifiers { get; set; } = "";
    /// <summary>True when AUTH is required before mail (M=a).</summary>
    public bool RequiresAuth { get; set; }
    /// <summary>True when only the host itself can connect (127.x or ::1).</summary>
    public bool LoopbackOnly { get; set; }
    /// <summary>sendmail.cf:line or sendmail.mc:line.</summary>
    public string Origin { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => (Name.Length > 0 ? Name + " " : "") + Address + ":" + Port + (Modifiers.Length > 0 ? " M=" + Modifiers : "");
}

/// <summary>The settings that decide whether a Sendmail relays, as Get-SendmailRelaySetting shows them.</summary>
public sealed class SendmailRelaySetting
{
    /// <summary>The sendmail.cf (or sendmail.mc) read.</summary>
    public string Source { get; set; } = "";
    /// <summary>$j, the server's own name.</summary>
    public string HostName { get; set; } = "";
    /// <summary>Where $j comes from.</summary>
    public string HostNameOrigin { get; set; } = "";
    /// <summary>Class w: the names this server takes mail for as its own (Cw lines, local-host-names, and what Sendmail adds itself).</summary>
    public SendmailClassMember[] LocalHostNames { get; set; } = [];
    /// <summary>Class R: the domains it relays for (RELAY_DOMAIN, relay-domains).</summary>
    public SendmailClassMember[] RelayDomains { get; set; } = [];
    /// <summary>The access map's entries in file order, each with its tag, key, value and line.</summary>
    public SendmailAccessEntry[] Access { get; set; } = [];
    /// <summary>The relay FEATUREs in effect.</summary>
    public SendmailFeature[] Features { get; set; } = [];
    /// <summary>The daemons: addresses and ports.</summary>
    public SendmailDaemonSetting[] Daemons { get; set; } = [];
    /// <summary>The AUTH mechanisms offered (AuthMechanisms).</summary>
    public string[] AuthMechanisms { get; set; } = [];
    /// <summary>The mechanisms whose users may relay (TRUST_AUTH_MECH).</summary>
    public string[] TrustedAuthMechanisms { get; set; } = [];
    /// <summary>True when STARTTLS is set up (a server certificate).</summary>
    public bool StartTls { get; set; }
    /// <summary>DeliveryMode (deferred skips the relay checks).</summary>
    public string DeliveryMode { get; set; } = "";
    /// <summary>Whether each database map's .db is there and current.</summary>
    public SendmailDatabaseStatus[] Databases { get; set; } = [];

    /// <summary>Reads the settings of a configuration: from sendmail.cf, or from sendmail.mc alone when there is no .cf.</summary>
    public static SendmailRelaySetting From(SendmailConfiguration config)
    {
        var cf = config.Cf;
        var setting = new SendmailRelaySetting
        {
            Source = config.Source,
            HostName = config.HostName,
            HostNameOrigin = config.HostNameOrigin,
            Access = config.Access?.Entries.ToArray() ?? [],
            Databases = config.Databases.ToArray(),
        };
        if (config.IsCompiled)
        {
            setting.LocalHostNames = (cf.Classes.TryGetValue("w", out var w) ? w : []).Concat(SendmailSession.AutomaticClassW(config))
                .GroupBy(m => m.Value, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToArray();
            setting.RelayDomains = cf.Classes.TryGetValue("R", out var r) ? r.ToArray() : [];
            setting.Features = SendmailFeatures.Detect(cf).ToArray();
            setting.Daemons = cf.OptionsNamed("DaemonPortOptions").Select(o => Daemon(SendmailDaemonOptions.Parse(o.Value, o.Origin))).ToArray();
            setting.AuthMechanisms = SendmailAuth.Offered(cf);
            setting.TrustedAuthMechanisms = SendmailAuth.Trusted(cf);
            setting.StartTls = !string.IsNullOrEmpty(cf.Option("ServerCertFile"));
            setting.DeliveryMode = cf.Option("DeliveryMode") ?? "background";
            NameOrigins(setting, config.Mc);
        }
        else if (config.Mc is { } mc)
        {
            setting.LocalHostNames = mc.LocalDomains.Select(i => new SendmailClassMember { Value = i.Value, Origin = i.Origin }).ToArray();
            setting.RelayDomains = mc.RelayDomains.Select(i => new SendmailClassMember { Value = i.Value, Origin = i.Origin }).ToArray();
            setting.Features = mc.Features.Values.OrderBy(f => f.Line).Select(f => new SendmailFeature { Name = f.Argument(0), Arguments = string.Join(", ", f.Arguments.Skip(1).Where(a => a.Length > 0)), Origin = f.Origin }).ToArray();
            setting.Daemons = mc.EffectiveDaemonOptions.Select(Daemon).ToArray();
            setting.TrustedAuthMechanisms = mc.TrustAuthMechanisms.Select(i => i.Value).ToArray();
            setting.AuthMechanisms = mc.Defines.TryGetValue("confAUTH_MECHANISMS", out var mechs) ? mechs.Split([' '], StringSplitOptions.RemoveEmptyEntries) : [];
            setting.StartTls = mc.Defines.ContainsKey("confSERVER_CERT");
            setting.DeliveryMode = mc.Defines.TryGetValue("confDELIVERY_MODE", out var mode) ? mode : "background";
        }
        return setting;
    }

    static SendmailDaemonSetting Daemon(SendmailDaemonOptions d) => new()
    {
        Name = d.Name,
        Family = d.Family,
        Address = d.Address,
        Port = d.Port,
        Modifiers = d.Modifiers,
        RequiresAuth = d.RequiresAuth,
        LoopbackOnly = d.ListensOnLoopbackOnly,
        Origin = d.Origin,
    };

    // A FEATURE or DAEMON_OPTIONS the .mc has: its line is the origin an admin edits.
    static void NameOrigins(SendmailRelaySetting setting, SendmailMcFile? mc)
    {
        if (mc == null) return;
        foreach (var f in setting.Features)
            if (mc.Features.TryGetValue(f.Name, out var statement))
            {
                f.Origin = statement.Origin;
                f.Arguments = string.Join(", ", statement.Arguments.Skip(1).Where(a => a.Length > 0));
            }
        var daemons = mc.DaemonOptions.ToList();
        foreach (var d in setting.Daemons)
            if (daemons.FirstOrDefault(m => m.Port == d.Port && m.Name == d.Name) is { } m) d.Origin = m.Origin + " (" + d.Origin + ")";
    }
}
