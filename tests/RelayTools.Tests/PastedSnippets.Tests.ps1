# Configuration pasted from web pages loses its indentation. The real postconf is the witness: it refuses
# the pasted file, accepts the corrected text RelayTools gives, and reads it as -AssumeContinuation does.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoPostfix = -not (Get-LabConfig) -or -not (Get-Command postconf -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Main = @(
        'myhostname = mx.lab.test'
        'mydomain = lab.test'
        'mynetworks = 127.0.0.0/8'
        'smtpd_relay_restrictions ='
        '# pasted from a troubleshooting page'
        'smtpd_recipient_restrictions ='
        'permit_mynetworks,'
        'reject_unauth_destination'
    )
    $script:Master = @(
        'smtp inet n - n - - smtpd'
        'submission inet n - n - - smtpd'
        '-o smtpd_tls_security_level=encrypt'
    )
    function New-ConfigDirectory([string[]] $Main, [string[]] $Master) {
        $dir = Join-Path ([System.IO.Path]::GetTempPath()) ('relaytools-paste-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        [void] (New-Item -ItemType Directory -Path $dir)
        Set-Content -LiteralPath (Join-Path $dir 'main.cf') -Value $Main
        Set-Content -LiteralPath (Join-Path $dir 'master.cf') -Value $Master
        $dir
    }
    function Invoke-Postconf([string[]] $Arguments) {
        $output = & postconf @Arguments 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output -join "`n" }
    }
}

Describe 'Pasted Postfix snippets whose indentation was lost' -Skip:$script:NoPostfix {
    It 'lints each unindented line with what it continues and the corrected text, which the real postconf then accepts' {
        $dir = New-ConfigDirectory $script:Main $script:Master
        try {
            $real = Invoke-Postconf @('-c', $dir, 'smtpd_recipient_restrictions')
            $real.ExitCode | Should -Not -Be 0
            $real.Output | Should -Match 'main\.cf, line 7: missing .=. after attribute name'

            $findings = @(Test-PostfixRelayConfig -ConfigDirectory $dir -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Where-Object Id -eq 'UnindentedContinuation')
            $findings.Origin | Should -Be @('main.cf:7', 'main.cf:8', 'master.cf:3')
            $findings[0].Message | Should -Match '^line 7 continues smtpd_recipient_restrictions from line 6 but is not indented; Postfix reads it as a new parameter and refuses to start'
            $findings[2].Message | Should -Match '^line 3 continues the submission service \(master\.cf:2\) but is not indented'

            # Apply each finding's corrected line, and the real postconf reads the lists as meant.
            $main = [string[]] $script:Main.Clone(); $master = [string[]] $script:Master.Clone()
            foreach ($f in $findings) {
                $file, $line = $f.Origin -split ':'
                if ($file -eq 'main.cf') { $main[[int] $line - 1] = $f.Fix[-1] } else { $master[[int] $line - 1] = $f.Fix[-1] }
            }
            Set-Content -LiteralPath (Join-Path $dir 'main.cf') -Value $main
            Set-Content -LiteralPath (Join-Path $dir 'master.cf') -Value $master
            $fixed = Invoke-Postconf @('-c', $dir, '-h', 'smtpd_recipient_restrictions')
            $fixed.ExitCode | Should -Be 0
            $fixed.Output | Should -Be 'permit_mynetworks, reject_unauth_destination'
            (Invoke-Postconf @('-c', $dir, '-P', 'submission/inet/smtpd_tls_security_level')).Output | Should -Be 'submission/inet/smtpd_tls_security_level = encrypt'
        }
        finally { Remove-Item -LiteralPath $dir -Recurse -Force }
    }

    It 'the what-if refuses to guess as written, and with -AssumeContinuation evaluates the intended meaning, marked as such' {
        $dir = New-ConfigDirectory $script:Main $script:Master
        try {
            $asWritten = Test-PostfixRelay -ConfigDirectory $dir -ClientAddress 192.0.2.9 -Recipient x@gmail.com -ErrorAction SilentlyContinue -ErrorVariable problems -WarningAction SilentlyContinue
            ($problems.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Sort-Object -Unique) | Should -Be 'PostfixUnindentedContinuation'

            $meant = Test-PostfixRelay -ConfigDirectory $dir -ClientAddress 192.0.2.9 -Recipient x@gmail.com -AssumeContinuation -WarningAction SilentlyContinue -WarningVariable warnings
            $meant.Reply | Should -Be '554 5.7.1 <x@gmail.com>: Relay access denied'
            $meant.DecidedBy | Should -Be 'reject_unauth_destination'
            $meant.Notes -join ' ' | Should -Match 'Evaluated as intended, not as written \(-AssumeContinuation\): main\.cf:7, main\.cf:8'
            $warnings.Count | Should -Be 3
            $asWritten.Reply | Should -Not -Be $meant.Reply
        }
        finally { Remove-Item -LiteralPath $dir -Recurse -Force }
    }
}
