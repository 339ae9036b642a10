# Debug-SmtpRelay -SendmailConfig against the real Sendmail 8.17.1 lab daemon (tests/lab/sendmail.sh; DIR/mail is
# its /etc/mail): a client the access map does not name is diagnosed, the printed Connect: line is appended to
# DIR/mail/access and the printed makemap is run, and the client then relays; an access line written without
# makemap (access.db older than access) is config-not-loaded, fixed by the makemap alone.
# Found here: Sendmail picks up a rebuilt access.db without a restart or SIGHUP. Both scenarios relay on the very next
# connection after makemap, with the same daemon pid (each session's child reads the access map as it is then).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoSendmail = -not (Test-SendmailLab)
}

Describe 'Debug-SmtpRelay -SendmailConfig against the real Sendmail' -Skip:$script:NoSendmail {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:LabDir = Join-Path ([System.IO.Path]::GetTempPath()) ("relaytools-sendmail-debug-" + $PID)
        Remove-Item -LiteralPath $script:LabDir -Recurse -Force -ErrorAction SilentlyContinue
        [void] (New-Item -ItemType Directory -Path (Join-Path $script:LabDir 'mail') -Force)
        # 127.0.0.11 has no host name (no PTR in the lab's world); 127.0.0.12 has one.
        [System.IO.File]::WriteAllText((Join-Path $script:LabDir 'hosts.extra'), "127.0.0.12 app12.corp.example`n")
        # RELAYTOOLS_SENDMAIL_DEBUG_BASE moves the daemon's ports (BASE+25, BASE+587), clear of the Sendmail lab tests' 5700.
        $base = if ($env:RELAYTOOLS_SENDMAIL_DEBUG_BASE) { $env:RELAYTOOLS_SENDMAIL_DEBUG_BASE } else { '5900' }
        $script:Env = Start-SendmailLabDaemon $script:LabDir $base
        $script:Port = [int] $script:Env.SENDMAIL_SMTP_PORT
        $script:Mail = $script:Env.SENDMAIL_CONFIG_DIR
        $script:Access = Join-Path $script:Mail 'access'
        $script:Rebuild = 'makemap hash /etc/mail/access < /etc/mail/access'

        # The printed makemap, run as on the server: in the daemon's namespace, where DIR/mail is /etc/mail.
        function Invoke-LabMakemap {
            & bash (Join-Path $PSScriptRoot '../lab/sendmail.sh') makemap $script:LabDir access
            $LASTEXITCODE | Should -Be 0
        }

        function Test-LabRelay([string] $Client) {
            Test-SmtpRelay 127.0.0.1 -Port $script:Port -LocalAddress $Client -Security None -To boss@gmail.com -Timeout 10
        }
    }
    AfterAll {
        Stop-SendmailLabDaemon $script:LabDir
        Remove-Item -LiteralPath $script:LabDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'a client the access map does not name: client-not-trusted, its own Connect: line and the makemap, verified; after makemap it relays without a restart' {
        $client = '127.0.0.11'
        $d = Debug-SmtpRelay 127.0.0.1 -Port $script:Port -ClientAddress $client -To boss@gmail.com -SendmailConfig $script:Mail -Log $script:Env.SENDMAIL_MAILLOG
        Write-Host ("    {0} on {1}: {2}; fix verified: {3}; {4}" -f $d.Verdict, $d.ClientPath, $d.RootCause.Id, $d.FixVerified, ($d.ServerFix -join ' && '))

        $d.Verdict | Should -Be 'Denied'
        $d.ProbedFrom | Should -Be 'Bound'
        $d.ProbeAddress | Should -Be $client
        $d.RootCause.Id | Should -Be 'client-not-trusted'
        $d.RootCause.Summary | Should -BeLike "The client $client is not in the access map (/etc/mail/access: no Connect:$client entry, and no entry for its network), and it does not authenticate, so 'R<FAIL> *' in Relay_ok (sendmail.cf:*) refuses to relay for it."
        ($d.Evidence | Where-Object Source -eq Probe)[0].Text | Should -Be "550 5.7.1 <boss@gmail.com>... Relaying denied. IP name lookup failed [$client]"
        ($d.Evidence | Where-Object Source -eq Log)[0].Text | Should -Match ([regex]::Escape("ruleset=check_rcpt, arg1=<boss@gmail.com>, relay=[$client], reject=550 5.7.1 <boss@gmail.com>... Relaying denied. IP name lookup failed [$client]"))
        $config = @($d.Evidence | Where-Object Source -eq Config)
        $config[0].Text | Should -BeLike "Relay_ok: R<FAIL> * -> Reject 550 5.7.1 <boss@gmail.com>... Relaying denied. IP name lookup failed ``[$client``]"
        $config[0].Origin | Should -Match '^sendmail\.cf:\d+$'
        $config.Text | Should -Contain "A[1] access Connect:${client}: not found"
        $d.ServerFix | Should -Be @("Connect:$client RELAY", $script:Rebuild)
        $d.FixVerified | Should -BeTrue
        $d.Notes | Should -Contain "The client $client has no PTR record (or its name does not resolve back), so Sendmail adds 'IP name lookup failed' to the refusal: a PTR record alone would not let it relay (the refusal would read 'Relaying denied'); the access line does, with or without one."

        # The fix as printed: the line appended to the access file, then makemap; the daemon keeps running.
        # (sendmail holds a lock on its pid file that .NET's reader refuses to share: head reads it.)
        $daemonPid = & head -n 1 (Join-Path $script:LabDir 'sendmail.pid')
        Add-Content -LiteralPath $script:Access -Value $d.ServerFix[0]
        Invoke-LabMakemap
        $after = Test-LabRelay $client
        $after.Status | Should -Be 'RelayPermitted'
        $after.ReplyText | Should -Be '<boss@gmail.com>... Recipient ok'
        & head -n 1 (Join-Path $script:LabDir 'sendmail.pid') | Should -Be $daemonPid
        Test-Path -LiteralPath "/proc/$daemonPid" | Should -BeTrue
    }

    It 'an access line without makemap (access.db older than access): the server refuses, the what-if permits, config-not-loaded with the makemap alone; after it the client relays' {
        $client = '127.0.0.12'
        Add-Content -LiteralPath $script:Access -Value "Connect:$client RELAY"
        (Test-LabRelay $client).Status | Should -Be 'RelayDenied'

        $d = Debug-SmtpRelay 127.0.0.1 -Port $script:Port -ClientAddress $client -To boss@gmail.com -SendmailConfig $script:Mail
        Write-Host ("    {0} on {1}: {2}; fix verified: {3}; {4}" -f $d.Verdict, $d.ClientPath, $d.RootCause.Id, $d.FixVerified, ($d.ServerFix -join ' && '))

        $d.Verdict | Should -Be 'Denied'
        ($d.Evidence | Where-Object Source -eq Probe)[0].Text | Should -Be '550 5.7.1 <boss@gmail.com>... Relaying denied'
        ($d.Evidence | Where-Object Source -eq Config)[0].Text | Should -Be "access: Connect:$client RELAY -> Permit 250 2.1.5 <boss@gmail.com>... Recipient ok"
        $d.RootCause.Id | Should -Be 'config-not-loaded'
        $d.RootCause.Summary | Should -BeLike "The configuration permits $client ('Connect:$client RELAY' in access, access:*), but the running Sendmail refuses it: $($script:Access).db is older than $($script:Access), and Sendmail reads the database, not the text. Rebuild it with makemap."
        $d.ServerFix | Should -Be @($script:Rebuild)
        $d.FixVerified | Should -BeTrue

        Invoke-LabMakemap
        (Test-LabRelay $client).Status | Should -Be 'RelayPermitted'
        # The database is current now, and Debug-SmtpRelay finds nothing left to fix.
        (Debug-SmtpRelay 127.0.0.1 -Port $script:Port -ClientAddress $client -To boss@gmail.com -SendmailConfig $script:Mail).RootCause.Id | Should -Be 'relays'
    }

    It 'refuses two configurations together with a stable error id' {
        { Debug-SmtpRelay 127.0.0.1 -Port $script:Port -SendmailConfig $script:Mail -EximConfig 'hostlist relay_from_hosts = 127.0.0.1' -ErrorAction Stop } |
            Should -Throw -ErrorId 'DebugSmtpRelayTwoConfigurations,RelayTools.Commands.DebugSmtpRelayCommand'
        { Debug-SmtpRelay 127.0.0.1 -Port $script:Port -SendmailConfig $script:Mail -PostfixConfig 'mynetworks = 127.0.0.0/8' -ErrorAction Stop } |
            Should -Throw -ErrorId 'DebugSmtpRelayTwoConfigurations,RelayTools.Commands.DebugSmtpRelayCommand'
    }

    It 'a Sendmail configuration that cannot be read is a terminating error naming it' {
        $missing = Join-Path $script:LabDir 'no-such-mail'
        $err = { Debug-SmtpRelay 127.0.0.1 -Port $script:Port -SendmailConfig $missing -ErrorAction Stop } | Should -Throw -ErrorId 'SendmailConfigUnreadable,RelayTools.Commands.DebugSmtpRelayCommand' -PassThru
        $err.Exception.Message | Should -BeLike "Cannot read the Sendmail configuration '$missing': *"
        $err.TargetObject | Should -Be $missing
    }
}
