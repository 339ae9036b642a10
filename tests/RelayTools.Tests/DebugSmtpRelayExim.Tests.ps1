# Debug-SmtpRelay -EximConfig against the real Exim 4.96 lab daemon (tests/lab/exim.sh): a client outside
# relay_from_hosts is diagnosed, the printed hostlist line is put in the daemon's configuration, the daemon
# is restarted on it, and the client then relays. (A reload is SIGHUP, on which Exim re-executes its
# compiled-in /usr/sbin/exim4: the lab's unpacked binary is elsewhere, so the lab restarts it instead.)
# For a Debian directory the printed dc_relay_nets line goes through the package's own update-exim4.conf,
# and the real exim -bh on the generated configuration accepts the client.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoExim = -not (Test-EximLab)
}

Describe 'Debug-SmtpRelay -EximConfig against the real Exim' -Skip:$script:NoExim {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:Script = Join-Path $PSScriptRoot '../lab/exim.sh'
        $script:LabDir = Join-Path ([System.IO.Path]::GetTempPath()) ("relaytools-exim-debug-" + $PID)
        # RELAYTOOLS_EXIM_DEBUG_BASE moves the daemon's port (BASE+25), clear of the Exim lab tests' 5500.
        $base = if ($env:RELAYTOOLS_EXIM_DEBUG_BASE) { $env:RELAYTOOLS_EXIM_DEBUG_BASE } else { '5540' }
        $script:Base = $base
        $script:Env = Start-EximLabDaemon $script:LabDir $base
        $script:Port = [int] $script:Env.EXIM_SMTP_PORT
        $script:Client = '127.0.0.9'   # bindable on loopback, not in the lab's relay_from_hosts (127.0.0.5)
    }
    AfterAll {
        & bash $script:Script stop $script:LabDir | Out-Null
        Remove-Item -LiteralPath $script:LabDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'client not in relay_from_hosts: client-not-trusted, the hostlist line with the client added, verified, and after the reload it relays' {
        $d = Debug-SmtpRelay 127.0.0.1 -Port $script:Port -ClientAddress $script:Client -To boss@gmail.com -EximConfig $script:Env.EXIM_CONFIG -Log $script:Env.EXIM_MAINLOG
        Write-Host ("    {0} on {1}: {2}; fix verified: {3}; {4}" -f $d.Verdict, $d.ClientPath, $d.RootCause.Id, $d.FixVerified, ($d.ServerFix -join ' && '))

        $d.Verdict | Should -Be 'Denied'
        $d.ProbedFrom | Should -Be 'Bound'
        $d.ProbeAddress | Should -Be $script:Client
        $d.ClientPath | Should -Be "$($script:Port) plain"
        $d.RootCause.Id | Should -Be 'client-not-trusted'
        $d.RootCause.Summary | Should -Match ([regex]::Escape("The client $($script:Client) is not in relay_from_hosts ($($script:Env.EXIM_CONFIG):4)"))
        ($d.Evidence | Where-Object Source -eq Probe)[0].Text | Should -Be '550 relay not permitted'
        ($d.Evidence | Where-Object Source -eq Log)[0].Text | Should -Match 'H=\(.*\) \[127\.0\.0\.9\] F=<relay-probe@example\.net> rejected RCPT <boss@gmail\.com>: relay not permitted'
        ($d.Evidence | Where-Object Source -eq Config)[0].Text | Should -Be 'acl_check_rcpt: require message = relay not permitted domains = +local_domains : +relay_to_domains -> Reject 550 relay not permitted'
        ($d.Evidence | Where-Object Source -eq Config).Text | Should -Contain 'acl_check_rcpt[3] accept hosts = +relay_from_hosts: next (hosts = +relay_from_hosts is false)'
        $d.ServerFix | Should -Be @('hostlist relay_from_hosts = 127.0.0.5 : 127.0.0.9', 'systemctl reload exim4')
        $d.FixVerified | Should -BeTrue

        # The fix as printed: the hostlist line replaces the one the summary names, then the reload (SIGHUP).
        $lines = Get-Content -LiteralPath $script:Env.EXIM_CONFIG
        $lines[3] | Should -Be 'hostlist relay_from_hosts = 127.0.0.5'
        $lines[3] = $d.ServerFix[0]
        Set-Content -LiteralPath $script:Env.EXIM_CONFIG -Value $lines
        $null = & bash $script:Script stop $script:LabDir
        foreach ($i in 1..50) {
            try { [System.Net.Sockets.TcpClient]::new('127.0.0.1', $script:Port).Dispose(); Start-Sleep -Milliseconds 100 } catch { break }
        }
        $env:LAB_EXIM_CONFIG = $script:Env.EXIM_CONFIG
        try { $null = & bash $script:Script start $script:LabDir $script:Base } finally { Remove-Item Env:LAB_EXIM_CONFIG }
        $LASTEXITCODE | Should -Be 0
        $after = $null
        foreach ($i in 1..50) {
            Start-Sleep -Milliseconds 200
            $after = Test-SmtpRelay 127.0.0.1 -Port $script:Port -LocalAddress $script:Client -Security None -To boss@gmail.com -Timeout 5
            if ($after.Status -ne 'ConnectionFailed') { break }
        }
        $after.Status | Should -Be 'RelayPermitted'
        $after.ReplyCode | Should -Be 250
        (Test-EximRelay -Path $script:Env.EXIM_CONFIG -ClientAddress $script:Client -Recipient boss@gmail.com).Decision | Should -Be 'Permit'
    }

    It 'a Debian /etc/exim4 directory: the dc_relay_nets line with the client''s /32, verified; put in update-exim4.conf.conf and run through the package''s update-exim4.conf, the real exim -bh accepts the client' {
        $client = '127.0.0.10'   # not trusted by the lab either, before or after the first scenario's fix
        # Debian's own template (the unpacked exim4-config), with dc_* values as debconf writes them.
        $exim = & bash $script:Script bin
        $etc = Join-Path $script:LabDir 'debian-etc'
        Copy-Item -Path (Join-Path (Split-Path -Parent (Split-Path -Parent (Split-Path -Parent $exim))) 'etc/exim4') -Destination $etc -Recurse -Force
        $ue4cc = Join-Path $etc 'update-exim4.conf.conf'
        [System.IO.File]::WriteAllText($ue4cc, "dc_eximconfig_configtype='internet'`ndc_other_hostnames='lab.test'`ndc_local_interfaces='127.0.0.1'`ndc_readhost=''`ndc_relay_domains=''`ndc_minimaldns='false'`ndc_relay_nets='192.168.1.0/24'`ndc_smarthost=''`nCFILEMODE='644'`ndc_use_split_config='false'`ndc_hide_mailname=''`ndc_mailname_in_oh='true'`ndc_localdelivery='mail_spool'`n")
        [System.IO.File]::WriteAllText((Join-Path $etc 'mailname'), "mx.lab.test`n")

        # The running lab refuses 127.0.0.9 too; the what-if and the fix come from the Debian directory.
        $d = Debug-SmtpRelay 127.0.0.1 -Port $script:Port -ClientAddress $client -To boss@gmail.com -EximConfig $etc
        Write-Host ("    {0} on {1}: {2}; fix verified: {3}; {4}" -f $d.Verdict, $d.ClientPath, $d.RootCause.Id, $d.FixVerified, ($d.ServerFix -join ' && '))

        $d.RootCause.Id | Should -Be 'client-not-trusted'
        $d.RootCause.Summary | Should -Match ([regex]::Escape("relay_from_hosts (dc_relay_nets, $($ue4cc):7)"))
        $d.ServerFix | Should -Be @("dc_relay_nets='192.168.1.0/24 ; 127.0.0.10/32'", 'update-exim4.conf', 'systemctl reload exim4')
        $d.FixVerified | Should -BeTrue

        # The fix as printed: the dc_relay_nets line replaced, then the package's update-exim4.conf on this directory.
        (Get-Content -LiteralPath $ue4cc) -replace '^dc_relay_nets=.*$', $d.ServerFix[0] | Set-Content -LiteralPath $ue4cc
        $generated = Join-Path $script:LabDir 'config.autogenerated'
        & bash $script:Script update-conf $etc $generated *> (Join-Path $script:LabDir 'update.log')
        $LASTEXITCODE | Should -Be 0
        $replies = @("EHLO app.lab.test`r", "MAIL FROM:<reports@lab.test>`r", "RCPT TO:<boss@gmail.com>`r", "QUIT`r") | & $exim -C $generated -bh $client 2>$null
        @($replies | Where-Object { $_ -match '^\d{3} ' })[-2] | Should -Be '250 Accepted'
    }

    It 'refuses -PostfixConfig and -EximConfig together with a stable error id' {
        { Debug-SmtpRelay 127.0.0.1 -Port $script:Port -EximConfig $script:Env.EXIM_CONFIG -PostfixConfig 'mynetworks = 127.0.0.0/8' -ErrorAction Stop } |
            Should -Throw -ErrorId 'DebugSmtpRelayTwoConfigurations,RelayTools.Commands.DebugSmtpRelayCommand'
    }

    It 'an Exim configuration that cannot be read is a terminating error naming it' {
        { Debug-SmtpRelay 127.0.0.1 -Port $script:Port -EximConfig /nonexistent/exim4.conf -ErrorAction Stop } |
            Should -Throw -ErrorId 'EximConfigUnreadable,RelayTools.Commands.DebugSmtpRelayCommand'
    }
}
