# Debug-SmtpRelay -EximConfig against the real Exim 4.96 lab daemon (tests/lab/exim.sh): a client outside
# relay_from_hosts is diagnosed, the printed hostlist line is put in the daemon's configuration, the daemon
# is restarted on it, and the client then relays. (A reload is SIGHUP, on which Exim re-executes its
# compiled-in /usr/sbin/exim4: the lab's unpacked binary is elsewhere, so the lab restarts it instead.)
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $onLinux = [bool] (Get-Variable -Name IsLinux -ValueOnly -ErrorAction SilentlyContinue)
    $script:NoExim = $true
    if ($onLinux -and (& id -u) -eq '0') {
        & bash (Join-Path $PSScriptRoot '../lab/exim.sh') install *> $null
        & bash (Join-Path $PSScriptRoot '../lab/exim.sh') available
        $script:NoExim = $LASTEXITCODE -ne 0
    }
}

Describe 'Debug-SmtpRelay -EximConfig against the real Exim' -Skip:$script:NoExim {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:Script = Join-Path $PSScriptRoot '../lab/exim.sh'
        $script:LabDir = Join-Path ([System.IO.Path]::GetTempPath()) ("relaytools-exim-debug-" + $PID)
        # RELAYTOOLS_EXIM_DEBUG_BASE moves the daemon's port (BASE+25), clear of the Exim lab tests' 5500.
        $base = if ($env:RELAYTOOLS_EXIM_DEBUG_BASE) { $env:RELAYTOOLS_EXIM_DEBUG_BASE } else { '5540' }
        $script:Base = $base
        $script:Env = @{}
        foreach ($line in (& bash $script:Script start $script:LabDir $base)) { if ($line -match '^(\w+)=(.*)$') { $script:Env[$Matches[1]] = $Matches[2] } }
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

    It 'refuses -PostfixConfig and -EximConfig together with a stable error id' {
        { Debug-SmtpRelay 127.0.0.1 -Port $script:Port -EximConfig $script:Env.EXIM_CONFIG -PostfixConfig 'mynetworks = 127.0.0.0/8' -ErrorAction Stop } |
            Should -Throw -ErrorId 'DebugSmtpRelayTwoConfigurations,RelayTools.Commands.DebugSmtpRelayCommand'
    }

    It 'an Exim configuration that cannot be read is a terminating error naming it' {
        { Debug-SmtpRelay 127.0.0.1 -Port $script:Port -EximConfig /nonexistent/exim4.conf -ErrorAction Stop } |
            Should -Throw -ErrorId 'EximConfigUnreadable,RelayTools.Commands.DebugSmtpRelayCommand'
    }
}
