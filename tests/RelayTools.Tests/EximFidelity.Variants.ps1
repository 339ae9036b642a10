# The generated configurations of EximFidelity.Tests.ps1. Each variant is a runtime configuration (or a
# Debian update-exim4.conf.conf turned into one by the package's own update-exim4.conf), and every
# client x recipient x sender x auth combination is one RCPT case asked of the real exim -bh and of
# Test-EximRelay. {DIR} is the variant's folder.
# IPv6 clients in full: exim -bh writes $sender_host_address that way.
$script:EximClients = @('127.0.0.1', '127.0.0.5', '10.1.2.3', '10.9.9.9', '172.16.5.5', '198.51.100.7', '203.0.113.9', '2001:0db8:0000:0000:0000:0000:0000:0005', '2001:0db8:0001:0000:0000:0000:0000:0007')
$script:EximRecipients = @('x@gmail.com', 'user@lab.test', 'postmaster@lab.test', 'p@partner.test', 'q@bad.partner.test', 'w@deep.relay.test', '.dot@lab.test', 'a%b@ext.test')

# The upstream default RCPT ACL (with AUTH), the base most variants change.
$script:EximDefaultAcl = @'
acl_check_rcpt:
  accept  hosts = :
  deny    message = Restricted characters in address
          domains = +local_domains
          local_parts = ^[.] : ^.*[@%!/|]
  deny    message = Restricted characters in address
          domains = !+local_domains
          local_parts = ^[./|] : ^.*[@%!] : ^.*/\\.\\./
  accept  local_parts = postmaster
          domains = +local_domains
  accept  hosts = +relay_from_hosts
  accept  authenticated = *
  require message = relay not permitted
          domains = +local_domains : +relay_to_domains
  accept
'@

$script:EximVariants = @(
    @{ Name = 'plain'; Local = '@ : lab.test'; RelayTo = 'partner.test'; RelayFrom = '127.0.0.5 : 10.0.0.0/8' }
    @{ Name = 'ipv6-semicolon'; Local = '<; @ ; lab.test'; RelayTo = '*.relay.test : !bad.partner.test : *.partner.test : partner.test'; RelayFrom = '<; 127.0.0.1 ; 2001:db8::/48 ; 10.1.0.0/16' }
    @{ Name = 'exclusions'; Local = 'lab.test'; RelayTo = '!bad.partner.test : *partner.test'; RelayFrom = '!10.9.0.0/16 : 10.0.0.0/8 : !172.16.5.5 : 172.16.0.0/12' }
    @{ Name = 'negated-end'; Local = 'lab.test'; RelayTo = '!gmail.com : !ext.test'; RelayFrom = '!198.51.100.0/24 : !203.0.113.9' }
    @{ Name = 'local-interfaces'; Local = '@ : localhost : lab.test'; RelayTo = ''; RelayFrom = '@[] : 10.1.2.3' }
    @{ Name = 'lookup-files'; Local = 'lsearch;{DIR}/domains : dsearch;{DIR}/ddir'; RelayTo = 'partial-lsearch;{DIR}/relaydomains'; RelayFrom = 'net-lsearch;{DIR}/hosts.net : net16-lsearch;{DIR}/hosts.net16 : iplsearch;{DIR}/hosts.ip : {DIR}/hosts.list'
        Files = @{ 'domains' = "lab.test`n"; 'ddir/partner.test' = ''; 'relaydomains' = "*.relay.test`nbad.partner.test: x`n"; 'hosts.net' = "127.0.0.5`n"; 'hosts.net16' = "10.9.0.0/16 yes`n"; 'hosts.ip' = "172.16.0.0/12`n2001:db8::/32`n"; 'hosts.list' = "# trusted`n203.0.113.9`n" } }
    @{ Name = 'regex-domains'; Local = '^lab\.test$ : ^mx\.'; RelayTo = '^.*\.relay\.test$ : ^partner'; RelayFrom = '10.1.2.0/24' }
    @{ Name = 'accept-all-first'; Local = 'lab.test'; RelayTo = ''; RelayFrom = '127.0.0.5'; Acl = @'
acl_check_rcpt:
  accept  hosts = *
  require message = relay not permitted
          domains = +local_domains : +relay_to_domains
  accept
'@ }
    @{ Name = 'custom-messages'; Local = 'lab.test'; RelayTo = 'partner.test'; RelayFrom = '10.0.0.0/8'; Acl = @'
acl_check_rcpt:
  deny    message = 553 5.7.1 <$local_part@$domain>: sender $sender_address refused
          senders = :
          domains = !+local_domains
  deny    message = 450 wrong class for deny
          domains = bad.partner.test
  defer   message = 452 4.3.1 come back later
          hosts = 172.16.0.0/12
  accept  hosts = +relay_from_hosts
  deny    message = 554 5.7.1 denied for $sender_host_address
          domains = !+local_domains : !+relay_to_domains
  accept  message = queued for $domain
'@ }
    @{ Name = 'verbs'; Local = 'lab.test'; RelayTo = 'partner.test'; RelayFrom = '10.1.2.3'; Acl = @'
acl_check_rcpt:
  warn    hosts = *
          message = never used
  drop    message = go away
          hosts = 203.0.113.0/24
  discard domains = bad.partner.test
  defer   hosts = 172.16.5.5
  accept  hosts = +relay_from_hosts
  accept  domains = +relay_to_domains
          endpass
          local_parts = p
  require domains = +local_domains
  accept  condition = ${if eq{$local_part}{user}{yes}{no}}
  deny    condition = ${if and {{>{$rcpt_count}{10}}{<{$recipients_count}{${eval:$rcpt_count/2}}}}}
          message = too many bad recipients
  deny
'@ }
    @{ Name = 'earlier-stages'; Local = 'lab.test'; RelayTo = ''; RelayFrom = '10.0.0.0/8'; Senders = @('a@corp.test', ''); Main = @('acl_smtp_connect = acl_connect', 'acl_smtp_mail = acl_mail', 'acl_smtp_helo = acl_helo')
        AclExtra = @'
acl_connect:
  deny    message = 554 connections from $sender_host_address refused
          hosts = 203.0.113.0/24
  accept
acl_helo:
  deny    hosts = 2001:db8:1::/48
  accept
acl_mail:
  deny    message = no bounces here
          senders = :
          hosts = !10.0.0.0/8
  accept
'@ }
    @{ Name = 'no-rcpt-acl'; Local = 'lab.test'; RelayTo = ''; RelayFrom = '10.0.0.0/8'; NoRcptAcl = $true; Recipients = @('x@gmail.com', 'user@lab.test') }
    @{ Name = 'auth-lan-only'; Local = 'lab.test'; RelayTo = ''; RelayFrom = '127.0.0.5'; Main = @('auth_advertise_hosts = <; 10.0.0.0/8 ; 2001:db8::/32'); Auth = @($false, $true) }
    @{ Name = 'auth-everywhere'; Local = 'lab.test'; RelayTo = 'partner.test'; RelayFrom = ''; Auth = @($false, $true); Recipients = @('x@gmail.com', 'user@lab.test', 'p@partner.test') }
    @{ Name = 'macros-include'; Local = 'MY_DOMAINS'; RelayTo = ''; RelayFrom = 'MY_NETS'; Head = @('MY_NETS = 10.1.0.0/16 : 127.0.0.5', 'MY_DOMAINS = lab.test : mx.lab.test', '.ifdef NOT_DEFINED', 'MY_NETS == 0.0.0.0/0', '.else', 'MY_EXTRA = 1', '.endif')
        Acl = ".include {DIR}/rcpt.acl"; Files = @{ 'rcpt.acl' = "acl_check_rcpt:`n  accept  hosts = +relay_from_hosts`n.ifdef MY_EXTRA`n  require message = relay not permitted \`n            (macros)`n          domains = +local_domains`n.endif`n  accept`n" } }
    @{ Name = 'debian-internet'; Debian = "dc_eximconfig_configtype='internet'`ndc_other_hostnames='lab.test'`ndc_local_interfaces='127.0.0.1 ; ::1'`ndc_readhost=''`ndc_relay_domains='partner.test'`ndc_minimaldns='false'`ndc_relay_nets='10.1.0.0/16 ; 2001:db8::/48'`ndc_smarthost=''`nCFILEMODE='644'`ndc_use_split_config='false'`ndc_hide_mailname=''`ndc_mailname_in_oh='true'`ndc_localdelivery='mail_spool'`n" }
    @{ Name = 'debian-split'; Debian = "dc_eximconfig_configtype='internet'`ndc_other_hostnames='lab.test:mx.lab.test'`ndc_local_interfaces=''`ndc_readhost=''`ndc_relay_domains='*.relay.test'`ndc_minimaldns='false'`ndc_relay_nets='172.16.0.0/12:10.9.0.0/16'`ndc_smarthost=''`nCFILEMODE='644'`ndc_use_split_config='true'`ndc_hide_mailname=''`ndc_mailname_in_oh='true'`ndc_localdelivery='mail_spool'`n" }
    @{ Name = 'debian-smarthost-empty-nets'; Debian = "dc_eximconfig_configtype='smarthost'`ndc_other_hostnames=''`ndc_local_interfaces='127.0.0.1'`ndc_readhost=''`ndc_relay_domains=''`ndc_minimaldns='false'`ndc_relay_nets=''`ndc_smarthost='smtp.isp.test::587'`nCFILEMODE='644'`ndc_use_split_config='false'`ndc_hide_mailname=''`ndc_mailname_in_oh='true'`ndc_localdelivery='mail_spool'`n" }
)
