using System.Globalization;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Investigation;

/// <summary>One way a client can submit mail: a port, how it is secured, and whether it authenticates.</summary>
public sealed class RelayPath
{
    /// <summary>The TCP port.</summary>
    public int Port { get; set; }

    /// <summary>None (plain text), StartTls or Tls (implicit).</summary>
    public SmtpSecurityMode Security { get; set; }

    /// <summary>True when the path authenticates with the given credential.</summary>
    public bool Authenticate { get; set; }

    /// <summary>A label as an admin says it: <c>25 plain</c>, <c>587 STARTTLS + AUTH</c>, <c>465 TLS + AUTH PLAIN</c>.</summary>
    public string Label(string? mechanism = null) =>
        Port.ToString(CultureInfo.InvariantCulture) + " " +
        (Security switch { SmtpSecurityMode.None => "plain", SmtpSecurityMode.Tls => "TLS", _ => "STARTTLS" }) +
        (Authenticate ? " + AUTH" + (string.IsNullOrEmpty(mechanism) ? "" : " " + mechanism) : "");

    /// <inheritdoc />
    public override string ToString() => Label();
}
