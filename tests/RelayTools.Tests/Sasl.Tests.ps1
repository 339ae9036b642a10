BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

Describe 'ConvertTo-SaslPlain' {
    It 'builds the RFC 4616 token and the AUTH PLAIN line for user@example.com / password' {
        $token = ConvertTo-SaslPlain -Credential (ConvertTo-TestCredential 'user@example.com' 'password')
        $token.GetType().FullName | Should -Be 'RelayTools.Core.Sasl.SaslToken'
        $token.Mechanism | Should -Be 'PLAIN'
        $token.UserName | Should -Be 'user@example.com'
        $token.Token | Should -Be 'AHVzZXJAZXhhbXBsZS5jb20AcGFzc3dvcmQ='
        $token.Command | Should -Be 'AUTH PLAIN AHVzZXJAZXhhbXBsZS5jb20AcGFzc3dvcmQ='
    }

    It 'takes credentials from the pipeline, one token each' {
        $tokens = @((ConvertTo-TestCredential 'test' 'testpass'), (ConvertTo-TestCredential 'user@example.com' 'password')) | ConvertTo-SaslPlain -AsString
        $tokens | Should -Be @('AHRlc3QAdGVzdHBhc3M=', 'AHVzZXJAZXhhbXBsZS5jb20AcGFzc3dvcmQ=')
    }

    It 'keeps a DOMAIN\user name whole' {
        $token = ConvertTo-SaslPlain -Credential (ConvertTo-TestCredential 'CORP\jdoe' 'pw')
        $token.UserName | Should -Be 'CORP\jdoe'
        (ConvertFrom-SaslPlain $token.Token).UserName | Should -Be 'CORP\jdoe'
    }

    It 'builds the two AUTH LOGIN answers with -Mechanism Login' {
        $token = ConvertTo-SaslPlain -UserName 'user@example.com' -Password (ConvertTo-SecureString 'password' -AsPlainText -Force) -Mechanism Login
        $token.Mechanism | Should -Be 'LOGIN'
        $token.UserToken | Should -Be 'dXNlckBleGFtcGxlLmNvbQ=='
        $token.PasswordToken | Should -Be 'cGFzc3dvcmQ='
        $token.Command | Should -Be 'AUTH LOGIN'
        $token.Token | Should -BeNullOrEmpty
    }

    It 'puts the authorization id first' {
        $token = ConvertTo-SaslPlain -Credential (ConvertTo-TestCredential 'labuser' 'labpass') -AuthorizationId 'shared@lab.test'
        $token.Token | Should -Be 'c2hhcmVkQGxhYi50ZXN0AGxhYnVzZXIAbGFicGFzcw=='
        $token.AuthorizationId | Should -Be 'shared@lab.test'
    }

    It 'has no plain-string password parameter' {
        (Get-Command ConvertTo-SaslPlain).Parameters['Password'].ParameterType | Should -Be ([securestring])
        (Get-Command ConvertTo-SaslPlain).Parameters.Values | Where-Object { $_.Name -match 'Pass' -and $_.ParameterType -eq [string] } | Should -BeNullOrEmpty
    }

    It 'reports <Id> for <Case> and goes on with the next input' -ForEach @(
        @{ Case = 'an empty user name'; User = ''; Password = 'pw'; Id = 'SaslEmptyUserName' }
        @{ Case = 'a NUL in the user name'; User = "a`0b"; Password = 'pw'; Id = 'SaslNulInField' }
        @{ Case = 'a NUL in the password'; User = 'user'; Password = "p`0w"; Id = 'SaslNulInField' }
        @{ Case = 'a 300-octet password'; User = 'user'; Password = ('x' * 300); Id = 'SaslFieldTooLong' }
    ) {
        $inputs = @(
            [pscustomobject]@{ UserName = $User; Password = (ConvertTo-SecureString $Password -AsPlainText -Force) }
            [pscustomobject]@{ UserName = 'test'; Password = (ConvertTo-SecureString 'testpass' -AsPlainText -Force) }
        )
        $output = $inputs | ConvertTo-SaslPlain -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,RelayTools.Commands.ConvertToSaslPlainCommand"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].TargetObject | Should -Be $User
        $errors[0].Exception.Message | Should -Not -Match ([regex]::Escape($Password))
        $output.Token | Should -Be 'AHRlc3QAdGVzdHBhc3M='
    }

    It 'writes no password or token to the verbose stream' {
        $verbose = ConvertTo-SaslPlain -Credential (ConvertTo-TestCredential 'test' 'testpass') -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose | Should -Not -BeNullOrEmpty
        ($verbose | Out-String) | Should -Not -Match 'testpass|AHRlc3Q'
    }
}

Describe 'ConvertFrom-SaslPlain' {
    It 'decodes a token and keeps the password a SecureString' {
        $decoded = ConvertFrom-SaslPlain 'AHVzZXJAZXhhbXBsZS5jb20AcGFzc3dvcmQ='
        $decoded.UserName | Should -Be 'user@example.com'
        $decoded.AuthorizationId | Should -Be ''
        $decoded.Password | Should -BeOfType [securestring]
        $decoded.PlainTextPassword | Should -BeNullOrEmpty
        ConvertFrom-TestSecureString $decoded.Password | Should -Be 'password'
    }

    It 'masks the password in the default table' {
        $table = ConvertFrom-SaslPlain 'AHRlc3QAdGVzdHBhc3M=' | Out-String
        $table | Should -Match 'test\s+\*{8}'
        $table | Should -Not -Match 'testpass'
    }

    It 'reveals the password only with -AsPlainText' {
        $decoded = 'AUTH PLAIN AHRlc3QAdGVzdHBhc3M=' | ConvertFrom-SaslPlain -AsPlainText
        $decoded.UserName | Should -Be 'test'
        $decoded.PlainTextPassword | Should -Be 'testpass'
    }

    It 'reports <Id> for <Case>, names the input only redacted, and decodes the rest' -ForEach @(
        @{ Case = 'text that is not base64'; Token = 'AUTH PLAIN this-is-not-base64!'; Id = 'SaslTokenNotBase64' }
        @{ Case = 'a LOGIN token (no NUL)'; Token = 'dXNlckBleGFtcGxlLmNvbQ=='; Id = 'SaslTokenWrongFieldCount' }
        @{ Case = 'three NUL separators'; Token = 'AHRlc3QAdGVzdABwYXNz'; Id = 'SaslTokenWrongFieldCount' }
        @{ Case = 'invalid UTF-8'; Token = 'AHUAcP9zcw=='; Id = 'SaslTokenInvalidUtf8' }
        @{ Case = 'an empty input'; Token = ''; Id = 'SaslTokenNotBase64' }
    ) {
        $output = 'AHRlc3QAdGVzdHBhc3M=', $Token, 'AHVzZXJAZXhhbXBsZS5jb20AcGFzc3dvcmQ=' | ConvertFrom-SaslPlain -ErrorVariable errors -ErrorAction SilentlyContinue
        $output.UserName | Should -Be @('test', 'user@example.com')
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,RelayTools.Commands.ConvertFromSaslPlainCommand"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $bare = $Token -replace '^AUTH PLAIN ', ''
        if ($bare.Length -gt 8) { $errors[0].TargetObject | Should -Not -Match ([regex]::Escape($bare)) }
        $errors[0].TargetObject | Should -Match '<\d+ characters>'
    }

    It 'round-trips through ConvertTo-SaslPlain by property name' {
        $original = 'c2hhcmVkQGxhYi50ZXN0AGxhYnVzZXIAbGFicGFzcw=='
        (ConvertFrom-SaslPlain $original | ConvertTo-SaslPlain).Token | Should -Be $original
    }

    It 'accepts the Token property of ConvertTo-SaslPlain output' {
        (ConvertTo-TestCredential 'test' 'testpass' | ConvertTo-SaslPlain | ConvertFrom-SaslPlain -AsPlainText).PlainTextPassword | Should -Be 'testpass'
    }
}
