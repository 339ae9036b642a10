# Test-SenderAuthorization against a real DNS server: NSD on 127.0.0.1 (tests/lab/dns.sh) serving
# tests/lab/dns/relaytools.test.zone, whose comments say what each name holds. Each SPF case gives the RFC 7208
# result; DMARC (RFC 7489), DKIM keys (RFC 6376) and reverse DNS are read from the same zone. Port 5392, or
# RELAYTOOLS_DNS_PORT + 2. Every lookup goes to loopback.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoDnsLab = -not (Test-DnsLab)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:DnsDir = $null
    if (Test-DnsLab) {
        $script:DnsDir = Join-Path ([System.IO.Path]::GetTempPath()) ('relaytools-dns-auth-' + [guid]::NewGuid().ToString('N'))
        $script:Dns = Start-DnsLab $script:DnsDir -Port ((Get-DnsLabPort) + 2)
        $script:DnsServer = $script:Dns.DNS_SERVER
    }
    function Test-Auth { Test-SenderAuthorization -DnsServer $script:DnsServer @args }
}

AfterAll {
    if ($script:DnsDir) {
        Stop-DnsLab $script:DnsDir
        Remove-Item -LiteralPath $script:DnsDir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'SPF: the RFC 7208 result of each record of the zone' -Skip:$script:NoDnsLab {
    It '<Domain> from <Address> is <Result>, decided by <DecidedBy>' -ForEach @(
        @{ Domain = 'pass.spf.relaytools.test'; Address = '127.0.0.1'; Result = 'Pass'; DecidedBy = 'ip4:127.0.0.1' }
        @{ Domain = 'pass.spf.relaytools.test'; Address = '::1'; Result = 'Pass'; DecidedBy = 'ip6:::1' }
        @{ Domain = 'pass.spf.relaytools.test'; Address = '192.0.2.25'; Result = 'Fail'; DecidedBy = '-all' }
        @{ Domain = 'chain.spf.relaytools.test'; Address = '127.0.0.7'; Result = 'Pass'; DecidedBy = 'include:chain1.spf.relaytools.test' }
        @{ Domain = 'redirect.spf.relaytools.test'; Address = '127.0.0.1'; Result = 'Pass'; DecidedBy = 'redirect=pass.spf.relaytools.test > ip4:127.0.0.1' }
        @{ Domain = 'mx.spf.relaytools.test'; Address = '127.0.0.1'; Result = 'Pass'; DecidedBy = 'mx' }
        @{ Domain = 'exp.spf.relaytools.test'; Address = '127.0.0.1'; Result = 'Fail'; DecidedBy = '-all' }
        @{ Domain = 'plusall.spf.relaytools.test'; Address = '192.0.2.25'; Result = 'Pass'; DecidedBy = '+all' }
        @{ Domain = 'none.spf.relaytools.test'; Address = '127.0.0.1'; Result = 'None'; DecidedBy = '' }
    ) {
        $r = Test-Auth -Domain $Domain -SendingAddress $Address
        [string] $r.Spf.Result | Should -Be $Result
        $r.Spf.DecidedBy | Should -Be $DecidedBy
        $r.Spf.Domain | Should -Be $Domain
    }

    It 'follows an include chain three deep, and the path shows each step' {
        $r = Test-Auth -Domain chain.spf.relaytools.test -SendingAddress 127.0.0.7
        ($r.Spf.Path | ForEach-Object Term) | Should -Contain 'include:chain2.spf.relaytools.test'
        ($r.Spf.Path | ForEach-Object Domain) | Should -Contain 'chain2.spf.relaytools.test'
        $r.Spf.LookupCount | Should -Be 2 -Because "the two includes count; the first record lookup does not (RFC 7208 4.6.4)"
    }

    It 'is permerror for <Domain>, naming the problem (<Kind>)' -ForEach @(
        @{ Domain = 'bomb.spf.relaytools.test'; Kind = 'LookupLimit' }
        @{ Domain = 'loop.spf.relaytools.test'; Kind = 'LookupLimit' }
        @{ Domain = 'void.spf.relaytools.test'; Kind = 'VoidLookupLimit' }
        @{ Domain = 'malformed.spf.relaytools.test'; Kind = 'Syntax' }
        @{ Domain = 'two.spf.relaytools.test'; Kind = 'MultipleRecords' }
    ) {
        $r = Test-Auth -Domain $Domain -SendingAddress 127.0.0.1
        [string] $r.Spf.Result | Should -Be 'PermError'
        [string] $r.Spf.ProblemKind | Should -Be $Kind
        $r.Spf.Problem | Should -Not -BeNullOrEmpty
        [string] $r.Verdict | Should -Be 'Fail'
        ($r.Findings | Where-Object Check -eq 'Spf').Severity | Should -Be 'Error'
    }

    It 'names the bad term of a malformed record' {
        (Test-Auth -Domain malformed.spf.relaytools.test -SendingAddress 127.0.0.1).Spf.DecidedBy | Should -Be 'ip4:127.0.0.300'
    }

    It 'expands the exp= explanation with its macros' {
        (Test-Auth -Domain exp.spf.relaytools.test -SendingAddress 127.0.0.1).Spf.Explanation | Should -Be "127.0.0.1 is not one of exp.spf.relaytools.test's mail servers"
    }
}

Describe 'The record to publish, and the verdict' -Skip:$script:NoDnsLab {
    It 'passes the lab relay for lab.relaytools.test: SPF aligned, DMARC through SPF, reverse DNS confirmed' {
        $r = Test-Auth -Domain lab.relaytools.test -SendingAddress 127.0.0.1
        [string] $r.Verdict | Should -Be 'Pass'
        $r.SpfAlignment.Aligned | Should -BeTrue
        [string] $r.Dmarc.EffectivePolicy | Should -Be 'Reject'
        [string] $r.ReverseDns.Status | Should -Be 'Confirmed'
        $r.ReverseDns.ConfirmedName | Should -Be 'mx1.lab.relaytools.test'
        $r.Findings | Should -BeNullOrEmpty
    }

    It 'fails an address the record does not name, and gives the current record with the address added' {
        $r = Test-Auth -Domain lab.relaytools.test -SendingAddress 192.0.2.25
        [string] $r.Verdict | Should -Be 'Fail'
        $fix = $r.Findings | Where-Object Check -eq 'Spf'
        $fix.RecordName | Should -Be 'lab.relaytools.test'
        $fix.RecordType | Should -Be 'TXT'
        $fix.Record | Should -Be 'v=spf1 ip4:192.0.2.25 ip4:127.0.0.0/8 ip6:::1 -all'
        $r.DmarcOutcome | Should -BeLike 'DMARC fails unless the relay signs with an aligned DKIM key*p=reject*'
        [string] $r.ReverseDns.Status | Should -Be 'Confirmed' -Because '192.0.2.25 -> sender.relaytools.test -> 192.0.2.25'
    }

    It 'says SPF passes but does not align when the MAIL FROM domain differs under aspf=s' {
        $r = Test-Auth -Domain lab.relaytools.test -SendingAddress 127.0.0.1 -MailFrom bounce@news.relaytools.test
        [string] $r.Spf.Result | Should -Be 'Pass'
        $r.Spf.Domain | Should -Be 'news.relaytools.test'
        $r.SpfAlignment.Aligned | Should -BeFalse
        ($r.Findings | Where-Object Check -eq 'Dmarc').Message | Should -BeLike '*aligns only if the MAIL FROM domain is lab.relaytools.test (aspf=s)*'
        [string] $r.Verdict | Should -Be 'Fail'
    }

    It 'finds the DMARC record at the organizational domain for a subdomain without one, with its sp= policy' {
        $r = Test-Auth -Domain news.relaytools.test -SendingAddress 127.0.0.1
        $r.Dmarc.RecordDomain | Should -Be 'relaytools.test'
        [string] $r.Dmarc.EffectivePolicy | Should -Be 'Reject'
        $r.SpfAlignment.Aligned | Should -BeTrue
    }

    It 'warns about a passing +all record and gives one that ends in -all' {
        $fix = (Test-Auth -Domain plusall.spf.relaytools.test -SendingAddress 192.0.2.25).Findings | Where-Object Check -eq 'Spf'
        [string] $fix.Severity | Should -Be 'Warning'
        $fix.Record | Should -Be 'v=spf1 ip4:192.0.2.25 -all'
    }

    It 'checks the DKIM key of each selector: <Selector> is <Status>' -ForEach @(
        @{ Selector = 'sel1'; Status = 'Valid'; Bits = 2048 }
        @{ Selector = 'broken'; Status = 'Invalid'; Bits = 0 }
        @{ Selector = 'revoked'; Status = 'Revoked'; Bits = 0 }
        @{ Selector = 'nokey'; Status = 'NotFound'; Bits = 0 }
    ) {
        $key = (Test-Auth -Domain lab.relaytools.test -SendingAddress 127.0.0.1 -DkimSelector $Selector).Dkim
        [string] $key.Status | Should -Be $Status
        $key.KeyBits | Should -Be $Bits
        $key.Name | Should -Be "$Selector._domainkey.lab.relaytools.test"
    }

    It 'reports reverse DNS that does not forward-confirm, and an address without PTR, with the PTR to publish' {
        $forged = Test-Auth -Domain lab.relaytools.test -SendingAddress 192.0.2.26
        [string] $forged.ReverseDns.Status | Should -Be 'NotConfirmed'
        $none = Test-Auth -Domain lab.relaytools.test -SendingAddress 203.0.113.8
        [string] $none.ReverseDns.Status | Should -Be 'NoPtr'
        $ptr = $none.Findings | Where-Object Check -eq 'ReverseDns'
        $ptr.RecordType | Should -Be 'PTR'
        $ptr.RecordName | Should -Be '8.113.0.203.in-addr.arpa'
    }

    It 'takes cases from the pipeline by property name' {
        $rows = [pscustomobject] @{ Domain = 'pass.spf.relaytools.test'; SendingAddress = '127.0.0.1' }, [pscustomobject] @{ Domain = 'pass.spf.relaytools.test'; SendingAddress = '192.0.2.25' }
        ($rows | Test-SenderAuthorization -DnsServer $script:DnsServer).Spf.Result | ForEach-Object { "$_" } | Should -Be @('Pass', 'Fail')
    }
}

Describe 'Bad input and failing DNS' {
    It 'reports a domain that does not exist as DomainNotFound and goes on with the next' -Skip:$script:NoDnsLab {
        $r = Test-SenderAuthorization -DnsServer $script:DnsServer -Domain nonexistent.relaytools.test, pass.spf.relaytools.test -SendingAddress 127.0.0.1 -ErrorVariable errors -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 1
        $r.Domain | Should -Be 'pass.spf.relaytools.test'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DomainNotFound,*'
        $errors[0].Exception.Message | Should -BeLike "*NXDOMAIN*$($script:DnsServer)*"
    }

    It 'gives TempError within the bounded wait when the DNS server does not answer, naming it' {
        $silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        try {
            $server = "127.0.0.1:$($silent.Client.LocalEndPoint.Port)"
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $r = Test-SenderAuthorization -Domain corp.relaytools.test -SendingAddress 192.0.2.25 -DnsServer $server
            $clock.Stop()
            [string] $r.Verdict | Should -Be 'TempError'
            [string] $r.Spf.Result | Should -Be 'TempError'
            $r.Spf.Problem | Should -BeLike "*$server*"
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 40 -Because 'every lookup waits 2 s x 2 tries at most, and a temperror ends SPF at once'
        }
        finally { $silent.Dispose() }
    }

    It 'refuses a sending address that is not an IP address, and a -DnsServer that is not an address' {
        $r = Test-SenderAuthorization -Domain corp.example -SendingAddress relay.corp.example -DnsServer 127.0.0.1:9 -ErrorVariable errors -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SendingAddressInvalid,*'
        { Test-SenderAuthorization -Domain corp.example -SendingAddress 192.0.2.25 -DnsServer dns.corp.example -ErrorAction Stop } |
            Should -Throw -ErrorId 'DnsServerInvalid,RelayTools.Commands.TestSenderAuthorizationCommand'
    }

    It 'refuses a domain with a control character before any lookup' {
        $r = Test-SenderAuthorization -Domain "corp.example`r`n" -SendingAddress 192.0.2.25 -DnsServer 127.0.0.1:9 -ErrorVariable errors -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DomainControlCharacter,*'
    }
}
