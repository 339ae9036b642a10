# The variants of the Postfix fidelity suite (PostfixFidelity.Tests.ps1): each one is a real Postfix
# instance started with tests/lab/lab.sh on its own port base (4000, 4100, ... 4900), with main.cf lines
# appended (later lines win), optional main.cf lines dropped (so the defaults apply), extra master.cf
# services and table files. {DIR} is replaced by the instance directory, {PORT26} by BASE+26.
# Every variant is probed for each service x client source address x authenticated or not x recipient.

# RELAYTOOLS_FIDELITY_BASE moves every instance (default 4000: instances on 4000, 4100, ... 4800), so two
# checkouts can run the suite at once.
$script:FidelityBase = if ($env:RELAYTOOLS_FIDELITY_BASE) { [int] $env:RELAYTOOLS_FIDELITY_BASE } else { 4000 }
$script:FidelityClients = @('127.0.0.1', '127.0.0.5', '127.0.0.9')
$script:FidelitySender = 'sender@corp.example'

$script:FidelityVariants = @(
    @{
        Name = 'lab-stock'; Base = $script:FidelityBase + 0
        # The lab as it is: relay list permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination;
        # submission and smtps override it with permit_sasl_authenticated, reject_unauth_destination.
        Main = @(); Drop = ''; Master = @(); Files = @{}
        Ports = @(25, 587, 465)
        Recipients = @('postmaster@lab.test', 'a@Mail.Lab.Test', 'x@gmail.com', 'a@sub.lab.test')
    }
    @{
        Name = 'broken-order'; Base = $script:FidelityBase + 100
        # The seed's broken order: the guard before the permits, no relay list at all.
        Main = @(
            'smtpd_relay_restrictions ='
            'smtpd_recipient_restrictions = reject_unauth_destination, permit_sasl_authenticated, permit_mynetworks'
        ); Drop = ''; Master = @(); Files = @{}
        Ports = @(25)
        Recipients = @('postmaster@lab.test', 'x@gmail.com')
    }
    @{
        Name = 'level1-defaults'; Base = $script:FidelityBase + 200
        # compatibility_level 1: mynetworks_style subnet (127.0.0.0/8 from inet_interfaces), relay_domains =
        # $mydestination, the default relay list ending in defer_unauth_destination, and the recipient list
        # evaluated BEFORE the relay list (smtpd_relay_before_recipient_restrictions = no).
        Main = @(
            'compatibility_level = 1'
            'smtpd_recipient_restrictions = check_recipient_access texthash:{DIR}/tables/recipients, reject_non_fqdn_recipient, permit'
            'smtpd_client_restrictions = check_client_access hash:{DIR}/tables/access'
        ); Drop = 'mynetworks|smtpd_relay_restrictions'; Master = @()
        # tables/access is a hash: table: the suite runs postmap on it; the evaluator reads its source.
        Files = @{
            'tables/recipients' = "blocked@gmail.com REJECT`nslow.example DEFER try later`nbad.example 553 5.7.2 no mail for bad.example`n"
            'tables/access'     = "127.0.0.9 REJECT not from this host`n127.0.0 DUNNO`n"
        }
        Postmap = @('tables/access')
        Ports = @(25)
        Recipients = @('postmaster@lab.test', 'x@gmail.com', 'blocked@gmail.com', 'a@slow.example', 'a@bad.example', 'a@nofqdn')
    }
    @{
        Name = 'tls-auth-only'; Base = $script:FidelityBase + 300
        # No TLS on port 25 with smtpd_tls_auth_only = yes: AUTH is never offered there, so "authenticated"
        # clients are refused like anyone else; a custom port offers TLS and AUTH.
        Main = @('smtpd_tls_security_level = none', 'smtpd_tls_auth_only = yes')
        Drop = ''; Files = @{}
        Master = @(
            '127.0.0.1:{PORT26} inet n - n - - smtpd'
            '  -o smtpd_tls_security_level=may'
            '  -o smtpd_relay_restrictions=permit_sasl_authenticated,defer_unauth_destination'
        )
        Ports = @(25, 26)
        Recipients = @('postmaster@lab.test', 'x@gmail.com')
    }
    @{
        Name = 'submission-overrides'; Base = $script:FidelityBase + 400
        # A custom submission port with -o { } grouping, a $macro list, a restriction class and a client table.
        Main = @(
            'mua_relay = permit_sasl_authenticated, reject'
            'smtpd_restriction_classes = trusted_only'
            'trusted_only = permit_mynetworks, reject'
            'smtpd_client_restrictions = check_client_access cidr:{DIR}/tables/clients.cidr'
            'smtpd_recipient_restrictions = check_recipient_access texthash:{DIR}/tables/internal, permit'
        ); Drop = ''
        Files = @{
            'tables/clients.cidr' = "127.0.0.9/32 REJECT go away`n127.0.0.0/8 DUNNO`n"
            'tables/internal'     = "internal@lab.test trusted_only`n"
        }
        Master = @(
            '127.0.0.1:{PORT26} inet n - n - - smtpd'
            '  -o smtpd_tls_security_level=encrypt'
            '  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }'
            '  -o smtpd_relay_restrictions=$mua_relay'
        )
        Ports = @(25, 26)
        Recipients = @('postmaster@lab.test', 'internal@lab.test', 'x@gmail.com')
    }
    @{
        Name = 'mynetworks-v4-v6'; Base = $script:FidelityBase + 500
        # IPv4 CIDR, IPv6 and IPv4-mapped entries, an exclusion and a /file; the lab listens on IPv4 only, so
        # the IPv6 entries are compared through postconf values and the evaluator, not connections.
        # Parent matching is switched off here: ".far.example" then matches subdomains, "near.example" only itself.
        Main = @(
            'mynetworks = !127.0.0.9 127.0.0.0/29 [::ffff:127.0.0.0]/104 [::1]/128 [2001:db8::]/32 {DIR}/tables/networks'
            'parent_domain_matches_subdomains ='
            'relay_domains = .far.example, near.example'
        )
        Drop = ''; Master = @()
        Files = @{ 'tables/networks' = "# more trusted hosts`n127.0.0.64/26`n" }
        Ports = @(25)
        Clients = @('127.0.0.1', '127.0.0.9', '127.0.0.10', '127.0.0.70')
        Recipients = @('x@gmail.com', 'a@x.far.example', 'a@far.example', 'a@near.example', 'a@x.near.example')
    }
    @{
        Name = 'relay-domains'; Base = $script:FidelityBase + 600
        # relay_domains with parent matching, a .subdomain entry, virtual domains, [ip] literals, case and routing.
        Main = @(
            'relay_domains = partner.example, .hub.example'
            'virtual_alias_domains = valias.example'
            'virtual_mailbox_domains = vmbox.example'
            'smtpd_reject_unlisted_recipient = no'
        ); Drop = ''; Master = @(); Files = @{}
        Ports = @(25)
        Clients = @('127.0.0.1')
        Recipients = @('a@partner.example', 'a@Sub.Partner.Example', 'a@hub.example', 'a@x.hub.example', 'a@valias.example',
            'a@VMBOX.example', 'a@[127.0.0.1]', 'a@[127.0.0.2]', 'user%gmail.com@partner.example', 'a@other.example')
    }
    @{
        Name = 'no-relay-guard'; Base = $script:FidelityBase + 700
        # Neither list has a working guard (the permit ends the search): Postfix refuses every recipient.
        Main = @(
            'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated'
            'smtpd_recipient_restrictions = permit, reject_unauth_destination'
        ); Drop = ''; Master = @(); Files = @{}
        Ports = @(25)
        # No greeting ever comes: each probe waits 2 s, so keep this variant small.
        Clients = @('127.0.0.5'); Auth = @($false)
        Recipients = @('postmaster@lab.test', 'x@gmail.com')
    }
    @{
        Name = 'typo-and-defer'; Base = $script:FidelityBase + 800
        # A misspelt restriction after the permits, a plain defer in a class, and reject in the relay list.
        Main = @(
            'smtpd_restriction_classes = later'
            'later = defer'
            'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, check_recipient_access texthash:{DIR}/tables/special, reject_unauth_destinaton'
            'smtpd_recipient_restrictions = reject_unauth_destination'
        ); Drop = ''; Master = @()
        Files = @{ 'tables/special' = "later.example later`nnope.example reject`nlab.test OK`n" }
        Ports = @(25, 587)
        Recipients = @('postmaster@lab.test', 'a@later.example', 'a@nope.example', 'x@gmail.com')
    }
    @{
        Name = 'sender-checks'; Base = $script:FidelityBase + 900
        # Sender restrictions (run at RCPT time): a sender table with OK and REJECT, reject_non_fqdn_sender,
        # and the null sender <>. Senders are a dimension of this variant only.
        Main = @('smtpd_sender_restrictions = check_sender_access texthash:{DIR}/tables/senders, reject_non_fqdn_sender')
        Drop = ''; Master = @()
        Files = @{ 'tables/senders' = "vip.example OK`nspam.example REJECT go away`n<> DUNNO`n" }
        Ports = @(25)
        Clients = @('127.0.0.1')
        Senders = @('a@vip.example', 'b@spam.example', 'b@sub.spam.example', 'c@nofqdn', '')
        Recipients = @('postmaster@lab.test', 'x@gmail.com')
    }
)
