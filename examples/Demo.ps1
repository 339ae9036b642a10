<#
.SYNOPSIS
    The main job on the shipped samples: imports the built module and runs each cmdlet on examples/.
#>
[CmdletBinding()]
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$here = $PSScriptRoot

function Show-Step([string] $Title, [string] $Command) {
    Write-Host ''
    Write-Host "== $Title" -ForegroundColor Cyan
    Write-Host "PS> $Command" -ForegroundColor DarkGray
}

# A lab credential (sample data, the same as tests/lab uses), never a real one.
$labCredential = New-Object System.Management.Automation.PSCredential('labuser', (ConvertTo-SecureString 'labpass' -AsPlainText -Force))

Show-Step 'Build the AUTH PLAIN line to type after STARTTLS' 'ConvertTo-SaslPlain -Credential $labCredential'
ConvertTo-SaslPlain -Credential $labCredential | Format-Table -AutoSize | Out-Host

Show-Step 'The two AUTH LOGIN answers' 'ConvertTo-SaslPlain -Credential $labCredential -Mechanism Login | Format-List'
ConvertTo-SaslPlain -Credential $labCredential -Mechanism Login | Format-List Mechanism, UserName, UserToken, PasswordToken, Command | Out-Host

Show-Step 'Decode the AUTH PLAIN tokens found in a transcript (bad lines are reported, the rest go on)' 'Get-Content examples/sasl-tokens.txt | ConvertFrom-SaslPlain'
Get-Content -LiteralPath (Join-Path $here 'sasl-tokens.txt') | ConvertFrom-SaslPlain -ErrorAction SilentlyContinue -ErrorVariable decodeErrors | Format-Table -AutoSize | Out-Host
foreach ($e in $decodeErrors) { Write-Host ("  error {0}: {1}" -f $e.FullyQualifiedErrorId, $e.Exception.Message) -ForegroundColor Yellow }
# Postfix configuration: the shipped samples in examples/postfix (a sound one, the classic broken order, an open relay).
$postfix = Join-Path $here 'postfix'
Show-Step 'The relay lists of every smtpd service, with -o overrides and origins' 'Get-PostfixRestriction -ConfigDirectory examples/postfix/correct -List relay'
Get-PostfixRestriction -ConfigDirectory (Join-Path $postfix 'correct') -List relay | Format-Table -AutoSize | Out-Host

Show-Step 'The expanded relay settings per service' 'Get-PostfixRelaySetting -ConfigDirectory examples/postfix/correct'
Get-PostfixRelaySetting -ConfigDirectory (Join-Path $postfix 'correct') | Format-Table -AutoSize | Out-Host

Show-Step 'What-if: an authenticated user relays through the broken order' 'Test-PostfixRelay -ConfigDirectory examples/postfix/broken-order -ClientAddress 10.20.1.5 -SaslUser bob -Recipient x@gmail.com, a@shop.example'
Test-PostfixRelay -ConfigDirectory (Join-Path $postfix 'broken-order') -ClientAddress 10.20.1.5 -SaslUser bob -Recipient x@gmail.com, a@shop.example -WarningAction SilentlyContinue |
    Format-Table -AutoSize | Out-Host

Show-Step '... and the trace of the first one' '(Test-PostfixRelay ... -Recipient x@gmail.com).Trace'
(Test-PostfixRelay -ConfigDirectory (Join-Path $postfix 'broken-order') -ClientAddress 10.20.1.5 -SaslUser bob -Recipient x@gmail.com -WarningAction SilentlyContinue).Trace |
    Format-Table -AutoSize | Out-Host

Show-Step 'Findings with the lines that fix them' 'Test-PostfixRelayConfig -ConfigDirectory examples/postfix/broken-order, examples/postfix/open-relay'
foreach ($sample in 'broken-order', 'open-relay') {
    Write-Host "  $sample" -ForegroundColor DarkGray
    foreach ($finding in Test-PostfixRelayConfig -ConfigDirectory (Join-Path $postfix $sample)) {
        Write-Host ("  [{0}] {1} ({2}): {3}" -f $finding.Severity, $finding.Id, $finding.Origin, $finding.Message)
        foreach ($line in $finding.Fix) { Write-Host "      fix> $line" -ForegroundColor Green }
    }
}

Show-Step 'postconf output piped in, as from ssh mx1 postconf -n' "'compatibility_level = 3.6', 'myhostname = mx1.example.com', 'mynetworks = 127.0.0.0/8' | Test-PostfixRelay -ClientAddress 198.51.100.7 -Recipient x@gmail.com"
'compatibility_level = 3.6', 'myhostname = mx1.example.com', 'mynetworks = 127.0.0.0/8' | Test-PostfixRelay -ClientAddress 198.51.100.7 -Recipient x@gmail.com | Format-Table -AutoSize | Out-Host
exit 0
