using System;

namespace RelayTools.Core.Dns.Dmarc;

/// <summary>
/// Identifier alignment (RFC 7489 3.1): strict needs the exact From domain; relaxed is satisfied by any domain with
/// the same organizational domain (3.1.1 for DKIM's d=, 3.1.2 for SPF's MAIL FROM domain). Names compare
/// case-insensitively, without a trailing dot.
/// </summary>
public static class DmarcAlignment
{
    /// <summary>True when <paramref name="authenticatedDomain"/> aligns with <paramref name="fromDomain"/> in <paramref name="mode"/>.</summary>
    public static bool IsAligned(string authenticatedDomain, string fromDomain, DmarcAlignmentMode mode, PublicSuffixList? suffixes = null)
    {
        string authenticated = DomainOf(authenticatedDomain);
        string from = DomainOf(fromDomain);
        if (authenticated.Length == 0 || from.Length == 0)
        {
            return false;
        }
        if (mode == DmarcAlignmentMode.Strict)
        {
            return authenticated == from;
        }
        PublicSuffixList list = suffixes ?? PublicSuffixList.Builtin;
        return list.GetOrganizationalDomain(authenticated) == list.GetOrganizationalDomain(from);
    }

    /// <summary>Checks the MAIL FROM domain (or an address, whose domain is taken) against the From domain under aspf.</summary>
    public static DmarcAlignmentCheck CheckSpf(string fromDomain, string mailFrom, DmarcAlignmentMode mode, PublicSuffixList? suffixes = null)
        => Check("SPF", "MAIL FROM domain", "aspf", fromDomain, mailFrom, mode, suffixes);

    /// <summary>Checks a DKIM signature's d= domain against the From domain under adkim.</summary>
    public static DmarcAlignmentCheck CheckDkim(string fromDomain, string signingDomain, DmarcAlignmentMode mode, PublicSuffixList? suffixes = null)
        => Check("DKIM", "DKIM d= domain", "adkim", fromDomain, signingDomain, mode, suffixes);

    /// <summary>Checks a MAIL FROM domain against the domain and aspf mode of a discovered policy; not aligned when no policy applies.</summary>
    public static DmarcAlignmentCheck CheckSpf(DmarcCheckResult policy, string mailFrom, PublicSuffixList? suffixes = null)
        => ForPolicy(policy, CheckSpf(policy.Domain, mailFrom, policy.AspfMode, suffixes));

    /// <summary>Checks a DKIM d= domain against the domain and adkim mode of a discovered policy; not aligned when no policy applies.</summary>
    public static DmarcAlignmentCheck CheckDkim(DmarcCheckResult policy, string signingDomain, PublicSuffixList? suffixes = null)
        => ForPolicy(policy, CheckDkim(policy.Domain, signingDomain, policy.AdkimMode, suffixes));

    /// <summary>
    /// What SPF needs to count for DMARC, e.g. "SPF passes but aligns only if the MAIL FROM domain is corp.example
    /// (aspf=s)" or "... is corp.example or any domain under it (aspf=r, relaxed: any domain under corp.example)".
    /// </summary>
    public static string ExplainSpf(string fromDomain, DmarcAlignmentMode mode, PublicSuffixList? suffixes = null)
        => "SPF passes but aligns only if the MAIL FROM domain " + Requirement(fromDomain, mode, "aspf", suffixes);

    /// <summary>What DKIM needs to count for DMARC, in the words of <see cref="ExplainSpf"/>.</summary>
    public static string ExplainDkim(string fromDomain, DmarcAlignmentMode mode, PublicSuffixList? suffixes = null)
        => "DKIM passes but aligns only if the signature's d= domain " + Requirement(fromDomain, mode, "adkim", suffixes);

    private static string Requirement(string fromDomain, DmarcAlignmentMode mode, string tag, PublicSuffixList? suffixes)
    {
        string from = DomainOf(fromDomain);
        if (mode == DmarcAlignmentMode.Strict)
        {
            return $"is {from} ({tag}=s)";
        }
        string organization = (suffixes ?? PublicSuffixList.Builtin).GetOrganizationalDomain(from);
        return $"is {organization} or any domain under it ({tag}=r, relaxed: any domain under {organization})";
    }

    private static DmarcAlignmentCheck Check(string mechanism, string what, string tag, string fromDomain, string authenticated,
        DmarcAlignmentMode mode, PublicSuffixList? suffixes)
    {
        string from = DomainOf(fromDomain);
        string domain = DomainOf(authenticated);
        bool aligned = IsAligned(domain, from, mode, suffixes);
        string modeText = mode == DmarcAlignmentMode.Strict ? $"{tag}=s, strict: the same domain" : $"{tag}=r, relaxed: the same organizational domain";
        string explanation = domain.Length == 0
            ? $"no {what} to compare with {from}"
            : aligned
                ? $"{what} {domain} aligns with the From domain {from} ({modeText})"
                : $"{what} {domain} does not align with the From domain {from} ({modeText}): {mechanism} may pass but does not count for DMARC; "
                    + (mechanism == "SPF" ? ExplainSpf(from, mode, suffixes) : ExplainDkim(from, mode, suffixes));
        return new DmarcAlignmentCheck
        {
            Mechanism = mechanism,
            FromDomain = from,
            AuthenticatedDomain = domain,
            Mode = mode,
            Aligned = aligned,
            Explanation = explanation,
        };
    }

    private static DmarcAlignmentCheck ForPolicy(DmarcCheckResult policy, DmarcAlignmentCheck check)
    {
        if (policy.Status != DmarcRecordStatus.Found)
        {
            check.Aligned = false;
            check.Explanation = $"no DMARC policy applies to {policy.Domain} ({policy.Status}), so {check.Mechanism} alignment is not checked";
        }
        return check;
    }

    /// <summary>The domain of an address ("bounce@corp.example") or of a domain name, normalized.</summary>
    private static string DomainOf(string text)
    {
        string value = (text ?? "").Trim().Trim('<', '>');
        int at = value.LastIndexOf('@');
        return DomainNameText.Normalize(at >= 0 ? value.Substring(at + 1) : value);
    }
}
