BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Lab = Get-LabConfig
}

Describe 'Test-SmtpOpenRelay against the Postfix lab' -Skip:$script:NoLab {
    BeforeAll {
        $script:Audit = Test-SmtpOpenRelay $script:Lab.LAB_HOST -Port ([int] $script:Lab.LAB_SMTP_PORT) -IncludeTranscript
    }

    It 'gives the verdict Closed: all 16 address forms refused' {
        $script:Audit.Verdict | Should -Be 'Closed'
        $script:Audit.RelayedCount | Should -Be 0
        $script:Audit.TestedCount | Should -Be 16
        $script:Audit.ServerName | Should -Be 'mail.lab.test'
    }

    It 'answers every form with 554 5.7.1 Relay access denied' {
        foreach ($test in $script:Audit.Tests) {
            $test.Status | Should -Be 'RelayDenied' -Because "form $($test.Number) <$($test.RcptTo)>"
            $test.RcptReply.Code | Should -Be 554
            $test.RcptReply.EnhancedStatusCode | Should -Be '5.7.1'
            $test.Relayed | Should -BeFalse
        }
    }

    It 'tries the nmap forms: null sender, %-hack, quoted, source route, bang path' {
        $tests = $script:Audit.Tests
        $tests[0].MailFrom | Should -Be ''
        $tests[4].RcptTo | Should -Be 'relaytest%example.com@[127.0.0.1]'
        $tests[6].RcptTo | Should -Be '"relaytest@example.com"'
        $tests[11].RcptTo | Should -Be '@[127.0.0.1]:relaytest@example.com'
        $tests[12].RcptTo | Should -Be '@mail.lab.test:relaytest@example.com'
        $tests[13].RcptTo | Should -Be 'example.com!relaytest'
    }

    It 'sends RSET after every test, never DATA, in two sessions of 8 forms (below Postfix''s soft error limit)' {
        $client = @($script:Audit.Transcript | Where-Object { $_ -like 'C: *' })
        @($client -eq 'C: RSET').Count | Should -Be 16
        @($client -eq 'C: QUIT').Count | Should -Be 2
        $script:Audit.Sessions | Should -Be 2
        $script:Audit.EndedByServer | Should -Be 0 -Because 'Postfix tolerates 8 refusals in a session: no reconnect is needed'
        @($script:Audit.Tests.Session) | Should -Be (@(1) * 8 + @(2) * 8)
        ($client -match '^C: DATA') | Should -BeNullOrEmpty
        $client[-1] | Should -Be 'C: QUIT'
        $script:Audit.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'no session reaches the 1 s error sleep'
    }

    It 'is Inconclusive on the submission port in plain text, where every MAIL gets 530 5.7.0 STARTTLS first' {
        $audit = Test-SmtpOpenRelay $script:Lab.LAB_HOST -Port ([int] $script:Lab.LAB_SUBMISSION_PORT) -Security None
        $audit.Verdict | Should -Be 'Inconclusive'
        $audit.ConnectionStatus | Should -BeNullOrEmpty
        $audit.TestedCount | Should -Be 16
        $audit.Elapsed.TotalSeconds | Should -BeLessThan 5
        $audit.Reason | Should -Match '-Security StartTls'
        foreach ($test in $audit.Tests) {
            $test.Status | Should -Be 'EncryptionRequired'
            $test.MailReply.Code | Should -Be 530
            $test.MailReply.EnhancedStatusCode | Should -Be '5.7.0'
            $test.RcptReply | Should -BeNullOrEmpty
        }
    }

    It 'is Closed on the submission port over STARTTLS' {
        $audit = Test-SmtpOpenRelay $script:Lab.LAB_HOST -Port ([int] $script:Lab.LAB_SUBMISSION_PORT) -Security StartTls -SkipCertificateCheck
        $audit.Verdict | Should -Be 'Closed'
        $audit.Security | Should -Be 'StartTls'
        $audit.RelayedCount | Should -Be 0
    }

    It 'gives the verdict Open from the trusted mynetworks address, where every form relays' {
        $audit = Test-SmtpOpenRelay $script:Lab.LAB_HOST -Port ([int] $script:Lab.LAB_SMTP_PORT) -LocalAddress $script:Lab.LAB_TRUSTED_ADDRESS
        $audit.Verdict | Should -Be 'Open'
        $audit.RelayedCount | Should -BeGreaterThan 0
        ($audit.Tests | Select-Object -First 1).RcptReply.Code | Should -Be 250
    }
}

Describe 'Test-SmtpOpenRelay against unreachable servers' {
    It 'gives the verdict Inconclusive with ConnectionFailed for a refused port' {
        $port = & { if (-not ('RelayTools.Tests.Fakes.ScriptedSmtpServer' -as [type])) { (New-FaultServer AcceptAll).Dispose() }; [RelayTools.Tests.Fakes.ScriptedSmtpServer]::UnusedPort() }
        $audit = Test-SmtpOpenRelay 127.0.0.1 -Port $port -ErrorAction Stop
        $audit.Verdict | Should -Be 'Inconclusive'
        $audit.ConnectionStatus | Should -Be 'ConnectionFailed'
        $audit.TestedCount | Should -Be 0
    }

    It 'gives the verdict Open for a server that accepts everything' {
        $server = New-FaultServer AcceptAll
        try {
            $audit = Test-SmtpOpenRelay 127.0.0.1 -Port $server.Port
            $audit.Verdict | Should -Be 'Open'
            $audit.RelayedCount | Should -Be 16
            ($server.Received -match '^DATA') | Should -BeNullOrEmpty
        }
        finally { $server.Dispose() }
    }

    It 'reconnects to a server that drops the session after 3 syntax errors, as Exim does, and is Closed with 16 forms' {
        $server = New-FaultServer DropAfterSyntaxErrors
        try {
            $audit = Test-SmtpOpenRelay 127.0.0.1 -Port $server.Port
            $audit.Verdict | Should -Be 'Closed'
            $audit.TestedCount | Should -Be 16
            $audit.Sessions | Should -Be 4
            $audit.EndedByServer | Should -Be 1
            @($audit.Tests | Where-Object SyntaxRefused).Count | Should -Be 13
            $server.Connections | Should -Be 4
            $server.Drops | Should -Be 1
            ($server.Received -match '^DATA') | Should -BeNullOrEmpty
            $audit.Elapsed.TotalSeconds | Should -BeGreaterThan 2.8 -Because 'a pause of 1 s comes before each of the 3 reconnects'
        }
        finally { $server.Dispose() }
    }
}
