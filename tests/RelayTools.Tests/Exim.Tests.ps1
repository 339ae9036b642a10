# The Exim configuration cmdlets on files written here (no Exim needed): input forms, errors, pipeline binding.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Example = Join-Path $PSScriptRoot '../../examples/exim/configure'
    $script:Dir = Join-Path ([System.IO.Path]::GetTempPath()) ("relaytools-exim-" + $PID)
    [void] (New-Item -ItemType Directory -Path $script:Dir -Force)
}

AfterAll { Remove-Item -LiteralPath $script:Dir -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'Test-EximRelay' {
    It 'refuses an outside recipient for an unknown client with 550 relay not permitted and names the statement' {
        $r = Test-EximRelay -Path $script:Example -ClientAddress 198.51.100.7 -Sender app@corp.example -Recipient boss@gmail.com
        $r.Mta | Should -Be 'Exim'
        $r.Decision | Should -Be 'Reject'
        $r.Reply | Should -Be '550 relay not permitted'
        $r.EnhancedStatusCode | Should -Be ''
        $r.DecidedByList | Should -Be 'acl_check_rcpt'
        $r.DecidedByOrigin | Should -Match 'configure:21$'
        @($r.Trace).Count | Should -Be 6
    }

    It 'answers 503 at the Auth stage when AUTH is offered only over TLS, and permits after -Tls' {
        $plain = Test-EximRelay -Path $script:Example -ClientAddress 198.51.100.7 -AuthenticatedId alice -Recipient boss@gmail.com
        $plain.Stage | Should -Be 'Auth'
        $plain.Reply | Should -Be '503 AUTH command used when not advertised'
        $tls = Test-EximRelay -Path $script:Example -ClientAddress 198.51.100.7 -AuthenticatedId alice -Tls -Recipient boss@gmail.com
        $tls.Reply | Should -Be '250 Accepted'
        $tls.DecidedBy | Should -Be 'accept authenticated = *'
    }

    It 'reads piped configuration text and gives one result per recipient' {
        $r = @(Get-Content -LiteralPath $script:Example | Test-EximRelay -ClientAddress 10.20.1.5 -Recipient a@corp.example, b@gmail.com)
        $r.Count | Should -Be 2
        $r.Reply | Should -Be @('250 Accepted', '250 Accepted')
    }

    It 'treats -Sender '''' as the null sender <>' {
        $cfg = Join-Path $script:Dir 'nullsender'
        Set-Content -LiteralPath $cfg -Value "acl_smtp_rcpt = r`nbegin acl`nr:`n  deny message = no bounces`n       senders = :`n  accept"
        (Test-EximRelay -Path $cfg -ClientAddress 198.51.100.7 -Sender '' -Recipient x@gmail.com).Reply | Should -Be '550 no bounces'
        (Test-EximRelay -Path $cfg -ClientAddress 198.51.100.7 -Sender a@b.test -Recipient x@gmail.com).Reply | Should -Be '250 Accepted'
    }

    It 'binds ClientAddress, Recipient and Sender by property name (a CSV of cases)' {
        $cases = @(
            [pscustomobject]@{ ClientAddress = '10.20.1.5'; Recipient = 'x@gmail.com'; Sender = 'a@corp.example' }
            [pscustomobject]@{ ClientAddress = '198.51.100.7'; Recipient = 'x@gmail.com'; Sender = 'a@corp.example' }
        )
        $r = @($cases | Test-EximRelay -Path $script:Example)
        $r.Reply | Should -Be @('250 Accepted', '550 relay not permitted')
    }

    It 'says Unknown, never a guess, when verify = recipient decides' {
        $cfg = Join-Path $script:Dir 'verify'
        Set-Content -LiteralPath $cfg -Value "acl_smtp_rcpt = r`nbegin acl`nr:`n  require verify = recipient`n  accept"
        $r = Test-EximRelay -Path $cfg -ClientAddress 198.51.100.7 -Recipient x@gmail.com
        $r.Decision | Should -Be 'Unknown'
        $r.ReplyText | Should -Match '^not evaluated: verify = recipient'
    }

    It 'reports a bad client address as EximBadClientAddress' {
        Test-EximRelay -Path $script:Example -ClientAddress 'not-an-ip' -Recipient x@gmail.com -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Match '^EximBadClientAddress'
    }
}

Describe 'Bad Exim input' {
    It 'an unreadable file is an EximConfigUnreadable error naming it' {
        $missing = Join-Path $script:Dir 'does-not-exist.conf'
        Get-EximRelaySetting -Path $missing -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Match '^EximConfigUnreadable'
        $e[0].Exception.Message | Should -Match ([regex]::Escape($missing))
    }

    It 'syntax Exim would reject gets file:line and the rest is still read' {
        $cfg = Join-Path $script:Dir 'syntax'
        Set-Content -LiteralPath $cfg -Value "hostlist relay_from_hosts = 10.0.0.0/8`n.iffdef X`ndomainlist local_domains = lab.test"
        $s = Get-EximRelaySetting -Path $cfg -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Match '^EximConfigSyntax'
        $e[0].Exception.Message | Should -Match 'syntax:2: unknown directive \.iffdef'
        $s.RelayFromHosts.Value | Should -Be '10.0.0.0/8'
        $s.LocalDomains.Value | Should -Be 'lab.test'
    }

    It 'an unknown option is kept and reported as a warning, and the linter lists it' {
        $cfg = Join-Path $script:Dir 'unknown'
        Set-Content -LiteralPath $cfg -Value "relay_from_hosts = 10.0.0.0/8"
        [void] (Get-EximRelaySetting -Path $cfg -WarningVariable w -WarningAction SilentlyContinue)
        "$w" | Should -Match 'relay_from_hosts.*unknown to Exim 4.96'
        (Test-EximRelayConfig -Path $cfg | Where-Object Id -EQ 'UnknownOption').Origin | Should -Match 'unknown:1$'
    }
}

Describe 'Get-EximAcl and Test-EximRelayConfig' {
    It 'lists the RCPT ACL statements in order with their origin' {
        $acl = @(Get-EximAcl -Path $script:Example)
        $acl.Verb | Should -Be @('accept', 'deny', 'accept', 'accept', 'accept', 'require', 'accept')
        $acl[5].Message | Should -Be 'relay not permitted'
        $acl[5].Origin | Should -Match 'configure:21$'
    }

    It 'reports a missing ACL as EximAclNotFound' {
        Get-EximAcl -Path $script:Example -Name nope -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Match '^EximAclNotFound'
    }

    It 'finds an open relay in relay_from_hosts with the fixing hostlist line' {
        $cfg = Join-Path $script:Dir 'open'
        Set-Content -LiteralPath $cfg -Value "hostlist relay_from_hosts = 127.0.0.1 : 0.0.0.0/0`ndaemon_smtp_ports = 25 : 587"
        $f = Test-EximRelayConfig -Path $cfg -MinimumSeverity Error
        $f.Id | Should -Be 'OpenRelayHosts'
        $f.Fix | Should -Be @('hostlist relay_from_hosts = 127.0.0.1')
    }
}
