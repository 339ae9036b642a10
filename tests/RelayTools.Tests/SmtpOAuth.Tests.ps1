# Test-SmtpRelay -AccessToken (XOAUTH2, OAUTHBEARER) against a lab instance of its own: Postfix whose
# Dovecot has an oauth2 passdb (LAB_DOVECOT_EXTRA) besides the passwd-file one, and whose introspection
# endpoint is a small HTTP server of this file on loopback that knows one good token. The token is a
# secret: no stream, serialization, transcript or error may hold it.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $onLinux = [bool] (Get-Variable -Name IsLinux -ValueOnly -ErrorAction SilentlyContinue)
    $script:NoOAuthLab = $true
    if ($onLinux -and (Get-Command python3 -ErrorAction SilentlyContinue)) {
        & bash (Join-Path $PSScriptRoot '../lab/lab.sh') available
        $script:NoOAuthLab = $LASTEXITCODE -ne 0
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:OAuthUser = 'oauthuser@lab.test'
    $script:GoodToken = 'ya29.lab-' + [guid]::NewGuid().ToString('N')
    $script:BadToken = 'ya29.bad-' + [guid]::NewGuid().ToString('N')
    $script:Good = ConvertTo-SecureString $script:GoodToken -AsPlainText -Force
    $script:BadSecure = ConvertTo-SecureString $script:BadToken -AsPlainText -Force
    $script:LabHost = '127.0.0.1'

    # Everything a caller could see of one invocation, as text: every stream, the objects as JSON and
    # as CLIXML, the transcript, and $Error.
    function Get-EverythingSeen([scriptblock] $Invocation) {
        $Error.Clear()
        $seen = @(& $Invocation *>&1)
        $clixml = Join-Path ([System.IO.Path]::GetTempPath()) "relaytools-oauth-$PID.clixml"
        $objects = @($seen | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] -and $_ -isnot [System.Management.Automation.ErrorRecord] })
        $objects | Export-Clixml -LiteralPath $clixml -Depth 6
        $text = @(
            $seen | ForEach-Object { $_ | Out-String }
            $objects | ConvertTo-Json -Depth 6
            if (Test-Path -LiteralPath $clixml) { [System.IO.File]::ReadAllText($clixml) }
            $objects | ForEach-Object { if ($_.PSObject.Properties['Transcript']) { $_.Transcript } }
            $Error | ForEach-Object { ($_ | Out-String); $_.Exception.ToString(); [string] $_.TargetObject }
        ) -join "`n"
        Remove-Item -LiteralPath $clixml -ErrorAction SilentlyContinue
        @{ Objects = $objects; Records = $seen; Text = $text }
    }
}

Describe 'Test-SmtpRelay -AccessToken against a Postfix + Dovecot oauth2 lab' -Skip:$script:NoOAuthLab {
    BeforeAll {
        $script:Dir = Join-Path ([System.IO.Path]::GetTempPath()) "relaytools-oauth-lab-$PID"
        $base = 9100
        $script:IntrospectionPort = $base + 80
        $script:Submission = $base + 587
        $script:SmtpPort = $base + 25
        $script:IntrospectionLog = Join-Path $script:Dir 'introspection.log'
        [void] (New-Item -ItemType Directory -Path $script:Dir -Force)
        Set-Content -LiteralPath $script:IntrospectionLog -Value '' -NoNewline

        # The introspection endpoint (Dovecot introspection_mode = auth: GET with "Authorization: Bearer
        # <token>"): 200 with the account for the good token, 401 for any other. It logs good/bad, never a token.
        Set-Content -LiteralPath (Join-Path $script:Dir 'introspect.py') -Value @'
import http.server, json, sys
port, good, user, log = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.headers.get('Authorization', '') == 'Bearer ' + good
        body = json.dumps({'active': True, 'username': user} if ok else {'error': 'invalid_token'}).encode()
        self.send_response(200 if ok else 401)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with open(log, 'a') as f:
            f.write(self.command + ' ' + self.path + (' good' if ok else ' bad') + '\n')
    do_POST = do_GET
    def log_message(self, *args):
        pass
http.server.HTTPServer(('127.0.0.1', port), Handler).serve_forever()
'@
        $script:Introspection = Start-Process python3 -PassThru -ArgumentList @(
            (Join-Path $script:Dir 'introspect.py'), $script:IntrospectionPort, $script:GoodToken, $script:OAuthUser, $script:IntrospectionLog) `
            -RedirectStandardOutput (Join-Path $script:Dir 'introspect.out') -RedirectStandardError (Join-Path $script:Dir 'introspect.err')

        Start-LabInstances @(@{
                Dir = $script:Dir
                Base = $base
                Main = @()
                Master = @()
                Dovecot = @(
                    'auth_mechanisms = plain login xoauth2 oauthbearer'
                    'passdb {'
                    '  driver = oauth2'
                    '  mechanisms = xoauth2 oauthbearer'
                    '  args = @DIR@/oauth2.conf.ext'
                    '}'
                )
                Files = @{
                    'oauth2.conf.ext' = "introspection_mode = auth`nintrospection_url = http://127.0.0.1:$($script:IntrospectionPort)/introspect`nusername_attribute = username`n"
                }
            })
        $script:Password = ConvertTo-TestCredential labuser labpass
    }

    AfterAll {
        Stop-LabInstances @($script:Dir)
        if ($script:Introspection) { Stop-Process -Id $script:Introspection.Id -ErrorAction SilentlyContinue }
        Remove-Item -LiteralPath $script:Dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'authenticates with a good token over STARTTLS (AUTH XOAUTH2 by default, 235 2.7.0) and the client relays (RelayPermitted 250 2.1.5)' {
        $r = Test-SmtpRelay $script:LabHost -Port $script:Submission -UserName $script:OAuthUser -AccessToken $script:Good -SkipCertificateCheck -IncludeTranscript

        $r.Status | Should -Be 'RelayPermitted'
        $r.Stage | Should -Be 'Done'
        $r.ReplyCode | Should -Be 250
        $r.EnhancedStatusCode | Should -Be '2.1.5'
        $r.Authenticated | Should -BeTrue
        $r.AuthenticationMechanism | Should -Be 'XOAUTH2'
        $r.UserName | Should -Be $script:OAuthUser
        $r.Security | Should -Be 'StartTls'
        $r.AuthMechanisms | Should -Contain 'XOAUTH2'
        $r.AuthMechanisms | Should -Contain 'OAUTHBEARER'
        $r.Transcript | Should -Contain 'C: AUTH XOAUTH2 ********'
        $r.Transcript | Should -Contain 'S: 235 2.7.0 Authentication successful'
        Get-Content -LiteralPath $script:IntrospectionLog | Select-Object -Last 1 | Should -Be 'GET /introspect good'
    }

    It 'authenticates with OAUTHBEARER when -SaslMechanism OAUTHBEARER is given, with the account from -Credential' {
        # -Credential gives the account only: its password is not used with -AccessToken.
        $account = ConvertTo-TestCredential $script:OAuthUser 'not-used'

        $r = Test-SmtpRelay $script:LabHost -Port $script:Submission -Credential $account -AccessToken $script:Good -SaslMechanism OAUTHBEARER -SkipCertificateCheck -IncludeTranscript

        $r.Status | Should -Be 'RelayPermitted'
        $r.AuthenticationMechanism | Should -Be 'OAUTHBEARER'
        $r.UserName | Should -Be $script:OAuthUser
        $r.Transcript | Should -Contain 'C: AUTH OAUTHBEARER ********'
        $r.Transcript | Should -Contain 'S: 235 2.7.0 Authentication successful'
    }

    It 'reports a bad token as AuthenticationFailed with the real 535 5.7.8 reply, not as a relay denial (<Mechanism>)' -ForEach @(
        @{ Mechanism = 'XOAUTH2' }
        @{ Mechanism = 'OAUTHBEARER' }
    ) {
        $r = Test-SmtpRelay $script:LabHost -Port $script:Submission -UserName $script:OAuthUser -AccessToken $script:BadSecure -SaslMechanism $Mechanism -SkipCertificateCheck -IncludeTranscript

        $r.Status | Should -Be 'AuthenticationFailed'
        $r.Stage | Should -Be 'Auth'
        $r.ReplyCode | Should -Be 535
        $r.EnhancedStatusCode | Should -Be '5.7.8'
        $r.ReplyText | Should -Be 'Error: authentication failed: (reason unavailable)'
        $r.Authenticated | Should -BeFalse
        $r.Evidence[0] | Should -Be 'oauth-token-rejected'
        $r.Diagnosis.Causes[0].Id | Should -Be 'oauth-token-rejected'
        $r.Transcript | Should -Contain "C: AUTH $Mechanism ********"
        $r.Transcript | Should -Not -Match '^C: (MAIL|RCPT)'
        Get-Content -LiteralPath $script:IntrospectionLog | Select-Object -Last 1 | Should -Be 'GET /introspect bad'
        # Dovecot's own reason, in its log: the endpoint's 401 carried no account.
        Get-Content -LiteralPath (Join-Path $script:Dir 'dovecot/dovecot.log') -Raw | Should -Match 'oauth2 failed: Introspection failed'
    }

    It 'keeps the password users working in the same instance (passwd-file passdb first)' {
        $r = Test-SmtpRelay $script:LabHost -Port $script:Submission -Credential $script:Password -SkipCertificateCheck
        $wrong = Test-SmtpRelay $script:LabHost -Port $script:Submission -Credential (ConvertTo-TestCredential labuser wrong) -SkipCertificateCheck

        $r.Status | Should -Be 'RelayPermitted'
        $r.AuthenticationMechanism | Should -Be 'PLAIN'
        # A wrong password keeps its own diagnosis: the token cause is for tokens only.
        $wrong.Status | Should -Be 'AuthenticationFailed'
        $wrong.Diagnosis.Causes[0].Id | Should -Be 'wrong-credentials'
    }

    It 'does not send the token over a plain session: EncryptionRequired, no AUTH line, no introspection' {
        $before = @(Get-Content -LiteralPath $script:IntrospectionLog).Count

        $r = Test-SmtpRelay $script:LabHost -Port $script:Submission -UserName $script:OAuthUser -AccessToken $script:Good -Security None -IncludeTranscript

        $r.Status | Should -Be 'EncryptionRequired'
        $r.Stage | Should -Be 'Auth'
        $r.Security | Should -Be 'None'
        $r.ReplyText | Should -Match 'the access token would cross the network in clear text, so it was not sent'
        $r.Transcript | Should -Not -Match '^C: AUTH'
        @(Get-Content -LiteralPath $script:IntrospectionLog).Count | Should -Be $before
    }

    It 'with -AllowUnencryptedAuthentication asks AUTH XOAUTH2 without the token where AUTH is offered only after STARTTLS, and reports Postfix''s 530 5.7.0' {
        $before = @(Get-Content -LiteralPath $script:IntrospectionLog).Count

        $r = Test-SmtpRelay $script:LabHost -Port $script:Submission -UserName $script:OAuthUser -AccessToken $script:Good -Security None -AllowUnencryptedAuthentication -IncludeTranscript

        $r.Status | Should -Be 'EncryptionRequired'
        $r.ReplyCode | Should -Be 530
        $r.EnhancedStatusCode | Should -Be '5.7.0'
        $r.ReplyText | Should -Match 'so the access token was not sent; it answered: 530 5\.7\.0 Must issue a STARTTLS command first'
        $r.AuthMechanismsBeforeTls | Should -BeNullOrEmpty
        @($r.Transcript -match '^C: AUTH') | Should -Be @('C: AUTH XOAUTH2')
        @(Get-Content -LiteralPath $script:IntrospectionLog).Count | Should -Be $before
    }

    It 'never shows the token: not in the object (JSON, CLIXML), the transcript, -Verbose, -Debug or $Error (<Name>)' -ForEach @(
        @{ Name = 'good token'; Bad = $false }
        @{ Name = 'bad token'; Bad = $true }
    ) {
        $secure = if ($Bad) { $script:BadSecure } else { $script:Good }
        $plain = if ($Bad) { $script:BadToken } else { $script:GoodToken }
        $encoded = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("user=$($script:OAuthUser)`u{1}auth=Bearer $plain`u{1}`u{1}"))

        $seen = Get-EverythingSeen { Test-SmtpRelay $script:LabHost -Port $script:Submission -UserName $script:OAuthUser -AccessToken $secure -SkipCertificateCheck -IncludeTranscript -Verbose -Debug }

        @($seen.Objects | Where-Object { $_.PSObject.Properties['Status'] }).Count | Should -Be 1
        @($seen.Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        $seen.Text | Should -Match 'AUTH XOAUTH2 \*{8}'
        $seen.Text.Contains($plain) | Should -BeFalse
        $seen.Text.Contains($encoded) | Should -BeFalse
        $seen.Text.Contains($plain.Substring(9, 16)) | Should -BeFalse
    }

    It 'never shows the token in the error of a value refused before connecting' {
        $token = "$($script:GoodToken)`r`nMAIL FROM:<x@evil.example>"
        $secure = ConvertTo-SecureString $token -AsPlainText -Force

        $seen = Get-EverythingSeen { Test-SmtpRelay $script:LabHost -Port $script:Submission -UserName $script:OAuthUser -AccessToken $secure -SkipCertificateCheck -Verbose -ErrorAction Continue }

        @($Error | Where-Object { $_.FullyQualifiedErrorId -like 'AccessTokenControlCharacter,*' }).Count | Should -Be 1
        $seen.Text.Contains($script:GoodToken) | Should -BeFalse
        $seen.Text | Should -Match "-AccessToken '<$($token.Length) characters>' is refused at position $($script:GoodToken.Length + 1)"
    }
}

Describe 'Test-SmtpRelay -AccessToken refuses values before connecting' {
    BeforeAll {
        # Nothing listens here: a refused value must stop the probe before any connection is tried.
        $script:Closed = 9199
    }

    It 'refuses <Name> in the account name (SaslUserNameControlCharacter) and sends nothing' -ForEach (Get-InjectionCase) {
        $r = Test-SmtpRelay $script:LabHost -Port $script:Closed -UserName "a$($Text)b@lab.test" -AccessToken $script:Good -ErrorVariable problems -ErrorAction SilentlyContinue

        $r | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SaslUserNameControlCharacter,*'
    }

    It 'refuses a password mechanism with a token (SaslMechanismSyntax)' {
        $r = Test-SmtpRelay $script:LabHost -Port $script:Closed -UserName u@lab.test -AccessToken $script:Good -SaslMechanism PLAIN -ErrorVariable problems -ErrorAction SilentlyContinue

        $r | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SaslMechanismSyntax,*'
        $problems[0].Exception.Message | Should -Match 'XOAUTH2 \(the default\) or OAUTHBEARER'
    }

    It 'refuses XOAUTH2 and OAUTHBEARER with a password (<_>): the password is never sent as a token' -ForEach @('XOAUTH2', 'oauthbearer') {
        $r = Test-SmtpRelay $script:LabHost -Port $script:Closed -Credential (ConvertTo-TestCredential u@lab.test 'secret-password') -SaslMechanism $_ -ErrorVariable problems -ErrorAction SilentlyContinue

        $r | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SaslMechanismSyntax,*'
        $problems[0].Exception.Message | Should -Match 'give -AccessToken'
        ($problems | Out-String) | Should -Not -Match 'secret-password'
    }

    It 'stops with AccessTokenWithoutUserName when no account is given' {
        { Test-SmtpRelay $script:LabHost -Port $script:Closed -AccessToken $script:Good -ErrorAction Stop } |
            Should -Throw -ErrorId 'AccessTokenWithoutUserName,RelayTools.Commands.TestSmtpRelayCommand'
    }

    It 'stops with UserNameWithoutAccessToken when -UserName comes without a token' {
        { Test-SmtpRelay $script:LabHost -Port $script:Closed -UserName u@lab.test -ErrorAction Stop } |
            Should -Throw -ErrorId 'UserNameWithoutAccessToken,RelayTools.Commands.TestSmtpRelayCommand'
    }
}
