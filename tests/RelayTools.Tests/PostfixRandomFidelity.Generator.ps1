# The generator of the randomized Postfix fidelity suite (PostfixRandomFidelity.Tests.ps1): from one seed
# (System.Random), random but valid configurations as a fleet has them, and random SMTP sessions for each.
#
# A plan is a set of lab instances (tests/lab/lab.sh, one main.cf each: compatibility_level, mynetworks,
# mydestination, relay_domains, codes, delay_reject, soft_bounce, classes, default lists), and in each
# instance many smtpd services on their own ports whose -o overrides are one configuration each
# (restriction lists, mydestination, mynetworks, delay_reject, TLS, soft_bounce, codes). The instance's own
# BASE+25 service (main.cf alone) is probed too. Every case is a session: an XCLIENT ADDR/NAME, an EHLO
# name (or none), AUTH PLAIN or not, a MAIL FROM and one RCPT TO.
#
# Nothing here touches the disk or the network: New-RandomFidelityPlan is a pure function of its
# arguments, so discovery and the run see the same plan.

# Instances sit 40 ports apart from the base (BASE+25..+28 lab, +30..+59 random services, +465/+587/+589 lab):
# up to 11 instances never share a port, and all of them stay within BASE..BASE+999.
$script:RandomFidelitySpacing = 40
$script:RandomFidelityMaxServices = 30
# The prober's own source address: XCLIENT is authorized for it only, it is never a random client, and a
# service with smtpd_delay_reject = no lets it in first (its connect-time check runs before XCLIENT).
$script:RandomFidelityProberAddress = '127.0.0.254'

function New-RandomFidelityRng([int] $Seed) {
    $r = New-Object System.Random $Seed
    $o = [pscustomobject]@{ Rng = $r }
    $o | Add-Member ScriptMethod Pick { param($items) $items[$this.Rng.Next($items.Count)] }
    $o | Add-Member ScriptMethod Chance { param([double] $p) $this.Rng.NextDouble() -lt $p }
    $o | Add-Member ScriptMethod Next { param([int] $lo, [int] $hi) $this.Rng.Next($lo, $hi) }
    # Picks k distinct items, in a random order.
    $o | Add-Member ScriptMethod Some {
        param($items, [int] $k)
        $list = [System.Collections.Generic.List[object]]::new(); foreach ($i in $items) { $list.Add($i) }
        $out = @()
        while ($out.Count -lt $k -and $list.Count -gt 0) { $j = $this.Rng.Next($list.Count); $out += , $list[$j]; $list.RemoveAt($j) }
        , $out
    }
    $o
}

# The vocabulary the sessions and the tables share, so table keys are hit often.
$script:RandomFidelityClients = @(
    @{ Address = '127.0.0.1'; Name = 'unknown' }, @{ Address = '127.0.0.5'; Name = 'unknown' }, @{ Address = '127.0.0.9'; Name = 'unknown' }
    @{ Address = '127.0.0.70'; Name = 'unknown' }, @{ Address = '127.1.2.3'; Name = 'unknown' }, @{ Address = '127.0.0.9'; Name = 'host.partner.example' }
    @{ Address = '192.0.2.7'; Name = 'unknown' }, @{ Address = '192.0.2.7'; Name = 'mail.corp.example' }, @{ Address = '192.0.2.200'; Name = 'unknown' }
    @{ Address = '198.51.100.23'; Name = 'host.partner.example' }, @{ Address = '198.51.100.23'; Name = 'unknown' }, @{ Address = '203.0.113.9'; Name = 'evil.example' }
    @{ Address = '::1'; Name = 'localhost' }, @{ Address = '2001:db8::5'; Name = 'unknown' }, @{ Address = '2001:db8:1::9'; Name = 'mail.corp.example' }
)
$script:RandomFidelityHelos = @('mx.corp.example', 'host.partner.example', 'mailhost', 'bad_name!', '[127.0.0.9]', '[192.0.2.7]', 'localhost', 'mail.lab.test', 'evil.example', '')
$script:RandomFidelitySenders = @('', 'u', 'u@mx', 'u@corp.example', 'spam@spam.example', 'a@lab.test', 'a@sub.lab.test', 'x@gmail.com', 'postmaster@lab.test', 'b@sub.corp.example')
$script:RandomFidelityRecipients = @(
    'postmaster@lab.test', 'a@lab.test', 'a@Mail.Lab.Test', 'a@sub.lab.test', 'a@localhost', 'x@gmail.com', 'blocked@gmail.com', 'x@example.net'
    'a@partner.example', 'a@sub.partner.example', 'a@hub.example', 'a@x.hub.example', 'a@corp.example', 'a@valias.example', 'postmaster', 'u@mx'
    'a%gmail.com@lab.test', 'a!b@lab.test', 'a@mail.lab.test', 'x@gmail.com', 'a@partner.example'
)

$script:RandomFidelityActions = @(
    'OK', 'OK', 'REJECT', 'REJECT', 'REJECT custom reject text', 'DEFER', 'DEFER try again later', 'DUNNO', 'DUNNO', 'PERMIT'
    'DEFER_IF_PERMIT', 'DEFER_IF_REJECT', 'DEFER_IF_PERMIT wait a little', '550 5.7.9 custom text', '553 no dsn given', '450 4.7.9 greylisted'
    '451 4.3.9 try later', '521 5.7.8 not here', 'permit_mynetworks, reject', 'reject_unauth_destination', 'permit_sasl_authenticated, defer', 'CLASS'
)

function Get-RandomFidelityKeys([string] $Kind, [string] $Type) {
    switch ($Kind) {
        'client' {
            switch ($Type) {
                'cidr' { @('127.0.0.9/32', '127.0.0.0/24', '192.0.2.0/24', '2001:db8::/32', '127.0.0.64/26', '198.51.100.23', '::1/128', '203.0.113.0/24') }
                'pcre' { @('/^127\.0\.0\.9$/', '/partner\.example$/', '/^192\.0\.2\./', '/^2001:db8:/', '/^evil\./', '/^127\./') }
                default { @('127.0.0.9', '127.0.0', '192.0.2.7', '192.0.2', '198.51.100.23', 'host.partner.example', 'partner.example', '.partner.example', 'corp.example', 'evil.example', '2001:db8::5', '::1', '203.0.113.9') }
            }
        }
        'helo' {
            if ($Type -eq 'pcre') { @('/^mailhost$/', '/corp\.example$/', '/^\[/', '/^localhost$/', '/evil/') }
            else { @('mailhost', 'mx.corp.example', 'corp.example', '.corp.example', 'localhost', '[127.0.0.9]', 'evil.example', 'partner.example', 'mail.lab.test') }
        }
        'sender' {
            if ($Type -eq 'pcre') { @('/^spam@/', '/@corp\.example$/', '/^$/', '/^u$/', '/gmail\.com$/') }
            else { @('u@corp.example', 'corp.example', '.corp.example', 'spam.example', 'spam@', '<>', 'x@gmail.com', 'lab.test', 'u', 'mx') }
        }
        default {
            if ($Type -eq 'pcre') { @('/^x@gmail\.com$/', '/@partner\.example$/', '/^postmaster@/', '/^blocked@/', '/%/', '/lab\.test$/') }
            else { @('x@gmail.com', 'gmail.com', 'postmaster@', 'lab.test', '.lab.test', 'blocked@gmail.com', 'partner.example', 'sub.lab.test', 'a@hub.example', 'example.net', 'mx', 'postmaster') }
        }
    }
}

# One access table: returns its type:name and adds its file to $Instance.Files.
function New-RandomFidelityTable($R, $Instance, [string] $Kind) {
    # regexp only: Debian's pcre: tables need the postfix-pcre package, which the lab does not install (smtpd answers
    # 451 4.3.5 Server configuration error for an unsupported table type).
    $types = if ($Kind -eq 'client') { @('texthash', 'cidr', 'inline', 'regexp', 'regexp') } else { @('texthash', 'texthash', 'inline', 'regexp', 'regexp') }
    $type = $R.Pick($types)
    $keyType = if ($type -in 'pcre', 'regexp') { 'pcre' } else { $type }
    $keys = $R.Some((Get-RandomFidelityKeys $Kind $keyType), $R.Next(1, 5))
    $entries = foreach ($k in $keys) {
        $action = $R.Pick($script:RandomFidelityActions)
        if ($action -eq 'CLASS') { $action = $R.Pick($Instance.Classes.Keys) }
        # inline:{ } values stay single words (a text with blanks needs the { key = text } form).
        if ($type -eq 'inline' -and $action -match '[ ,]') { $action = $R.Pick(@('OK', 'REJECT', 'DUNNO', 'PERMIT', 'DEFER_IF_PERMIT', 'DEFER_IF_REJECT', 'DEFER')) }
        @{ Key = $k; Action = $action }
    }
    if ($type -eq 'inline') { return 'inline:{ ' + (($entries | ForEach-Object { "$($_.Key)=$($_.Action)" }) -join ', ') + ' }' }
    $Instance.TableCount++
    $name = "tables/t$($Instance.TableCount).$type"
    $Instance.Files[$name] = (($entries | ForEach-Object { "$($_.Key) $($_.Action)" }) -join "`n") + "`n"
    "${type}:$($Instance.Dir)/$name"
}

# A random restriction list for one stage. $Guard: end with a relay guard (relay/recipient lists).
function New-RandomFidelityList($R, $Instance, [string] $Stage, [bool] $Guard) {
    $pool = @('permit_mynetworks', 'permit_sasl_authenticated', 'TABLE', 'warn_if_reject')
    switch ($Stage) {
        'client' { $pool += @('TABLE', 'DEFERIF') }
        'helo' { $pool += @('reject_invalid_helo_hostname', 'reject_non_fqdn_helo_hostname', 'TABLE', 'reject_invalid_helo_hostname') }
        'sender' { $pool += @('reject_non_fqdn_sender', 'TABLE', 'reject_non_fqdn_sender') }
        default { $pool += @('reject_non_fqdn_recipient', 'permit_auth_destination', 'TABLE', 'TABLE', 'DEFERIF', 'CLASS', 'reject_unauth_destination', 'permit_mynetworks', 'permit_sasl_authenticated') }
    }
    $items = @()
    foreach ($i in 1..$R.Next(1, 4)) {
        $item = $R.Pick($pool)
        switch ($item) {
            'TABLE' {
                $kind = if ($Stage -in 'relay', 'recipient') { $R.Pick(@('recipient', 'recipient', 'client', 'sender', 'helo')) } else { $Stage }
                $item = "check_${kind}_access " + (New-RandomFidelityTable $R $Instance $kind)
            }
            'CLASS' { $item = $R.Pick($Instance.Classes.Keys) }
            'DEFERIF' { $item = $R.Pick(@('defer_if_permit', 'defer_if_reject')) }
            'warn_if_reject' { $item = 'warn_if_reject ' + $R.Pick(@('reject', 'reject_unauth_destination', 'reject_non_fqdn_sender', 'reject_non_fqdn_helo_hostname', 'defer_if_permit')) }
        }
        $items += $item
    }
    if ($Guard) { $items += $R.Pick(@('reject_unauth_destination', 'reject_unauth_destination', 'reject_unauth_destination', 'defer_unauth_destination', 'reject', 'defer_if_permit')) }
    elseif ($R.Chance(0.3)) { $items += $R.Pick(@('permit', 'reject', 'defer', 'permit', 'reject', $R.Pick(@('defer_if_permit', 'defer_if_reject')))) }
    $items -join ', '
}

function New-RandomFidelityMyNetworks($R, $Instance, [bool] $AllowStyle) {
    $forms = @('127.0.0.5/32', '127.0.0.0/8', '127.0.0.0/8 [::1]/128', '127.0.0.5 127.0.0.9', '192.0.2.0/24, [2001:db8::]/32, 127.0.0.5',
        '!127.0.0.9 127.0.0.0/24', 'FILE', 'TABLE', '[::1]/128 198.51.100.23')
    if ($AllowStyle) { $forms += @('STYLE', 'STYLE') }
    $form = $R.Pick($forms)
    switch ($form) {
        'FILE' {
            $Instance.Files['tables/networks'] = "# trusted hosts`n127.0.0.64/26`n192.0.2.7`n[2001:db8:1::]/48`n"
            return @{ Value = "$($Instance.Dir)/tables/networks" }
        }
        'TABLE' {
            if ($R.Chance(0.5)) {
                $Instance.Files['tables/networks.cidr'] = "127.0.0.0/26 OK`n198.51.100.0/24 OK`n2001:db8::/32 OK`n"
                return @{ Value = "cidr:$($Instance.Dir)/tables/networks.cidr" }
            }
            $Instance.Files['tables/networks.th'] = "127.0.0.9 OK`n192.0.2.200 OK`n::1 OK`n"
            return @{ Value = "texthash:$($Instance.Dir)/tables/networks.th" }
        }
        'STYLE' { return @{ Style = $R.Pick(@('host', 'subnet')) } }
    }
    @{ Value = $form }
}

function New-RandomFidelityInstance($R, [int] $Index, [int] $Base, [string] $Root) {
    $name = "i$Index"
    $inst = @{ Name = $name; Index = $Index; Base = $Base; Dir = (Join-Path $Root $name); Main = @(); Drop = @(); Master = @(); Files = @{}; TableCount = 0; Classes = [ordered]@{}; Configs = @() }
    $main = [System.Collections.Generic.List[string]]::new()
    # The lab's constants for the suite: IPv6 clients through XCLIENT need inet_protocols = all (smtpd still
    # listens on 127.0.0.1 only); idle smtpd processes of the many services go away soon.
    # No maillog_file: with some 30 services logging at once postlogd deadlocks (it blocks writing a warning of
    # its own to its full datagram socket, and every smtpd then blocks before its greeting).
    $main.Add('inet_protocols = all'); $main.Add("smtpd_authorized_xclient_hosts = $script:RandomFidelityProberAddress"); $main.Add('max_idle = 10s'); $main.Add('maillog_file =')

    $compat = $R.Pick(@('3.6', '3.6', '2', '1', '0', 'DROP'))
    if ($compat -eq 'DROP') { $inst.Drop += 'compatibility_level'; $compat = '0' } else { $main.Add("compatibility_level = $compat") }
    $inst.Compat = $compat

    $mn = New-RandomFidelityMyNetworks $R $inst $true
    $inst.Drop += 'mynetworks'
    if ($mn.ContainsKey('Style')) { $main.Add("mynetworks_style = $($mn.Style)") }
    elseif (-not ($compat -in '0', '1' -and $R.Chance(0.3))) { $main.Add("mynetworks = $($mn.Value)") }   # else: the level's mynetworks_style default

    $dest = $R.Pick(@('DROP', '$myhostname, lab.test, localhost', '$myhostname, $mydomain, localhost, sub.lab.test', 'lab.test, corp.example', '$myhostname', '$myhostname, localhost.$mydomain, localhost, $mydomain'))
    $inst.Drop += 'mydestination'
    if ($dest -ne 'DROP') { $main.Add("mydestination = $dest") }

    $relay = $R.Pick(@('DROP', 'DROP', '', 'partner.example', 'partner.example, .hub.example', '$mydestination, partner.example', 'hub.example', 'TABLE'))
    if ($relay -eq 'TABLE') { $inst.Files['tables/relay_domains'] = "partner.example OK`nhub.example OK`n"; $relay = "texthash:$($inst.Dir)/tables/relay_domains" }
    if ($relay -ne 'DROP') { $main.Add("relay_domains = $relay") }
    if ($R.Chance(0.4)) { $main.Add('virtual_alias_domains = valias.example'); $main.Add('smtpd_reject_unlisted_recipient = no') }
    $parent = $R.Pick(@('DROP', 'DROP', '', 'smtpd_access_maps', 'relay_domains', 'smtpd_access_maps, relay_domains, mynetworks'))
    if ($parent -ne 'DROP') { $main.Add("parent_domain_matches_subdomains = $parent") }

    $inst.MainDelayNo = $R.Chance(0.25)
    if ($inst.MainDelayNo) { $main.Add('smtpd_delay_reject = no') }
    if ($R.Chance(0.2)) { $main.Add('soft_bounce = yes') }
    if ($R.Chance(0.4)) { $main.Add('smtpd_relay_before_recipient_restrictions = ' + $R.Pick(@('yes', 'no'))) }
    foreach ($code in @(
            @{ N = 'access_map_reject_code'; V = @('550', '554', '553') }, @{ N = 'access_map_defer_code'; V = @('450', '451') }
            @{ N = 'relay_domains_reject_code'; V = @('550', '554') }, @{ N = 'reject_code'; V = @('550', '554', '521') }
            @{ N = 'defer_code'; V = @('450', '451') }, @{ N = 'unknown_address_reject_code'; V = @('450', '550') }
            @{ N = 'non_fqdn_reject_code'; V = @('504', '550') }, @{ N = 'invalid_hostname_reject_code'; V = @('501', '550') })) {
        if ($R.Chance(0.25)) { $main.Add("$($code.N) = $($R.Pick($code.V))") }
    }
    if ($R.Chance(0.3)) { $main.Add('smtpd_tls_auth_only = no') }

    # Restriction classes, usable in lists and as table results.
    $inst.Classes['rc_trusted'] = 'permit_mynetworks, permit_sasl_authenticated, reject'
    $inst.Classes['rc_relay'] = $R.Pick(@('reject_unauth_destination', 'permit_auth_destination, defer', 'permit_sasl_authenticated, reject_unauth_destination'))
    $inst.Classes['rc_later'] = $R.Pick(@('defer', 'defer_if_permit', 'permit'))
    $main.Add('smtpd_restriction_classes = ' + ($inst.Classes.Keys -join ', '))
    foreach ($c in $inst.Classes.Keys) { $main.Add("$c = $($inst.Classes[$c])") }

    # The main.cf lists (what BASE+25 and every service that does not override them use).
    $inst.Drop += 'smtpd_relay_restrictions'
    $mainLists = @{}
    foreach ($stage in 'client', 'helo', 'sender', 'relay', 'recipient') {
        $roll = $R.Rng.NextDouble()
        if ($stage -eq 'relay' -and $roll -lt 0.25) { continue }   # the level's default relay list
        if ($stage -ne 'relay' -and $roll -lt 0.45) { continue }
        $value = New-RandomFidelityList $R $inst $stage ($stage -eq 'relay' -or ($stage -eq 'recipient' -and $R.Chance(0.3)))
        $mainLists[$stage] = $value
        if ($stage -ne 'client') { $main.Add("smtpd_${stage}_restrictions = $value") }
    }
    # smtpd checks the prober's own address at connect, before its XCLIENT, when smtpd_delay_reject = no: let it in first.
    $proberOk = "check_client_access inline:{ $script:RandomFidelityProberAddress=OK }"
    if ($inst.MainDelayNo) { $main.Add("smtpd_client_restrictions = $proberOk" + $(if ($mainLists.ContainsKey('client')) { ", $($mainLists['client'])" } else { '' })) }
    elseif ($mainLists.ContainsKey('client')) { $main.Add("smtpd_client_restrictions = $($mainLists['client'])") }

    $inst.Configs += @{ Id = "$name-main"; Port = $Base + 25; Description = 'main.cf alone (port +25)'; Master = @(); NeedsHelo = $false }
    $count = $R.Next(18, $script:RandomFidelityMaxServices + 1)
    foreach ($s in 0..($count - 1)) {
        $port = $Base + 30 + $s
        $opts = [System.Collections.Generic.List[string]]::new()
        $delayNo = $inst.MainDelayNo
        if ($R.Chance(0.2)) { $delayNo = $R.Chance(0.7); $opts.Add('smtpd_delay_reject=' + $(if ($delayNo) { 'no' } else { 'yes' })) }
        foreach ($stage in 'client', 'helo', 'sender', 'relay', 'recipient') {
            $p = if ($stage -in 'relay', 'recipient') { 0.6 } else { 0.35 }
            if (-not $R.Chance($p)) { continue }
            $value = if ($R.Chance(0.1)) { '' } else { New-RandomFidelityList $R $inst $stage ($stage -eq 'relay' -or ($stage -eq 'recipient' -and $R.Chance(0.4))) }
            $param = "rnd_s$($s)_$stage"
            $main.Add("$param = $value")
            $opts.Add("smtpd_${stage}_restrictions=`$$param")
        }
        if ($delayNo -and -not ($inst.MainDelayNo -and -not ($opts | Where-Object { $_ -like 'smtpd_client_restrictions=*' }))) {
            $client = ($opts | Where-Object { $_ -like 'smtpd_client_restrictions=*' })
            $inner = if ($client) { [string] ($main | Where-Object { $_ -like "rnd_s$($s)_client = *" }) -replace '^[^=]+= ?', '' } elseif ($mainLists.ContainsKey('client')) { $mainLists['client'] } else { '' }
            $param = "rnd_s$($s)_client"
            $main.Remove(($main | Where-Object { $_ -like "$param = *" })) | Out-Null
            $main.Add("$param = $proberOk" + $(if ($inner) { ", $inner" } else { '' }))
            if ($client) { $opts.Remove($client) | Out-Null }
            $opts.Add("smtpd_client_restrictions=`$$param")
        }
        if ($R.Chance(0.15)) {
            $n = New-RandomFidelityMyNetworks $R $inst $false
            $main.Add("rnd_s$($s)_mynetworks = $($n.Value)"); $opts.Add("mynetworks=`$rnd_s$($s)_mynetworks")
        }
        if ($R.Chance(0.12)) { $opts.Add('mydestination=' + $R.Pick(@('$myhostname', 'corp.example', '$mydomain', 'partner.example'))) }
        if ($R.Chance(0.1)) { $opts.Add('relay_domains=' + $R.Pick(@('corp.example', 'gmail.com', '.hub.example'))) }
        if ($R.Chance(0.15)) { $opts.Add('smtpd_tls_security_level=' + $R.Pick(@('none', 'encrypt', 'may'))) }
        if ($R.Chance(0.12)) { $opts.Add('smtpd_tls_auth_only=' + $R.Pick(@('yes', 'no'))) }
        if ($R.Chance(0.05)) { $opts.Add('smtpd_sasl_auth_enable=no') }
        if ($R.Chance(0.1)) { $opts.Add('soft_bounce=' + $R.Pick(@('yes', 'no'))) }
        if ($R.Chance(0.1)) { $opts.Add('smtpd_relay_before_recipient_restrictions=' + $R.Pick(@('yes', 'no'))) }
        if ($R.Chance(0.1)) { $opts.Add($R.Pick(@('access_map_reject_code=550', 'relay_domains_reject_code=550', 'reject_code=550', 'defer_code=451', 'access_map_defer_code=451'))) }
        $lines = @("127.0.0.1:$port inet n - n - - smtpd", "  -o syslog_name=postfix/r$port") + @($opts | ForEach-Object { "  -o $_" })
        $inst.Master += $lines
        # A session without EHLO cannot STARTTLS: under smtpd_tls_security_level = encrypt it always sends one.
        $inst.Configs += @{ Id = "$name-s$s"; Port = $port; Description = "master.cf service +$(30 + $s)"; Master = $lines; NeedsHelo = [bool] ($opts -contains 'smtpd_tls_security_level=encrypt') }
    }
    $inst.Main = @($main)
    $inst
}

function New-RandomFidelityCase($R, [int] $Port, [bool] $NeedsHelo) {
    $client = $R.Pick($script:RandomFidelityClients)
    $helo = $R.Pick($script:RandomFidelityHelos)
    if ($NeedsHelo -and $helo -eq '') { $helo = 'mx.corp.example' }
    # AUTH needs an EHLO first: a session without one never authenticates.
    $auth = $helo -ne '' -and $R.Chance(0.4)
    $rcpt = if ($R.Chance(0.02)) { '@lab.test:x@gmail.com' } else { $R.Pick($script:RandomFidelityRecipients) }
    [pscustomobject]@{
        Port = $Port; ClientAddress = $client.Address; ClientName = $client.Name; Helo = $helo; Auth = $auth
        Sender = $R.Pick($script:RandomFidelitySenders); Recipient = $rcpt
    }
}

# The whole plan: instances with their main.cf lines, master.cf services, table files and cases.
function New-RandomFidelityPlan([int] $Seed, [int] $Base, [string] $Root, [int] $Instances = 10, [int] $CasesPerConfig = 14) {
    if ($Instances -gt 11) { throw 'At most 11 instances fit the port layout.' }
    $R = New-RandomFidelityRng $Seed
    $plan = foreach ($i in 0..($Instances - 1)) {
        $inst = New-RandomFidelityInstance $R $i ($Base + $i * $script:RandomFidelitySpacing) $Root
        foreach ($c in $inst.Configs) { $c.Cases = @(foreach ($k in 1..$CasesPerConfig) { New-RandomFidelityCase $R $c.Port $c.NeedsHelo }) }
        $inst
    }
    $ports = @($plan | ForEach-Object { $b = $_.Base; @(26, 27, 28, 465, 587, 589 | ForEach-Object { $b + $_ }) + @($_.Configs | ForEach-Object Port) })
    if ($ports | Group-Object | Where-Object Count -GT 1) {
        throw 'Two services of the random fidelity plan share a port.'
    }
    @($plan)
}
