using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// One listening socket of the Sendmail daemon: the value of <c>O DaemonPortOptions=Family=inet, Name=MTA-v4, Port=smtp,
/// Addr=127.0.0.1</c> in sendmail.cf, or the argument of <c>DAEMON_OPTIONS(...)</c> in sendmail.mc. Read as Sendmail 8.17's
/// setsockaddroptions() reads it: fields split at commas, a field without <c>=</c> ignored, only the first letter of a key
/// counts (<c>A=</c>, <c>Addr=</c> and <c>Address=</c> are the same; <c>r</c>/<c>R</c>, <c>d</c>/<c>D</c>, <c>c</c> and <c>q</c>
/// are case-sensitive), white space after <c>=</c> skipped.
/// </summary>
public sealed class SendmailDaemonOptions
{
    // Keys by the full names op.me gives them; a written key is matched by its first letter only.
    static readonly string[] FullNames =
    [
        "Addr", "Address", "children", "DeliveryMode", "delayLA", "Family", "InputMailFilters", "Listen", "Modifier", "Modifiers",
        "Name", "Port", "queueLA", "RcvBufSize", "refuseLA", "SndBufSize",
    ];

    // getservbyname("...", "tcp") on Debian 12 (/etc/services), for the names a mail daemon uses.
    static readonly Dictionary<string, int> Services = new(StringComparer.Ordinal)
    {
        ["smtp"] = 25,
        ["mail"] = 25,
        ["submission"] = 587,
        ["submissions"] = 465,
        ["smtps"] = 465,
        ["ssmtp"] = 465,
        ["urd"] = 465,
        ["lmtp"] = 24,
    };

    readonly List<KeyValuePair<string, string>> _pairs = new();
    readonly List<SendmailNote> _notes = new();

    /// <summary>The options text as given.</summary>
    public string Text { get; set; } = "";

    /// <summary>file:line where it was written.</summary>
    public string Origin { get; set; } = "";

    /// <summary>inet (the default), inet6 or local (also written unix).</summary>
    public string Family { get; set; } = "inet";

    /// <summary>The Name= value; empty when not set (Sendmail then calls it Daemon0, Daemon1... by position).</summary>
    public string Name { get; set; } = "";

    /// <summary>The TCP port: a number, or a service name looked up in /etc/services (smtp 25, submission 587, smtps 465); 25 when absent.</summary>
    public int Port { get; set; } = 25;

    /// <summary>
    /// The address Sendmail binds: the Addr= value (trimmed; a host name stays a name, Sendmail resolves it at start), 0.0.0.0
    /// (inet) or :: (inet6) for all addresses when absent or unusable; the socket path for local.
    /// </summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>The M= modifier letters without separators (<c>M=Ea</c> gives <c>Ea</c>); empty when none.</summary>
    public string Modifiers { get; set; } = "";

    /// <summary>Every key=value field as written: the key trimmed, the value after the white space that follows <c>=</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>Unknown keys and families, unknown services, fields Sendmail ignores, and addresses it cannot use.</summary>
    public IReadOnlyList<SendmailNote> Notes => _notes;

    /// <summary>True when the modifiers contain <paramref name="modifier"/> (case-sensitive: <c>a</c> is not <c>A</c>).</summary>
    public bool HasModifier(char modifier) => Modifiers.IndexOf(modifier) >= 0;

    /// <summary>M has <c>a</c> and not <c>A</c>: every client must authenticate (an MSA).</summary>
    public bool RequiresAuth => HasModifier('a') && !HasModifier('A');

    /// <summary>M has <c>A</c>: AUTH is not offered (it overrides <c>a</c>).</summary>
    public bool AuthDisabled => HasModifier('A');

    /// <summary>M has <c>E</c>: ETRN is refused.</summary>
    public bool NoEtrn => HasModifier('E');

    /// <summary>M has <c>s</c>: SMTP over TLS from the first byte (port 465 style).</summary>
    public bool Smtps => HasModifier('s');

    /// <summary>M has <c>S</c>: STARTTLS is not offered.</summary>
    public bool NoStartTls => HasModifier('S');

    /// <summary>Family=local: a UNIX socket, which no remote client can reach.</summary>
    public bool IsLocalSocket => Family == "local";

    /// <summary>True when no Addr= is in effect: the daemon listens on every address of its family.</summary>
    public bool ListensOnAllAddresses => !IsLocalSocket && Address is "0.0.0.0" or "::";

    /// <summary>The address is a loopback address (127.x.x.x, ::1, ::ffff:127.x.x.x) or <c>localhost</c>: remote clients cannot connect.</summary>
    public bool ListensOnLoopbackOnly
    {
        get
        {
            if (IsLocalSocket) return false;
            if (Address.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
            if (!IPAddress.TryParse(Address, out var ip)) return false;
            if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
            return IPAddress.IsLoopback(ip);
        }
    }

    /// <summary>The value Sendmail uses for a key (any spelling it accepts: <c>A</c>, <c>Addr</c>, <c>Address</c>); the last one written wins; null when absent.</summary>
    public string? Get(string key)
    {
        string? wanted = CanonicalKey(key);
        if (wanted == null) return null;
        for (int i = _pairs.Count - 1; i >= 0; i--)
            if (CanonicalKey(_pairs[i].Key) == wanted) return _pairs[i].Value;
        return null;
    }

    /// <summary>
    /// The option a key sets, by its first letter as Sendmail reads it: Addr, children, DeliveryMode, delayLA, Family,
    /// InputMailFilters, Listen, Modifier, Name, Port, queueLA, RcvBufSize, refuseLA, SndBufSize; null for a key Sendmail refuses.
    /// </summary>
    public static string? CanonicalKey(string key) => key.Length == 0 ? null : key[0] switch
    {
        'A' or 'a' => "Addr",
        'c' => "children",
        'D' => "DeliveryMode",
        'd' => "delayLA",
        'F' or 'f' => "Family",
        'I' or 'i' => "InputMailFilters",
        'L' or 'l' => "Listen",
        'M' or 'm' => "Modifier",
        'N' or 'n' => "Name",
        'P' or 'p' => "Port",
        'q' => "queueLA",
        'R' => "RcvBufSize",
        'r' => "refuseLA",
        'S' or 's' => "SndBufSize",
        _ => null,
    };

    /// <summary>Parses a DaemonPortOptions value; <paramref name="origin"/> (file:line) goes into the notes.</summary>
    public static SendmailDaemonOptions Parse(string value, string origin)
    {
        var d = new SendmailDaemonOptions { Text = value, Origin = origin };
        string? family = null, address = null, port = null;
        foreach (string raw in value.Split(','))
        {
            string field = raw.TrimStart();
            if (field.Length == 0) continue;
            int eq = field.IndexOf('=');
            if (eq < 0)
            {
                d.Note(SendmailNoteKind.Suspicious, "\"" + field.Trim() + "\" has no '=': Sendmail ignores it");
                continue;
            }
            string key = field.Substring(0, eq).Trim();
            string v = field.Substring(eq + 1).TrimStart();
            d._pairs.Add(new KeyValuePair<string, string>(key, v));
            string? canonical = CanonicalKey(key);
            string? meant = FullNames.FirstOrDefault(n => n.Equals(key, StringComparison.OrdinalIgnoreCase) && CanonicalKey(n) != canonical);
            if (canonical == null)
            {
                d.Note(SendmailNoteKind.Syntax, "unknown key \"" + key + "\" (Sendmail: 554 5.3.5 PortOptions parameter unknown)"
                    + (meant != null ? "; Sendmail reads only the first letter, case-sensitively for this one: write " + CanonicalKey(meant) + "=" : ""));
                continue;
            }
            if (meant == null && key.Length > 1 && !FullNames.Any(n => n.Equals(key, StringComparison.OrdinalIgnoreCase)))
                d.Note(SendmailNoteKind.Suspicious, "Sendmail reads " + key + "= as " + canonical + "= (only the first letter of a key counts)");
            if (meant != null)
                d.Note(SendmailNoteKind.Suspicious, key + "= sets " + canonical + ", not " + CanonicalKey(meant) + ": Sendmail reads only the first letter of a key, "
                    + "case-sensitively for this one; write " + CanonicalKey(meant) + "=");
            switch (canonical)
            {
                case "Addr": address = v; break;
                case "Family": family = v; break;
                case "Port": port = v; break;
                case "Name": d.Name = v; break;
                case "Modifier": d.Modifiers = new string(v.Where(c => c > ' ' && c < 127).ToArray()); break;
            }
        }
        if (family != null) d.SetFamily(family);
        d.Address = d.Family switch { "inet6" => "::", "local" => "", _ => "0.0.0.0" };
        if (address != null) d.SetAddress(address.Trim());
        if (port != null) d.SetPort(port);
        return d;
    }

    void SetFamily(string v)
    {
        string? f = v.Length > 0 && char.IsDigit(v[0])
            ? new string(v.TakeWhile(char.IsDigit).ToArray()) switch { "1" => "local", "2" => "inet", "10" => "inet6", _ => null }
            : v.ToLowerInvariant() switch { "inet" => "inet", "inet6" => "inet6", "local" or "unix" => "local", _ => null };
        if (f == null)
        {
            Note(SendmailNoteKind.UnknownValue, "unknown address family \"" + v + "\" (Sendmail: 554 5.3.5 Unknown address family); the daemon stays inet"
                + (v.Trim().Length != v.Length ? " (the value has trailing white space)" : ""));
            return;
        }
        Family = f;
    }

    void SetAddress(string a)
    {
        if (Family == "local")
        {
            Address = a;
            return;
        }
        bool ok = IPAddress.TryParse(a, out var ip);
        if (ok && ip!.AddressFamily == AddressFamily.InterNetworkV6 && Family == "inet")
        {
            Note(SendmailNoteKind.Suspicious, "Addr=" + a + " is an IPv6 address on a Family=inet daemon: Sendmail says host \"" + a
                + "\" unknown and listens on every IPv4 address (0.0.0.0); add Family=inet6");
            return;
        }
        if (ok && ip!.AddressFamily == AddressFamily.InterNetwork && Family == "inet6")
        {
            Note(SendmailNoteKind.Suspicious, "Addr=" + a + " is an IPv4 address on a Family=inet6 daemon: Sendmail cannot read it as IPv6, looks it up as "
                + "a host name, and when that fails says host unknown and listens on every address (::); use Family=inet, or ::ffff:" + a);
            return;
        }
        Address = a;
    }

    void SetPort(string p)
    {
        if (p.Length > 0 && char.IsDigit(p[0]))
        {
            // atoi(): the leading digits.
            Port = int.Parse(new string(p.TakeWhile(char.IsDigit).Take(9).ToArray())) & 0xFFFF;
            return;
        }
        if (Services.TryGetValue(p, out int number))
        {
            Port = number;
            return;
        }
        Note(SendmailNoteKind.UnknownValue, Services.ContainsKey(p.Trim())
            ? "service \"" + p + "\" has trailing white space: Sendmail looks that up as written, finds no such service (554 5.3.5 service unknown) and listens on port 25; remove the space"
            : "service \"" + p + "\" is not a mail service name (smtp, submission, smtps): Sendmail looks it up in /etc/services, and when it is not there listens on port 25");
    }

    void Note(SendmailNoteKind kind, string message) => _notes.Add(new SendmailNote(kind, Origin, message));

    /// <inheritdoc />
    public override string ToString() => (Name.Length > 0 ? Name + " " : "") + Family + " " + Address + ":" + Port + (Modifiers.Length > 0 ? " M=" + Modifiers : "");
}
