using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Postfix;

/// <summary>Builds <see cref="PostfixRelaySetting"/> objects from a configuration.</summary>
public static class PostfixRelaySettingReader
{
    /// <summary>The parameters reported in <see cref="PostfixRelaySetting.Values"/>, in order.</summary>
    public static readonly string[] ParameterNames =
    [
        "compatibility_level", "myhostname", "mydomain", "myorigin", "inet_interfaces", "inet_protocols",
        "mynetworks", "mynetworks_style", "mydestination", "relay_domains", "virtual_mailbox_domains", "virtual_alias_domains",
        "parent_domain_matches_subdomains", "smtpd_sasl_auth_enable", "smtpd_sasl_type", "smtpd_sasl_path",
        "smtpd_sasl_security_options", "smtpd_sasl_tls_security_options", "broken_sasl_auth_clients", "smtpd_tls_auth_only",
        "smtpd_tls_security_level", "smtpd_tls_wrappermode", "smtpd_sender_login_maps", "relay_domains_reject_code",
        "smtpd_relay_before_recipient_restrictions", "smtpd_delay_reject", "smtpd_restriction_classes",
        "smtpd_client_restrictions", "smtpd_helo_restrictions", "smtpd_sender_restrictions",
        "smtpd_relay_restrictions", "smtpd_recipient_restrictions", "smtpd_data_restrictions",
        "reject_code", "defer_code", "access_map_reject_code", "access_map_defer_code", "smtputf8_enable",
    ];

    /// <summary>The settings of one smtpd service; <paramref name="readFile"/> reads mynetworks /file entries (null: cannot).</summary>
    /// <exception cref="PostfixSyntaxException">A value cannot be expanded (cycle) or split (unbalanced brace).</exception>
    public static PostfixRelaySetting Read(PostfixConfiguration config, MasterService service, Func<string, string?> readFile)
    {
        var nets = MyNetworks.Resolve(config, service, readFile);
        var values = new List<PostfixSettingValue>();
        foreach (string name in ParameterNames)
        {
            var p = config.GetParameter(name, service);
            string value = name == "mynetworks" && (p == null || p.Source == PostfixValueSource.Default) ? nets.Value : config.Expand(name, service);
            string origin = p?.Origin ?? "undefined";
            if (name == "mynetworks" && (p == null || p.Source == PostfixValueSource.Default))
                origin = nets.Unknown.Length > 0 ? "computed by Postfix from the host (unknown here)" : "computed from mynetworks_style and inet_interfaces";
            // postconf prints runs of blanks as one space; so does Values (the lists are the same either way).
            value = System.Text.RegularExpressions.Regex.Replace(value.Trim(), @"\s+", " ").Replace(PostfixDefaults.HostDependent, "(this host's name)");
            values.Add(new PostfixSettingValue { Name = name, Value = value, RawValue = p?.Value ?? "", Origin = origin });
        }
        string V(string n) => values.First(v => v.Name == n).Value.Trim();
        bool B(string n) => string.Equals(V(n), "yes", StringComparison.OrdinalIgnoreCase);
        return new PostfixRelaySetting
        {
            Service = service.Name,
            ServiceType = service.Type,
            Port = service.Port,
            CompatibilityLevel = V("compatibility_level"),
            MyNetworks = nets.Entries.ToArray(),
            MyNetworksUnknown = nets.Unknown,
            MyNetworksStyle = V("mynetworks_style"),
            MyDestination = PostfixList.Split(V("mydestination")),
            RelayDomains = PostfixList.Split(V("relay_domains")),
            VirtualMailboxDomains = PostfixList.Split(V("virtual_mailbox_domains")),
            VirtualAliasDomains = PostfixList.Split(V("virtual_alias_domains")),
            SaslAuthEnable = B("smtpd_sasl_auth_enable"),
            SaslType = V("smtpd_sasl_type"),
            SaslPath = V("smtpd_sasl_path"),
            SaslSecurityOptions = V("smtpd_sasl_security_options"),
            BrokenSaslAuthClients = B("broken_sasl_auth_clients"),
            TlsAuthOnly = B("smtpd_tls_auth_only"),
            TlsSecurityLevel = V("smtpd_tls_security_level"),
            TlsWrapperMode = B("smtpd_tls_wrappermode"),
            SenderLoginMaps = V("smtpd_sender_login_maps"),
            RelayDomainsRejectCode = int.TryParse(V("relay_domains_reject_code"), out int code) ? code : 0,
            RelayBeforeRecipientRestrictions = B("smtpd_relay_before_recipient_restrictions"),
            HasSubmissionService = HasSubmission(config),
            Values = values.ToArray(),
        };
    }

    /// <summary>True when an smtpd service listens on 587 or 465 (submission, submissions, smtps, or host:587/465).</summary>
    public static bool HasSubmission(PostfixConfiguration config) =>
        config.Services.Any(s => s.IsSmtpd && s.Type == "inet" && (s.Port == 587 || s.Port == 465));
}
