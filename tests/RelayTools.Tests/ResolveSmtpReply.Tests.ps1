BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Lab = Get-LabConfig

    # Talks SMTP to the loopback lab by hand and returns each reply (multi-line replies joined with
    # CRLF): the greeting, then one per command. Never sends DATA; always ends with QUIT.
    function Invoke-LabSmtp([int] $Port, [string[]] $Commands) {
        $client = New-Object System.Net.Sockets.TcpClient
        try {
            $client.Connect($script:Lab.LAB_HOST, $Port)
            $client.ReceiveTimeout = 10000
            $stream = $client.GetStream()
            $reader = New-Object System.IO.StreamReader($stream)
            $writer = New-Object System.IO.StreamWriter($stream)
            $writer.NewLine = "`r`n"
            $writer.AutoFlush = $true
            $readReply = {
                $lines = @()
                do { $line = $reader.ReadLine(); $lines += $line } while ($line -match '^\d{3}-')
                $lines -join "`r`n"
            }
            & $readReply
            foreach ($command in @($Commands) + 'QUIT') {
                $writer.WriteLine($command)
                & $readReply
            }
        }
        finally { $client.Dispose() }
    }
}

Describe 'Resolve-SmtpReply' {
    Context 'each MTA''s relay wording' {
        It '<Mta> "<Reply>" is <Category> with <FirstCause> first' -ForEach @(
            @{ Mta = 'Postfix'; Reply = '554 5.7.1 <x@gmail.com>: Relay access denied'; Category = 'RelayDenied'; FirstCause = 'no-smtp-auth'; Second = 'client-not-trusted' }
            @{ Mta = 'Postfix'; Reply = '454 4.7.1 <x@gmail.com>: Relay access denied'; Category = 'RelayDenied'; FirstCause = 'no-smtp-auth'; Second = 'client-not-trusted' }
            @{ Mta = 'Exim'; Reply = '550 relay not permitted'; Category = 'RelayDenied'; FirstCause = 'client-not-trusted'; Second = 'no-smtp-auth' }
            @{ Mta = 'Exim'; Reply = '550 relay not permitted, authentication required'; Category = 'RelayDenied'; FirstCause = 'no-smtp-auth'; Second = 'auth-requires-starttls' }
            @{ Mta = 'Sendmail'; Reply = '550 5.7.1 <r@example.org>... Relaying denied'; Category = 'RelayDenied'; FirstCause = 'client-not-trusted'; Second = 'no-smtp-auth' }
            @{ Mta = 'Sendmail'; Reply = '550 5.7.1 <r@example.org>... Relaying denied. Proper authentication required.'; Category = 'RelayDenied'; FirstCause = 'no-smtp-auth'; Second = 'client-not-trusted' }
            @{ Mta = 'Exchange'; Reply = '550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain'; Category = 'RelayDenied'; FirstCause = 'client-not-trusted'; Second = 'recipient-domain-not-accepted' }
            @{ Mta = 'Exchange'; Reply = '530 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM'; Category = 'AuthenticationRequired'; FirstCause = 'no-smtp-auth'; Second = 'wrong-port' }
            @{ Mta = 'Exchange'; Reply = '530 5.7.1 Client was not authenticated'; Category = 'AuthenticationRequired'; FirstCause = 'no-smtp-auth'; Second = 'client-not-trusted' }
            @{ Mta = 'Microsoft365'; Reply = '550 5.7.64 TenantAttribution; Relay Access Denied'; Category = 'RelayDenied'; FirstCause = 'client-not-trusted'; Second = 'dynamic-ip-changed' }
            @{ Mta = 'IIS'; Reply = '550 5.7.1 Unable to relay for x@gmail.com'; Category = 'RelayDenied'; FirstCause = 'client-not-trusted'; Second = 'no-smtp-auth' }
            @{ Mta = 'qmail'; Reply = '553 sorry, that domain isn''t in my list of allowed rcpthosts (#5.7.1)'; Category = 'RelayDenied'; FirstCause = 'client-not-trusted'; Second = 'no-smtp-auth' }
        ) {
            $result = Resolve-SmtpReply -Reply $Reply
            $result.GetType().FullName | Should -Be 'RelayTools.Core.Diagnosis.SmtpReplyInfo'
            $result.Category | Should -Be $Category
            $result.Mta | Should -Be $Mta
            $result.Causes[0].Id | Should -Be $FirstCause
            $result.Causes[0].Rank | Should -Be 1
            $result.Causes[1].Id | Should -Be $Second
            $result.Causes[0].Check | Should -Not -BeNullOrEmpty
            $result.Causes[0].Fix | Should -Not -BeNullOrEmpty
            $result.DeadEnds.Count | Should -BeGreaterThan 0
            $result.Text | Should -Be $Reply
        }

        It 'gives Exchange''s receive connector and accepted domain commands for 5.7.54' {
            $result = Resolve-SmtpReply '550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain'
            $result.Causes[0].Check | Should -BeLike 'Get-ReceiveConnector*RemoteIPRanges*'
            $result.Causes[0].Fix | Should -BeLike '*New-ReceiveConnector*'
            $result.Causes[1].Check | Should -BeLike 'Get-AcceptedDomain*'
        }

        It 'gives Postfix main.cf advice for "Relay access denied"' {
            $result = Resolve-SmtpReply '554 5.7.1 <x@gmail.com>: Relay access denied'
            $result.ReplyCode | Should -Be 554
            $result.EnhancedStatusCode | Should -Be '5.7.1'
            $result.Class | Should -Be 'PermanentFailure'
            $result.Meaning | Should -Be 'Delivery not authorized, message refused'
            $result.Causes[0].Check | Should -BeLike 'postconf -n smtpd_relay_restrictions*'
            $result.Causes[1].Fix | Should -BeLike '*mynetworks = 127.0.0.0/8*permit_mynetworks*'
            ($result.Causes.Id) | Should -Contain 'restriction-order'
        }

        It 'marks the defer_unauth_destination reply as transient' {
            (Resolve-SmtpReply '454 4.7.1 <x@gmail.com>: Relay access denied').Class | Should -Be 'TransientFailure'
        }
    }

    Context 'AUTH and TLS wordings of RFC 4954 and Postfix' {
        It '"<Reply>" is <Category> with <FirstCause> first' -ForEach @(
            @{ Reply = '530 5.7.0 Authentication required'; Category = 'AuthenticationRequired'; FirstCause = 'no-smtp-auth' }
            @{ Reply = '535 5.7.8 Error: authentication failed: authentication failure'; Category = 'AuthenticationFailed'; FirstCause = 'wrong-credentials' }
            @{ Reply = '538 5.7.11 Encryption required for requested authentication mechanism'; Category = 'EncryptionRequired'; FirstCause = 'auth-requires-starttls' }
            @{ Reply = '454 4.7.0 Temporary authentication failure'; Category = 'AuthenticationFailed'; FirstCause = 'sasl-backend-down' }
            @{ Reply = '530 5.7.0 Must issue a STARTTLS command first'; Category = 'EncryptionRequired'; FirstCause = 'tls-required-not-used' }
            @{ Reply = '503 5.5.1 Error: authentication not enabled'; Category = 'AuthenticationFailed'; FirstCause = 'auth-requires-starttls' }
            @{ Reply = '504 5.5.4 Unrecognized authentication type'; Category = 'AuthenticationFailed'; FirstCause = 'auth-mechanism-unsupported' }
            @{ Reply = '553 5.7.1 <ceo@example.com>: Sender address rejected: not owned by user alice@example.com'; Category = 'SenderRejected'; FirstCause = 'sender-login-mismatch' }
        ) {
            $result = Resolve-SmtpReply $Reply
            $result.Category | Should -Be $Category
            $result.Causes[0].Id | Should -Be $FirstCause
        }
    }

    Context 'the receiving side''s SPF, DKIM, DMARC and reverse DNS refusals' {
        It '<Mta> "<Name>" is <Category> with <FirstCause> first and a Test-SenderAuthorization check' -ForEach @(
            @{ Name = 'Gmail 5.7.26 unauthenticated'; Mta = 'Gmail'; Category = 'SenderUnauthenticated'; FirstCause = 'spf-not-authorized'
               Reply = "550-5.7.26 This mail has been blocked because the sender is unauthenticated.`n550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.`n550-5.7.26`n550-5.7.26  Authentication results:`n550-5.7.26  DKIM = did not pass`n550-5.7.26  SPF [corp.example] with ip: [203.0.113.25] = did not pass`n550-5.7.26`n550-5.7.26  For instructions on setting up authentication, go to`n550 5.7.26  https://support.google.com/mail/answer/81126#authentication d2e1a72fcca58-7b1si123 - gsmtp" }
            @{ Name = 'Gmail 5.7.26 DMARC policy'; Mta = 'Gmail'; Category = 'SenderUnauthenticated'; FirstCause = 'dmarc-not-aligned'
               Reply = "550-5.7.26 Unauthenticated email from corp.example is not accepted due to`n550-5.7.26 domain's DMARC policy. Please contact the administrator of corp.example`n550-5.7.26 domain if this was a legitimate mail. Please visit`n550-5.7.26 https://support.google.com/mail/answer/2451690 to learn about the`n550 5.7.26 DMARC initiative. a1-20020a05 - gsmtp" }
            @{ Name = 'Gmail 5.7.25 PTR'; Mta = 'Gmail'; Category = 'ClientRejected'; FirstCause = 'client-reverse-dns'
               Reply = "550-5.7.25 [203.0.113.25] The IP address sending this message does not have a`n550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not`n550-5.7.25 point to the sending IP. As a policy, Gmail does not accept messages`n550-5.7.25 from IPs with missing PTR records. For more information, go to`n550 5.7.25  https://support.google.com/mail/answer/81126 a1-20020a05 - gsmtp" }
            @{ Name = 'Microsoft 365 5.7.23'; Mta = 'Microsoft365'; Category = 'SenderUnauthenticated'; FirstCause = 'spf-not-authorized'
               Reply = '550 5.7.23 The message was rejected because of Sender Policy Framework violation' }
            @{ Name = 'Microsoft 365 5.7.509'; Mta = 'Microsoft365'; Category = 'SenderUnauthenticated'; FirstCause = 'dmarc-not-aligned'
               Reply = '550 5.7.509 Access denied, sending domain corp.example does not pass DMARC verification and has a DMARC policy of reject.' }
            @{ Name = 'policyd-spf SPF fail'; Mta = $null; Category = 'SenderUnauthenticated'; FirstCause = 'spf-not-authorized'
               Reply = '550 5.7.1 <x@example.org>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=app@corp.example;ip=203.0.113.25;r=x@example.org' }
            @{ Name = 'DMARC milter'; Mta = $null; Category = 'SenderUnauthenticated'; FirstCause = 'dmarc-not-aligned'
               Reply = '550 5.7.1 Email rejected per DMARC policy for corp.example' }
        ) {
            $result = Resolve-SmtpReply -Reply $Reply -ClientAddress 203.0.113.25 -Sender app@corp.example
            $result.Category | Should -Be $Category
            $result.Mta | Should -Be $Mta
            $result.Causes[0].Id | Should -Be $FirstCause
            $result.Causes[0].Check | Should -BeLike 'Test-SenderAuthorization -Domain corp.example -SendingAddress 203.0.113.25*'
            $result.DeadEnds.Count | Should -BeGreaterThan 0
        }

        It 'reads a pasted Gmail 5.7.26 bounce as one reply and names placeholders without -Sender and -ClientAddress' {
            $result = @(Resolve-SmtpReply "550-5.7.26 This mail has been blocked because the sender is unauthenticated.`n550 5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM. - gsmtp")
            $result.Count | Should -Be 1
            $result[0].EnhancedStatusCode | Should -Be '5.7.26'
            $result[0].Meaning | Should -BeLike 'Multiple authentication checks failed*'
            $result[0].Causes[0].Check | Should -Be 'Test-SenderAuthorization -Domain <sender-domain> -SendingAddress <client-address> -MailFrom <sender>'
            ($result[0].Causes | Where-Object Id -EQ 'dkim-not-signed').Check | Should -BeLike '*-DkimSelector <selector>'
        }
    }

    Context 'input forms' {
        It 'binds objects with a <Property> property and writes one object per input' -ForEach @(
            @{ Property = 'ReplyText' }
            @{ Property = 'Line' }
            @{ Property = 'Message' }
        ) {
            $inputs = @(
                [pscustomobject]@{ $Property = '550 relay not permitted' }
                [pscustomobject]@{ $Property = '535 5.7.8 Error: authentication failed: authentication failure' }
            )
            $results = @($inputs | Resolve-SmtpReply)
            $results.Count | Should -Be 2
            $results[0].Category | Should -Be 'RelayDenied'
            $results[0].Mta | Should -Be 'Exim'
            $results[1].Category | Should -Be 'AuthenticationFailed'
        }

        It 'explains a whole Postfix log line from the lab format' {
            $line = 'Nov 24 20:01:37 mx postfix-lab/smtpd[15334]: NOQUEUE: reject: RCPT from unknown[127.0.0.1]: 554 5.7.1 <x@gmail.com>: Relay access denied; from=<app@corp.example> to=<x@gmail.com> proto=ESMTP helo=<probe.lab.test>'
            $result = Resolve-SmtpReply -Line $line
            $result.ReplyCode | Should -Be 554
            $result.ReplyText | Should -Be '<x@gmail.com>: Relay access denied'
            $result.Category | Should -Be 'RelayDenied'
            $result.Mta | Should -Be 'Postfix'
        }

        It 'explains every relay rejection of the shared Exim and Sendmail corpus as RelayDenied' {
            $corpus = '/work/shared/corpus'
            if (-not (Test-Path -LiteralPath $corpus)) { Set-ItResult -Skipped -Because 'the shared corpus is not on this machine' ; return }
            $lines = Get-Content (Join-Path $corpus 'exim.log'), (Join-Path $corpus 'sendmail.log') | Where-Object { $_ -match 'relay not permitted|Relaying denied' }
            # The corpus README counts 1 Exim and 4 Sendmail relay rejections.
            $lines.Count | Should -Be 5
            $results = $lines | Resolve-SmtpReply
            $results.Category | Should -Be @('RelayDenied', 'RelayDenied', 'RelayDenied', 'RelayDenied', 'RelayDenied')
            $results.Mta | Should -Be @('Exim', 'Sendmail', 'Sendmail', 'Sendmail', 'Sendmail')
        }

        It 'takes Select-String matches by their Line property' {
            $log = Join-Path ([System.IO.Path]::GetTempPath()) ("maillog-{0}.log" -f [guid]::NewGuid())
            try {
                Set-Content -LiteralPath $log -Value @(
                    'Nov 24 20:01:37 mx postfix/smtpd[15334]: connect from unknown[127.0.0.1]'
                    'Nov 24 20:01:37 mx postfix/smtpd[15334]: NOQUEUE: reject: RCPT from unknown[127.0.0.1]: 554 5.7.1 <x@gmail.com>: Relay access denied; from=<a@corp.example> to=<x@gmail.com> proto=ESMTP helo=<h>'
                    'Nov 24 20:01:38 mx postfix/submission/smtpd[15336]: warning: unknown[127.0.0.1]: SASL PLAIN authentication failed: authentication failure'
                )
                $results = @(Select-String -LiteralPath $log -Pattern 'reject:|authentication failed' | Resolve-SmtpReply)
                $results.Category | Should -Be @('RelayDenied', 'AuthenticationFailed')
                $results.Mta | Should -Be @('Postfix', 'Postfix')
                $results[1].Causes[0].Check | Should -BeLike 'doveadm auth test*'
            }
            finally { Remove-Item -LiteralPath $log -ErrorAction SilentlyContinue }
        }

        It 'takes its own output back by the ReplyText property' {
            $again = Resolve-SmtpReply 'The server responded: 550 relay not permitted' | Resolve-SmtpReply
            # ReplyText binds the text, ReplyCode puts the code back in front of it.
            $again.Text | Should -Be '550 relay not permitted'
            $again.ReplyCode | Should -Be 550
            $again.Category | Should -Be 'RelayDenied'
        }

        It 'reads a multi-line reply as one reply' {
            $reply = "550-5.7.1 <r@example.org>... Relaying denied.`r`n550 5.7.1 Proper authentication required."
            $results = @(Resolve-SmtpReply $reply)
            $results.Count | Should -Be 1
            $results[0].ReplyCode | Should -Be 550
            $results[0].EnhancedStatusCode | Should -Be '5.7.1'
            $results[0].ReplyText | Should -Be '<r@example.org>... Relaying denied. Proper authentication required.'
            $results[0].Category | Should -Be 'RelayDenied'
            $results[0].Causes[0].Id | Should -Be 'no-smtp-auth'
        }

        It 'finds the reply inside a client''s error message' {
            $result = 'Send failed. The server responded: 550 relay not permitted' | Resolve-SmtpReply
            $result.ReplyCode | Should -Be 550
            $result.Category | Should -Be 'RelayDenied'
        }

        It 'names the given client address, server and recipient domain in Check and Fix' {
            $result = Resolve-SmtpReply '550 5.7.1 <x@gmail.com>... Relaying denied. IP name lookup failed [10.1.2.3]' -ClientAddress 10.1.2.3 -Server mx.corp.example -Recipient x@gmail.com
            $result.Mta | Should -Be 'Sendmail'
            $result.Causes[0].Id | Should -Be 'client-reverse-dns'
            $result.Causes[0].Check | Should -Be 'dig +short -x 10.1.2.3'
            $result.Causes[0].Fix | Should -BeLike "*'Connect:10.1.2.3 RELAY'*"
            ($result.Causes | Where-Object Id -EQ 'recipient-domain-not-accepted').Check | Should -BeLike '*gmail.com*'
        }

        It 'takes the client, sender and recipient of a piped relay rejection' {
            $record = [pscustomobject]@{ ReplyText = '554 5.7.1 <x@gmail.com>: Relay access denied'; Mta = 'Postfix'; ClientAddress = '10.20.1.5'; Sender = 'app@corp.example'; Recipient = 'x@gmail.com' }
            $result = $record | Resolve-SmtpReply
            ($result.Causes | Where-Object Id -EQ 'client-not-trusted').Fix | Should -BeLike '*10.20.1.5/32*'
        }

        It 'recognises Microsoft 365 from -Server when the wording is Exchange''s' {
            $result = Resolve-SmtpReply '530 5.7.57 Client not authenticated to send mail' -Server smtp.office365.com
            $result.Mta | Should -Be 'Microsoft365'
            $result.Causes[0].Check | Should -BeLike 'Get-CASMailbox*'
        }

        It 'refuses an -Mta the registry does not know' {
            { Resolve-SmtpReply '550 relay not permitted' -Mta NoSuchMta -ErrorAction Stop } | Should -Throw '*not an MTA RelayTools knows*'
        }

        It 'uses -Mta for the advice when the wording does not name the MTA' {
            $result = Resolve-SmtpReply '530 5.7.0 Authentication required' -Mta Exchange
            $result.Mta | Should -Be 'Exchange'
            $result.Causes[0].Check | Should -BeLike 'Get-ReceiveConnector*'
        }
    }

    Context 'what it cannot classify, and empty input' {
        It 'returns Category Other with the parsed code and registry meaning, without an error' {
            $result = Resolve-SmtpReply '552 5.2.2 Mailbox full' -ErrorVariable errors
            @($errors).Count | Should -Be 0
            $result.Category | Should -Be 'Other'
            $result.ReplyCode | Should -Be 552
            $result.EnhancedStatusCode | Should -Be '5.2.2'
            $result.Meaning | Should -Be 'Mailbox full'
            @($result.Causes).Count | Should -Be 0
        }

        It 'returns Other with Class Unknown for text without any code' {
            $result = Resolve-SmtpReply 'the printer says it cannot scan to email'
            $result.Category | Should -Be 'Other'
            $result.Class | Should -Be 'Unknown'
            $result.ReplyCode | Should -BeNullOrEmpty
        }

        It 'writes SmtpReplyEmpty for a blank input and explains the rest' -ForEach @(
            @{ Case = 'an empty string'; Blank = '' }
            @{ Case = 'white space'; Blank = "  `t " }
        ) {
            $results = @('550 relay not permitted', $Blank, '530 5.7.0 Authentication required' | Resolve-SmtpReply -ErrorVariable errors -ErrorAction SilentlyContinue)
            $results.Count | Should -Be 2
            $results.Category | Should -Be @('RelayDenied', 'AuthenticationRequired')
            @($errors).Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'SmtpReplyEmpty,RelayTools.Commands.ResolveSmtpReplyCommand'
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }

    Context 'output' {
        It 'shows code, category, MTA and top cause in the default table' {
            $table = Resolve-SmtpReply '554 5.7.1 <x@gmail.com>: Relay access denied' | Out-String
            $table | Should -Match 'Code\s+Category\s+Mta\s+TopCause'
            $table | Should -Match '554 5\.7\.1\s+RelayDenied\s+Postfix\s+no-smtp-auth'
        }

        It 'survives serialization with its causes' {
            $path = Join-Path ([System.IO.Path]::GetTempPath()) ("reply-{0}.xml" -f [guid]::NewGuid())
            try {
                Resolve-SmtpReply '550 relay not permitted' | Export-Clixml -LiteralPath $path
                $back = Import-Clixml -LiteralPath $path
                $back.Category | Should -Be 'RelayDenied'
                $back.Causes[0].Id | Should -Be 'client-not-trusted'
                ($back | Out-String) | Should -Match 'RelayDenied\s+Exim\s+client-not-trusted'
            }
            finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
        }
    }
}

Describe 'Resolve-SmtpReply on the replies of a real Postfix' -Skip:$script:NoLab {
    BeforeAll {
        # 127.0.0.1 is not in the lab's mynetworks (127.0.0.5/32), and smtpd_tls_auth_only = yes.
        $script:Smtp = @(Invoke-LabSmtp ([int] $script:Lab.LAB_SMTP_PORT) @(
                'EHLO probe.lab.test', 'MAIL FROM:<app@corp.example>', 'RCPT TO:<x@gmail.com>', 'RSET', 'AUTH PLAIN AHRlc3QAdGVzdHBhc3M='))
        $script:Submission = @(Invoke-LabSmtp ([int] $script:Lab.LAB_SUBMISSION_PORT) @('EHLO probe.lab.test', 'MAIL FROM:<app@corp.example>'))
    }

    It 'reads the multi-line EHLO reply as one Success' {
        $result = Resolve-SmtpReply $script:Smtp[1]
        $result.ReplyCode | Should -Be 250
        $result.Category | Should -Be 'Success'
        $result.ReplyText | Should -Match 'PIPELINING'
    }

    It 'explains the unauthenticated relay attempt as Postfix RelayDenied, SMTP AUTH first, mynetworks second' {
        $script:Smtp[3] | Should -Match '^554 5\.7\.1 <x@gmail\.com>: Relay access denied'
        $result = Resolve-SmtpReply $script:Smtp[3]
        $result.Category | Should -Be 'RelayDenied'
        $result.Mta | Should -Be 'Postfix'
        $result.Causes[0].Id | Should -Be 'no-smtp-auth'
        $result.Causes[1].Id | Should -Be 'client-not-trusted'
    }

    It 'explains AUTH before STARTTLS (smtpd_tls_auth_only) with auth-requires-starttls first' {
        $script:Smtp[5] | Should -Match '^503 5\.5\.1 Error: authentication not enabled'
        $result = Resolve-SmtpReply $script:Smtp[5]
        $result.Category | Should -Be 'AuthenticationFailed'
        $result.Causes[0].Id | Should -Be 'auth-requires-starttls'
        $result.Causes[0].Check | Should -BeLike '*smtpd_tls_auth_only*'
    }

    It 'explains MAIL FROM without STARTTLS on the submission port as EncryptionRequired' {
        $script:Submission[2] | Should -Match '^530 5\.7\.0 Must issue a STARTTLS command first'
        $result = Resolve-SmtpReply $script:Submission[2]
        $result.Category | Should -Be 'EncryptionRequired'
        $result.Causes[0].Id | Should -Be 'tls-required-not-used'
    }

    It 'explains the reject line the lab wrote to its log' {
        $line = $null
        for ($i = 0; $i -lt 50 -and -not $line; $i++) {
            $line = Get-Content -LiteralPath $script:Lab.LAB_LOG -ErrorAction SilentlyContinue |
                Where-Object { $_ -match 'NOQUEUE: reject: RCPT .*to=<x@gmail\.com>' } | Select-Object -Last 1
            if (-not $line) { Start-Sleep -Milliseconds 100 }
        }
        $line | Should -Not -BeNullOrEmpty
        $result = Resolve-SmtpReply -Line $line
        $result.ReplyCode | Should -Be 554
        $result.Category | Should -Be 'RelayDenied'
        $result.Mta | Should -Be 'Postfix'
        $result.ReplyText | Should -Be '<x@gmail.com>: Relay access denied'
    }
}
