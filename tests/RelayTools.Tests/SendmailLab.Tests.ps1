# The real Sendmail 8.17.1 of tests/lab/sendmail.sh with the lab's own mc (Debian's sendmail.mc without
# greet_pause, conncontrol and ratecontrol: access_db, delay_checks friend, use_cw_file), probed over the
# network: what it answers, and what Test-SmtpRelay, Test-SmtpOpenRelay and Get-RelayRejection make of it.
# The stock rules let 127.0.0.1 relay ("originated locally"), so clients come from other 127.0.0.x
# addresses: 127.0.0.9 has a host name (DIR/hosts.extra), 127.0.0.10 has none, and the access file lets
# 127.0.0.5 relay. RELAYTOOLS_SENDMAIL_BASE moves the daemon's ports (BASE+25, BASE+587; default 5700).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoSendmail = -not (Test-SendmailLab)
}

Describe 'The Sendmail 8.17.1 lab daemon' -Skip:$script:NoSendmail {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:Script = Join-Path $PSScriptRoot '../lab/sendmail.sh'
        $script:LabDir = Join-Path ([System.IO.Path]::GetTempPath()) ("relaytools-sendmail-lab-" + $PID)
        Remove-Item -LiteralPath $script:LabDir -Recurse -Force -ErrorAction SilentlyContinue
        [void] (New-Item -ItemType Directory -Path (Join-Path $script:LabDir 'mail') -Force)
        [System.IO.File]::WriteAllText((Join-Path $script:LabDir 'hosts.extra'), "127.0.0.9 pc9.corp.example`n")
        [System.IO.File]::WriteAllText((Join-Path $script:LabDir 'mail/access'), "Connect:127.0.0.5 RELAY`n")
        $base = if ($env:RELAYTOOLS_SENDMAIL_BASE) { $env:RELAYTOOLS_SENDMAIL_BASE } else { '5700' }
        $script:Env = Start-SendmailLabDaemon $script:LabDir $base
        $script:Port = [int] $script:Env.SENDMAIL_SMTP_PORT
        $script:Log = $script:Env.SENDMAIL_MAILLOG
        $named = '127.0.0.9'; $nameless = '127.0.0.10'; $trusted = '127.0.0.5'
        $dialog = @('EHLO client.corp.example', 'MAIL FROM:<a@example.net>', 'RCPT TO:<x@gmail.com>')

        # Every run of this file, in this order; the log tests count what these made Sendmail write.
        $script:Named = Invoke-LabSmtpDialog $named $script:Port ($dialog + 'RCPT TO:<postmaster@lab.test>') -KeepGoing
        $script:Nameless = Invoke-LabSmtpDialog $nameless $script:Port $dialog
        $script:Trusted = Invoke-LabSmtpDialog $trusted $script:Port $dialog
        $script:Localhost = Invoke-LabSmtpDialog '127.0.0.1' $script:Port $dialog
        $script:NoHelo = Invoke-LabSmtpDialog $named $script:Port @('MAIL FROM:<a@example.net>')
        $script:Submission = Invoke-LabSmtpDialog $named ([int] $script:Env.SENDMAIL_SUBMISSION_PORT) $dialog
        $common = @{ Server = '127.0.0.1'; Port = $script:Port; To = 'x@gmail.com'; Security = 'None' }
        $script:RelayNamed = Test-SmtpRelay @common -LocalAddress $named
        $script:RelayNameless = Test-SmtpRelay @common -LocalAddress $nameless
        $script:RelayTrusted = Test-SmtpRelay @common -LocalAddress $trusted
        $script:Audit = Test-SmtpOpenRelay 127.0.0.1 -Port $script:Port -LocalAddress $named -IncludeTranscript
        # 1 + 1 from the dialogs, 2 from Test-SmtpRelay, 14 from the audit.
        [void] (Get-SendmailLogLines $script:Log 'reject=550 5\.7\.1 .*Relaying denied' 18)
    }
    AfterAll {
        Stop-SendmailLabDaemon $script:LabDir
        Remove-Item -LiteralPath $script:LabDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    Context 'the replies over the network' {
        It 'greets as Debian''s Sendmail 8.17.1.9 and names the client as it resolved it' {
            $script:Named[0] | Should -Match '^220 mx\.lab\.test ESMTP Sendmail 8\.17\.1\.9/8\.17\.1\.9/Debian-2\+deb12u2; .+; \(No UCE/UBE\) logging access from: pc9\.corp\.example\(OK\)-pc9\.corp\.example \[127\.0\.0\.9\]$'
            $script:Nameless[0] | Should -Match '; \(No UCE/UBE\) logging access from: \[127\.0\.0\.10\]\(FAIL\)-\[127\.0\.0\.10\]$'
        }

        It 'refuses a named outsider at RCPT with 550 5.7.1 ...Relaying denied, and takes a local recipient' {
            $script:Named[1] | Should -Be '250 HELP'
            $script:Named[2] | Should -Be '250 2.1.0 <a@example.net>... Sender ok'
            $script:Named[3] | Should -Be '550 5.7.1 <x@gmail.com>... Relaying denied'
            $script:Named[4] | Should -Be '250 2.1.5 <postmaster@lab.test>... Recipient ok'
        }

        It 'adds IP name lookup failed [address] for a client without a host name' {
            $script:Nameless[3] | Should -Be '550 5.7.1 <x@gmail.com>... Relaying denied. IP name lookup failed [127.0.0.10]'
        }

        It 'relays for Connect:127.0.0.5 RELAY in the access file: 250 2.1.5 Recipient ok' {
            $script:Trusted[3] | Should -Be '250 2.1.5 <x@gmail.com>... Recipient ok'
        }

        It 'relays for 127.0.0.1 by its stock rules (mail that originated locally)' {
            $script:Localhost[0] | Should -Match 'logging access from: localhost\(OK\)-localhost \[127\.0\.0\.1\]$'
            $script:Localhost[3] | Should -Be '250 2.1.5 <x@gmail.com>... Recipient ok'
        }

        It 'wants HELO before MAIL (Debian''s needmailhelo): 503 5.0.0 Polite people say HELO first' {
            $script:NoHelo[1] | Should -Be '503 5.0.0 Polite people say HELO first'
        }

        It 'asks for AUTH at MAIL on the submission daemon (M=Ea): 530 5.7.0 Authentication required' {
            $script:Submission[2] | Should -Be '530 5.7.0 Authentication required'
        }

        It 'sees the lab''s names in class w, as bt prints it' {
            $bt = @('$=w' | & bash $script:Script bt $script:Env.SENDMAIL_CF)
            $LASTEXITCODE | Should -Be 0
            $names = @($bt | ForEach-Object { $_ -replace '^> ', '' } | Where-Object { $_ -and $_ -notmatch '^(ADDRESS TEST MODE|Enter <ruleset>)' })
            foreach ($name in 'mx.lab.test', 'mx', 'lab.test', 'localhost', '[127.0.0.1]', '[127.0.1.1]', (& hostname)) { $names | Should -Contain $name }
        }
    }

    Context 'Test-SmtpRelay' {
        It 'is RelayDenied with 550 5.7.1 ...Relaying denied for the named outsider' {
            $script:RelayNamed.Status | Should -Be 'RelayDenied'
            $script:RelayNamed.Stage | Should -Be 'RcptTo'
            $script:RelayNamed.ReplyCode | Should -Be 550
            $script:RelayNamed.EnhancedStatusCode | Should -Be '5.7.1'
            $script:RelayNamed.ReplyText | Should -Be '<x@gmail.com>... Relaying denied'
            $script:RelayNamed.Banner | Should -Match '^mx\.lab\.test ESMTP Sendmail 8\.17\.1\.9/'
        }

        It 'is RelayDenied with the reverse-DNS wording for the client without a name' {
            $script:RelayNameless.Status | Should -Be 'RelayDenied'
            $script:RelayNameless.ReplyCode | Should -Be 550
            $script:RelayNameless.ReplyText | Should -Be '<x@gmail.com>... Relaying denied. IP name lookup failed [127.0.0.10]'
        }

        It 'is RelayPermitted with 250 2.1.5 Recipient ok for the client the access file trusts' {
            $script:RelayTrusted.Status | Should -Be 'RelayPermitted'
            $script:RelayTrusted.ReplyCode | Should -Be 250
            $script:RelayTrusted.EnhancedStatusCode | Should -Be '2.1.5'
            $script:RelayTrusted.ReplyText | Should -Be '<x@gmail.com>... Recipient ok'
        }
    }

    Context 'Test-SmtpOpenRelay' {
        It 'is Closed: all 16 forms refused, 2 of them as syntax (553 5.1.3 Invalid route address), in 2 sessions' {
            $script:Audit.Verdict | Should -Be 'Closed'
            $script:Audit.TestedCount | Should -Be 16
            $script:Audit.RelayedCount | Should -Be 0
            $script:Audit.ConnectionStatus | Should -BeNullOrEmpty
            $script:Audit.Reason | Should -Be 'All 16 address forms were refused. 2 of them as syntax errors.'
            $script:Audit.Sessions | Should -Be 2
            $script:Audit.EndedByServer | Should -Be 0
            @($script:Audit.Tests | Where-Object { -not $_.Refused }) | Should -BeNullOrEmpty
            @(($script:Audit.Transcript | Where-Object { $_ -like 'C: *' }) -match '^C: DATA') | Should -BeNullOrEmpty
        }

        It 'gets Relaying denied at RCPT for 14 forms and Invalid route address for the two double-@ forms' {
            foreach ($test in $script:Audit.Tests) {
                $test.MailReply.Code | Should -Be 250
                if ($test.Number -in 9, 11) {
                    $test.SyntaxRefused | Should -BeTrue
                    "$($test.RcptReply)" | Should -Be "553 5.1.3 <$($test.RcptTo)>... Invalid route address"
                }
                else {
                    $test.Status | Should -Be 'RelayDenied' -Because "form $($test.Number) <$($test.RcptTo)>"
                    "$($test.RcptReply)" | Should -Be "550 5.7.1 <$($test.RcptTo)>... Relaying denied"
                }
            }
        }
    }

    Context 'Get-RelayRejection on the maillog the lab''s syslog receiver wrote' {
        BeforeAll {
            $script:Lines = @(Get-SendmailLogLines $script:Log 'reject=550 5\.7\.1 .*Relaying denied' 18)
            $script:Found = @(Get-RelayRejection -LiteralPath $script:Log)
        }

        It 'writes traditional syslog lines: Mon DD HH:MM:SS mx sm-mta[pid]: qid: ruleset=check_rcpt, ...' {
            $script:Lines[0] | Should -Match '^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d mx sm-mta\[\d+\]: \w{14}: ruleset=check_rcpt, arg1=<x@gmail\.com>, relay=pc9\.corp\.example \[127\.0\.0\.9\], reject=550 5\.7\.1 <x@gmail\.com>\.\.\. Relaying denied$'
            $script:Lines[1] | Should -Match ' sm-mta\[\d+\]: \w{14}: ruleset=check_rcpt, arg1=<x@gmail\.com>, relay=\[127\.0\.0\.10\], reject=550 5\.7\.1 <x@gmail\.com>\.\.\. Relaying denied\. IP name lookup failed \[127\.0\.0\.10\]$'
        }

        It 'finds exactly the 18 relay rejections of this run, in order, with client, recipient and reply' {
            $script:Lines.Count | Should -Be 18
            $script:Found.Count | Should -Be 18
            @($script:Found.ClientAddress) | Should -Be (@('127.0.0.9', '127.0.0.10', '127.0.0.9', '127.0.0.10') + @('127.0.0.9') * 14)
            @($script:Found | ForEach-Object { "$($_.ClientName)" }) | Should -Be (@('pc9.corp.example', '', 'pc9.corp.example', '') + @('pc9.corp.example') * 14)
            $forms = @($script:Audit.Tests | Where-Object { $_.Number -notin 9, 11 } | ForEach-Object RcptTo)
            @($script:Found.Recipient) | Should -Be (@('x@gmail.com') * 4 + $forms)
            foreach ($r in $script:Found) {
                $r.Mta | Should -Be 'Sendmail'
                $r.Kind | Should -Be 'RelayDenied'
                $r.Service | Should -Be 'sm-mta'
                $r.Host | Should -Be 'mx'
                $r.ReplyCode | Should -Be 550
                $r.EnhancedStatusCode | Should -Be '5.7.1'
                $r.QueueId | Should -Match '^\w{14}$'
                $r.Timestamp.Date | Should -Be ([DateTimeOffset]::Now.Date)
            }
            $script:Found[0].ReplyText | Should -Be '550 5.7.1 <x@gmail.com>... Relaying denied'
            $script:Found[0].Reason | Should -Be 'Relaying denied'
            $script:Found[1].ReplyText | Should -Be '550 5.7.1 <x@gmail.com>... Relaying denied. IP name lookup failed [127.0.0.10]'
            $script:Found[1].Reason | Should -Be 'Relaying denied. IP name lookup failed [127.0.0.10]'
            $script:Found[1].TopCause | Should -Be 'client-reverse-dns'
            $lines = [System.IO.File]::ReadAllLines($script:Log)
            foreach ($r in $script:Found) { $lines[$r.LineNumber - 1] | Should -Be $r.Line }
            @($script:Found.Line) | Should -Be $script:Lines
        }
    }
}

# The same lab mc with LAB_SENDMAIL_AUTH=1: STARTTLS with a self-signed certificate, Cyrus sasldb,
# AUTH PLAIN and LOGIN only after STARTTLS (AuthOptions p) and TRUST_AUTH_MECH(`PLAIN LOGIN'), on
# RELAYTOOLS_SENDMAIL_BASE+1 (ports BASE+26 and BASE+588).
Describe 'The Sendmail 8.17.1 lab daemon with STARTTLS and AUTH' -Skip:($script:NoSendmail -or -not (Get-Command openssl -ErrorAction SilentlyContinue)) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:AuthDir = Join-Path ([System.IO.Path]::GetTempPath()) ("relaytools-sendmail-auth-" + $PID)
        Remove-Item -LiteralPath $script:AuthDir -Recurse -Force -ErrorAction SilentlyContinue
        [void] (New-Item -ItemType Directory -Path $script:AuthDir -Force)
        [System.IO.File]::WriteAllText((Join-Path $script:AuthDir 'hosts.extra'), "127.0.0.9 pc9.corp.example`n")
        $base = [int] $(if ($env:RELAYTOOLS_SENDMAIL_BASE) { $env:RELAYTOOLS_SENDMAIL_BASE } else { '5700' }) + 1
        $env:LAB_SENDMAIL_AUTH = '1'
        try { $script:AuthEnv = Start-SendmailLabDaemon $script:AuthDir $base }
        finally { Remove-Item Env:LAB_SENDMAIL_AUTH }
        $cred = ConvertTo-TestCredential $script:AuthEnv.SENDMAIL_USER $script:AuthEnv.SENDMAIL_PASSWORD
        $wrong = ConvertTo-TestCredential $script:AuthEnv.SENDMAIL_USER 'not-the-password'
        $smtp = @{ Server = '127.0.0.1'; Port = [int] $script:AuthEnv.SENDMAIL_SMTP_PORT; LocalAddress = '127.0.0.9'; To = 'x@gmail.com' }
        $submission = $smtp.Clone(); $submission.Port = [int] $script:AuthEnv.SENDMAIL_SUBMISSION_PORT

        $script:NoAuth = Test-SmtpRelay @smtp -Security StartTls -SkipCertificateCheck
        $script:Auth = Test-SmtpRelay @smtp -Security StartTls -SkipCertificateCheck -Credential $cred
        $script:BadAuth = Test-SmtpRelay @smtp -Security StartTls -SkipCertificateCheck -Credential $wrong
        $script:InClear = Test-SmtpRelay @smtp -Security None -Credential $cred -AllowUnencryptedAuthentication
        $script:SubmissionNoAuth = Test-SmtpRelay @submission -Security StartTls -SkipCertificateCheck
        $script:SubmissionAuth = Test-SmtpRelay @submission -Security StartTls -SkipCertificateCheck -Credential $cred
        $script:SubmissionBadAuth = Test-SmtpRelay @submission -Security StartTls -SkipCertificateCheck -Credential $wrong
        [void] (Get-SendmailLogLines $script:AuthEnv.SENDMAIL_MAILLOG 'AUTH failure \(PLAIN\)' 2)
    }
    AfterAll {
        Stop-SendmailLabDaemon $script:AuthDir
        Remove-Item -LiteralPath $script:AuthDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'offers AUTH PLAIN and LOGIN only after STARTTLS, and refuses relaying without it: Relaying denied. Proper authentication required.' {
        @($script:NoAuth.AuthMechanismsBeforeTls) | Should -BeNullOrEmpty
        @($script:NoAuth.AuthMechanisms) | Should -Be @('PLAIN', 'LOGIN')
        $script:NoAuth.Security | Should -Be 'StartTls'
        $script:NoAuth.Status | Should -Be 'RelayDenied'
        $script:NoAuth.ReplyCode | Should -Be 550
        $script:NoAuth.ReplyText | Should -Be '<x@gmail.com>... Relaying denied. Proper authentication required.' -Because 'a Sendmail with AUTH mechanisms says so to a named client'
    }

    It 'relays for the lab user after STARTTLS and AUTH PLAIN: 250 2.1.5 Recipient ok' {
        $script:Auth.Status | Should -Be 'RelayPermitted'
        $script:Auth.Authenticated | Should -BeTrue
        $script:Auth.AuthenticationMechanism | Should -Be 'PLAIN'
        $script:Auth.ReplyCode | Should -Be 250
        $script:Auth.EnhancedStatusCode | Should -Be '2.1.5'
        $script:Auth.ReplyText | Should -Be '<x@gmail.com>... Recipient ok'
    }

    It 'is AuthenticationFailed with 535 5.7.0 authentication failed for a wrong password' {
        $script:BadAuth.Status | Should -Be 'AuthenticationFailed'
        $script:BadAuth.Stage | Should -Be 'Auth'
        $script:BadAuth.ReplyCode | Should -Be 535
        $script:BadAuth.EnhancedStatusCode | Should -Be '5.7.0'
        $script:BadAuth.ReplyText | Should -Be 'authentication failed'
    }

    It 'is EncryptionRequired with 503 5.3.3 AUTH not available for AUTH before STARTTLS' {
        $script:InClear.Status | Should -Be 'EncryptionRequired'
        $script:InClear.ReplyCode | Should -Be 503
        $script:InClear.EnhancedStatusCode | Should -Be '5.3.3'
        $script:InClear.ReplyText | Should -Match 'AUTH not available$'
    }

    It 'asks for AUTH at MAIL on the submission port (530 5.7.0) and relays after it' {
        $script:SubmissionNoAuth.Status | Should -Be 'AuthenticationRequired'
        $script:SubmissionNoAuth.Stage | Should -Be 'MailFrom'
        $script:SubmissionNoAuth.ReplyCode | Should -Be 530
        $script:SubmissionNoAuth.ReplyText | Should -Be 'Authentication required'
        $script:SubmissionAuth.Status | Should -Be 'RelayPermitted'
        $script:SubmissionAuth.ReplyText | Should -Be '<x@gmail.com>... Recipient ok'
        $script:SubmissionBadAuth.Status | Should -Be 'AuthenticationFailed'
    }

    It 'logs the two failed logins, which Get-RelayRejection -IncludeAuthFailures reads with user and client' {
        $failures = @(Get-RelayRejection -LiteralPath $script:AuthEnv.SENDMAIL_MAILLOG -IncludeAuthFailures | Where-Object Kind -NE 'RelayDenied')
        $failures.Count | Should -Be 2
        foreach ($f in $failures) {
            $f.Kind | Should -Be 'AuthFailed'
            $f.Mta | Should -Be 'Sendmail'
            $f.ClientAddress | Should -Be '127.0.0.9'
            $f.ClientName | Should -Be 'pc9.corp.example'
            $f.SaslUser | Should -Be 'labuser'
            $f.Reason | Should -Be 'AUTH failure (PLAIN): authentication failure (-13) SASL(-13): authentication failure: Password verification failed'
        }
        @(Get-RelayRejection -LiteralPath $script:AuthEnv.SENDMAIL_MAILLOG).Count | Should -Be 1 -Because 'the one relay refusal is the session without AUTH'
    }
}

# Debian's own cf/debian/sendmail.mc, unmodified (greet_pause 1 s, conncontrol, ratecontrol, the MSP on
# submission): sendmail.sh cf builds it against the unpacked tree, and the daemon runs it on
# RELAYTOOLS_SENDMAIL_BASE+2.
Describe 'Debian''s own sendmail.mc in the lab' -Skip:$script:NoSendmail {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:Script = Join-Path $PSScriptRoot '../lab/sendmail.sh'
        $script:DebianDir = Join-Path ([System.IO.Path]::GetTempPath()) ("relaytools-sendmail-debian-" + $PID)
        Remove-Item -LiteralPath $script:DebianDir -Recurse -Force -ErrorAction SilentlyContinue
        [void] (New-Item -ItemType Directory -Path $script:DebianDir -Force)
        [System.IO.File]::WriteAllText((Join-Path $script:DebianDir 'hosts.extra'), "127.0.0.9 pc9.corp.example`n")
        $bin = & bash $script:Script bin
        $script:DebianMc = Join-Path (Split-Path -Parent (Split-Path -Parent (Split-Path -Parent (Split-Path -Parent $bin)))) 'usr/share/sendmail/cf/debian/sendmail.mc'
        $base = [int] $(if ($env:RELAYTOOLS_SENDMAIL_BASE) { $env:RELAYTOOLS_SENDMAIL_BASE } else { '5700' }) + 2
        $env:LAB_SENDMAIL_MC = $script:DebianMc
        try { $script:DebianEnv = Start-SendmailLabDaemon $script:DebianDir $base }
        finally { Remove-Item Env:LAB_SENDMAIL_MC }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $script:Outsider = Invoke-LabSmtpDialog '127.0.0.9' ([int] $script:DebianEnv.SENDMAIL_SMTP_PORT) @('EHLO client.corp.example', 'MAIL FROM:<a@example.net>', 'RCPT TO:<x@gmail.com>')
        $script:SessionSeconds = $clock.Elapsed.TotalSeconds
    }
    AfterAll {
        Stop-SendmailLabDaemon $script:DebianDir
        Remove-Item -LiteralPath $script:DebianDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'builds it with the Debian options: both daemons on 127.0.0.1, the access map, the connection throttle' {
        $cf = [System.IO.File]::ReadAllLines($script:DebianEnv.SENDMAIL_CF)
        $cf | Should -Contain 'O DaemonPortOptions=Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1'
        $cf | Should -Contain 'O DaemonPortOptions=Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1'
        $cf | Should -Contain 'Kaccess hash -T<TMPF> /etc/mail/access'
        $cf | Should -Contain 'O ConnectionRateThrottle=15'
        $cf | Should -Contain 'Fw/etc/mail/local-host-names %[^\#]'
        $script:DebianEnv.SENDMAIL_SUBMISSION_PORT | Should -Be ([string] ([int] $script:DebianEnv.SENDMAIL_SMTP_PORT + 562))
    }

    It 'refuses the outsider with 550 5.7.1 ...Relaying denied after the 1 s greet_pause' {
        $script:Outsider[0] | Should -Match '^220 mx\.lab\.test ESMTP Sendmail 8\.17\.1\.9/'
        $script:Outsider[3] | Should -Be '550 5.7.1 <x@gmail.com>... Relaying denied'
        $script:SessionSeconds | Should -BeGreaterThan 0.9 -Because 'FEATURE(greet_pause, 1000) holds the greeting back'
    }
}
