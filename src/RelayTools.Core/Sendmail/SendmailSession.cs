using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// The macros and classes one SMTP session gives the rules: {client_addr}, {client_name},
/// {client_resolve}, {daemon_flags}, {auth_type}, $f... and class w as Sendmail fills it at start.
/// </summary>
internal sealed class SendmailSession
{
    readonly SendmailConfiguration _config;
    readonly Dictionary<string, string?> _macros = new(StringComparer.Ordinal);

    public SendmailSession(SendmailConfiguration config, SendmailRelayQuery query, string clientName, string daemonFlags)
    {
        _config = config;
        string addr = SendmailAddress(query.ClientAddress);
        _macros["client_addr"] = addr;
        _macros["client_name"] = clientName.Length > 0 ? clientName : "[" + addr + "]";
        _macros["client_resolve"] = clientName.Length > 0 ? "OK" : "FAIL";
        _macros["client_rate"] = "1";
        _macros["client_connections"] = "1";
        _macros["total_rate"] = "1";
        _macros["daemon_flags"] = daemonFlags;
        string mode = config.Cf.Option("DeliveryMode") ?? "background";
        _macros["deliveryMode"] = mode.Length > 0 ? char.ToLowerInvariant(mode[0]).ToString() : "b";
        if (query.Authenticated)
        {
            _macros["auth_type"] = query.AuthMechanism;
            _macros["auth_authen"] = query.SaslUser;
            _macros["auth_author"] = query.SaslUser;
        }
        _macros["f"] = query.Sender.Length == 0 ? "<>" : query.Sender;
        _macros["mail_from"] = "<" + query.Sender + ">";
        ClientMacroName = _macros["client_name"]!;
    }

    public string ClientMacroName { get; }

    public string ClientAddrMacro => _macros["client_addr"]!;

    /// <summary>Runtime value first, then the cf's D lines (expanded); null when undefined.</summary>
    public string? Macro(string name)
    {
        if (_macros.TryGetValue(name, out string? v)) return v;
        return _config.Cf.Macros.TryGetValue(name, out string? d) ? SendmailCfReader.Expand(_config.Cf, d) : null;
    }

    public void Define(string name, string? value) => _macros[name] = value;

    public bool InClass(string name, string word)
    {
        if (_config.Cf.InClass(name, word)) return true;
        if (name == "m") return string.Equals(Macro("m"), word, StringComparison.OrdinalIgnoreCase);
        return name == "w" && AutomaticClassW(_config).Any(m => string.Equals(m.Value, word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Class m: Sendmail puts $m (the domain of $j) in it at start.</summary>
    public static SendmailClassMember AutomaticClassM(SendmailConfiguration config) =>
        new() { Value = SendmailCfReader.Expand(config.Cf, config.Cf.Macros.TryGetValue("m", out var m) ? m : ""), Origin = "added by Sendmail at start ($m, the domain of $j)" };

    /// <summary>
    /// What Sendmail puts into class w by itself when it starts: $w and $j, and the addresses of the host's
    /// interfaces as [a.b.c.d]. Offline only the loopback ones are known.
    /// </summary>
    public static IEnumerable<SendmailClassMember> AutomaticClassW(SendmailConfiguration config)
    {
        const string why = "added by Sendmail at start";
        string j = config.HostName;
        if (j.Length > 0) yield return new SendmailClassMember { Value = j, Origin = why + " ($j, " + config.HostNameOrigin + ")" };
        int dot = j.IndexOf('.');
        if (dot > 0) yield return new SendmailClassMember { Value = j.Substring(0, dot), Origin = why + " ($w)" };
        yield return new SendmailClassMember { Value = "[127.0.0.1]", Origin = why + " (loopback interface)" };
        yield return new SendmailClassMember { Value = "[IPv6:0:0:0:0:0:0:0:1]", Origin = why + " (loopback interface)" };
    }

    /// <summary>{client_addr} as Sendmail writes it: dotted IPv4, or IPv6: and the full form (IPV6_FULL).</summary>
    public static string SendmailAddress(string address)
    {
        if (!IPAddress.TryParse(address, out var ip)) return address;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily == AddressFamily.InterNetwork) return ip.ToString();
        byte[] b = ip.GetAddressBytes();
        var groups = new string[8];
        for (int i = 0; i < 8; i++) groups[i] = ((b[2 * i] << 8) | b[2 * i + 1]).ToString("x", CultureInfo.InvariantCulture);
        return "IPv6:" + string.Join(":", groups);
    }
}
