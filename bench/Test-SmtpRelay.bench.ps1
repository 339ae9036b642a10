<#
.SYNOPSIS
    Benchmarks Test-SmtpRelay against what admins use today, and against silent servers.
.DESCRIPTION
    1. 200 STARTTLS relay probes of the Postfix lab's port-25 listener (EHLO, STARTTLS, EHLO, MAIL FROM,
       RCPT TO, QUIT; the answer is 554 5.7.1), side by side in one run:
       - Test-SmtpRelay -SkipCertificateCheck with its default -ThrottleLimit (32);
       - the Python smtplib loop an admin writes (bench/smtplib_probe.py: ThreadPoolExecutor(32),
         smtplib.SMTP, ehlo, starttls with verification off, ehlo, mail, rcpt, quit);
       - a sequential loop of `swaks --tls --quit-after RCPT` (target >= 20x).
       Each is measured cold, as users run it (a fresh process, its first call: -ColdRuns processes, the
       median counts) and warm (-Runs calls in one process after a warm-up: best and median), with the
       ratios Python / Test-SmtpRelay (above 1: Test-SmtpRelay is faster).
    2. 50 silent loopback endpoints (they accept the connection and never greet) with -Timeout 2: prints the
       total time (target < 4 s), with -ThrottleLimit 50 (all at once) and with the default throttle (32).
    The load average (uptime) is printed before and after: other work on the machine moves every number.
    Starts its own lab with tests/lab/lab.sh (Linux, root) on -LabBase unless -LabEnv names a running one.
    Needs the built module (dotnet pwsh ./build.ps1 -Task Build), python3, and swaks for its part.
.EXAMPLE
    dotnet pwsh ./bench/Test-SmtpRelay.bench.ps1 -LabBase 3200
.EXAMPLE
    dotnet pwsh ./bench/Test-SmtpRelay.bench.ps1 -LabEnv /tmp/lab/lab.env -SwaksProbes 0 -Runs 9
#>
[CmdletBinding()]
param(
    [int] $Probes = 200,
    [int] $SilentEndpoints = 50,
    [int] $LabBase = 2900,
    [string] $LabEnv,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/RelayTools/RelayTools.psd1'),
    # Warm calls in one process (best and median are printed).
    [int] $Runs = 5,
    # Fresh processes for the cold first call (the median is printed).
    [int] $ColdRuns = 3,
    # Probes of the sequential swaks loop (0 skips it: it takes about 12 s for 200).
    [int] $SwaksProbes = 200,
    # Internal: run as the child process of a cold measurement (import, one call, JSON out).
    [switch] $ColdChild,
    [string] $ColdServer,
    [int] $ColdPort
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

if ($ColdChild) {
    # A user's first call: the module is imported in a fresh process and runs once.
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    Import-Module $ModulePath
    $import = $clock.Elapsed.TotalSeconds
    $targets = @("${ColdServer}:$ColdPort") * $Probes
    $clock.Restart()
    $results = Test-SmtpRelay $targets -SkipCertificateCheck
    $first = $clock.Elapsed.TotalSeconds
    $denied = @($results | Where-Object { $_.Status -eq 'RelayDenied' -and $_.ReplyCode -eq 554 }).Count
    [pscustomobject]@{ Import = $import; First = $first; Denied = $denied } | ConvertTo-Json -Compress
    return
}

Import-Module $ModulePath -Force

function Get-Load { (Get-Content -LiteralPath /proc/loadavg -ErrorAction SilentlyContinue) -replace '^(\S+ \S+ \S+).*', '$1' }
function Get-Median([double[]] $Values) { $s = @($Values | Sort-Object); if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }
function Get-Count554($Measured) { $p = $Measured.replies.PSObject.Properties['554']; if ($p) { [int] $p.Value } else { 0 } }
function Get-ChildPowerShell {
    # This PowerShell as a command for a child process: pwsh, or 'dotnet pwsh.dll' when run as a dotnet tool.
    $exe = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return , @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    , @($exe)
}

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
$python = Get-Command python3 -ErrorAction SilentlyContinue | Select-Object -First 1 -ExpandProperty Source
$swaksCommand = Get-Command swaks -ErrorAction SilentlyContinue | Select-Object -First 1 -ExpandProperty Source
$smtplibScript = Join-Path $PSScriptRoot 'smtplib_probe.py'
$loadBefore = Get-Load

try {
    # Warm-up of the server side (Postfix's first smtpd processes and tlsmgr), so no tool pays it.
    $null = Test-SmtpRelay $server -Port $port -SkipCertificateCheck
    if ($python) { $null = & $python $smtplibScript --host $server --port $port --probes 32 --threads 32 }

    # --- 1a. cold: a fresh process, its first call ---
    $child = Get-ChildPowerShell
    $childArgs = @($child | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath,
        '-ColdChild', '-ModulePath', (Resolve-Path -LiteralPath $ModulePath).Path, '-Probes', $Probes, '-ColdServer', $server, '-ColdPort', $port)
    $cold = foreach ($run in 1..$ColdRuns) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $json = & $child[0] @childArgs
        $process = $clock.Elapsed.TotalSeconds
        if ($LASTEXITCODE -ne 0) { throw "The cold run's child process failed: $json" }
        $measured = $json | ConvertFrom-Json
        [pscustomobject]@{ First = $measured.First; Import = $measured.Import; Process = $process; Denied = $measured.Denied }
    }
    $pyCold = if ($python) {
        foreach ($run in 1..$ColdRuns) {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $measured = & $python $smtplibScript --host $server --port $port --probes $Probes --threads 32 --runs 1 | ConvertFrom-Json
            [pscustomobject]@{ First = $measured.seconds[0]; Process = $clock.Elapsed.TotalSeconds; Denied = (Get-Count554 $measured) }
        }
    }

    # --- 1b. warm: several calls in one process, after a warm-up call ---
    $targets = @("${server}:$port") * $Probes
    $null = Test-SmtpRelay $targets -SkipCertificateCheck
    $warm = foreach ($run in 1..$Runs) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $results = Test-SmtpRelay $targets -SkipCertificateCheck
        $clock.Elapsed.TotalSeconds
    }
    $denied = @($results | Where-Object { $_.Status -eq 'RelayDenied' -and $_.ReplyCode -eq 554 }).Count
    if ($denied -ne $Probes) { Write-Warning "Test-SmtpRelay: only $denied of $Probes probes got 554 RelayDenied." }
    $pyWarm = $null
    if ($python) {
        # The first run of the process is its warm-up, as for Test-SmtpRelay.
        $measured = & $python $smtplibScript --host $server --port $port --probes $Probes --threads 32 --runs ($Runs + 1) | ConvertFrom-Json
        $pyWarm = @($measured.seconds | Select-Object -Skip 1)
        $pyDenied = (Get-Count554 $measured)
        if ($pyDenied -ne $Probes) { Write-Warning "smtplib: only $pyDenied of $Probes probes got 554." }
    }

    # --- 1c. swaks, sequential ---
    $swaks = $null
    $swaksDenied = 0
    if ($swaksCommand -and $SwaksProbes -gt 0) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        for ($i = 0; $i -lt $SwaksProbes; $i++) {
            $null = & $swaksCommand --server "${server}:$port" --from relay-probe@example.net --to relay-probe@example.com --quit-after RCPT --tls --helo probe 2>&1
            if ($LASTEXITCODE -eq 24) { $swaksDenied++ }   # 24: no RCPT accepted
        }
        $swaks = $clock.Elapsed.TotalSeconds * $Probes / $SwaksProbes
        if ($swaksDenied -ne $SwaksProbes) { Write-Warning "swaks: only $swaksDenied of $SwaksProbes probes ended with exit code 24 (RCPT refused)." }
    }

    # --- 2. silent endpoints with -Timeout 2 ---
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

    $coldFirst = Get-Median @($cold.First)
    $warmBest = ($warm | Measure-Object -Minimum).Minimum
    $warmMedian = Get-Median $warm
    ''
    'STARTTLS relay probes of Postfix (EHLO, STARTTLS, EHLO, MAIL, RCPT -> 554 5.7.1), {0} probes; load average {1} before, {2} after' -f $Probes, $loadBefore, (Get-Load)
    '  Test-SmtpRelay (ThrottleLimit 32)'
    '    cold, first call in a fresh pwsh : {0,6:N2} s median of {1} ({2}); import {3:N2} s, whole process {4:N2} s; {5} x 554' -f $coldFirst, $ColdRuns,
        (($cold.First | ForEach-Object { $_.ToString('N2') }) -join ' / '), (Get-Median @($cold.Import)), (Get-Median @($cold.Process)), ($cold[-1].Denied)
    '    warm, {0} calls in one process    : {1,6:N2} s best, {2:N2} s median ({3})' -f $Runs, $warmBest, $warmMedian, (($warm | ForEach-Object { $_.ToString('N2') }) -join ' / ')
    if ($python) {
        $pyColdFirst = Get-Median @($pyCold.First)
        $pyWarmBest = ($pyWarm | Measure-Object -Minimum).Minimum
        $pyWarmMedian = Get-Median $pyWarm
        '  Python smtplib, 32 threads (bench/smtplib_probe.py)'
        '    cold, first run in a fresh python: {0,6:N2} s median of {1} ({2}); whole process {3:N2} s; {4} x 554' -f $pyColdFirst, $ColdRuns,
            (($pyCold.First | ForEach-Object { ([double] $_).ToString('N2') }) -join ' / '), (Get-Median @($pyCold.Process)), ($pyCold[-1].Denied)
        '    warm, {0} runs in one process      : {1,6:N2} s best, {2:N2} s median ({3})' -f $Runs, $pyWarmBest, $pyWarmMedian, (($pyWarm | ForEach-Object { ([double] $_).ToString('N2') }) -join ' / ')
        '  ratio smtplib / Test-SmtpRelay (>= 1: Test-SmtpRelay at least as fast)'
        '    cold first call {0:N2} x, cold whole process {1:N2} x, warm best {2:N2} x, warm median {3:N2} x' -f ($pyColdFirst / $coldFirst),
            ((Get-Median @($pyCold.Process)) / (Get-Median @($cold.Process))), ($pyWarmBest / $warmBest), ($pyWarmMedian / $warmMedian)
    }
    else { '  Python smtplib: skipped (no python3)' }
    if ($null -ne $swaks) {
        '  swaks --quit-after RCPT, in a loop: {0,6:N2} s   ({1} of {2} x exit 24{3})' -f $swaks, $swaksDenied, $SwaksProbes, $(if ($SwaksProbes -ne $Probes) { ", scaled to $Probes" } else { '' })
        '  ratio swaks / Test-SmtpRelay      : {0,6:N1} x warm median, {1:N1} x cold first call (target >= 20 x)' -f ($swaks / $warmMedian), ($swaks / $coldFirst)
    }
    else { '  swaks: skipped' }
    ''
    '{0} silent endpoints, -Timeout 2' -f $SilentEndpoints
    '  -ThrottleLimit {0,-3}               : {1,8:N2} s   ({2} x Timeout; target < 4 s)' -f $SilentEndpoints, $silentAll, $timedOut
    '  default -ThrottleLimit 32         : {0,8:N2} s   ({1} x Timeout; two waves of 2 s)' -f $silentDefault, $timedOutDefault
}
finally {
    if ($labDir) { & bash (Join-Path $PSScriptRoot '../tests/lab/lab.sh') stop $labDir | Out-Null }
}
