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
    Show-Step 'Why is the application server 127.0.0.9 refused? Probe, log and configuration in one diagnosis' 'Debug-SmtpRelay 127.0.0.1 -ClientAddress 127.0.0.9 -To boss@gmail.com -PostfixConfig DIR/etc -Log DIR/postfix.log'
    $diagnosis = Debug-SmtpRelay $lab.LAB_HOST -Port $lab.LAB_SMTP_PORT, $lab.LAB_SUBMISSION_PORT -ClientAddress 127.0.0.9 -To boss@gmail.com `
        -PostfixConfig (Join-Path $lab.LAB_DIR 'etc') -Log $lab.LAB_LOG -SkipCertificateCheck
    $diagnosis | Format-Table | Out-String -Width 140 | Out-Host
    $diagnosis.Evidence | Format-Table Source, Origin, Text -Wrap | Out-String -Width 140 | Out-Host
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
Show-Step 'Relay rejections in rotated Postfix logs (mail.log.2.gz, mail.log.1, mail.log), oldest first' 'Get-RelayRejection -Path examples/logs/mail.log*'
$logs = Join-Path $here 'logs'
Get-RelayRejection -Path (Join-Path $logs 'mail.log*') | Format-Table -AutoSize | Out-Host

Show-Step 'Which clients try to relay: the addresses to put in mynetworks, or to move to AUTH on 587' 'Get-RelayRejection -Path examples/logs/mail.log* | Group-Object ClientAddress'
Get-RelayRejection -Path (Join-Path $logs 'mail.log*') | Group-Object ClientAddress | Sort-Object Count -Descending | Format-Table Count, Name -AutoSize | Out-Host

Show-Step 'Exim, Sendmail and an Exchange receive log, with SASL failures' 'Get-RelayRejection -Path examples/logs/exim-mainlog, examples/logs/sendmail-maillog, examples/logs/exchange/*.LOG -IncludeAuthFailures'
Get-RelayRejection -Path (Join-Path $logs 'exim-mainlog'), (Join-Path $logs 'sendmail-maillog'), (Join-Path $logs 'exchange/*.LOG') -IncludeAuthFailures |
    Format-Table Mta, ClientAddress, Recipient, Kind, ReplyCode -AutoSize | Out-Host

Show-Step 'Lines from the pipeline (journalctl, ssh, Get-Content) work the same' 'Get-Content examples/logs/mail.log | Get-RelayRejection -IncludeAuthFailures | Format-List'
Get-Content -LiteralPath (Join-Path $logs 'mail.log') | Get-RelayRejection -IncludeAuthFailures | Where-Object Kind -NE 'RelayDenied' |
    Format-List Timestamp, ClientAddress, Kind, Reason, LineNumber | Out-Host
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

# Sendmail: the shipped sample in examples/sendmail (Debian's sendmail.mc plus relay_entire_domain, compiled by the real m4 files).
$sendmail = Join-Path $here 'sendmail'
Show-Step 'Sendmail what-if: which access line, class or rule decides' "Test-SendmailRelay -ConfigDirectory examples/sendmail -ClientAddress 192.168.10.7, 10.20.1.5 -ClientName '' -Recipient boss@gmail.com"
foreach ($client in '192.168.10.7', '10.20.1.5') {
    Test-SendmailRelay -ConfigDirectory $sendmail -ClientAddress $client -ClientName '' -Recipient boss@gmail.com -WarningAction SilentlyContinue |
        Format-List ClientAddress, Decision, Reply, DecidedBy, DecidedByOrigin | Out-Host
}
Show-Step 'Sendmail findings with the lines that fix them' 'Test-SendmailRelayConfig -ConfigDirectory examples/sendmail'
foreach ($finding in Test-SendmailRelayConfig -ConfigDirectory $sendmail) {
    Write-Host ("  [{0}] {1} ({2}): {3}" -f $finding.Severity, $finding.Id, $finding.Origin, $finding.Message)
    foreach ($line in $finding.Fix) { Write-Host "      fix> $line" -ForegroundColor Green }
}

# Exchange: exports built from Microsoft's documented defaults (examples/exchange/New-ExampleExport.ps1); not verified against Exchange.
$exchange = Join-Path $here 'exchange'
$rc = Import-Clixml (Join-Path $exchange 'receive-connectors.xml')
$ad = Import-Clixml (Join-Path $exchange 'accepted-domains.xml')
$perm = Import-Clixml (Join-Path $exchange 'permissions.xml')
Show-Step 'Exchange what-if: which Receive connector 10.20.1.5 and 192.168.5.10 hit on EX01:25, and whether they may relay' 'Test-ExchangeRelay -ReceiveConnector $rc -AcceptedDomain $ad -Permission $perm -ClientAddress 10.20.1.5 -ServerAddress 10.0.0.5 -Server EX01 -Recipient someone@fabrikam.com'
foreach ($client in '10.20.1.5', '192.168.5.10') {
    Test-ExchangeRelay -ReceiveConnector $rc -AcceptedDomain $ad -Permission $perm -ClientAddress $client -ServerAddress 10.0.0.5 -Server EX01 -Recipient someone@fabrikam.com |
        Format-List ClientAddress, Connector, MatchReason, Decision, Reply, Fix | Out-Host
}
$open = Join-Path $exchange 'open-relay'
Show-Step 'Exchange findings with the commands that fix them' 'Import-Csv examples/exchange/open-relay/receive-connectors.csv | Test-ExchangeRelayConfig -AcceptedDomain (Import-Csv ...) -Permission (Import-Csv ...)'
$findings = Import-Csv (Join-Path $open 'receive-connectors.csv') |
    Test-ExchangeRelayConfig -AcceptedDomain (Import-Csv (Join-Path $open 'accepted-domains.csv')) -Permission (Import-Csv (Join-Path $open 'permissions.csv'))
foreach ($finding in $findings) {
    Write-Host ("  [{0}] {1} ({2}): {3}" -f $finding.Severity, $finding.Id, $finding.Origin, $finding.Message)
    foreach ($line in $finding.Fix) { Write-Host "      fix> $line" -ForegroundColor Green }
}

# DNS: the lab's own zones (tests/lab/dns) served by NSD on loopback, when NSD is installed here (the tests install it).
$dnsScript = Join-Path $here '../tests/lab/dns.sh'
$onLinux = [bool] (Get-Variable -Name IsLinux -ValueOnly -ErrorAction SilentlyContinue)
$nsd = $false
if ($onLinux -and (& id -u) -eq '0') { & bash $dnsScript available 2>$null; $nsd = $LASTEXITCODE -eq 0 }
if ($nsd) {
    $dnsDir = Join-Path ([System.IO.Path]::GetTempPath()) ('relaytools-demo-dns-' + $PID)
    & bash $dnsScript start $dnsDir 5399 *> $null
    try {
        Show-Step 'The error after relaying works: SPF, DMARC, DKIM and reverse DNS of the relay''s address' 'Test-SenderAuthorization -Domain lab.relaytools.test -SendingAddress 127.0.0.1, 192.0.2.25 -DkimSelector sel1 -DnsServer 127.0.0.1:5399'
        $auth = Test-SenderAuthorization -Domain lab.relaytools.test -SendingAddress 127.0.0.1, 192.0.2.25 -DkimSelector sel1 -DnsServer 127.0.0.1:5399
        $auth | Format-Table | Out-String -Width 160 | Out-Host
        foreach ($finding in $auth.Findings) {
            Write-Host ("  [{0}] {1}: {2}" -f $finding.Severity, $finding.Check, $finding.Message)
            if ($finding.Record) { Write-Host "      publish> $($finding.RecordName) $($finding.RecordType) `"$($finding.Record)`"" -ForegroundColor Green }
        }
        Show-Step 'Which SPF terms decided' '(Test-SenderAuthorization -Domain chain.spf.relaytools.test -SendingAddress 127.0.0.7 -DnsServer 127.0.0.1:5399).Spf.Path'
        (Test-SenderAuthorization -Domain chain.spf.relaytools.test -SendingAddress 127.0.0.7 -DnsServer 127.0.0.1:5399).Spf.Path | Format-Table | Out-String -Width 160 | Out-Host
    }
    finally { & bash $dnsScript stop $dnsDir *> $null; Remove-Item -LiteralPath $dnsDir -Recurse -Force -ErrorAction SilentlyContinue }
}
else {
    Write-Host ''
    Write-Host '== Test-SenderAuthorization: skipped (needs NSD from tests/lab/dns.sh install, as root on Linux)' -ForegroundColor Cyan
}
exit 0
