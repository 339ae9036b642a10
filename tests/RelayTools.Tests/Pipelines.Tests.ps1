# The cmdlets are meant to be chained: each one's output pipes into the next by property name.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Examples = Join-Path $PSScriptRoot '../../examples'
}

Describe 'Chaining the cmdlets' {
    It 'explains every relay rejection Get-RelayRejection finds (Get-RelayRejection | Resolve-SmtpReply)' {
        $rejections = @(Get-RelayRejection -Path (Join-Path $script:Examples 'logs/mail.log*'))
        $rejections.Count | Should -BeGreaterThan 0
        $explained = @($rejections | Resolve-SmtpReply)
        $explained.Count | Should -Be $rejections.Count
        $explained | ForEach-Object { $_.Category | Should -Be 'RelayDenied' }
        $explained[0].Mta | Should -Be 'Postfix'
        $explained[0].ReplyCode | Should -Be $rejections[0].ReplyCode
    }

    It 'feeds the clients of the log into the what-if evaluator (Get-RelayRejection | Test-PostfixRelay)' {
        $rejections = @(Get-RelayRejection -Path (Join-Path $script:Examples 'logs/mail.log*') | Where-Object ReplyCode -EQ 554)
        $predicted = @($rejections | Test-PostfixRelay -ConfigDirectory (Join-Path $script:Examples 'postfix/correct') -WarningAction SilentlyContinue)
        $predicted.Count | Should -Be $rejections.Count
        $predicted[0].ClientAddress | Should -Be $rejections[0].ClientAddress
        $predicted[0].Recipient | Should -Be $rejections[0].Recipient
    }
}

Describe 'Piped what-if cases' {
    It 'reports a bad client address for that case only and evaluates the others' {
        $cases = @(
            [pscustomobject]@{ ClientAddress = '192.0.2.10'; Recipient = 'x@gmail.com'; SaslUser = $null; Helo = $null }
            [pscustomobject]@{ ClientAddress = 'not-an-ip'; Recipient = 'x@gmail.com' }
            [pscustomobject]@{ ClientAddress = '198.51.100.7'; Recipient = 'x@gmail.com' }
        )
        $results = @($cases | Test-PostfixRelay -ConfigDirectory (Join-Path $script:Examples 'postfix/correct') -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $results.ClientAddress | Should -Be @('192.0.2.10', '198.51.100.7')
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'PostfixBadClientAddress,RelayTools.Commands.TestPostfixRelayCommand'
        $errors[0].TargetObject | Should -Be 'not-an-ip'
    }
}

Describe 'Chaining against the Postfix lab' -Skip:$script:NoLab {
    BeforeAll { $script:Lab = Get-LabConfig }

    It 'explains a probe result (Test-SmtpRelay | Resolve-SmtpReply) with the same category' {
        $probe = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Lab.LAB_SMTP_PORT -SkipCertificateCheck
        $probe.Status | Should -Be 'RelayDenied'
        $explained = $probe | Resolve-SmtpReply
        $explained.Category | Should -Be 'RelayDenied'
        $explained.EnhancedStatusCode | Should -Be '5.7.1'
    }
}
