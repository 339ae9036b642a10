using System.Collections.Generic;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Investigation;

/// <summary>
/// The paths a client can take on the given ports (pure). Port 465 is implicit TLS, 587 is STARTTLS,
/// any other port (25 first) is tried in plain text and with STARTTLS; each without AUTH and, given a
/// credential, with it. The client's path today is the first: the first port, in its least secured
/// form (what a client not told otherwise does), authenticated when a credential is given.
/// </summary>
public static class ProbeMatrix
{
    /// <summary>The paths, the client's own first.</summary>
    /// <param name="ports">The ports, the client's own first.</param>
    /// <param name="withCredential">Whether a credential was given.</param>
    /// <param name="implicitTlsPorts">Ports the configuration says are implicit TLS (smtpd_tls_wrappermode), besides 465.</param>
    /// <param name="startTlsOnlyPorts">Ports the configuration says take mail only after STARTTLS (smtpd_tls_security_level=encrypt), besides 587.</param>
    public static IReadOnlyList<RelayPath> Plan(IReadOnlyList<int> ports, bool withCredential, ICollection<int>? implicitTlsPorts = null, ICollection<int>? startTlsOnlyPorts = null)
    {
        var paths = new List<RelayPath>();
        var seen = new HashSet<int>();
        foreach (int port in ports)
        {
            if (!seen.Add(port))
            {
                continue;
            }

            bool implicitTls = port == 465 || (implicitTlsPorts?.Contains(port) ?? false);
            SmtpSecurityMode[] modes = implicitTls ? [SmtpSecurityMode.Tls]
                : port == 587 || (startTlsOnlyPorts?.Contains(port) ?? false) ? [SmtpSecurityMode.StartTls]
                : [SmtpSecurityMode.None, SmtpSecurityMode.StartTls];

            // The client's own path comes first: authenticated when it has a credential.
            bool[] auth = withCredential ? [true, false] : [false];
            foreach (SmtpSecurityMode mode in modes)
            {
                foreach (bool authenticate in auth)
                {
                    paths.Add(new RelayPath { Port = port, Security = mode, Authenticate = authenticate });
                }
            }
        }

        return paths;
    }
}
