# The configurations of SendmailFidelity.Tests.ps1 (dot-sourced): each a Debian-like sendmail.mc with its
# own FEATUREs, an access file, relay-domains and local-host-names, probed from several 127.0.0.x clients
# with several senders and recipients (every client x sender x recipient). The lab's hosts file gives the
# clients their names. Whether a sender's domain resolves is a DNS fact no configuration reader can know
# (Sendmail refuses an unresolvable one with 553 5.1.8 ... does not exist), so every mc has
# FEATURE(`accept_unresolvable_domains') (senders come from outside domains, nowhere.invalid among them),
# except the one configuration marked SenderDomainsMustResolve, which sends only <> and senders at $j. Each
# mc also names the server (confDOMAIN_NAME, Dj mx.lab.test) instead of leaving $j to the host's name.

# The clients: address -> host name ('' when the address has no name).
$script:SendmailFidelityClients = [ordered]@{
    '127.0.0.1'  = 'localhost'
    '127.0.0.5'  = ''
    '127.0.0.9'  = 'pc9.corp.example'
    '127.0.0.10' = ''
    '127.0.0.21' = 'app01.corp.example'
    '127.0.0.22' = 'app02.corp.example'
    '127.0.0.31' = 'gw.partner.example'
    '127.0.0.41' = 'ws1.lab.test'
    '127.0.0.66' = 'bad.spammer.example'
    '127.0.2.7'  = ''
    '127.0.3.4'  = ''
}

# DIR/hosts.extra of every configuration: the clients' names, and the sender domains that exist.
$script:SendmailFidelityHosts = @(
    foreach ($address in $script:SendmailFidelityClients.Keys) {
        $name = $script:SendmailFidelityClients[$address]
        if ($name -and $address -ne '127.0.0.1') { "$address $name" }
    }
    '198.51.100.41 corp.example'
    '198.51.100.42 partner.example'
    '198.51.100.43 spammer.example'
)

# The mc: Debian's sendmail.mc (8.17.1.9-2+deb12u2) with one MTA daemon, its privacy flags and use_cw_file,
# queueonly delivery, Dj mx.lab.test, accept_unresolvable_domains (unless -SenderDomainsMustResolve), and the
# configuration's own lines (access_db and delay_checks among them) in place of Debian's access_db,
# greet_pause, delay_checks, conncontrol and ratecontrol.
function New-SendmailFidelityMc([string] $Name, [string[]] $Lines, [switch] $SenderDomainsMustResolve) {
    @(
        'divert(-1)dnl'
        "# RelayTools Sendmail fidelity configuration $Name"
        'divert(0)dnl'
        'define(`_USE_ETC_MAIL_'')dnl'
        'include(`/usr/share/sendmail/cf/m4/cf.m4'')dnl'
        "VERSIONID(``RelayTools fidelity $Name')"
        'OSTYPE(`debian'')dnl'
        'DOMAIN(`debian-mta'')dnl'
        'FEATURE(`no_default_msa'')dnl'
        'DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1'')dnl'
        'define(`confPRIVACY_FLAGS'',`needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,nobodyreturn,authwarnings'')dnl'
        'define(`confDELIVERY_MODE'', `queueonly'')dnl'
        'define(`confDOMAIN_NAME'', `mx.lab.test'')dnl'
        'FEATURE(`use_cw_file'')dnl'
        if (-not $SenderDomainsMustResolve) { 'FEATURE(`accept_unresolvable_domains'')dnl' }
        $Lines
        'include(`/etc/mail/m4/dialup.m4'')dnl'
        'include(`/etc/mail/m4/provider.m4'')dnl'
        'MAILER_DEFINITIONS'
        'MAILER(`local'')dnl'
        'MAILER(`smtp'')dnl'
    ) -join "`n"
}

function Get-SendmailFidelityConfigs {
    $access = 'FEATURE(`access_db'', , `skip'')dnl'
    $friend = 'FEATURE(`delay_checks'', `friend'', `n'')dnl'
    $plain = 'FEATURE(`delay_checks'')dnl'
    $rejects = @('Connect:127.0.0.66 REJECT', 'From:spammer.example REJECT', 'Connect:127.0.0.5 RELAY')
    $errors = @(
        'Connect:127.0.0.66 ERROR:"550 Go away, spammer"'
        'From:spammer.example ERROR:5.7.1:550 Spammers are not welcome here'
        'To:blocked.example ERROR:"550 That domain is closed"'
        'To:gmail.com ERROR:5.7.1:550 No mail to gmail from here'
    )
    $discards = @('Connect:127.0.0.66 DISCARD', 'From:spammer.example DISCARD', 'To:blocked.example DISCARD', 'Connect:127.0.0.5 RELAY')
    $outsiders = @('127.0.0.9', '127.0.0.10')
    $senders = @('a@example.net', '')
    $recipients = @('x@gmail.com', 'postmaster@lab.test')

    @(
        @{ Name = 'debian-default'; Mc = @($access, $friend); Access = @('Connect:127.0.0.5 RELAY')
            Clients = @('127.0.0.1', '127.0.0.5') + $outsiders + '127.0.0.41'; Senders = $senders + 'u@lab.test'
            Recipients = $recipients + 'x%gmail.com@lab.test' + 'postmaster@[127.0.0.1]'
        }
        @{ Name = 'no-delay-checks-rejects'; Mc = @($access); Access = $rejects
            Clients = @('127.0.0.66', '127.0.0.5', '127.0.0.9'); Senders = @('a@example.net', 'x@spammer.example', ''); Recipients = $recipients
        }
        @{ Name = 'delay-checks-plain-rejects'; Mc = @($access, $plain); Access = $rejects
            Clients = @('127.0.0.66', '127.0.0.5', '127.0.0.9'); Senders = @('a@example.net', 'x@spammer.example', ''); Recipients = $recipients
        }
        @{ Name = 'delay-checks-friend'; Mc = @($access, $friend); Access = $rejects + 'Spam:postmaster@lab.test FRIEND'
            Clients = @('127.0.0.66', '127.0.0.9'); Senders = @('a@example.net', 'x@spammer.example'); Recipients = $recipients + 'abuse@lab.test'
        }
        @{ Name = 'delay-checks-friend-compat'; Mc = @($access, 'FEATURE(`delay_checks'', `friend'')dnl'); Access = $rejects + 'Spam:postmaster@lab.test FRIEND'
            Clients = @('127.0.0.66', '127.0.0.9'); Senders = @('a@example.net', 'x@spammer.example'); Recipients = $recipients + 'abuse@lab.test'
        }
        @{ Name = 'delay-checks-hater'; Mc = @($access, 'FEATURE(`delay_checks'', `hater'', `n'')dnl'); Access = $rejects + 'Spam:abuse@lab.test HATER'
            Clients = @('127.0.0.66', '127.0.0.9'); Senders = @('a@example.net', 'x@spammer.example'); Recipients = $recipients + 'abuse@lab.test'
        }
        @{ Name = 'error-values'; Mc = @($access); Access = $errors
            Clients = @('127.0.0.66', '127.0.0.9', '127.0.0.1'); Senders = @('a@example.net', 'x@spammer.example'); Recipients = @('x@gmail.com', 'u@blocked.example', 'postmaster@lab.test')
        }
        @{ Name = 'error-values-delayed'; Mc = @($access, $plain); Access = $errors
            Clients = @('127.0.0.66', '127.0.0.9', '127.0.0.1'); Senders = @('a@example.net', 'x@spammer.example'); Recipients = @('x@gmail.com', 'u@blocked.example', 'postmaster@lab.test')
        }
        @{ Name = 'free-text-values'; Mc = @($access)
            Access = @('Connect:127.0.0.66 You are not welcome here', 'From:spammer.example 551 Use your own server', 'To:blocked.example Closed for good', 'To:partner.example 452 Try later')
            Clients = @('127.0.0.66', '127.0.0.9', '127.0.0.1'); Senders = @('a@example.net', 'x@spammer.example'); Recipients = @('u@blocked.example', 'u@partner.example', 'postmaster@lab.test')
        }
        # The reply code of a value decides its form: only 450, 550 and 553 get the '<address>... ' prefix; a
        # value without a code is 553 5.3.0.
        @{ Name = 'value-reply-codes'; Mc = @($access)
            Access = @('From:a.example 550 Text A', 'From:b.example Text B', 'From:c.example 551 Text C', 'From:d.example 553 Text D', 'From:e.example 450 Text E',
                'From:f.example ERROR:"551 Text F"', 'From:g.example ERROR:5.1.6:551 Text G', 'From:h.example ERROR:4.7.1:451 Text H',
                'From:i.example 554 Text I', 'From:j.example 452 Text J')
            Clients = @('127.0.0.9'); Senders = @('u@a.example', 'u@b.example', 'u@c.example', 'u@d.example', 'u@e.example', 'u@f.example', 'u@g.example', 'u@h.example', 'u@i.example', 'u@j.example')
            Recipients = @('postmaster@lab.test')
        }
        @{ Name = 'discard'; Mc = @($access); Access = $discards
            Clients = @('127.0.0.66', '127.0.0.5', '127.0.0.9'); Senders = @('a@example.net', 'x@spammer.example'); Recipients = @('x@gmail.com', 'u@blocked.example', 'postmaster@lab.test')
        }
        @{ Name = 'discard-delayed'; Mc = @($access, $friend); Access = $discards
            Clients = @('127.0.0.66', '127.0.0.5', '127.0.0.9'); Senders = @('a@example.net', 'x@spammer.example'); Recipients = @('x@gmail.com', 'u@blocked.example', 'postmaster@lab.test')
        }
        @{ Name = 'to-entries'; Mc = @($access, $friend)
            Access = @('To:partner.example RELAY', 'To:blocked.example REJECT', 'To:sub.partner.example SKIP', 'To:abuse@ REJECT', 'To:boss@gmail.com RELAY')
            Clients = $outsiders; Senders = @('a@example.net')
            Recipients = @('u@partner.example', 'u@sub.partner.example', 'u@deep.sub.partner.example', 'u@blocked.example', 'abuse@lab.test', 'boss@gmail.com', 'x@gmail.com')
        }
        # To: refusals only count with FEATURE(`blocklist_recipients'); without it a To: REJECT changes nothing.
        @{ Name = 'blocklist-recipients'; Mc = @($access, 'FEATURE(`blocklist_recipients'')dnl')
            Access = @('Connect:127.0.0.5 RELAY', 'To:blocked.example REJECT', 'To:abuse@ REJECT', 'To:root@lab.test ERROR:"550 No mail for root"',
                'To:gmail.com ERROR:5.7.1:550 No mail to gmail from here', 'To:partner.example Closed for good', 'To:postmaster@lab.test DISCARD')
            Clients = @('127.0.0.5', '127.0.0.9', '127.0.0.1'); Senders = @('a@example.net')
            Recipients = @('u@blocked.example', 'abuse@lab.test', 'root@lab.test', 'x@gmail.com', 'u@partner.example', 'postmaster@lab.test')
        }
        @{ Name = 'blocklist-recipients-delayed'; Mc = @($access, $friend, 'FEATURE(`blocklist_recipients'')dnl')
            Access = @('Connect:127.0.0.5 RELAY', 'To:blocked.example REJECT', 'To:abuse@ REJECT', 'To:gmail.com ERROR:5.7.1:550 No mail to gmail from here', 'Connect:127.0.0.66 REJECT')
            Clients = @('127.0.0.5', '127.0.0.66'); Senders = @('a@example.net')
            Recipients = @('u@blocked.example', 'abuse@lab.test', 'x@gmail.com', 'postmaster@lab.test')
        }
        @{ Name = 'to-full-address'; Mc = @('FEATURE(`access_db'', , `skip'', `relaytofulladdress'')dnl', $friend)
            Access = @('To:boss@gmail.com RELAY', 'To:partner.example RELAY')
            Clients = $outsiders; Senders = @('a@example.net'); Recipients = @('boss@gmail.com', 'x@gmail.com', 'u@partner.example')
        }
        @{ Name = 'relay-domains'; Mc = @($access, $friend); Access = @(); RelayDomains = @('partner.example', 'corp.example')
            Clients = @('127.0.0.9', '127.0.0.10', '127.0.0.31', '127.0.0.21'); Senders = @('a@example.net')
            Recipients = @('u@partner.example', 'u@sub.partner.example', 'x@gmail.com')
        }
        @{ Name = 'relay-hosts-only'; Mc = @($access, $friend, 'FEATURE(`relay_hosts_only'')dnl')
            Access = @('Connect:corp.example RELAY', 'Connect:gw.partner.example RELAY'); RelayDomains = @('partner.example')
            Clients = @('127.0.0.9', '127.0.0.21', '127.0.0.31', '127.0.0.10'); Senders = @('a@example.net')
            Recipients = @('u@partner.example', 'u@sub.partner.example', 'x@gmail.com')
        }
        @{ Name = 'connect-by-name'; Mc = @($access, $friend)
            Access = @('Connect:corp.example RELAY', 'Connect:app02.corp.example SKIP', 'Connect:gw.partner.example OK', 'Connect:spammer.example REJECT')
            Clients = @('127.0.0.9', '127.0.0.21', '127.0.0.22', '127.0.0.31', '127.0.0.66', '127.0.0.10'); Senders = @('a@example.net'); Recipients = $recipients
        }
        @{ Name = 'connect-by-prefix'; Mc = @($access)
            Access = @('Connect:127.0.2 RELAY', 'Connect:127.0.3.4 REJECT', 'Connect:127.0.0.2 RELAY')
            Clients = @('127.0.2.7', '127.0.3.4', '127.0.0.21', '127.0.0.10'); Senders = @('a@example.net', ''); Recipients = $recipients
        }
        @{ Name = 'bare-untagged'; Mc = @($access, $friend)
            Access = @('127.0.2 RELAY', 'corp.example RELAY', 'spammer.example REJECT', 'partner.example RELAY')
            Clients = @('127.0.2.7', '127.0.0.21', '127.0.0.66', '127.0.0.10'); Senders = @('a@example.net', 'x@spammer.example')
            Recipients = @('x@gmail.com', 'u@partner.example', 'u@corp.example')
        }
        @{ Name = 'from-entries'; Mc = @($access)
            Access = @('From:spammer.example REJECT', 'From:spam@ REJECT', 'From:ceo@corp.example ERROR:5.7.1:550 Spoofed sender', 'From:corp.example OK', 'From:a@example.net DISCARD')
            Clients = @('127.0.0.10'); Senders = @('x@spammer.example', 'spam@example.org', 'ceo@corp.example', 'boss@corp.example', 'a@example.net', '')
            Recipients = $recipients
        }
        @{ Name = 'ok-is-not-relay'; Mc = @($access, $friend)
            Access = @('Connect:127.0.0.21 OK', 'Connect:127.0.0.22 RELAY', 'From:corp.example OK', 'To:partner.example OK')
            Clients = @('127.0.0.21', '127.0.0.22', '127.0.0.9'); Senders = @('boss@corp.example', 'a@example.net'); Recipients = @('x@gmail.com', 'u@partner.example')
        }
        @{ Name = 'relay-entire-domain'; Mc = @($access, $friend, 'FEATURE(`relay_entire_domain'')dnl'); Access = @()
            Clients = @('127.0.0.41', '127.0.0.9', '127.0.0.10'); Senders = @('a@example.net')
            Recipients = @('x@gmail.com', 'u@sub.lab.test', 'postmaster@lab.test')
        }
        @{ Name = 'relay-local-from'; Mc = @($access, $friend, 'FEATURE(`relay_local_from'')dnl'); Access = @()
            Clients = $outsiders; Senders = @('u@lab.test', 'u@mx.lab.test', 'a@example.net', ''); Recipients = @('x@gmail.com')
        }
        @{ Name = 'relay-mail-from'; Mc = @($access, $friend, 'FEATURE(`relay_mail_from'')dnl'); Access = @('From:boss@corp.example RELAY', 'From:partner.example RELAY')
            Clients = $outsiders; Senders = @('boss@corp.example', 'other@corp.example', 'u@partner.example', 'a@example.net'); Recipients = @('x@gmail.com')
        }
        @{ Name = 'relay-mail-from-domain'; Mc = @($access, $friend, 'FEATURE(`relay_mail_from'', `domain'')dnl'); Access = @('From:boss@corp.example RELAY', 'From:partner.example RELAY')
            Clients = $outsiders; Senders = @('boss@corp.example', 'other@corp.example', 'u@partner.example', 'a@example.net'); Recipients = @('x@gmail.com')
        }
        @{ Name = 'loose-relay-check'; Mc = @($access, $friend, 'FEATURE(`loose_relay_check'')dnl'); Access = @()
            Clients = $outsiders; Senders = @('a@example.net'); Recipients = @('x%gmail.com@lab.test', 'x@gmail.com', 'postmaster@lab.test')
        }
        @{ Name = 'promiscuous-relay'; Mc = @($access, 'FEATURE(`promiscuous_relay'')dnl'); Access = @('Connect:127.0.0.66 REJECT', 'To:blocked.example REJECT')
            Clients = @('127.0.0.9', '127.0.0.66', '127.0.0.10'); Senders = @('a@example.net'); Recipients = @('x@gmail.com', 'u@blocked.example')
        }
        @{ Name = 'accept-unresolvable'; Mc = @($access, $friend); Access = @('Connect:127.0.0.5 RELAY', 'From:nowhere.invalid REJECT')
            Clients = @('127.0.0.5', '127.0.0.9'); Senders = @('who@nowhere.invalid', 'who@else.invalid', 'a@example.net'); Recipients = $recipients
        }
        # Without accept_unresolvable_domains Sendmail asks DNS about every sender domain but <> and $j's.
        @{ Name = 'sender-domains-must-resolve'; SenderDomainsMustResolve = $true; Mc = @($access, $friend); Access = @('Connect:127.0.0.5 RELAY', 'From:mx.lab.test OK')
            Clients = @('127.0.0.5', '127.0.0.9', '127.0.0.10'); Senders = @('', 'u@mx.lab.test'); Recipients = $recipients
        }
        @{ Name = 'local-host-names'; Mc = @($access, $friend); Access = @('Connect:127.0.0.5 RELAY'); LocalHostNames = @('mx.lab.test', 'mail.other.example', '# a comment')
            Clients = @('127.0.0.9', '127.0.0.5'); Senders = @('a@example.net')
            Recipients = @('postmaster@mail.other.example', 'postmaster@lab.test', 'x@other.example', 'postmaster@mx.lab.test')
        }
        # The access file says 127.0.0.9 may relay, but this .cf declares no access map: Sendmail never reads it.
        @{ Name = 'no-access-db'; Mc = @(); Access = @('Connect:127.0.0.9 RELAY'); RelayDomains = @('partner.example')
            Clients = @('127.0.0.9', '127.0.0.5', '127.0.0.1'); Senders = @('a@example.net'); Recipients = @('x@gmail.com', 'u@partner.example', 'postmaster@lab.test')
        }
    )
}

# Writes one configuration into $Dir: mail/sendmail.mc, mail/access, mail/relay-domains,
# mail/local-host-names and hosts.extra (the lab script builds the .cf and the access map).
function Write-SendmailFidelityConfig([hashtable] $Config, [string] $Dir) {
    $mail = Join-Path $Dir 'mail'
    [void] (New-Item -ItemType Directory -Path $mail -Force)
    $mc = New-SendmailFidelityMc $Config.Name $Config.Mc -SenderDomainsMustResolve:($Config.ContainsKey('SenderDomainsMustResolve') -and $Config.SenderDomainsMustResolve)
    [System.IO.File]::WriteAllText((Join-Path $mail 'sendmail.mc'), $mc + "`n")
    [System.IO.File]::WriteAllText((Join-Path $mail 'access'), ((@($Config.Access) | ForEach-Object { "$_`n" }) -join ''))
    if ($Config.ContainsKey('RelayDomains')) { [System.IO.File]::WriteAllText((Join-Path $mail 'relay-domains'), (($Config.RelayDomains | ForEach-Object { "$_`n" }) -join '')) }
    $local = if ($Config.ContainsKey('LocalHostNames')) { $Config.LocalHostNames } else { @('mx.lab.test', 'lab.test') }
    [System.IO.File]::WriteAllText((Join-Path $mail 'local-host-names'), (($local | ForEach-Object { "$_`n" }) -join ''))
    [System.IO.File]::WriteAllText((Join-Path $Dir 'hosts.extra'), (($script:SendmailFidelityHosts | ForEach-Object { "$_`n" }) -join ''))
}
