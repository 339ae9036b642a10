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
# Test-SmtpRelay: against the Postfix lab when one is running (build.ps1 -Task Test sets RELAYTOOLS_LAB_ENV;
# tests/lab/lab.sh start DIR BASE writes DIR/lab.env), else against a loopback port nobody listens on.
$lab = @{}
if ($env:RELAYTOOLS_LAB_ENV -and (Test-Path -LiteralPath $env:RELAYTOOLS_LAB_ENV)) {
    foreach ($line in Get-Content -LiteralPath $env:RELAYTOOLS_LAB_ENV) { if ($line -match '^(\w+)=(.*)$') { $lab[$Matches[1]] = $Matches[2] } }
}
if ($lab.Count -gt 0) {
    Show-Step 'Does the lab relay for an unauthenticated client, and for an authenticated one on submission?' 'Test-SmtpRelay 127.0.0.1 -Port 25/587 [-Credential] -SkipCertificateCheck'
    @(
        Test-SmtpRelay $lab.LAB_HOST -Port $lab.LAB_SMTP_PORT -SkipCertificateCheck
        Test-SmtpRelay $lab.LAB_HOST -Port $lab.LAB_SUBMISSION_PORT -Credential $labCredential -SkipCertificateCheck
    ) | Format-Table | Out-Host
    Show-Step 'Open-relay audit of the lab' 'Test-SmtpOpenRelay 127.0.0.1 -Port 25'
    Test-SmtpOpenRelay $lab.LAB_HOST -Port $lab.LAB_SMTP_PORT | Format-Table | Out-Host
}
else {
    $listener = New-Object System.Net.Sockets.TcpListener ([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $closedPort = $listener.LocalEndpoint.Port; $listener.Stop()
    Show-Step 'An unreachable server is a result (ConnectionFailed) with its likely causes, not an error' "Test-SmtpRelay 127.0.0.1 -Port $closedPort"
    $probe = Test-SmtpRelay 127.0.0.1 -Port $closedPort
    $probe | Format-Table | Out-Host
    $probe.Diagnosis.Causes | Select-Object -First 2 | Format-List Rank, Id, Summary, Check | Out-Host
}

Show-Step 'Explain SMTP replies, client errors and log lines (a blank line is reported, the rest go on)' 'Get-Content examples/smtp-replies.txt | Resolve-SmtpReply'
Get-Content -LiteralPath (Join-Path $here 'smtp-replies.txt') | Resolve-SmtpReply -ErrorAction SilentlyContinue -ErrorVariable replyErrors | Format-Table -AutoSize | Out-Host
foreach ($e in $replyErrors) { Write-Host ("  error {0}: {1}" -f $e.FullyQualifiedErrorId, $e.Exception.Message) -ForegroundColor Yellow }

Show-Step 'What to check and change for a Postfix relay denial' "(Resolve-SmtpReply '554 5.7.1 <x@gmail.com>: Relay access denied').Causes | Format-List Rank, Id, Check, Fix"
(Resolve-SmtpReply '554 5.7.1 <x@gmail.com>: Relay access denied').Causes | Select-Object -First 3 | Format-List Rank, Id, Check, Fix | Out-Host
exit 0
