# Nothing reaches the wire that the user did not ask for: CR, LF and NUL in any value that becomes part
# of an SMTP command are refused before a connection is made, with the real Postfix log as the witness.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
    $script:Injections = Get-InjectionCase
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Lab = Get-LabConfig
    if ($script:Lab) { $script:Smtp = [int] $script:Lab.LAB_SMTP_PORT }

    function Get-ConnectCount([string] $Text) { ([regex]::Matches($Text, 'postfix/smtpd\[\d+\]: connect from ')).Count }
    function Get-Queue { postqueue -c (Join-Path $script:Lab.LAB_DIR 'etc') -p }
}

Describe 'Test-SmtpRelay refuses injected lines before connecting, against the Postfix lab' -Skip:$script:NoLab {
    It 'refuses <Name> in -<Parameter>: an InvalidArgument error, no connection, no command, nothing queued' -ForEach @(
        foreach ($injection in $script:Injections) {
            @{ Name = $injection.Name; Parameter = 'To'; Value = 'x@gmail.com>' + $injection.Text + 'DATA' + $injection.Text + 'Subject: MARKER' + $injection.Text + '.'; ErrorId = 'SmtpAddressControlCharacter' }
            @{ Name = $injection.Name; Parameter = 'From'; Value = 'a@corp.example>' + $injection.Text + 'RCPT TO:<MARKER@gmail.com>'; ErrorId = 'SmtpAddressControlCharacter' }
            @{ Name = $injection.Name; Parameter = 'HeloName'; Value = 'probe' + $injection.Text + 'MAIL FROM:<MARKER@corp.example>'; ErrorId = 'HeloNameControlCharacter' }
            @{ Name = $injection.Name; Parameter = 'AuthenticationMechanism'; Value = 'PLAIN' + $injection.Text + 'MARKER'; ErrorId = 'SaslMechanismControlCharacter' }
            @{ Name = $injection.Name; Parameter = 'Server'; Value = '127.0.0.1' + $injection.Text + 'MARKER'; ErrorId = 'ServerControlCharacter' }
        }
    ) {
        $marker = 'inj' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $value = $Value -replace 'MARKER', $marker
        $arguments = @{ Server = $script:Lab.LAB_HOST; Port = $script:Smtp; SkipCertificateCheck = $true; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'problems' }
        $arguments[$Parameter] = $value
        if ($Parameter -eq 'AuthenticationMechanism') { $arguments.Credential = ConvertTo-TestCredential labuser labpass }
        $mark = Get-LabLogMark

        $results = @(Test-SmtpRelay @arguments)

        $results | Should -HaveCount 0
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].TargetObject | Should -BeExactly $value
        $problems[0].Exception.Message | Should -Match "^-$Parameter '"
        $problems[0].Exception.Message | Should -Match 'at position \d+'
        $log = Get-LabLogSince $mark
        Get-ConnectCount $log | Should -Be 0
        $log | Should -Not -Match $marker
        Get-Queue | Should -Be 'Mail queue is empty'
    }

    It 'probes the good items of a piped batch and gives each bad item its own error' {
        $marker = 'inj' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $rows = @(
            [pscustomobject]@{ Server = $script:Lab.LAB_HOST; Port = $script:Smtp; To = "good1-$marker@example.com" }
            [pscustomobject]@{ Server = $script:Lab.LAB_HOST; Port = $script:Smtp; To = "x@gmail.com>`r`nDATA`r`nSubject: $marker`r`n." }
            [pscustomobject]@{ Server = $script:Lab.LAB_HOST; Port = $script:Smtp; From = "a@b.example>`nRSET"; To = "bad-$marker@example.com" }
            [pscustomobject]@{ Server = $script:Lab.LAB_HOST; Port = $script:Smtp; Helo = "probe`0$marker" }
            [pscustomobject]@{ Server = $script:Lab.LAB_HOST; Port = $script:Smtp; Sender = "sender-$marker@corp.example"; Recipient = "good2-$marker@example.com" }
        )
        $mark = Get-LabLogMark

        $results = @($rows | Test-SmtpRelay -SkipCertificateCheck -ErrorAction SilentlyContinue -ErrorVariable problems)

        $results | Should -HaveCount 2
        $results.Status | Should -Be @('RelayDenied', 'RelayDenied')
        ($results.To | Sort-Object) | Should -Be @("good1-$marker@example.com", "good2-$marker@example.com")
        ($results | Where-Object To -eq "good2-$marker@example.com").From | Should -Be "sender-$marker@corp.example"
        $problems | Should -HaveCount 3
        ($problems.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Sort-Object) | Should -Be @('HeloNameControlCharacter', 'SmtpAddressControlCharacter', 'SmtpAddressControlCharacter')
        $log = Get-LabLogSince $mark "(?s)to=<good1-$marker.*to=<good2-$marker|to=<good2-$marker.*to=<good1-$marker"
        Get-ConnectCount $log | Should -Be 2
        $log | Should -Match "NOQUEUE: reject: RCPT from unknown\[127\.0\.0\.1\]: 554 5\.7\.1 <good1-$marker@example\.com>: Relay access denied"
        $log | Should -Match "from=<sender-$marker@corp\.example> to=<good2-$marker@example\.com>"
        $log | Should -Not -Match "bad-$marker"
        $log | Should -Not -Match "Subject: $marker"
        $log | Should -Not -Match "helo=<probe"
        Get-Queue | Should -Be 'Mail queue is empty'
    }

    It 'refuses an address that breaks RFC 5321 with SmtpAddressSyntax, naming the position' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -To 'john doe@example.com' -ErrorAction SilentlyContinue -ErrorVariable problems
        $r | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SmtpAddressSyntax,*'
        $problems[0].Exception.Message | Should -Match 'a space in the local part'
        $problems[0].Exception.Message | Should -Match 'at position 5'
    }

    It 'sends the null sender as MAIL FROM:<> when -From is empty' {
        $marker = 'nul' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $mark = Get-LabLogMark
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -From '' -To "$marker@example.com" -SkipCertificateCheck
        $r.Status | Should -Be 'RelayDenied'
        $r.From | Should -Be ''
        Get-LabLogSince $mark "<$marker@example\.com>" | Should -Match "554 5\.7\.1 <$marker@example\.com>: Relay access denied; from=<> to=<$marker@example\.com>"
    }

    It 'accepts the forms admins paste: <Value>' -ForEach @(
        @{ Value = '[127.0.0.1]'; UsePort = $true }
        @{ Value = '127.0.0.1:PORT'; UsePort = $false }
        @{ Value = '[127.0.0.1]:PORT'; UsePort = $false }
        @{ Value = 'localhost:PORT'; UsePort = $false }
    ) {
        $server = $Value -replace 'PORT', $script:Smtp
        # A port in the value overrides -Port: -Port 1 would be refused.
        $port = if ($UsePort) { $script:Smtp } else { 1 }
        $r = Test-SmtpRelay $server -Port $port -SkipCertificateCheck -To 'forms@example.com'
        $r.Status | Should -Be 'RelayDenied'
        $r.ReplyCode | Should -Be 554
        $r.Port | Should -Be $script:Smtp
        $r.RemoteAddress | Should -Be '127.0.0.1'
    }
}

Describe 'Test-SmtpOpenRelay refuses injected lines before connecting, against the Postfix lab' -Skip:$script:NoLab {
    It 'refuses <Name> in -<Parameter>' -ForEach @(
        @{ Name = 'CR LF'; Parameter = 'ExternalDomain'; Value = "example.com>`r`nDATA"; ErrorId = 'DomainControlCharacter' }
        @{ Name = 'NUL'; Parameter = 'ExternalDomain'; Value = "example.com`0"; ErrorId = 'DomainControlCharacter' }
        @{ Name = 'LF'; Parameter = 'HeloName'; Value = "probe`nRSET"; ErrorId = 'HeloNameControlCharacter' }
        @{ Name = 'CR LF'; Parameter = 'Server'; Value = "127.0.0.1`r`n"; ErrorId = 'ServerControlCharacter' }
    ) {
        $arguments = @{ Server = $script:Lab.LAB_HOST; Port = $script:Smtp; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'problems' }
        $arguments[$Parameter] = $Value
        $mark = Get-LabLogMark

        $results = @(Test-SmtpOpenRelay @arguments)

        $results | Should -HaveCount 0
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].TargetObject | Should -BeExactly $Value
        Get-ConnectCount (Get-LabLogSince $mark) | Should -Be 0
    }

    It 'audits the good servers of a piped batch and errors on the bad one' {
        $mark = Get-LabLogMark
        $rows = @(
            [pscustomobject]@{ Server = $script:Lab.LAB_HOST; Port = $script:Smtp }
            [pscustomobject]@{ Server = "127.0.0.1`nEHLO x"; Port = $script:Smtp }
        )
        $results = @($rows | Test-SmtpOpenRelay -ErrorAction SilentlyContinue -ErrorVariable problems)
        $results | Should -HaveCount 1
        $results[0].Verdict | Should -Be 'Closed'
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ServerControlCharacter,*'
        Get-ConnectCount (Get-LabLogSince $mark) | Should -BeGreaterThan 0
        Get-Queue | Should -Be 'Mail queue is empty'
    }
}
