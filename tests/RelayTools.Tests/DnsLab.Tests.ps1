# The DNS path of RelayTools.Core (DnsClientResolver over DnsClient, MxResolver over it) against a real DNS
# server: NSD on 127.0.0.1 (tests/lab/dns.sh) serving the zones of tests/lab/dns/, whose comments say what
# each name is for. Port 5390 unless RELAYTOOLS_DNS_PORT says otherwise. Linux and root only (NSD comes from
# Debian's nsd package); skipped elsewhere. The no-answer cases need no server and run everywhere. Every
# lookup goes to loopback: the lab server, or a loopback socket that never answers.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoDnsLab = -not (Test-DnsLab)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:None = [System.Threading.CancellationToken]::None
    $script:DnsDir = $null
    if (Test-DnsLab) {
        $script:DnsDir = Join-Path ([System.IO.Path]::GetTempPath()) ('relaytools-dns-' + [guid]::NewGuid().ToString('N'))
        $script:Dns = Start-DnsLab $script:DnsDir
        $script:Server = $script:Dns.DNS_SERVER
        $script:Resolver = New-DnsLabResolver $script:Server
        $script:Mx = (Get-RelayToolsCoreType 'RelayTools.Core.Dns.MxResolver')::new($script:Resolver)
    }

    function Get-Txt([string] $Name) { $script:Resolver.Txt($Name, $script:None) }
    function Get-Address([string] $Name, [switch] $IPv6) { $script:Resolver.Address($Name, [bool] $IPv6, $script:None) }
    function Get-Ptr([string] $Address) { $script:Resolver.Ptr([System.Net.IPAddress]::Parse($Address), $script:None) }
    function Resolve-Mx([string] $Domain) { $script:Mx.Resolve($Domain, $script:None) }
    function Show-Target($Resolution) { @($Resolution.Targets | ForEach-Object { '{0} {1} {2}' -f $_.Preference, $_.MxHost, $(if ($_.Address) { $_.Address } else { '-' }) }) }
}

AfterAll {
    if ($script:DnsDir) {
        Stop-DnsLab $script:DnsDir
        Remove-Item -LiteralPath $script:DnsDir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'The DNS lab server' -Skip:$script:NoDnsLab {
    It 'listens on 127.0.0.1 only, on the port asked, UDP and TCP' {
        $script:Dns.DNS_HOST | Should -Be '127.0.0.1'
        [int] $script:Dns.DNS_PORT | Should -Be (Get-DnsLabPort)
        $script:Server | Should -Be "127.0.0.1:$(Get-DnsLabPort)"
        $sockets = @(& ss -Hlnup "sport = :$($script:Dns.DNS_PORT)") + @(& ss -Hlntp "sport = :$($script:Dns.DNS_PORT)")
        @($sockets | Where-Object { $_ -match 'nsd' }).Count | Should -BeGreaterOrEqual 2
        $sockets | Where-Object { $_ -match 'nsd' -and $_ -notmatch "127\.0\.0\.1:$($script:Dns.DNS_PORT)\b" } | Should -BeNullOrEmpty
        $script:Dns.DNS_ZONES -split ' ' | Should -Contain 'relaytools.test'
        $script:Dns.DNS_ZONES -split ' ' | Should -Contain '127.in-addr.arpa'
    }
}

Describe 'DnsClientResolver against NSD on loopback' -Skip:$script:NoDnsLab {
    It 'joins the strings of each TXT record and keeps the records apart' {
        $answer = Get-Txt 'txt.relaytools.test'
        [string] $answer.Status | Should -Be 'NoError'
        $answer.Server | Should -Be $script:Server
        $answer.Error | Should -Be ''
        @($answer.Records) | Should -Be @('v=spf1 ip4:127.0.0.1 -all', 'second record')
        $long = @((Get-Txt 'long.relaytools.test').Records)
        $long.Count | Should -Be 1
        $long[0] | Should -Be (('a' * 255) + ('b' * 100))
    }

    It 'reads the SPF, DMARC and DKIM records of the zone as whole strings' {
        $bomb = @((Get-Txt 'bomb.spf.relaytools.test').Records)[0]
        @($bomb -split ' ' | Where-Object { $_ -like 'include:*' }).Count | Should -Be 11
        $bomb | Should -BeLike 'v=spf1 include:b1.bomb.spf.relaytools.test * include:b11.bomb.spf.relaytools.test -all'
        @((Get-Txt 'two.spf.relaytools.test').Records | Where-Object { $_ -like 'v=spf1*' }).Count | Should -Be 2
        @((Get-Txt '_dmarc.lab.relaytools.test').Records)[0] | Should -BeLike 'v=DMARC1; p=reject; adkim=s; aspf=s*'
        (Get-Txt '_dmarc.news.relaytools.test').Status | Should -Be 'NameError'
        @((Get-Txt '_dmarc.relaytools.test').Records)[0] | Should -BeLike '*sp=reject*'
        # The DKIM key, split in two strings in the zone, is one base64 RSA public key again.
        $dkim = @((Get-Txt 'sel1._domainkey.lab.relaytools.test').Records)[0]
        $dkim | Should -Match '^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]+$'
        $key = [Convert]::FromBase64String(($dkim -replace '^.*p=', ''))
        $key.Length | Should -Be 294
        $rsa = [System.Security.Cryptography.RSA]::Create()
        try { $rsa.ImportSubjectPublicKeyInfo($key, [ref] 0); $rsa.KeySize | Should -Be 2048 } finally { $rsa.Dispose() }
    }

    It 'answers A and AAAA, an empty answer for a family the host lacks, and follows a CNAME' {
        @((Get-Address 'mx1.lab.relaytools.test').Records | ForEach-Object { "$_" }) | Should -Be @('127.0.0.1')
        @((Get-Address 'mx1.lab.relaytools.test' -IPv6).Records | ForEach-Object { "$_" }) | Should -Be @('::1')
        $none = Get-Address 'v6only.lab.relaytools.test'
        [string] $none.Status | Should -Be 'NoError'
        $none.Records.Count | Should -Be 0
        $none.IsVoid | Should -BeTrue
        $none.IsTemporaryFailure | Should -BeFalse
        @((Get-Address 'alias.relaytools.test').Records | ForEach-Object { "$_" }) | Should -Be @('127.0.0.1')
    }

    It 'answers MX records with their preferences, a null MX as "."' {
        @($script:Resolver.Mx('lab.relaytools.test', $script:None).Records | ForEach-Object { "$_" }) | Should -Be @('10 mx1.lab.relaytools.test', '20 mx2.lab.relaytools.test')
        @($script:Resolver.Mx('nullmx.relaytools.test', $script:None).Records | ForEach-Object { "$_" }) | Should -Be @('0 .')
        $noMx = $script:Resolver.Mx('implicit.relaytools.test', $script:None)
        [string] $noMx.Status | Should -Be 'NoError'
        $noMx.Records.Count | Should -Be 0
    }

    It 'reports a name that does not exist as NXDOMAIN for every type' {
        foreach ($answer in (Get-Txt 'nonexistent.relaytools.test'), (Get-Address 'nonexistent.relaytools.test'),
            $script:Resolver.Mx('nonexistent.relaytools.test', $script:None), (Get-Ptr '127.0.0.13')) {
            [string] $answer.Status | Should -Be 'NameError'
            $answer.IsVoid | Should -BeTrue
            $answer.Error | Should -Be ''
            $answer.Server | Should -Be $script:Server
        }
    }

    It 'reports a name outside the lab''s zones as the server''s refusal (REFUSED), a temporary failure' {
        $answer = Get-Txt 'outside.invalid'
        [string] $answer.Status | Should -Be 'ServerFailure'
        $answer.Error | Should -Be 'REFUSED'
        $answer.IsTemporaryFailure | Should -BeTrue
        $answer.Server | Should -Be $script:Server
    }

    It 'answers PTR records for IPv4 and IPv6 addresses, forward-confirmed or not' {
        @((Get-Ptr '127.0.0.1').Records) | Should -Be @('mx1.lab.relaytools.test')
        @((Get-Ptr '::1').Records) | Should -Be @('mx1.lab.relaytools.test')
        @((Get-Ptr '127.0.0.10').Records) | Should -Be @('client10.relaytools.test')
        @((Get-Address 'client10.relaytools.test').Records | ForEach-Object { "$_" }) | Should -Be @('127.0.0.10')
        @((Get-Ptr '127.0.0.11').Records) | Should -Be @('liar.relaytools.test')
        @((Get-Address 'liar.relaytools.test').Records | ForEach-Object { "$_" }) | Should -Be @('127.0.0.99')
        @((Get-Ptr '192.0.2.27').Records) | Should -Be @('multi-a.relaytools.test', 'multi-b.relaytools.test')
        @((Get-Ptr '203.0.113.7').Records) | Should -Be @('generic-203-0-113-7.dynamic.relaytools.test')
        [string] (Get-Ptr '203.0.113.8').Status | Should -Be 'NameError'
    }
}

Describe 'MxResolver against NSD on loopback' -Skip:$script:NoDnsLab {
    It 'orders two MX by preference and gives every address of each host' {
        $r = Resolve-Mx 'lab.relaytools.test'
        [string] $r.Status | Should -Be 'Resolved'
        $r.IsImplicit | Should -BeFalse
        $r.Server | Should -Be $script:Server
        Show-Target $r | Should -Be @('10 mx1.lab.relaytools.test 127.0.0.1', '10 mx1.lab.relaytools.test ::1', '20 mx2.lab.relaytools.test 127.0.0.1')
        $r.Targets | ForEach-Object { $_.Domain | Should -Be 'lab.relaytools.test' }
    }

    It 'keeps the served order among equal preferences, after the lower preference' {
        Show-Target (Resolve-Mx 'tie.relaytools.test') | Should -Be @(
            '5 down.lab.relaytools.test 127.0.0.2', '10 mx2.lab.relaytools.test 127.0.0.1', '10 v6only.lab.relaytools.test ::1',
            '10 mx1.lab.relaytools.test 127.0.0.1', '10 mx1.lab.relaytools.test ::1')
    }

    It 'uses the domain''s own A and AAAA as the implicit MX when it has no MX' {
        $r = Resolve-Mx 'implicit.relaytools.test'
        [string] $r.Status | Should -Be 'Resolved'
        $r.IsImplicit | Should -BeTrue
        Show-Target $r | Should -Be @('0 implicit.relaytools.test 127.0.0.1', '0 implicit.relaytools.test ::1')
        $r.Targets | ForEach-Object { $_.IsImplicit | Should -BeTrue }
    }

    It 'gives no target for a null MX and says the domain accepts no mail, though it has an address' {
        $r = Resolve-Mx 'nullmx.relaytools.test'
        [string] $r.Status | Should -Be 'NullMx'
        $r.Targets.Count | Should -Be 0
        $r.Notes -join "`n" | Should -Match 'accepts no mail'
    }

    It 'reports NXDOMAIN for a domain that does not exist, and no mail host for one without MX or address' {
        $gone = Resolve-Mx 'nonexistent.relaytools.test'
        [string] $gone.Status | Should -Be 'NameError'
        $gone.Notes -join "`n" | Should -Match 'NXDOMAIN'
        $none = Resolve-Mx 'nomail.relaytools.test'
        [string] $none.Status | Should -Be 'NoAddress'
        $none.ProbeTargets.Count | Should -Be 0
    }

    It 'lists MX hosts without an address with the reason, and still the one that works' {
        $r = Resolve-Mx 'badmx.relaytools.test'
        [string] $r.Status | Should -Be 'Resolved'
        Show-Target $r | Should -Be @('10 noaddr.lab.relaytools.test -', '20 missing.lab.relaytools.test -', '30 mx1.lab.relaytools.test 127.0.0.1', '30 mx1.lab.relaytools.test ::1')
        $r.Targets[0].Note | Should -Match 'no A; no AAAA'
        $r.Targets[1].Note | Should -Match 'NXDOMAIN'
        @($r.ProbeTargets | ForEach-Object { "$($_.Address)" }) | Should -Be @('127.0.0.1', '::1')
    }

    It 'points the MX hosts of lab.relaytools.test at the Postfix lab''s address' {
        @((Resolve-Mx 'lab.relaytools.test').ProbeTargets | Where-Object { $_.Address.AddressFamily -eq 'InterNetwork' } | ForEach-Object { "$($_.Address)" } | Sort-Object -Unique) | Should -Be @('127.0.0.1')
        @((Resolve-Mx 'backup.relaytools.test').ProbeTargets | ForEach-Object { "$($_.MxHost) $($_.Address)" })[0] | Should -Be 'down.lab.relaytools.test 127.0.0.2'
    }
}

Describe 'A DNS server that does not answer' {
    BeforeAll {
        # A loopback UDP socket that reads nothing: queries arrive and are never answered.
        $script:Silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        $script:SilentServer = "127.0.0.1:$($script:Silent.Client.LocalEndPoint.Port)"
        # A loopback port where nothing listens at all: bound once for a free number, then closed.
        $closed = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        $script:ClosedServer = "127.0.0.1:$($closed.Client.LocalEndPoint.Port)"
        $closed.Dispose()
    }
    AfterAll { $script:Silent.Dispose() }

    It 'gives Timeout within the bound (500 ms x 2 tries) for a server that reads and never answers' {
        $resolver = New-DnsLabResolver $script:SilentServer -TimeoutMs 500 -Retries 1
        $resolver.MaximumWait.TotalMilliseconds | Should -Be 1000
        $elapsed = Measure-Command { $script:Answer = $resolver.Txt('lab.relaytools.test', $script:None) }
        [string] $script:Answer.Status | Should -Be 'Timeout'
        $script:Answer.IsTemporaryFailure | Should -BeTrue
        $script:Answer.Server | Should -Be $script:SilentServer
        $script:Answer.Error | Should -Match ([regex]::Escape($script:SilentServer))
        Write-Host ("    timeout after {0:N0} ms" -f $elapsed.TotalMilliseconds)
        $elapsed.TotalMilliseconds | Should -BeGreaterOrEqual 900
        $elapsed.TotalMilliseconds | Should -BeLessThan 3000
    }

    It 'gives Timeout within the bound for a port where nothing listens' {
        $resolver = New-DnsLabResolver $script:ClosedServer -TimeoutMs 300 -Retries 0
        $elapsed = Measure-Command { $script:Answer = $resolver.Address('mx1.lab.relaytools.test', $false, $script:None) }
        $script:Answer.IsTemporaryFailure | Should -BeTrue
        [string] $script:Answer.Status | Should -Be 'Timeout'
        $script:Answer.Server | Should -Be $script:ClosedServer
        $elapsed.TotalMilliseconds | Should -BeLessThan 2500
    }

    It 'makes the MX resolution a temporary failure naming the server' {
        $resolver = New-DnsLabResolver $script:SilentServer -TimeoutMs 300 -Retries 0
        $r = (Get-RelayToolsCoreType 'RelayTools.Core.Dns.MxResolver')::new($resolver).Resolve('lab.relaytools.test', $script:None)
        [string] $r.Status | Should -Be 'TemporaryFailure'
        $r.HasTemporaryFailure | Should -BeTrue
        $r.Notes -join "`n" | Should -Match ([regex]::Escape($script:SilentServer))
    }

    It 'stops waiting at once when the lookup is cancelled' {
        $resolver = New-DnsLabResolver $script:SilentServer -TimeoutMs 20000 -Retries 2
        $cancel = [System.Threading.CancellationTokenSource]::new(300)
        try {
            $elapsed = Measure-Command {
                $script:Thrown = $null
                try { [void] $resolver.Mx('lab.relaytools.test', $cancel.Token) } catch { $script:Thrown = $_.Exception }
            }
        }
        finally { $cancel.Dispose() }
        $script:Thrown | Should -Not -BeNullOrEmpty
        $inner = if ($script:Thrown.InnerException) { $script:Thrown.InnerException } else { $script:Thrown }
        $inner | Should -BeOfType ([System.OperationCanceledException])
        $elapsed.TotalMilliseconds | Should -BeLessThan 2000
    }
}
