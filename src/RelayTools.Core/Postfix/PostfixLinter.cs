using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace RelayTools.Core.Postfix;

/// <summary>
/// Checks a Postfix configuration for the mistakes behind open relays and "Relay access denied":
/// guard order, SASL without permit (or the reverse), no relay guard, mynetworks too wide, AUTH
/// without TLS, broken_sasl_auth_clients, anonymous SASL, no submission service, unreachable and
/// unknown restrictions, and the notes found while reading (syntax errors, unknown parameters).
/// </summary>
public static class PostfixLinter
{
    static readonly string[] RelayLists = ["smtpd_relay_restrictions", "smtpd_recipient_restrictions"];
    static readonly string[] TrustPermits = ["permit_mynetworks", "permit_sasl_authenticated"];
    static readonly string[] Guards = ["reject_unauth_destination", "defer_unauth_destination"];

    /// <summary>Every finding for the configuration; <paramref name="readFile"/> reads mynetworks /file entries.</summary>
    public static List<PostfixFinding> Check(PostfixConfiguration config, Func<string, string?> readFile)
    {
        var findings = new List<PostfixFinding>();
        foreach (var note in config.Notes) findings.Add(FromNote(note));
        foreach (var service in config.SmtpdServices())
        {
            var problems = new List<PostfixConfigNote>();
            var restrictions = PostfixRestrictionReader.ReadAll(config, service, problems);
            foreach (var p in problems) findings.Add(FromNote(p));
            CheckService(config, service, restrictions, readFile, findings);
        }
        // The same main.cf line is seen by every service: report it once, naming all the services.
        return findings
            .GroupBy(f => f.Id + "|" + f.Origin + "|" + f.Message)
            .Select(g => { var f = g.First(); f.Service = string.Join(", ", g.Select(x => x.Service).Where(s => s.Length > 0).Distinct()); return f; })
            .OrderByDescending(f => f.Severity).ToList();
    }

    static PostfixFinding FromNote(PostfixConfigNote note) => new()
    {
        Severity = note.Kind switch { PostfixNoteKind.OverriddenEntry => FindingSeverity.Information, PostfixNoteKind.UnknownParameter => FindingSeverity.Warning, _ => FindingSeverity.Error },
        Id = note.Kind switch
        {
            PostfixNoteKind.OverriddenEntry => "OverriddenEntry",
            PostfixNoteKind.UnknownParameter => "UnknownParameter",
            PostfixNoteKind.ExpansionCycle => "ExpansionCycle",
            PostfixNoteKind.Unreadable => "Unreadable",
            PostfixNoteKind.UnindentedContinuation => "UnindentedContinuation",
            _ => "ConfigSyntax",
        },
        Message = note.Message,
        Origin = note.Origin,
        Fix = note.Fix,
    };

    static void CheckService(PostfixConfiguration config, MasterService service, List<PostfixRestriction> all, Func<string, string?> readFile, List<PostfixFinding> findings)
    {
        void Add(FindingSeverity s, string id, string message, string origin, params string[] fix) =>
            findings.Add(new PostfixFinding { Severity = s, Id = id, Service = service.Name, Message = message, Origin = origin, Fix = fix });
        string Line(string name, string value, PostfixParameter? where) =>
            where?.Source == PostfixValueSource.MasterOverride ? "  -o " + name + "=" + value.Replace(", ", ",") + "    (master.cf, service " + service.Name + ")" : name + " = " + value;

        bool sasl = config.GetBool("smtpd_sasl_auth_enable", service);
        bool usesSaslPermit = all.Any(r => r.Name == "permit_sasl_authenticated");
        bool usesMyNetworks = all.Any(r => r.Name == "permit_mynetworks");

        // 1. The relay guard before the permits in the same list.
        foreach (string list in RelayLists)
        {
            var items = all.Where(r => r.List == list).ToList();
            var guard = items.FirstOrDefault(r => Guards.Contains(r.Name));
            if (guard == null) continue;
            var late = items.Where(r => TrustPermits.Contains(r.Name) && r.Position > guard.Position).ToList();
            if (late.Count == 0) continue;
            Add(FindingSeverity.Error, "RelayGuardBeforePermit",
                guard.Name + " comes before " + string.Join(" and ", late.Select(r => r.Name)) + " in " + list + ": trusted and authenticated clients get \"Relay access denied\" for every outside recipient",
                guard.Origin, Line(list, string.Join(", ", Corrected(items)), config.GetParameter(list, service)));
        }

        // 2. No working relay guard: Postfix refuses all mail.
        if (!RelayGuard.Present(config, service))
            Add(FindingSeverity.Error, "NoRelayGuard",
                "neither smtpd_relay_restrictions nor smtpd_recipient_restrictions has a working reject_unauth_destination (or defer_unauth_destination, reject, defer, defer_if_permit, check_relay_domains) before any permit: smtpd refuses to run (it exits at start with \"fatal: in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of ...\"), so clients connect and never get a greeting",
                config.GetParameter("smtpd_relay_restrictions", service)?.Origin ?? "default",
                "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination");

        // 3. SASL without permit_sasl_authenticated, or the reverse.
        if (sasl && !usesSaslPermit)
            Add(FindingSeverity.Warning, "SaslWithoutPermit",
                "SASL AUTH is offered but no restriction list uses permit_sasl_authenticated: authenticated clients get no relay rights",
                config.GetParameter("smtpd_sasl_auth_enable", service)?.Origin ?? "",
                Line("smtpd_relay_restrictions", "permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination", config.GetParameter("smtpd_relay_restrictions", service)));
        if (!sasl && usesSaslPermit)
            Add(FindingSeverity.Warning, "PermitSaslWithoutSasl",
                "permit_sasl_authenticated is used but smtpd_sasl_auth_enable = no: nobody can authenticate on this service, so it never permits",
                all.First(r => r.Name == "permit_sasl_authenticated").Origin,
                Line("smtpd_sasl_auth_enable", "yes", config.GetParameter("smtpd_sasl_auth_enable", service)));

        // 4. mynetworks.
        var nets = MyNetworks.Resolve(config, service, readFile);
        string netOrigin = config.GetParameter("mynetworks", service)?.Origin ?? "default";
        foreach (var n in nets.Entries.Where(e => !e.Negated))
        {
            if (n.Kind == PostfixNetworkKind.Invalid)
                Add(FindingSeverity.Error, "MyNetworksInvalid", "mynetworks entry " + n.Text + ": " + n.Problem, netOrigin);
            else if (n.Kind is PostfixNetworkKind.Address or PostfixNetworkKind.Cidr && n.PrefixLength == 0)
                Add(usesMyNetworks ? FindingSeverity.Error : FindingSeverity.Warning, "OpenRelayMyNetworks",
                    "mynetworks contains " + n.Text + ", every address" + (usesMyNetworks ? ": permit_mynetworks makes this an open relay" : ""),
                    netOrigin, "mynetworks = " + string.Join(" ", nets.Entries.Where(e => e.PrefixLength != 0 || e.Kind is not (PostfixNetworkKind.Address or PostfixNetworkKind.Cidr)).Select(e => e.Text).DefaultIfEmpty("127.0.0.0/8 [::1]/128")));
            else if (n.Kind is PostfixNetworkKind.Address or PostfixNetworkKind.Cidr && n.HostBits > 0 && !IsPrivate(n))
                Add(usesMyNetworks ? FindingSeverity.Warning : FindingSeverity.Information, "MyNetworksPublic",
                    "mynetworks trusts " + n.Text + ", a public network of 2^" + n.HostBits + " addresses: every host there may relay without AUTH (list the servers that need it one by one)", netOrigin);
        }
        string style = config.Expand("mynetworks_style", service).Trim();
        if (config.GetParameter("mynetworks", service)?.Source == PostfixValueSource.Default && style is "subnet" or "class")
            Add(FindingSeverity.Warning, "MyNetworksStyleWide",
                "mynetworks is not set and mynetworks_style = " + style + ": every host on the server's " + (style == "class" ? "class A/B/C networks" : "subnets") + " may relay", config.GetParameter("mynetworks_style", service)?.Origin ?? "default",
                "mynetworks = 127.0.0.0/8 [::1]/128");

        // 5. AUTH and TLS.
        string level = config.Expand("smtpd_tls_security_level", service).Trim().ToLowerInvariant();
        bool wrapper = config.GetBool("smtpd_tls_wrappermode", service);
        bool tls = wrapper || level is "may" or "encrypt";
        bool authOnly = config.GetBool("smtpd_tls_auth_only", service);
        if (sasl && !authOnly && !wrapper && level != "encrypt")
            Add(FindingSeverity.Warning, "AuthWithoutTls",
                "AUTH is offered before STARTTLS (smtpd_tls_auth_only = no" + (tls ? "" : ", and no TLS at all: set smtpd_tls_cert_file and smtpd_tls_key_file too") + "): passwords can cross the network in clear text",
                config.GetParameter("smtpd_tls_auth_only", service)?.Origin ?? "default",
                tls ? [Line("smtpd_tls_auth_only", "yes", config.GetParameter("smtpd_tls_auth_only", service))]
                    : [Line("smtpd_tls_security_level", "may", config.GetParameter("smtpd_tls_security_level", service)), Line("smtpd_tls_auth_only", "yes", config.GetParameter("smtpd_tls_auth_only", service))]);
        if (sasl && authOnly && !tls)
            Add(FindingSeverity.Warning, "AuthNeverOffered",
                "smtpd_tls_auth_only = yes but the service has no TLS (smtpd_tls_security_level = " + (level.Length == 0 ? "(empty)" : level) + "): AUTH is never offered, so nobody can authenticate here",
                config.GetParameter("smtpd_tls_security_level", service)?.Origin ?? "default",
                Line("smtpd_tls_security_level", "may", config.GetParameter("smtpd_tls_security_level", service)));
        if (sasl && config.GetBool("broken_sasl_auth_clients", service))
            Add(FindingSeverity.Information, "BrokenSaslAuthClients",
                "broken_sasl_auth_clients = yes also advertises the non-standard \"AUTH=\" form, needed only by Outlook Express 4 and Exchange 5",
                config.GetParameter("broken_sasl_auth_clients", service)?.Origin ?? "", "broken_sasl_auth_clients = no");
        if (sasl)
        {
            var options = PostfixList.Split(config.Expand("smtpd_sasl_security_options", service)).Select(o => o.ToLowerInvariant()).ToList();
            if (!options.Contains("noanonymous"))
                Add(FindingSeverity.Error, "AnonymousSaslAllowed",
                    "smtpd_sasl_security_options does not contain noanonymous: with a SASL backend that offers ANONYMOUS, anyone can \"authenticate\" and relay",
                    config.GetParameter("smtpd_sasl_security_options", service)?.Origin ?? "default",
                    Line("smtpd_sasl_security_options", string.Join(", ", options.Concat(["noanonymous"])), config.GetParameter("smtpd_sasl_security_options", service)));
        }

        // 6. Clients that must AUTH but no submission port.
        if (service.Port == 25 && (sasl || usesSaslPermit) && !PostfixRelaySettingReader.HasSubmission(config) && config.HasMasterCf)
            Add(FindingSeverity.Warning, "NoSubmissionService",
                "clients authenticate on port 25 only: there is no submission (587) or submissions (465) service, and many networks block outgoing port 25",
                config.MasterSource.Length > 0 ? System.IO.Path.GetFileName(config.MasterSource) : "master.cf",
                "submission inet n       -       y       -       -       smtpd",
                "  -o syslog_name=postfix/submission",
                "  -o smtpd_tls_security_level=encrypt",
                "  -o smtpd_sasl_auth_enable=yes",
                "  -o smtpd_client_restrictions=permit_sasl_authenticated,reject");

        // 7. Unreachable and unknown restrictions.
        foreach (var r in all.Where(r => !r.Reachable))
            Add(FindingSeverity.Warning, "UnreachableRestriction",
                r.ToString() + " in " + r.List + " is never evaluated: an unconditional permit, reject or defer comes before it", r.Origin);
        foreach (var r in all.Where(r => !r.IsKnown))
        {
            string? suggestion = RestrictionCatalog.Suggest(r.Name);
            var fixedList = Corrected(all.Where(x => x.List == r.List).ToList());
            Add(FindingSeverity.Error, "UnknownRestriction",
                "unknown restriction \"" + r.Name + "\" in " + r.List + (suggestion != null ? " (did you mean " + suggestion + "?)" : "") + ": Postfix answers 451 4.3.5 Server configuration error to every client that gets there",
                r.Origin, suggestion != null ? [Line(r.List, string.Join(", ", fixedList), config.GetParameter(r.List, service))] : []);
        }
    }

    /// <summary>
    /// The list as it should read: misspelt names replaced by the nearest known one, and the trust permits
    /// (permit_mynetworks, permit_sasl_authenticated) moved before the first relay guard. Every finding
    /// about one list gives this same line, so applying any of them fixes them all.
    /// </summary>
    static List<string> Corrected(List<PostfixRestriction> items)
    {
        string Text(PostfixRestriction r) =>
            !r.IsKnown && RestrictionCatalog.Suggest(r.Name) is { } s ? (r.Argument.Length > 0 ? s + " " + r.Argument : s) : r.ToString();
        var guard = items.FirstOrDefault(r => Guards.Contains(r.Name) || (!r.IsKnown && RestrictionCatalog.Suggest(r.Name) is { } g && Guards.Contains(g)));
        if (guard == null) return items.Select(Text).ToList();
        var late = items.Where(r => r.Position > guard.Position && (TrustPermits.Contains(r.Name) || (!r.IsKnown && RestrictionCatalog.Suggest(r.Name) is { } p && TrustPermits.Contains(p)))).ToList();
        var result = new List<string>();
        foreach (var r in items)
        {
            if (r == guard) result.AddRange(late.Select(Text));
            if (!late.Contains(r)) result.Add(Text(r));
        }
        return result;
    }

    static readonly PostfixNetwork[] PrivateRanges = new[]
    {
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10",
        "[fc00::]/7", "[fe80::]/10", "[::1]/128", "[::ffff:127.0.0.0]/104", "[::ffff:10.0.0.0]/104", "[::ffff:192.168.0.0]/112", "[::ffff:172.16.0.0]/108",
    }.Select(PostfixNetwork.Parse).ToArray();

    /// <summary>True when the whole block lies in loopback, private (RFC 1918, ULA), link-local or CGNAT space.</summary>
    internal static bool IsPrivate(PostfixNetwork n) =>
        PrivateRanges.Any(p => p.AddressFamily == n.AddressFamily && p.PrefixLength <= n.PrefixLength && p.Contains(IPAddress.Parse(n.Network)));
}
