# Test-SmtpRelay -Domain and Test-SmtpOpenRelay -Domain: the MX hosts of a domain, resolved through -DnsServer
# (the real NSD of tests/lab/dns.sh, serving tests/lab/dns/relaytools.test.zone on 127.0.0.1), probed at every
# address, in preference order. lab.relaytools.test has MX 10 mx1.lab (A 127.0.0.1, AAAA ::1) and MX 20 mx2.lab
# (A 127.0.0.1), both the Postfix lab, which listens on 127.0.0.1 only: the ::1 address is a real refusal.
# Port 5391 (not DnsLab.Tests.ps1's 5390), or RELAYTOOLS_DNS_PORT + 1.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoDnsLab = -not (Test-DnsLab)
    $script:NoSmtpLab = $script:NoDnsLab -or -not (Get-LabConfig)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:DnsDir = $null
    if (Test-DnsLab) {
        $script:DnsDir = Join-Path ([System.IO.Path]::GetTempPath()) ('relaytools-dns-domain-' + [guid]::NewGuid().ToString('N'))
        $script:Dns = Start-DnsLab $script:DnsDir -Port ((Get-DnsLabPort) + 1)
        $script:DnsServer = $script:Dns.DNS_SERVER
    }
    $script:Lab = Get-LabConfig
}

AfterAll {
    if ($script:DnsDir) {
        Stop-DnsLab $script:DnsDir
        Remove-Item -LiteralPath $script:DnsDir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'Probing a domain''s MX hosts' -Skip:$script:NoSmtpLab {
    It 'probes every address of every MX host, in preference order, and says which MX and address each result is from' {
        $results = @(Test-SmtpRelay -Domain lab.relaytools.test -DnsServer $script:DnsServer -Port $script:Lab.LAB_SMTP_PORT -To boss@gmail.com -Timeout 10 -SkipCertificateCheck |
                Sort-Object MxPreference, { $_.RemoteAddress -eq '::1' })
        $results | ForEach-Object { '{0} {1} {2} {3}' -f $_.Domain, $_.MxPreference, $_.MxHost, $_.RemoteAddress } | Should -Be @(
            'lab.relaytools.test 10 mx1.lab.relaytools.test 127.0.0.1'
            'lab.relaytools.test 10 mx1.lab.relaytools.test ::1'
            'lab.relaytools.test 20 mx2.lab.relaytools.test 127.0.0.1')
        $results.Server | Should -Be @('mx1.lab.relaytools.test', 'mx1.lab.relaytools.test', 'mx2.lab.relaytools.test') -Because 'the MX host is the name TLS checks'
        # The lab refuses relay from a client it does not trust; the ::1 address has no listener.
        foreach ($r in $results | Where-Object RemoteAddress -eq '127.0.0.1') {
            [string] $r.Status | Should -Be 'RelayDenied'
            $r.Banner | Should -Be 'mail.lab.test ESMTP RelayTools lab'
        }
        [string] ($results | Where-Object RemoteAddress -eq '::1').Status | Should -Be 'ConnectionFailed'
    }

    It 'checks the certificate against the MX host name, not the address it connected to' {
        $r = Test-SmtpRelay -Domain lab.relaytools.test -DnsServer $script:DnsServer -Port $script:Lab.LAB_SMTP_PORT -To boss@gmail.com -Timeout 10 | Where-Object { $_.MxHost -eq 'mx2.lab.relaytools.test' }
        [string] $r.Status | Should -Be 'TlsFailed'
        $r.ReplyText | Should -BeLike '*does not name the host connected to (name mismatch)*'
    }

    It 'takes the domain itself as the MX when it has none (RFC 5321 5.1), for the open-relay audit too' {
        $results = @(Test-SmtpOpenRelay -Domain implicit.relaytools.test -DnsServer $script:DnsServer -Port $script:Lab.LAB_SMTP_PORT -Timeout 30 -SkipCertificateCheck | Sort-Object { $_.RemoteAddress -eq '::1' })
        $results.MxHost | Should -Be @('implicit.relaytools.test', 'implicit.relaytools.test')
        $results.MxPreference | Should -Be @(0, 0)
        $results.RemoteAddress | Should -Be @('127.0.0.1', '::1')
        [string] ($results | Where-Object RemoteAddress -eq '127.0.0.1').Verdict | Should -Be 'Closed'
    }

    It 'takes domains from the pipeline by property name, and a domain that does not exist is its own error' {
        $rows = [pscustomobject] @{ Domain = 'nonexistent.relaytools.test' }, [pscustomobject] @{ Domain = 'backup.relaytools.test' }
        $results = @($rows | Test-SmtpRelay -DnsServer $script:DnsServer -Port $script:Lab.LAB_SMTP_PORT -To boss@gmail.com -Timeout 10 -SkipCertificateCheck -ErrorVariable errors -ErrorAction SilentlyContinue |
                Sort-Object MxPreference, { $_.RemoteAddress -eq '::1' })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'nonexistent.relaytools.test'
        $errors[0].Exception.Message | Should -BeLike "*NXDOMAIN*$($script:DnsServer)*"
        # backup: MX 10 down.lab (127.0.0.2, nothing listens), MX 20 mx1.lab.
        $results | ForEach-Object { '{0} {1} {2}' -f $_.MxPreference, $_.MxHost, $_.RemoteAddress } | Should -Be @(
            '10 down.lab.relaytools.test 127.0.0.2'
            '20 mx1.lab.relaytools.test 127.0.0.1'
            '20 mx1.lab.relaytools.test ::1')
        [string] $results[0].Status | Should -Be 'ConnectionFailed'
    }

    It 'warns about MX hosts without an address and probes the others' {
        $results = @(Test-SmtpRelay -Domain badmx.relaytools.test -DnsServer $script:DnsServer -Port $script:Lab.LAB_SMTP_PORT -To boss@gmail.com -Timeout 10 -WarningVariable warnings -WarningAction SilentlyContinue)
        $results.MxHost | Sort-Object -Unique | Should -Be 'mx1.lab.relaytools.test'
        $warnings.Count | Should -Be 2
        "$warnings" | Should -BeLike '*noaddr.lab.relaytools.test*'
        "$warnings" | Should -BeLike '*missing.lab.relaytools.test*'
    }
}

Describe 'Domains without a mail server to probe' -Skip:$script:NoDnsLab {
    It 'reports a null MX (RFC 7505) as DomainAcceptsNoMail, and probes nothing' {
        $r = Test-SmtpRelay -Domain nullmx.relaytools.test -DnsServer $script:DnsServer -ErrorVariable errors -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DomainAcceptsNoMail,*'
    }

    It 'refuses a domain that is not a domain before any lookup' {
        $r = Test-SmtpOpenRelay -Domain "lab.relaytools.test`r`nRSET" -DnsServer $script:DnsServer -ErrorVariable errors -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DomainControlCharacter,*'
    }
}

Describe 'DNS that fails' {
    It 'gives DnsTemporaryFailure within the resolver''s bounded wait when the DNS server does not answer, never a hang' {
        # A UDP socket on loopback that reads and never answers (and no TCP listener on its port).
        $silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        try {
            $server = "127.0.0.1:$($silent.Client.LocalEndPoint.Port)"
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $r = Test-SmtpRelay -Domain lab.relaytools.test -DnsServer $server -ErrorVariable errors -ErrorAction SilentlyContinue
            $clock.Stop()
            $r | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'DnsTemporaryFailure,*'
            $errors[0].Exception.Message | Should -BeLike "*$server*"
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'one MX lookup waits 2 s x 2 tries at most'
        }
        finally { $silent.Dispose() }
    }

    It 'stops with DnsServerInvalid for a -DnsServer that is not an address' {
        { Test-SmtpRelay -Domain lab.relaytools.test -DnsServer ns1.example.com -ErrorAction Stop } |
            Should -Throw -ErrorId 'DnsServerInvalid,RelayTools.Commands.TestSmtpRelayCommand'
    }
}
