using System;

namespace RelayTools.Core.Postfix;

/// <summary>
/// What trivial-rewrite makes of an envelope address for smtpd's checks (smtpd_resolve_addr: rewrite in
/// the local context, then resolve): bare addresses get <c>@$myorigin</c>, <c>user@host</c> gets
/// <c>.$mydomain</c> when append_dot_mydomain is on, source routes are stripped, and a local domain is
/// stripped so that <c>a%gmail.com@lab.test</c> becomes <c>a@gmail.com</c>. Then the address class.
/// </summary>
internal sealed class PostfixAddressResolver(PostfixConfiguration config, MasterService? service, PostfixDomainMatcher domains)
{
    bool Flag(string name) => config.GetBool(name, service);
    string Value(string name) => config.Expand(name, service).Trim();

    /// <summary>trivial-rewrite's rewrite_tree in the local context (myorigin, mydomain).</summary>
    public string Rewrite(string address)
    {
        string a = address;
        if (a.Length == 0 || a == "@") return "";
        // Strip a source route: @hop1,@hop2:user@domain.
        if (a[0] == '@')
        {
            int colon = a.IndexOf(':');
            if (colon > 0 && colon < a.Length - 1) a = a.Substring(colon + 1);
        }
        if (LastAt(a) < 0)
        {
            int bang = a.IndexOf('!');
            int percent = a.LastIndexOf('%');
            if (Flag("swap_bangpath") && bang >= 0) a = a.Substring(bang + 1) + "@" + a.Substring(0, bang);
            else if (Flag("allow_percent_hack") && percent >= 0) a = a.Substring(0, percent) + "@" + a.Substring(percent + 1);
            else if (Flag("append_at_myorigin") && Value("myorigin").Length > 0) a = a + "@" + Value("myorigin");
        }
        int at = LastAt(a);
        string mydomain = Value("mydomain");
        if (Flag("append_dot_mydomain") && mydomain.Length > 0 && at >= 0 && at < a.Length - 1)
        {
            string domain = a.Substring(at + 1);
            if (domain[0] != '[' && domain.IndexOf('.') < 0) a = a + "." + mydomain;
        }
        return StripTrailingDot(a);
    }

    /// <summary>Rewrites and resolves <paramref name="address"/> as smtpd's permit_auth_destination and access checks see it.</summary>
    public PostfixResolvedAddress Resolve(string address)
    {
        string a = Rewrite(address);
        if (a.Contains(PostfixDefaults.HostDependent))
            return new PostfixResolvedAddress { Address = address, Class = DomainClass.Unknown, Detail = "not evaluated: qualifying " + address + " needs $myorigin or $mydomain, which Postfix takes from the host's name here (set myhostname and mydomain to evaluate it)" };
        string? savedDomain = null;
        string? domain = null;
        string detail = "";
        for (int loop = 0; loop < address.Length + 100; loop++)
        {
            a = StripTrailingDot(a);
            int at = LastAt(a);
            domain = null;
            if (at >= 0)
            {
                string d = a.Substring(at + 1);
                if (d.Length > 0)
                {
                    bool? local = IsLocal(d, out string why);
                    if (local == null) return new PostfixResolvedAddress { Address = a, Class = DomainClass.Unknown, Detail = why };
                    if (local == false) { domain = d; break; }
                    detail = why;
                }
                savedDomain = a.Substring(at + 1);
                a = a.Substring(0, at);
            }
            if (LastAt(a) >= 0 || (Flag("swap_bangpath") && a.IndexOf('!') >= 0) || (Flag("allow_percent_hack") && a.IndexOf('%') >= 0))
            {
                a = Rewrite(a);
                continue;
            }
            if (a.Length == 0) { a = Value("empty_address_recipient"); continue; }
            if (savedDomain == null) { a = a + "@" + Value("myhostname"); continue; }
            break;
        }
        if (domain == null) a = a + "@" + (savedDomain ?? Value("myhostname"));
        a = a.ToLowerInvariant();
        string rcptDomain = a.Substring(LastAt(a) + 1);
        var result = new PostfixResolvedAddress { Address = a, Domain = rcptDomain };
        bool valid = rcptDomain.StartsWith("[", StringComparison.Ordinal) ? PostfixHostSyntax.ValidMailhostLiteral(rcptDomain) : PostfixHostSyntax.ValidHostname(rcptDomain);
        if (!valid)
        {
            result.Class = DomainClass.Other;
            result.Error = true;
            result.Detail = rcptDomain + " is not a valid domain";
            return result;
        }
        // Routing operators in the local part count even when this host does not honour them: the next hop might.
        int op = a.IndexOfAny(['@', '!', '%']);
        result.Routed = !string.Equals(a.Substring(op + 1), rcptDomain, StringComparison.Ordinal);
        if (domain == null)
        {
            result.Class = DomainClass.Local;
            result.Detail = detail.Length > 0 ? detail : rcptDomain + " is local";
            return result;
        }
        result.Class = domains.ClassifyRemote(rcptDomain, out string classDetail);
        result.Detail = classDetail;
        return result;
    }

    /// <summary>True when the domain is $myorigin or local (mail_addr_find's test for local-part keys).</summary>
    public bool IsLocalDomain(string domain) =>
        string.Equals(domain, Value("myorigin"), StringComparison.OrdinalIgnoreCase) || IsLocal(domain, out _) == true;

    bool? IsLocal(string domain, out string detail)
    {
        var cls = domains.ClassifyLocal(domain, out detail);
        return cls == DomainClass.Unknown ? null : cls == DomainClass.Local;
    }

    static int LastAt(string a) => a.LastIndexOf('@');

    static string StripTrailingDot(string a)
    {
        int at = LastAt(a);
        if (at < 0 || a.Length < 2 || a[a.Length - 1] != '.') return a;
        char before = a[a.Length - 2];
        return before is '.' or '@' ? a : a.Substring(0, a.Length - 1);
    }
}

/// <summary>An address as trivial-rewrite resolved it.</summary>
internal sealed class PostfixResolvedAddress
{
    /// <summary>The rewritten, resolved and case-folded address (<c>user@domain</c>).</summary>
    public string Address { get; set; } = "";
    /// <summary>The domain of <see cref="Address"/>.</summary>
    public string Domain { get; set; } = "";
    /// <summary>Local (mydestination or this host's literal), virtual alias, virtual mailbox, relay, other, or unknown.</summary>
    public DomainClass Class { get; set; }
    /// <summary>The local part still holds a routing operator (% ! @): smtpd does not trust the destination.</summary>
    public bool Routed { get; set; }
    /// <summary>The resolved domain is not valid syntax.</summary>
    public bool Error { get; set; }
    /// <summary>Why the class is what it is.</summary>
    public string Detail { get; set; } = "";
    /// <summary>True for local, virtual alias and virtual mailbox domains (final delivery here).</summary>
    public bool IsFinal => Class is DomainClass.Local or DomainClass.VirtualAlias or DomainClass.VirtualMailbox;
}
