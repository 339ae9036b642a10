BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Lab = Get-LabConfig
    if ($script:Lab) {
        $script:Smtp = [int] $script:Lab.LAB_SMTP_PORT
        $script:Submission = [int] $script:Lab.LAB_SUBMISSION_PORT
        $script:Smtps = [int] $script:Lab.LAB_SMTPS_PORT
        $script:Good = ConvertTo-TestCredential $script:Lab.LAB_USER $script:Lab.LAB_PASSWORD
        $script:Bad = ConvertTo-TestCredential $script:Lab.LAB_USER 'not-the-password'
    }
}

Describe 'Test-SmtpRelay against the Postfix lab' -Skip:$script:NoLab {
    It 'reports RelayDenied with 554 5.7.1 for an unauthenticated client and an external recipient' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -SkipCertificateCheck
        $r.Status | Should -Be 'RelayDenied'
        $r.ReplyCode | Should -Be 554
        $r.EnhancedStatusCode | Should -Be '5.7.1'
        $r.ReplyText | Should -Match 'Relay access denied'
        $r.Stage | Should -Be 'RcptTo'
        $r.Security | Should -Be 'StartTls'
        $r.Authenticated | Should -BeFalse
        $r.Evidence | Should -Contain 'no-smtp-auth'
        $r.Evidence | Should -Contain 'client-not-trusted'
    }

    It 'diagnoses the unauthenticated relay denial from the knowledge base: Postfix, no SMTP AUTH first' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -SkipCertificateCheck
        $r.Diagnosis.Category | Should -Be 'RelayDenied'
        $r.Diagnosis.Mta | Should -Be 'Postfix'
        $r.Diagnosis.Causes[0].Id | Should -Be 'no-smtp-auth'
        $r.Diagnosis.Causes.Id | Should -Contain 'client-not-trusted'
        $r.Diagnosis.Causes[0].Fix | Should -Not -BeNullOrEmpty
        # The default table shows the top cause.
        ($r | Format-Table | Out-String -Width 250) | Should -Match ([regex]::Escape($r.Diagnosis.Causes[0].Summary.Substring(0, 20)))
    }

    It 'leaves the matching NOQUEUE reject line in the Postfix log' {
        $null = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -SkipCertificateCheck -To 'log-check@example.com'
        # postlogd writes a moment after the reply; on a busy machine that can take more than a few hundred ms.
        foreach ($i in 1..30) { if ((Get-Content -LiteralPath $script:Lab.LAB_LOG -Raw) -match 'log-check@example\.com') { break }; Start-Sleep -Milliseconds 100 }
        Get-Content -LiteralPath $script:Lab.LAB_LOG -Raw | Should -Match 'NOQUEUE: reject: RCPT from unknown\[127\.0\.0\.1\]: 554 5\.7\.1 <log-check@example\.com>: Relay access denied'
    }

    It 'reports RelayPermitted with 250 2.1.5 from the trusted mynetworks address via -LocalAddress' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -LocalAddress $script:Lab.LAB_TRUSTED_ADDRESS -SkipCertificateCheck
        $r.Status | Should -Be 'RelayPermitted'
        $r.ReplyCode | Should -Be 250
        $r.EnhancedStatusCode | Should -Be '2.1.5'
        $r.LocalAddress | Should -Be $script:Lab.LAB_TRUSTED_ADDRESS
        $r.Authenticated | Should -BeFalse
        $r.Stage | Should -Be 'Done'
        $r.Diagnosis.Category | Should -Be 'Success'
    }

    It 'reports RelayPermitted with 250 2.1.5 on submission with STARTTLS and a valid credential' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Submission -Credential $script:Good -SkipCertificateCheck
        $r.Status | Should -Be 'RelayPermitted'
        $r.ReplyCode | Should -Be 250
        $r.EnhancedStatusCode | Should -Be '2.1.5'
        $r.Authenticated | Should -BeTrue
        $r.UserName | Should -Be $script:Lab.LAB_USER
        $r.Security | Should -Be 'StartTls'
        $r.TlsProtocol | Should -Match '^Tls'
        # smtpd_tls_auth_only: AUTH is hidden in clear text and offered after STARTTLS.
        $r.AuthMechanismsBeforeTls | Should -BeNullOrEmpty
        $r.AuthMechanisms | Should -Contain 'PLAIN'
    }

    It 'reports RelayPermitted over implicit TLS (-Security Tls) with a valid credential' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtps -Security Tls -Credential $script:Good -SkipCertificateCheck -AuthenticationMechanism LOGIN
        $r.Status | Should -Be 'RelayPermitted'
        $r.ReplyCode | Should -Be 250
        $r.EnhancedStatusCode | Should -Be '2.1.5'
        $r.Security | Should -Be 'Tls'
        $r.Authenticated | Should -BeTrue
    }

    It 'reports AuthenticationFailed with 535 5.7.8 for a wrong password, which appears nowhere' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Submission -Credential $script:Bad -SkipCertificateCheck -IncludeTranscript -Verbose 4>&1
        $result = $r | Where-Object { $_.GetType().FullName -eq 'RelayTools.Core.Smtp.SmtpProbeResult' }
        $result.Status | Should -Be 'AuthenticationFailed'
        $result.ReplyCode | Should -Be 535
        $result.EnhancedStatusCode | Should -Be '5.7.8'
        $result.Stage | Should -Be 'Auth'
        $result.Evidence[0] | Should -Be 'wrong-credentials'
        $result.Diagnosis.Category | Should -Be 'AuthenticationFailed'
        $result.Diagnosis.Causes[0].Id | Should -Be 'wrong-credentials'
        $result.Transcript | Should -Contain 'C: AUTH PLAIN ********'
        # One attempt only: no second mechanism tried after the 535.
        @($result.Transcript -match '^C: AUTH').Count | Should -Be 1
        $everything = ($r | Out-String) + ($result.Transcript -join "`n") + ($result | ConvertTo-Json -Depth 5)
        $everything | Should -Not -Match 'not-the-password'
        $token = (ConvertTo-SaslPlain -Credential $script:Bad -AsString)
        $everything | Should -Not -Match ([regex]::Escape($token))
    }

    It 'reports EncryptionRequired and sends no AUTH for a credential on a plain connection' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -Security None -Credential $script:Good -IncludeTranscript
        $r.Status | Should -Be 'EncryptionRequired'
        $r.ReplyCode | Should -BeNullOrEmpty
        $r.EnhancedStatusCode | Should -BeNullOrEmpty
        $r.ReplyText | Should -Match 'unencrypted'
        $r.Stage | Should -Be 'Auth'
        ($r.Transcript -match '^C: AUTH') | Should -BeNullOrEmpty
    }

    It 'reports EncryptionRequired with the server''s 503 5.5.1 on the tls_auth_only listener with -AllowUnencryptedAuthentication' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -Security None -Credential $script:Good -AllowUnencryptedAuthentication -IncludeTranscript
        $r.Status | Should -Be 'EncryptionRequired'
        $r.ReplyCode | Should -Be 503
        $r.EnhancedStatusCode | Should -Be '5.5.1'
        $r.StartTlsOffered | Should -BeTrue
        $r.Evidence[0] | Should -Be 'auth-requires-starttls'
        $r.Diagnosis.Category | Should -Be 'EncryptionRequired'
        $r.Diagnosis.Causes[0].Id | Should -Be 'auth-requires-starttls'
        # Only the bare mechanism name went out: no credential.
        $r.Transcript | Should -Contain 'C: AUTH PLAIN'
    }

    It 'reports a local recipient as Accepted (250 2.1.5) without relay or authentication' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -To $script:Lab.LAB_LOCAL_RECIPIENT -SkipCertificateCheck
        $r.Status | Should -Be 'Accepted'
        $r.ReplyCode | Should -Be 250
        $r.EnhancedStatusCode | Should -Be '2.1.5'
        $r.Authenticated | Should -BeFalse
        $r.LocalAddress | Should -Not -Be $script:Lab.LAB_TRUSTED_ADDRESS
    }

    It 'reports TlsFailed with the reason for the self-signed certificate without -SkipCertificateCheck' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Submission -Credential $script:Good
        $r.Status | Should -Be 'TlsFailed'
        $r.Stage | Should -Be 'StartTls'
        $r.ReplyCode | Should -BeNullOrEmpty
        $r.EnhancedStatusCode | Should -BeNullOrEmpty
        $r.ReplyText | Should -Match 'CN=mail\.lab\.test'
        $r.ReplyText | Should -Match 'name mismatch'
        $r.Certificate.Subject | Should -Be 'CN=mail.lab.test'
        $r.Certificate.ValidForName | Should -BeFalse
        $r.Certificate.ChainTrusted | Should -BeFalse
        $r.Evidence | Should -Be @('tls-certificate-invalid')
        $r.Diagnosis.Category | Should -Be 'TlsFailed'
        $r.Diagnosis.Causes[0].Id | Should -Be 'tls-certificate-invalid'
        $r.Authenticated | Should -BeFalse
    }

    It 'reports the certificate''s own facts and ChainTrusted as not checked (null) under -SkipCertificateCheck' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -SkipCertificateCheck
        $r.Status | Should -Be 'RelayDenied'
        $r.Security | Should -Be 'StartTls'
        $r.Certificate.Subject | Should -Be 'CN=mail.lab.test'
        $r.Certificate.Issuer | Should -Be 'CN=mail.lab.test'
        $r.Certificate.DnsNames | Should -Be @('mail.lab.test')
        $r.Certificate.Thumbprint | Should -Match '^[0-9A-F]{40}$'
        $r.Certificate.NotAfter | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        # The name is still checked (127.0.0.1 is not mail.lab.test); the chain is not: accepted anyway.
        $r.Certificate.ValidForName | Should -BeFalse
        $r.Certificate.ChainTrusted | Should -BeNullOrEmpty
        $r.Certificate.Problems | Should -Be @('The certificate does not name the host connected to (name mismatch).')
    }

    It 'ends every probe with RSET and QUIT and never sends DATA' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -LocalAddress $script:Lab.LAB_TRUSTED_ADDRESS -SkipCertificateCheck -IncludeTranscript
        $client = @($r.Transcript | Where-Object { $_ -like 'C: *' })
        $client[-2] | Should -Be 'C: RSET'
        $client[-1] | Should -Be 'C: QUIT'
        ($client -match '^C: DATA') | Should -BeNullOrEmpty
    }

    It 'uses -HeloName, -From and -To in the dialog' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -SkipCertificateCheck -IncludeTranscript -HeloName probe.lab.test -From 'app@corp.example' -To 'someone@partner.example'
        $r.Transcript | Should -Contain 'C: EHLO probe.lab.test'
        $r.Transcript | Should -Contain 'C: MAIL FROM:<app@corp.example>'
        $r.Transcript | Should -Contain 'C: RCPT TO:<someone@partner.example>'
        $r.From | Should -Be 'app@corp.example'
        $r.To | Should -Be 'someone@partner.example'
        $r.ReplyText | Should -Be '<someone@partner.example>: Relay access denied'
    }

    It 'reports AuthenticationFailed without trying when -AuthenticationMechanism is not offered' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Submission -Credential $script:Good -SkipCertificateCheck -AuthenticationMechanism CRAM-MD5 -IncludeTranscript
        $r.Status | Should -Be 'AuthenticationFailed'
        $r.ReplyCode | Should -BeNullOrEmpty
        $r.EnhancedStatusCode | Should -BeNullOrEmpty
        $r.ReplyText | Should -Match 'offers PLAIN, LOGIN'
        $r.Diagnosis.Causes[0].Id | Should -Be 'auth-mechanism-unsupported'
        ($r.Transcript -match '^C: AUTH') | Should -BeNullOrEmpty
    }

    It 'asks before DATA: -SendMessage -WhatIf probes but sends no message' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Smtp -LocalAddress $script:Lab.LAB_TRUSTED_ADDRESS -SkipCertificateCheck -IncludeTranscript -SendMessage -WhatIf
        $r.Status | Should -Be 'RelayPermitted'
        ($r.Transcript -match '^C: DATA') | Should -BeNullOrEmpty
    }

    It 'points to the SASL backend when Postfix drops the connection at EHLO because it cannot reach it' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port ([int] $script:Lab.LAB_BROKEN_SASL_PORT) -Credential $script:Good -SkipCertificateCheck -Timeout 10
        $r.Status | Should -Be 'ProtocolError'
        $r.Stage | Should -Be 'Ehlo'
        $r.ReplyCode | Should -BeNullOrEmpty
        $r.EnhancedStatusCode | Should -BeNullOrEmpty
        $r.ReplyText | Should -Match 'after STARTTLS'
        $r.Diagnosis.Causes[0].Id | Should -Be 'sasl-backend-down'
        Start-Sleep -Milliseconds 300
        Get-Content -LiteralPath $script:Lab.LAB_LOG -Raw | Should -Match 'broken-sasl/smtpd\[\d+\]: fatal: no SASL authentication mechanisms'
    }

    It 'binds Server and Port by property name (ComputerName alias) from piped objects' {
        $r = @(
            [pscustomobject]@{ ComputerName = $script:Lab.LAB_HOST; Port = $script:Smtp }
            [pscustomobject]@{ HostName = $script:Lab.LAB_HOST; Port = $script:Submission }
        ) | Test-SmtpRelay -SkipCertificateCheck | Sort-Object Port
        $r.Count | Should -Be 2
        $r[0].Port | Should -Be $script:Smtp
        $r[0].Status | Should -Be 'RelayDenied'
        $r[1].Port | Should -Be $script:Submission
        # Submission without a credential: Postfix still says relay denied (permit_sasl_authenticated did not match).
        $r[1].Status | Should -Be 'RelayDenied'
    }

    It 'probes 40 servers concurrently, each with the right status, within a few seconds' {
        $targets = 1..40 | ForEach-Object { [pscustomobject]@{ Server = $script:Lab.LAB_HOST; Port = if ($_ % 2) { $script:Smtp } else { $script:Submission } } }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $r = $targets | Test-SmtpRelay -SkipCertificateCheck -ThrottleLimit 16
        $clock.Stop()
        $r.Count | Should -Be 40
        @($r | Where-Object Status -EQ 'RelayDenied').Count | Should -Be 40
        @($r | Where-Object ReplyCode -EQ 554).Count | Should -Be 40
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
    }

    It 'puts a Timeout and a ConnectionFailed next to a good result in one batch, without errors' {
        $silent = New-FaultServer Silent
        try {
            $refused = [RelayTools.Tests.Fakes.ScriptedSmtpServer]::UnusedPort()
            $targets = @(
                [pscustomobject]@{ Server = '127.0.0.1'; Port = $silent.Port }
                [pscustomobject]@{ Server = '127.0.0.1'; Port = $refused }
                [pscustomobject]@{ Server = $script:Lab.LAB_HOST; Port = $script:Smtp }
            )
            $r = $targets | Test-SmtpRelay -Timeout 2 -SkipCertificateCheck -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            ($r | Where-Object Port -EQ $silent.Port).Status | Should -Be 'Timeout'
            ($r | Where-Object Port -EQ $refused).Status | Should -Be 'ConnectionFailed'
            ($r | Where-Object Port -EQ $script:Smtp).Status | Should -Be 'RelayDenied'
        }
        finally { $silent.Dispose() }
    }
}

Describe 'Test-SmtpRelay against misbehaving servers' {
    BeforeAll {
        function Invoke-FaultProbe([string] $Script, [int] $Timeout = 5) {
            $server = New-FaultServer $Script
            try {
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $result = Test-SmtpRelay 127.0.0.1 -Port $server.Port -Timeout $Timeout -ErrorAction Stop
                $clock.Stop()
                [pscustomobject]@{ Result = $result; Seconds = $clock.Elapsed.TotalSeconds }
            }
            finally { $server.Dispose() }
        }
    }

    It 'reports ConnectionFailed at Connect for a refused port' {
        $port = [RelayTools.Tests.Fakes.ScriptedSmtpServer]::UnusedPort()
        $r = Test-SmtpRelay 127.0.0.1 -Port $port -ErrorAction Stop
        $r.Status | Should -Be 'ConnectionFailed'
        $r.Stage | Should -Be 'Connect'
        $r.ReplyCode | Should -BeNullOrEmpty
        $r.EnhancedStatusCode | Should -BeNullOrEmpty
        $r.Evidence | Should -Be @('server-unreachable', 'firewall-blocked')
        $r.Diagnosis.Category | Should -Be 'ConnectionRefused'
        $r.Diagnosis.Causes[0].Id | Should -Be 'server-unreachable'
    }

    It 'reports Timeout within -Timeout + 1 s for a silent server' {
        $p = Invoke-FaultProbe Silent -Timeout 2
        $p.Result.Status | Should -Be 'Timeout'
        $p.Result.Stage | Should -Be 'Greeting'
        $p.Result.ReplyCode | Should -BeNullOrEmpty
        $p.Seconds | Should -BeLessThan 3
        $p.Seconds | Should -BeGreaterThan 1.9
    }

    It 'reports TemporaryFailure with 421 4.3.2 for a 421 greeting' {
        $p = Invoke-FaultProbe Greeting421
        $p.Result.Status | Should -Be 'TemporaryFailure'
        $p.Result.Stage | Should -Be 'Greeting'
        $p.Result.ReplyCode | Should -Be 421
        $p.Result.EnhancedStatusCode | Should -Be '4.3.2'
    }

    It 'reports ProtocolError naming the garbage line' {
        $p = Invoke-FaultProbe Garbage
        $p.Result.Status | Should -Be 'ProtocolError'
        $p.Result.Stage | Should -Be 'Ehlo'
        $p.Result.ReplyCode | Should -BeNullOrEmpty
        $p.Result.ReplyText | Should -Match 'HTTP/1\.1 400 Bad Request'
    }

    It 'reports ProtocolError for an over-long line, without waiting for the timeout' {
        $p = Invoke-FaultProbe OverlongLine -Timeout 10
        $p.Result.Status | Should -Be 'ProtocolError'
        $p.Result.ReplyCode | Should -BeNullOrEmpty
        $p.Result.ReplyText | Should -Match 'longer than 8192'
        $p.Seconds | Should -BeLessThan 5
    }

    It 'reports ProtocolError at MailFrom when the connection drops mid-dialog' {
        $p = Invoke-FaultProbe DropAtMailFrom
        $p.Result.Status | Should -Be 'ProtocolError'
        $p.Result.Stage | Should -Be 'MailFrom'
        $p.Result.ReplyCode | Should -BeNullOrEmpty
    }

    It 'sends a test message with the X-RelayTools-Probe header only with -SendMessage (confirmed)' {
        $server = New-FaultServer AcceptAll
        try {
            $r = Test-SmtpRelay 127.0.0.1 -Port $server.Port -SendMessage -Confirm:$false
            $r.Status | Should -Be 'RelayPermitted'
            $r.Stage | Should -Be 'Done'
            $r.ReplyCode | Should -Be 250
            $r.EnhancedStatusCode | Should -Be '2.0.0'
            $server.Received | Should -Contain 'DATA'
            ($server.Received -match '^X-RelayTools-Probe: ') | Should -Not -BeNullOrEmpty
        }
        finally { $server.Dispose() }
    }

    It 'reports TlsFailed at StartTls when STARTTLS is offered but the handshake fails' {
        $p = Invoke-FaultProbe StartTlsHandshakeFails
        $p.Result.Status | Should -Be 'TlsFailed'
        $p.Result.Stage | Should -Be 'StartTls'
        $p.Result.StartTlsOffered | Should -BeTrue
        $p.Result.ReplyCode | Should -BeNullOrEmpty
    }

    It 'returns at once under Select-Object -First 1, abandoning the probes still waiting on silent servers' {
        $good = New-FaultServer AcceptAll
        $silent = 1..4 | ForEach-Object { New-FaultServer Silent }
        try {
            $targets = @($good) + @($silent) | ForEach-Object { [pscustomobject]@{ Server = '127.0.0.1'; Port = $_.Port } }
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $first = $targets | Test-SmtpRelay -Timeout 30 | Select-Object -First 1
            $clock.Stop()
            $first.Port | Should -Be $good.Port
            $first.Status | Should -Be 'RelayPermitted'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        }
        finally {
            $good.Dispose()
            $silent | ForEach-Object { $_.Dispose() }
        }
    }

    It 'stops every in-flight probe at once when the pipeline is stopped' {
        $servers = 1..5 | ForEach-Object { New-FaultServer Silent }
        $ps = [powershell]::Create()
        try {
            $ports = ($servers | ForEach-Object { $_.Port }) -join ','
            $null = $ps.AddScript("Import-Module '$script:ModuleManifest'; $ports | ForEach-Object { [pscustomobject]@{ Server = '127.0.0.1'; Port = `$_ } } | Test-SmtpRelay -Timeout 60")
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (@($servers | Where-Object Connections -EQ 0).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            @($servers | Where-Object Connections -EQ 1).Count | Should -Be 5 -Because 'all five probes are in flight at once'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $ps.Dispose()
            $servers | ForEach-Object { $_.Dispose() }
        }
    }
}

Describe 'Test-SmtpRelay parameters' {
    It 'completes -AuthenticationMechanism values' {
        $completion = TabExpansion2 -inputScript 'Test-SmtpRelay mx -AuthenticationMechanism PL' -cursorColumn 45
        $completion.CompletionMatches.CompletionText | Should -Contain 'PLAIN'
        $completion = TabExpansion2 -inputScript 'Test-SmtpRelay mx -AuthenticationMechanism SCRAM' -cursorColumn 48
        $completion.CompletionMatches.CompletionText | Should -Be @('SCRAM-SHA-1', 'SCRAM-SHA-256', 'SCRAM-SHA-512')
    }

    It 'completes -Security values' {
        $completion = TabExpansion2 -inputScript 'Test-SmtpRelay mx -Security StartT' -cursorColumn 34
        $completion.CompletionMatches.CompletionText | Should -Be @('StartTls', 'StartTlsWhenAvailable')
    }

    It 'takes Server from the pipeline with the aliases ComputerName, HostName and Name' {
        $parameter = (Get-Command Test-SmtpRelay).Parameters['Server']
        $parameter.Aliases | Should -Be @('ComputerName', 'HostName', 'Name')
        $attribute = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
        $attribute.ValueFromPipeline | Should -BeTrue
        $attribute.ValueFromPipelineByPropertyName | Should -BeTrue
    }
}
