using System;
using System.Linq;

namespace RelayTools.Core.Sendmail;

/// <summary>SMTP AUTH as sendmail.cf sets it up: the mechanisms offered (AuthMechanisms) and those trusted to relay (class TrustAuthMech).</summary>
public static class SendmailAuth
{
    /// <summary>The mechanisms the server offers (O AuthMechanisms), empty when AUTH is not configured.</summary>
    public static string[] Offered(SendmailCf cf) =>
        (cf.Option("AuthMechanisms") ?? "").Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The mechanisms whose users may relay (C{TrustAuthMech}).</summary>
    public static string[] Trusted(SendmailCf cf) =>
        cf.Classes.TryGetValue("TrustAuthMech", out var members) ? members.Select(m => m.Value).ToArray() : [];

    /// <summary>The mechanism an authenticated client is assumed to use: the first offered one that is trusted, else the first offered, else PLAIN.</summary>
    public static string DefaultMechanism(SendmailCf cf)
    {
        var offered = Offered(cf);
        var trusted = Trusted(cf);
        return offered.FirstOrDefault(o => trusted.Contains(o, StringComparer.OrdinalIgnoreCase)) ?? offered.FirstOrDefault() ?? trusted.FirstOrDefault() ?? "PLAIN";
    }
}
