# Debug-SmtpRelay against real Postfix + Dovecot instances, one per scenario: configure it broken, diagnose,
# apply the ServerFix commands as printed (with -c DIR), reload, and show that the client now relays.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Lab = Get-LabConfig
    $script:LabScript = Join-Path $PSScriptRoot '../lab/lab.sh'
    $script:Client = '127.0.0.9'   # bindable on loopback, not in the lab's mynetworks (127.0.0.5/32)
    $script:Instances = [System.Collections.Generic.List[string]]::new()
    $script:NextBase = 100

    # A fresh lab instance of its own (ports BASE+25, +587, +465), so a broken configuration disturbs nobody.
    function New-ScenarioLab {
        $base = [int] $(if ($env:RELAYTOOLS_LAB_BASE) { $env:RELAYTOOLS_LAB_BASE } else { '2000' }) + $script:NextBase
        $script:NextBase += 10
        $dir = Join-Path ([System.IO.Path]::GetTempPath()) ('relaytools-debug-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $script:Instances.Add($dir)
        $null = & bash $script:LabScript start $dir $base
        $LASTEXITCODE | Should -Be 0
        $config = @{}
        foreach ($line in Get-Content -LiteralPath (Join-Path $dir 'lab.env')) { if ($line -match '^(\w+)=(.*)$') { $config[$Matches[1]] = $Matches[2] } }
        $config.Etc = Join-Path $dir 'etc'
        $config.Credential = ConvertTo-TestCredential $config.LAB_USER $config.LAB_PASSWORD
        $config
    }

    # Runs a command exactly as Debug-SmtpRelay printed it, pointed at the scenario's configuration with -c.
    function Invoke-Fix([string] $Command, [hashtable] $Lab) {
        $command = $Command -replace '^postconf ', "postconf -c '$($Lab.Etc)' " -replace '^postfix ', "postfix -c '$($Lab.Etc)' "
        # Detached from our output: 'postfix start' leaves daemons that would hold a captured pipe open.
        $log = Join-Path $Lab.LAB_DIR 'fix.out'
        & bash -c "$command </dev/null >'$log' 2>&1"
        if ($LASTEXITCODE -ne 0) { throw "'$command' failed: $(Get-Content -LiteralPath $log -Raw)" }
    }

    function Wait-Port([int] $Port) {
        foreach ($i in 1..50) {
            try { $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port); $tcp.Dispose(); return } catch { Start-Sleep -Milliseconds 100 }
        }
        throw "port $Port did not open"
    }

    function Show-Diagnosis($Diagnosis) {
        Write-Host ("    {0} on {1}: {2}; fix verified: {3}; {4}" -f $Diagnosis.Verdict, $Diagnosis.ClientPath, $Diagnosis.RootCause.Id, $Diagnosis.FixVerified, ($Diagnosis.ServerFix -join ' && '))
    }
}

AfterAll {
    foreach ($dir in $script:Instances) { $null = & bash $script:LabScript stop $dir; Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Debug-SmtpRelay against real Postfix scenarios' -Skip:$script:NoLab {
    It 'client not in mynetworks: client-not-trusted, the client''s /32 added to mynetworks, verified, and then it relays' {
        $lab = New-ScenarioLab
        $smtp = [int] $lab.LAB_SMTP_PORT

        $d = Debug-SmtpRelay 127.0.0.1 -Port $smtp, ([int] $lab.LAB_SUBMISSION_PORT) -ClientAddress $script:Client -To boss@gmail.com -PostfixConfig $lab.Etc -Log $lab.LAB_LOG -SkipCertificateCheck
        Show-Diagnosis $d

        $d.Verdict | Should -Be 'Denied'
        $d.ProbedFrom | Should -Be 'Bound'
        $d.ProbeAddress | Should -Be $script:Client
        $d.ClientPath | Should -Be "$smtp plain"
        $d.RootCause.Id | Should -Be 'client-not-trusted'
        $d.RootCause.Summary | Should -Match ([regex]::Escape($script:Client))
        @($d.Evidence.Source | Sort-Object -Unique) | Should -Be @('Config', 'Log', 'Probe')
        ($d.Evidence | Where-Object Source -eq Probe)[0].Text | Should -Be '554 5.7.1 <boss@gmail.com>: Relay access denied'
        ($d.Evidence | Where-Object Source -eq Log)[0].Origin | Should -Match ([regex]::Escape($lab.LAB_LOG) + ':\d+$')
        ($d.Evidence | Where-Object Source -eq Log)[0].Text | Should -Match "NOQUEUE: reject: RCPT from unknown\[127\.0\.0\.9\]: 554 5\.7\.1 <boss@gmail\.com>"
        ($d.Evidence | Where-Object Source -eq Config).Origin | Should -Contain 'main.cf:32'
        $d.ServerFix | Should -Be @("postconf -e 'mynetworks = 127.0.0.5/32 127.0.0.9/32'", 'postfix reload')
        $d.FixVerified | Should -BeTrue

        foreach ($command in $d.ServerFix) { Invoke-Fix $command $lab }
        Start-Sleep -Milliseconds 500
        $after = Test-SmtpRelay 127.0.0.1 -Port $smtp -LocalAddress $script:Client -To boss@gmail.com -SkipCertificateCheck
        $after.Status | Should -Be 'RelayPermitted'
        $after.ReplyCode | Should -Be 250
    }

    It 'reject_unauth_destination before permit_sasl_authenticated on submission: restriction-order, the permit moved first with postconf -P, and then it relays' {
        $lab = New-ScenarioLab
        $submission = [int] $lab.LAB_SUBMISSION_PORT
        Invoke-Fix "postconf -P '127.0.0.1:$submission/inet/smtpd_relay_restrictions=reject_unauth_destination,permit_sasl_authenticated'" $lab
        Invoke-Fix 'postfix reload' $lab
        Start-Sleep -Milliseconds 500

        $d = Debug-SmtpRelay 127.0.0.1 -Port $submission -Credential $lab.Credential -To boss@gmail.com -PostfixConfig $lab.Etc -Log $lab.LAB_LOG -SkipCertificateCheck
        Show-Diagnosis $d

        $d.Verdict | Should -Be 'Denied'
        $d.ClientPath | Should -Be "$submission STARTTLS + AUTH PLAIN"
        $d.Paths[0].Authenticated | Should -BeTrue
        $d.RootCause.Id | Should -Be 'restriction-order'
        $d.RootCause.Summary | Should -Match 'position 1.*position 2'
        ($d.Evidence | Where-Object Source -eq Config)[0].Origin | Should -Match '^master\.cf:\d+ -o \(127\.0\.0\.1:\d+\)$'
        $d.ServerFix | Should -Be @("postconf -P '127.0.0.1:$submission/inet/smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination'", 'postfix reload')
        $d.FixVerified | Should -BeTrue

        foreach ($command in $d.ServerFix) { Invoke-Fix $command $lab }
        Start-Sleep -Milliseconds 500
        (Test-SmtpRelay 127.0.0.1 -Port $submission -Credential $lab.Credential -To boss@gmail.com -SkipCertificateCheck).Status | Should -Be 'RelayPermitted'
    }

    It 'AUTH tried without TLS under smtpd_tls_auth_only: auth-requires-starttls, the STARTTLS path works, and the client fix relays' {
        $lab = New-ScenarioLab
        $smtp = [int] $lab.LAB_SMTP_PORT

        $d = Debug-SmtpRelay 127.0.0.1 -Port $smtp, ([int] $lab.LAB_SUBMISSION_PORT) -Credential $lab.Credential -To boss@gmail.com -PostfixConfig $lab.Etc -SkipCertificateCheck
        Show-Diagnosis $d

        $d.Verdict | Should -Be 'EncryptionRequired'
        $d.ClientPath | Should -Be "$smtp plain + AUTH"
        $d.RootCause.Id | Should -Be 'auth-requires-starttls'
        $d.RootCause.Summary | Should -Match 'only after STARTTLS'
        $d.WorkingPath | Should -Be "$smtp STARTTLS + AUTH PLAIN"
        $d.ClientFix | Should -Match 'STARTTLS'
        $d.ServerFix | Should -BeNullOrEmpty
        $d.FixVerified | Should -BeTrue
        # No password crossed the network in clear text: the plain path never sent AUTH.
        $d.Paths[0].Authenticated | Should -BeFalse
        $d.Paths[0].AuthMechanismsBeforeTls | Should -BeNullOrEmpty

        (Test-SmtpRelay 127.0.0.1 -Port $smtp -Security StartTls -Credential $lab.Credential -To boss@gmail.com -SkipCertificateCheck).Status | Should -Be 'RelayPermitted'
    }

    It 'the SASL backend stopped: sasl-backend-down with Postfix''s own log lines as evidence, and relays once it runs again' {
        $lab = New-ScenarioLab
        $submission = [int] $lab.LAB_SUBMISSION_PORT
        $pidFile = Join-Path $lab.LAB_DIR 'dovecot/run/master.pid'
        & kill (Get-Content -LiteralPath $pidFile)
        foreach ($i in 1..50) { if (-not (Test-Path -LiteralPath $pidFile)) { break }; Start-Sleep -Milliseconds 100 }

        $d = Debug-SmtpRelay 127.0.0.1 -Port $submission -Credential $lab.Credential -To boss@gmail.com -PostfixConfig $lab.Etc -Log $lab.LAB_LOG -SkipCertificateCheck
        Show-Diagnosis $d

        $d.Verdict | Should -Be 'ProtocolError'
        $d.RootCause.Id | Should -Be 'sasl-backend-down'
        ($d.Evidence | Where-Object Source -eq Log).Text -join "`n" | Should -Match 'SASL: Connect to .*private/auth failed|no SASL authentication mechanisms'
        $d.ServerFix | Should -Be @('systemctl restart dovecot', 'postfix stop', 'postfix start')

        # The lab's Dovecot is not a systemd unit: start it the way the lab does (detached), then the rest as printed.
        & bash -c "dovecot -c '$(Join-Path $lab.LAB_DIR 'dovecot/dovecot.conf')' </dev/null >/dev/null 2>&1"
        foreach ($i in 1..50) { if (Test-Path -LiteralPath $pidFile) { break }; Start-Sleep -Milliseconds 100 }
        foreach ($command in $d.ServerFix | Select-Object -Skip 1) { Invoke-Fix $command $lab }
        Wait-Port $submission
        (Test-SmtpRelay 127.0.0.1 -Port $submission -Credential $lab.Credential -To boss@gmail.com -SkipCertificateCheck).Status | Should -Be 'RelayPermitted'
    }

    It 'no submission service: submission-not-enabled, the service added with postconf -M and -P, verified, and then it relays' {
        $lab = New-ScenarioLab
        $submission = [int] $lab.LAB_SUBMISSION_PORT
        Invoke-Fix "postconf -MX '127.0.0.1:$submission/inet'" $lab
        Invoke-Fix 'postfix reload' $lab
        Start-Sleep -Milliseconds 700

        $d = Debug-SmtpRelay 127.0.0.1 -Port $submission, ([int] $lab.LAB_SMTP_PORT) -Credential $lab.Credential -To boss@gmail.com -PostfixConfig $lab.Etc -SkipCertificateCheck -Timeout 10
        Show-Diagnosis $d

        $d.Verdict | Should -Be 'Unreachable'
        $d.RootCause.Id | Should -Be 'submission-not-enabled'
        $d.RootCause.Summary | Should -Match "port $submission"
        $d.ServerFix[0] | Should -Be "postconf -M '127.0.0.1:$submission/inet=127.0.0.1:$submission inet n - n - - smtpd'"
        $d.ServerFix | Should -Contain "postconf -P '127.0.0.1:$submission/inet/smtpd_relay_restrictions=permit_sasl_authenticated,reject'"
        $d.ServerFix[-1] | Should -Be 'postfix reload'
        $d.FixVerified | Should -BeTrue
        $d.WorkingPath | Should -Match "^$($lab.LAB_SMTP_PORT) STARTTLS \+ AUTH"

        foreach ($command in $d.ServerFix) { Invoke-Fix $command $lab }
        Wait-Port $submission
        (Test-SmtpRelay 127.0.0.1 -Port $submission -Credential $lab.Credential -To boss@gmail.com -SkipCertificateCheck).Status | Should -Be 'RelayPermitted'
    }

    It 'a configuration that permits while the running server refuses: config-not-loaded, and a reload makes it relay' {
        $lab = New-ScenarioLab
        $smtp = [int] $lab.LAB_SMTP_PORT
        # Changed on disk, never reloaded. As a master.cf override, because master hands those to smtpd as
        # arguments and reads master.cf only at start or reload; a main.cf change would reach the next new
        # smtpd process without any reload.
        Invoke-Fix "postconf -P '127.0.0.1:$smtp/inet/mynetworks=127.0.0.5/32,$($script:Client)/32'" $lab

        $d = Debug-SmtpRelay 127.0.0.1 -Port $smtp -ClientAddress $script:Client -To boss@gmail.com -PostfixConfig $lab.Etc -Log $lab.LAB_LOG -SkipCertificateCheck
        Show-Diagnosis $d

        $d.Verdict | Should -Be 'Denied'
        $d.RootCause.Id | Should -Be 'config-not-loaded'
        $d.RootCause.Summary | Should -Match 'not reloaded'
        $d.RootCause.Summary | Should -Match 'NAT'
        ($d.Evidence | Where-Object Source -eq Config)[0].Text | Should -Match 'permit_mynetworks -> Permit'
        ($d.Evidence | Where-Object Source -eq Probe)[0].Text | Should -Match '^554 5\.7\.1'
        $d.ServerFix | Should -Be @('postfix reload')

        foreach ($command in $d.ServerFix) { Invoke-Fix $command $lab }
        Start-Sleep -Milliseconds 500
        (Test-SmtpRelay 127.0.0.1 -Port $smtp -LocalAddress $script:Client -To boss@gmail.com -SkipCertificateCheck).Status | Should -Be 'RelayPermitted'
    }

    It 'an address this host does not have, on a server that authorises it for XCLIENT: probed through XCLIENT, fixed for that address, and then it relays' {
        $lab = New-ScenarioLab
        $smtp = [int] $lab.LAB_SMTP_PORT
        $far = '192.0.2.55'   # never contacted: only named to the server in XCLIENT ADDR
        Invoke-Fix "postconf -P '127.0.0.1:$smtp/inet/smtpd_authorized_xclient_hosts=127.0.0.1'" $lab
        Invoke-Fix 'postfix reload' $lab
        Start-Sleep -Milliseconds 500

        $d = Debug-SmtpRelay 127.0.0.1 -Port $smtp -ClientAddress $far -To boss@gmail.com -PostfixConfig $lab.Etc -Log $lab.LAB_LOG -SkipCertificateCheck
        Show-Diagnosis $d

        $d.ProbedFrom | Should -Be 'Xclient'
        $d.ClientAddress | Should -Be $far
        $d.Paths[0].ClientAddress | Should -Be $far
        $d.Verdict | Should -Be 'Denied'
        $d.RootCause.Id | Should -Be 'client-not-trusted'
        ($d.Evidence | Where-Object Source -eq Log)[0].Text | Should -Match "RCPT from unknown\[192\.0\.2\.55\]: 554 5\.7\.1"
        $d.ServerFix[0] | Should -Be "postconf -e 'mynetworks = 127.0.0.5/32 192.0.2.55/32'"
        $d.FixVerified | Should -BeTrue

        foreach ($command in $d.ServerFix) { Invoke-Fix $command $lab }
        Start-Sleep -Milliseconds 500
        (Test-SmtpRelay 127.0.0.1 -Port $smtp -ClientAddress $far -To boss@gmail.com -SkipCertificateCheck).Status | Should -Be 'RelayPermitted'
    }

    It 'without the configuration it still names a cause from the probe, and says it probed from this host''s own address for an address it does not have' {
        $smtp = [int] $script:Lab.LAB_SMTP_PORT
        $d = Debug-SmtpRelay $script:Lab.LAB_HOST -Port $smtp -ClientAddress 192.0.2.55 -To boss@gmail.com -SkipCertificateCheck
        $d.ProbedFrom | Should -Be 'OwnAddress'
        $d.ProbeAddress | Should -Be '127.0.0.1'
        $d.Notes -join ' ' | Should -Match 'does not have the address 192\.0\.2\.55, and .* does not offer XCLIENT to this host'
        $d.Verdict | Should -Be 'Denied'
        # The probe's own diagnosis (the knowledge base's first cause for this reply and session) is the root cause.
        $d.RootCause.Id | Should -Be $d.Paths[0].Diagnosis.Causes[0].Id
        $d.RootCause.Id | Should -BeIn @('no-smtp-auth', 'wrong-port', 'client-not-trusted')
        $d.FixVerified | Should -BeNullOrEmpty
    }

    It 'refuses an injected value before any connection, as Test-SmtpRelay does' {
        $d = Debug-SmtpRelay $script:Lab.LAB_HOST -Port $script:Lab.LAB_SMTP_PORT -To "x@gmail.com>`r`nDATA" -ErrorAction SilentlyContinue -ErrorVariable problems
        $d | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SmtpAddressControlCharacter,*'
    }
}
