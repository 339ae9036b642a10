using System;
using System.Collections.Generic;

namespace RelayTools.Core.Postfix;

/// <summary>The smtpd restrictions Postfix 3.7 knows: their kind and how many arguments each takes.</summary>
public static class RestrictionCatalog
{
    /// <summary>The restriction lists of smtpd, in the order the SMTP conversation reaches them.</summary>
    public static readonly string[] ListNames =
    [
        "smtpd_client_restrictions", "smtpd_helo_restrictions", "smtpd_sender_restrictions",
        "smtpd_relay_restrictions", "smtpd_recipient_restrictions", "smtpd_data_restrictions",
        "smtpd_end_of_data_restrictions", "smtpd_etrn_restrictions",
    ];

    /// <summary>The restrictions that count as a relay guard (Postfix refuses mail without one).</summary>
    public static readonly string[] RelayGuards =
        ["reject_unauth_destination", "defer_unauth_destination", "reject", "defer", "defer_if_permit", "check_relay_domains"];

    static readonly Dictionary<string, (RestrictionKind Kind, int Args)> Known = Build();

    static Dictionary<string, (RestrictionKind, int)> Build()
    {
        // Postfix compares restriction names case-insensitively (strcasecmp).
        var d = new Dictionary<string, (RestrictionKind, int)>(StringComparer.OrdinalIgnoreCase);
        void Add(RestrictionKind k, int args, params string[] names) { foreach (string n in names) d[n] = (k, args); }
        Add(RestrictionKind.Permit, 0, "permit", "permit_mynetworks", "permit_sasl_authenticated", "permit_auth_destination",
            "permit_tls_clientcerts", "permit_tls_all_clientcerts", "permit_inet_interfaces", "permit_mx_backup", "permit_naked_ip_address");
        Add(RestrictionKind.Permit, 1, "permit_dnswl_client", "permit_rhswl_client");
        Add(RestrictionKind.Reject, 0, "reject", "reject_unauth_destination", "reject_unauth_pipelining", "reject_unknown_client_hostname",
            "reject_unknown_reverse_client_hostname", "reject_unknown_forward_client_hostname", "reject_unknown_client",
            "reject_invalid_helo_hostname", "reject_non_fqdn_helo_hostname", "reject_unknown_helo_hostname",
            "reject_invalid_hostname", "reject_non_fqdn_hostname", "reject_unknown_hostname",
            "reject_non_fqdn_sender", "reject_unknown_sender_domain", "reject_unlisted_sender", "reject_unverified_sender",
            "reject_sender_login_mismatch", "reject_known_sender_login_mismatch", "reject_authenticated_sender_login_mismatch",
            "reject_unauthenticated_sender_login_mismatch", "reject_non_fqdn_recipient", "reject_unknown_recipient_domain",
            "reject_unlisted_recipient", "reject_unverified_recipient", "reject_multi_recipient_bounce", "reject_plaintext_session",
            "reject_maps_rbl", "check_relay_domains", "reject_unknown_address");
        Add(RestrictionKind.Reject, 1, "reject_rbl_client", "reject_rhsbl_client", "reject_rhsbl_reverse_client", "reject_rhsbl_helo",
            "reject_rhsbl_sender", "reject_rhsbl_recipient", "reject_rbl");
        Add(RestrictionKind.Defer, 0, "defer", "defer_unauth_destination");
        Add(RestrictionKind.Conditional, 0, "defer_if_permit", "defer_if_reject", "warn_if_reject");
        Add(RestrictionKind.Conditional, 1, "sleep");
        Add(RestrictionKind.Lookup, 1, "check_client_access", "check_client_a_access", "check_client_mx_access", "check_client_ns_access",
            "check_reverse_client_hostname_access", "check_reverse_client_hostname_a_access", "check_reverse_client_hostname_mx_access",
            "check_reverse_client_hostname_ns_access", "check_helo_access", "check_helo_a_access", "check_helo_mx_access", "check_helo_ns_access",
            "check_sender_access", "check_sender_a_access", "check_sender_mx_access", "check_sender_ns_access",
            "check_recipient_access", "check_recipient_a_access", "check_recipient_mx_access", "check_recipient_ns_access",
            "check_ccert_access", "check_sasl_access", "check_etrn_access", "check_policy_service");
        Add(RestrictionKind.Reject, 0, "check_recipient_maps");
        return d;
    }

    /// <summary>True when Postfix 3.7 knows a restriction of this name.</summary>
    public static bool IsKnown(string name) => Known.ContainsKey(name);

    /// <summary>The kind of a known restriction (Conditional for unknown names).</summary>
    public static RestrictionKind KindOf(string name) => Known.TryGetValue(name, out var k) ? k.Kind : RestrictionKind.Conditional;

    /// <summary>How many arguments (following list elements) the restriction takes.</summary>
    public static int ArgumentCount(string name) => Known.TryGetValue(name, out var k) ? k.Args : 0;

    /// <summary>True for permit, reject and defer: nothing after them in the same list is ever reached.</summary>
    public static bool IsUnconditional(string name) => name is "permit" or "reject" or "defer";

    /// <summary>The known restriction nearest to a misspelt name (edit distance 3 or less), or null.</summary>
    public static string? Suggest(string name)
    {
        string? best = null;
        int bestDistance = 4;
        foreach (string known in Known.Keys)
        {
            int d = Distance(name, known);
            if (d < bestDistance) { bestDistance = d; best = known; }
        }
        return best;
    }

    /// <summary>The Levenshtein distance between two names.</summary>
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
