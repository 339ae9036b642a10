namespace RelayTools.Core.Postfix;

/// <summary>What a restriction does when it decides.</summary>
public enum RestrictionKind
{
    /// <summary>Permits (ends the list with OK): permit, permit_mynetworks, permit_sasl_authenticated...</summary>
    Permit,
    /// <summary>Rejects with a 5xx: reject, reject_unauth_destination, reject_rbl_client...</summary>
    Reject,
    /// <summary>Answers with a 4xx: defer, defer_unauth_destination.</summary>
    Defer,
    /// <summary>Looks the request up in a table or a policy server; the result decides (check_*_access, check_policy_service).</summary>
    Lookup,
    /// <summary>Modifies or depends on other results (warn_if_reject, defer_if_permit, sleep), a restriction class, or an unknown name.</summary>
    Conditional,
}
