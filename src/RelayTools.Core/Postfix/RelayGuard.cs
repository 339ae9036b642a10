using System.Linq;

namespace RelayTools.Core.Postfix;

/// <summary>
/// The start-up check smtpd makes: smtpd_relay_restrictions or smtpd_recipient_restrictions must hold a
/// working reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or
/// check_relay_domains. The search of a list stops at <c>permit</c>, skips the restriction after
/// <c>warn_if_reject</c>, and follows restriction classes. Without one, smtpd exits (fatal).
/// </summary>
public static class RelayGuard
{
    /// <summary>True when the service has a working relay guard, so smtpd starts.</summary>
    public static bool Present(PostfixConfiguration config, MasterService service) =>
        InList(config, service, "smtpd_relay_restrictions", 0) || InList(config, service, "smtpd_recipient_restrictions", 0);

    static bool InList(PostfixConfiguration config, MasterService service, string list, int depth)
    {
        if (depth > 10) return false;
        string[] tokens;
        try { tokens = config.GetList(list, service); }
        catch (PostfixSyntaxException) { return false; }
        var classes = PostfixRestrictionReader.Classes(config, service);
        for (int i = 0; i < tokens.Length; i++)
        {
            string t = tokens[i];
            if (t == "permit") return false;
            if (t == "warn_if_reject") { i++; continue; }
            if (RestrictionCatalog.RelayGuards.Contains(t)) return true;
            if (classes.Contains(t) && InList(config, service, t, depth + 1)) return true;
            i += RestrictionCatalog.ArgumentCount(t);
        }
        return false;
    }
}
