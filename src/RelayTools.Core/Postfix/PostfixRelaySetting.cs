namespace RelayTools.Core.Postfix;

/// <summary>One expanded parameter value of a service, with where it came from.</summary>
public sealed class PostfixSettingValue
{
    /// <summary>The parameter name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The value fully expanded, as <c>postconf -x -h NAME</c> (or <c>postconf -P -x</c> for an override) prints it.</summary>
    public string Value { get; set; } = "";

    /// <summary>The value as written, before expansion.</summary>
    public string RawValue { get; set; } = "";

    /// <summary><c>main.cf:12</c>, <c>master.cf:20 -o (submission)</c>, <c>default</c>, or <c>computed</c>.</summary>
    public string Origin { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Name + " = " + Value;
}

/// <summary>The relay-relevant settings of one smtpd service, expanded as the service sees them.</summary>
public sealed class PostfixRelaySetting
{
    /// <summary>The master.cf service name.</summary>
    public string Service { get; set; } = "";

    /// <summary>The service type (<c>inet</c>, <c>pass</c>...).</summary>
    public string ServiceType { get; set; } = "";

    /// <summary>The port of an inet service (25, 587, 465, or the number in <c>host:port</c>), else 0.</summary>
    public int Port { get; set; }

    /// <summary>compatibility_level.</summary>
    public string CompatibilityLevel { get; set; } = "";

    /// <summary>The mynetworks entries, parsed (files expanded).</summary>
    public PostfixNetwork[] MyNetworks { get; set; } = [];

    /// <summary>Why mynetworks cannot be fully known offline (empty when it can).</summary>
    public string MyNetworksUnknown { get; set; } = "";

    /// <summary>mynetworks_style (used only when mynetworks is not set).</summary>
    public string MyNetworksStyle { get; set; } = "";

    /// <summary>mydestination, split into elements.</summary>
    public string[] MyDestination { get; set; } = [];

    /// <summary>relay_domains, split into elements.</summary>
    public string[] RelayDomains { get; set; } = [];

    /// <summary>virtual_mailbox_domains, split into elements.</summary>
    public string[] VirtualMailboxDomains { get; set; } = [];

    /// <summary>virtual_alias_domains, split into elements.</summary>
    public string[] VirtualAliasDomains { get; set; } = [];

    /// <summary>smtpd_sasl_auth_enable.</summary>
    public bool SaslAuthEnable { get; set; }

    /// <summary>smtpd_sasl_type (cyrus or dovecot).</summary>
    public string SaslType { get; set; } = "";

    /// <summary>smtpd_sasl_path.</summary>
    public string SaslPath { get; set; } = "";

    /// <summary>smtpd_sasl_security_options.</summary>
    public string SaslSecurityOptions { get; set; } = "";

    /// <summary>broken_sasl_auth_clients (the "broken_sasl_auth_enable": Postfix's real name is this one).</summary>
    public bool BrokenSaslAuthClients { get; set; }

    /// <summary>smtpd_tls_auth_only.</summary>
    public bool TlsAuthOnly { get; set; }

    /// <summary>smtpd_tls_security_level (empty, none, may, encrypt).</summary>
    public string TlsSecurityLevel { get; set; } = "";

    /// <summary>smtpd_tls_wrappermode (implicit TLS, port 465).</summary>
    public bool TlsWrapperMode { get; set; }

    /// <summary>smtpd_sender_login_maps.</summary>
    public string SenderLoginMaps { get; set; } = "";

    /// <summary>relay_domains_reject_code.</summary>
    public int RelayDomainsRejectCode { get; set; }

    /// <summary>smtpd_relay_before_recipient_restrictions: true when the relay list is evaluated first.</summary>
    public bool RelayBeforeRecipientRestrictions { get; set; }

    /// <summary>True when master.cf has a submission (587) or submissions/smtps (465) smtpd service.</summary>
    public bool HasSubmissionService { get; set; }

    /// <summary>Every relay-relevant parameter of this service, expanded, with its origin.</summary>
    public PostfixSettingValue[] Values { get; set; } = [];
}
