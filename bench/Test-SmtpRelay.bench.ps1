<#
.SYNOPSIS
    Benchmarks Test-SmtpRelay against what admins use today, and against silent servers.
.DESCRIPTION
    1. 200 relay probes of the Postfix lab's port-25 listener (EHLO, STARTTLS, MAIL FROM, RCPT TO, QUIT;
       the answer is 554 5.7.1): Test-SmtpRelay with its default -ThrottleLimit, against a sequential loop
       of `swaks --tls --quit-after RCPT` doing the same dialog. Prints both times and the ratio (target >= 20x).
    2. 50 silent loopback endpoints (they accept the connection and never greet) with -Timeout 2: prints the
       total time (target < 4 s), with -ThrottleLimit 50 (all at once) and with the default throttle (32).
    Starts its own lab with tests/lab/lab.sh (Linux, root) on -LabBase unless -LabEnv names a running one.
    Needs the built module: dotnet pwsh ./build.ps1 -Task Build.
.EXAMPLE
    dotnet pwsh ./bench/Test-SmtpRelay.bench.ps1 -LabBase 3200
#>
[CmdletBinding()]
param(
    [int] $Probes = 200,
    [int] $SilentEndpoints = 50,
    [int] $LabBase = 2900,
    [string] $LabEnv,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/RelayTools/RelayTools.psd1')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
Import-Module $ModulePath -Force

$labDir = $null
if (-not $LabEnv) {
    $labDir = Join-Path ([System.IO.Path]::GetTempPath()) "relaytools-bench-lab-$LabBase"
    & bash (Join-Path $PSScriptRoot '../tests/lab/lab.sh') start $labDir $LabBase | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'Could not start the lab (Linux, root, Postfix and Dovecot needed).' }
    $LabEnv = Join-Path $labDir 'lab.env'
}
$lab = @{}
foreach ($line in Get-Content -LiteralPath $LabEnv) { if ($line -match '^(\w+)=(.*)$') { $lab[$Matches[1]] = $Matches[2] } }
$server = $lab.LAB_HOST
$port = [int] $lab.LAB_SMTP_PORT

try {
    # Warm-up (JIT, Postfix's first smtpd and tlsmgr) so neither side pays it in the measurement.
    $null = Test-SmtpRelay $server -Port $port -SkipCertificateCheck
    $null = & swaks --server "${server}:$port" --from relay-probe@example.net --to relay-probe@example.com --quit-after RCPT --tls --helo probe 2>&1

    # --- 1. 200 probes: Test-SmtpRelay (default throttle) vs sequential swaks ---
    $targets = 1..$Probes | ForEach-Object { [pscustomobject]@{ Server = $server; Port = $port } }
    # Three runs, the median counts: one run of 200 probes lasts well under a second, so a busy machine
    # (other builds) moves a single measurement a lot.
    $runs = foreach ($run in 1..3) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $results = $targets | Test-SmtpRelay -SkipCertificateCheck
        $clock.Elapsed.TotalSeconds
    }
    $runs = @($runs | Sort-Object)
    $relayTools = $runs[1]
    $denied = @($results | Where-Object { $_.Status -eq 'RelayDenied' -and $_.ReplyCode -eq 554 }).Count
    if ($denied -ne $Probes) { Write-Warning "Test-SmtpRelay: only $denied of $Probes probes got 554 RelayDenied." }

    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $swaksDenied = 0
    for ($i = 0; $i -lt $Probes; $i++) {
        $null = & swaks --server "${server}:$port" --from relay-probe@example.net --to relay-probe@example.com --quit-after RCPT --tls --helo probe 2>&1
        if ($LASTEXITCODE -eq 24) { $swaksDenied++ }   # 24: no RCPT accepted
    }
    $swaks = $clock.Elapsed.TotalSeconds
    if ($swaksDenied -ne $Probes) { Write-Warning "swaks: only $swaksDenied of $Probes probes ended with exit code 24 (RCPT refused)." }

    # --- 2. 50 silent endpoints with -Timeout 2 ---
    # Listening sockets that never accept: the kernel completes the TCP handshake, no greeting ever comes.
    $listeners = 1..$SilentEndpoints | ForEach-Object {
        $l = New-Object System.Net.Sockets.TcpListener ([System.Net.IPAddress]::Loopback, 0)
        $l.Start($SilentEndpoints)
        $l
    }
    try {
        $silent = $listeners | ForEach-Object { [pscustomobject]@{ Server = '127.0.0.1'; Port = $_.LocalEndpoint.Port } }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $timeouts = $silent | Test-SmtpRelay -Timeout 2 -ThrottleLimit $SilentEndpoints
        $silentAll = $clock.Elapsed.TotalSeconds
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $timeoutsDefault = $silent | Test-SmtpRelay -Timeout 2
        $silentDefault = $clock.Elapsed.TotalSeconds
    }
    finally { $listeners | ForEach-Object { $_.Stop() } }
    $timedOut = @($timeouts | Where-Object Status -EQ 'Timeout').Count
    $timedOutDefault = @($timeoutsDefault | Where-Object Status -EQ 'Timeout').Count

    ''
    'Relay probes of Postfix (EHLO, STARTTLS, MAIL, RCPT -> 554 5.7.1), {0} probes' -f $Probes
    '  Test-SmtpRelay (ThrottleLimit 32) : {0,8:N2} s   ({1} x RelayDenied 554; median of 3 runs: {2:N2} / {3:N2} / {4:N2} s)' -f $relayTools, $denied, $runs[0], $runs[1], $runs[2]
    '  swaks --quit-after RCPT, in a loop: {0,8:N2} s   ({1} x exit 24)' -f $swaks, $swaksDenied
    '  ratio                             : {0,8:N1} x   (target >= 20 x)' -f ($swaks / $relayTools)
    ''
    '{0} silent endpoints, -Timeout 2' -f $SilentEndpoints
    '  -ThrottleLimit {0,-3}               : {1,8:N2} s   ({2} x Timeout; target < 4 s)' -f $SilentEndpoints, $silentAll, $timedOut
    '  default -ThrottleLimit 32         : {0,8:N2} s   ({1} x Timeout; two waves of 2 s)' -f $silentDefault, $timedOutDefault
}
finally {
    if ($labDir) { & bash (Join-Path $PSScriptRoot '../tests/lab/lab.sh') stop $labDir | Out-Null }
}
