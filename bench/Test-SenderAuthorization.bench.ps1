<#
.SYNOPSIS
    Benchmarks Test-SenderAuthorization's SPF check against pyspf, the SPF tool an admin would use instead.
.DESCRIPTION
    Starts NSD on 127.0.0.1:-DnsPort with the lab's zones (tests/lab/dns.sh, tests/lab/dns/*.zone) and checks a
    mix of its SPF records (an ip4 range, an include chain three deep, mx, redirect, a fail with exp=) from
    addresses that pass and fail, side by side in one run against the same server:
      - Test-SenderAuthorization -DnsServer (SPF, and the DMARC policy and reverse DNS it also looks up);
      - pyspf (Debian's python3-spf over dnspython) through tests/lab/spf-reference.py, the command line that
        points it at that server (pyspf's own command line can only ask the system resolver).
    Cold, as users run it: a fresh process and its first check (-ColdRuns processes, the median counts):
    pwsh starts, imports the module and checks once; python starts, imports pyspf and checks once. The first
    check itself and the whole process are both printed (the import too, for RelayTools).
    Warm: -Checks checks in one process (-Runs times after a warm-up; best and median): the cmdlet with the
    cases piped in, RelayTools.Core's SpfEvaluator.CheckHost alone (SPF only, the library), and pyspf's library
    in one process (spf-reference.py --batch, the checks' own times summed); and the command line in a loop, one
    python process per check (-LoopChecks of them, scaled to -Checks).
    Every check's result is compared between the tools (they must agree). The load average is printed before
    and after: other work on the machine moves every number. Linux and root (NSD); needs the built module
    (dotnet pwsh ./build.ps1 -Task Build) and installs python3-spf with tests/lab/spf-reference.sh when missing.
.EXAMPLE
    dotnet pwsh ./bench/Test-SenderAuthorization.bench.ps1 -DnsPort 5399 -Runs 7 -ColdRuns 5
#>
[CmdletBinding()]
param(
    [int] $Checks = 200,
    [int] $DnsPort = 5399,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/RelayTools/RelayTools.psd1'),
    # Warm runs in one process (best and median are printed).
    [int] $Runs = 5,
    # Fresh processes for the cold first check (the median is printed).
    [int] $ColdRuns = 5,
    # Fresh python processes of the command-line loop (scaled to -Checks).
    [int] $LoopChecks = 50,
    # Internal: run as the child process of a cold measurement (import, one check, JSON out).
    [switch] $ColdChild,
    [string] $ColdServer,
    [string] $ColdDomain,
    [string] $ColdAddress
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

if ($ColdChild) {
    # A user's first check: the module is imported in a fresh process and runs once.
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    Import-Module $ModulePath
    $import = $clock.Elapsed.TotalSeconds
    $clock.Restart()
    $r = Test-SenderAuthorization -Domain $ColdDomain -SendingAddress $ColdAddress -DnsServer $ColdServer
    $first = $clock.Elapsed.TotalSeconds
    [pscustomobject]@{ Import = $import; First = $first; Result = ([string] $r.Spf.Result).ToLowerInvariant() } | ConvertTo-Json -Compress
    return
}

Import-Module $ModulePath -Force

function Get-Load { (Get-Content -LiteralPath /proc/loadavg -ErrorAction SilentlyContinue) -replace '^(\S+ \S+ \S+).*', '$1' }
function Get-Median([double[]] $Values) { $s = @($Values | Sort-Object); if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }
function Format-Times([double[]] $Values) { ($Values | ForEach-Object { $_.ToString('N3') }) -join ' / ' }
function Get-ChildPowerShell {
    # This PowerShell as a command for a child process: pwsh, or 'dotnet pwsh.dll' when run as a dotnet tool.
    $exe = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return , @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    , @($exe)
}
function Get-CoreType([string] $FullName) {
    $core = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'RelayTools.Core' } | Select-Object -First 1
    $core.GetType($FullName, $true)
}

$dnsScript = Join-Path $PSScriptRoot '../tests/lab/dns.sh'
$referenceScript = Join-Path $PSScriptRoot '../tests/lab/spf-reference.sh'
$referencePy = (Resolve-Path (Join-Path $PSScriptRoot '../tests/lab/spf-reference.py')).Path
$python = '/usr/bin/python3'
& bash $dnsScript install *> $null
& bash $referenceScript install *> $null
$reference = & bash $referenceScript available
if ($LASTEXITCODE -ne 0) { throw 'pyspf is not available (tests/lab/spf-reference.sh install needs root and Debian).' }

# The cases: domain, address, the RFC 7208 result the lab's zone gives (relaytools.test.zone).
$cases = @(
    [pscustomobject]@{ Domain = 'lab.relaytools.test'; Address = '127.0.0.1' }       # ip4:127.0.0.0/8: pass
    [pscustomobject]@{ Domain = 'lab.relaytools.test'; Address = '192.0.2.25' }      # -all: fail
    [pscustomobject]@{ Domain = 'chain.spf.relaytools.test'; Address = '127.0.0.7' } # include, include: pass
    [pscustomobject]@{ Domain = 'chain.spf.relaytools.test'; Address = '::1' }       # ip6 at the end of the chain: pass
    [pscustomobject]@{ Domain = 'mx.spf.relaytools.test'; Address = '127.0.0.1' }    # mx: pass
    [pscustomobject]@{ Domain = 'redirect.spf.relaytools.test'; Address = '192.0.2.25' } # redirect, -all: fail
    [pscustomobject]@{ Domain = 'exp.spf.relaytools.test'; Address = '127.0.0.1' }   # -all with exp=: fail
    [pscustomobject]@{ Domain = 'bomb.spf.relaytools.test'; Address = '127.0.0.1' }  # 11 includes: permerror
)
$rows = foreach ($i in 0..($Checks - 1)) { $c = $cases[$i % $cases.Count]; [pscustomobject]@{ Domain = $c.Domain; SendingAddress = $c.Address } }
$batchLines = foreach ($i in 0..($Checks - 1)) { $c = $cases[$i % $cases.Count]; "$i`t$($c.Address)`t$($c.Domain)`tpostmaster@$($c.Domain)`t" }

$dnsDir = Join-Path ([System.IO.Path]::GetTempPath()) "relaytools-bench-dns-$DnsPort"
& bash $dnsScript start $dnsDir $DnsPort | Out-Null
if ($LASTEXITCODE -ne 0) { throw "Could not start NSD on 127.0.0.1:$DnsPort (Linux, root)." }
$server = "127.0.0.1:$DnsPort"
$loadBefore = Get-Load

try {
    $coldCase = $cases[2]   # chain.spf from 127.0.0.7: three TXT lookups, DMARC and reverse DNS as well
    # The server side warms up first (NSD's first answers), so no tool pays it.
    $null = Test-SenderAuthorization -Domain $coldCase.Domain -SendingAddress $coldCase.Address -DnsServer $server

    # --- cold: a fresh process, its first check ---
    $child = Get-ChildPowerShell
    $childArgs = @($child | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-ColdChild',
        '-ModulePath', (Resolve-Path -LiteralPath $ModulePath).Path, '-ColdServer', $server, '-ColdDomain', $coldCase.Domain, '-ColdAddress', $coldCase.Address)
    $cold = @(foreach ($run in 1..$ColdRuns) {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $json = & $child[0] @childArgs
            $process = $clock.Elapsed.TotalSeconds
            if ($LASTEXITCODE -ne 0) { throw "The cold run's child process failed: $json" }
            $m = $json | ConvertFrom-Json
            [pscustomobject]@{ First = [double] $m.First; Import = [double] $m.Import; Process = $process; Result = $m.Result }
        })
    $coldLine = "0`t$($coldCase.Address)`t$($coldCase.Domain)`tpostmaster@$($coldCase.Domain)`t"
    $pyCold = @(foreach ($run in 1..$ColdRuns) {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $json = $coldLine | & $python $referencePy 127.0.0.1 $DnsPort --batch
            $process = $clock.Elapsed.TotalSeconds
            $m = $json | ConvertFrom-Json
            [pscustomobject]@{ First = [double] $m.seconds; Process = $process; Result = $m.result }
        })

    # --- warm: -Checks checks in one process, after a warm-up run ---
    $null = $rows | Test-SenderAuthorization -DnsServer $server
    $warm = @(foreach ($run in 1..$Runs) {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $ours = @($rows | Test-SenderAuthorization -DnsServer $server)
            $clock.Elapsed.TotalSeconds
        })

    # SPF only: the library call, one resolver, as pyspf's library is measured below.
    $endpoint = (Get-CoreType 'RelayTools.Core.Dns.DnsServerEndpoint')::Parse($server)
    $servers = [System.Array]::CreateInstance($endpoint.GetType(), 1)
    $servers[0] = $endpoint
    $resolver = (Get-CoreType 'RelayTools.Core.Dns.DnsClientResolver')::new($servers, [TimeSpan]::FromSeconds(2), 1)
    $evaluator = Get-CoreType 'RelayTools.Core.Dns.Spf.SpfEvaluator'
    $parsed = @($cases | ForEach-Object { [pscustomobject]@{ Domain = $_.Domain; Ip = [System.Net.IPAddress]::Parse($_.Address); Sender = "postmaster@$($_.Domain)" } })
    $spfOnly = {
        for ($i = 0; $i -lt $Checks; $i++) {
            $c = $parsed[$i % $parsed.Count]
            $evaluator::CheckHost($c.Ip, $c.Domain, $c.Sender, '', $resolver, $null, [System.Threading.CancellationToken]::None)
        }
    }
    $null = & $spfOnly
    $core = @(foreach ($run in 1..$Runs) {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $coreResults = @(& $spfOnly)
            $clock.Elapsed.TotalSeconds
        })

    # pyspf's library in one process: the first batch line is its warm-up, then the checks' own times.
    $pyWarm = @(foreach ($run in 1..$Runs) {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $out = @((@($batchLines[0]) + $batchLines) | & $python $referencePy 127.0.0.1 $DnsPort --batch | ConvertFrom-Json)
            $whole = $clock.Elapsed.TotalSeconds
            $theirs = @($out | Select-Object -Skip 1)
            [pscustomobject]@{ Checks = ($theirs | Measure-Object -Property seconds -Sum).Sum; Process = $whole }
        })

    # The command line in a loop: one python process per check.
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    for ($i = 0; $i -lt $LoopChecks; $i++) {
        $c = $cases[$i % $cases.Count]
        $null = & $python $referencePy 127.0.0.1 $DnsPort $c.Address $c.Domain "postmaster@$($c.Domain)" ''
    }
    $loop = $clock.Elapsed.TotalSeconds * $Checks / $LoopChecks

    # The tools must agree on every check (a benchmark of different answers means nothing).
    $disagree = 0
    for ($i = 0; $i -lt $Checks; $i++) {
        $a = ([string] $ours[$i].Spf.Result).ToLowerInvariant()
        $b = ([string] $coreResults[$i].Result).ToLowerInvariant()
        if ($a -ne $theirs[$i].result -or $b -ne $a) { $disagree++ }
    }
    $coldResults = @(@($cold.Result) + @($pyCold.Result) | Select-Object -Unique)
    if ($coldResults.Count -ne 1) { $disagree++ }

    $coldFirst = Get-Median @($cold.First); $coldProcess = Get-Median @($cold.Process)
    $pyColdFirst = Get-Median @($pyCold.First); $pyColdProcess = Get-Median @($pyCold.Process)
    $warmBest = ($warm | Measure-Object -Minimum).Minimum; $warmMedian = Get-Median $warm
    $coreBest = ($core | Measure-Object -Minimum).Minimum; $coreMedian = Get-Median $core
    $pyBest = ($pyWarm.Checks | Measure-Object -Minimum).Minimum; $pyMedian = Get-Median @($pyWarm.Checks)
    ''
    'SPF checks against NSD on {0} ({1} cases: ip4, include chain, mx, redirect, exp=, lookup limit), {2}; load average {3} before, {4} after' -f $server, $cases.Count, $reference, $loadBefore, (Get-Load)
    'Cold, first check in a fresh process ({0} from {1}: {2}; median of {3})' -f $coldCase.Domain, $coldCase.Address, ($coldResults -join '/'), $ColdRuns
    '  Test-SenderAuthorization : first check {0,6:N3} s ({1}); import {2:N3} s; whole pwsh process {3:N2} s' -f $coldFirst, (Format-Times $cold.First), (Get-Median @($cold.Import)), $coldProcess
    '  pyspf (spf-reference.py) : first check {0,6:N3} s ({1}); whole python process {2:N2} s' -f $pyColdFirst, (Format-Times $pyCold.First), $pyColdProcess
    '  ratio pyspf / RelayTools : first check {0:N2} x, whole process {1:N2} x (>= 1: RelayTools at least as fast)' -f ($pyColdFirst / $coldFirst), ($pyColdProcess / $coldProcess)
    'Warm, {0} checks in one process (best / median of {1})' -f $Checks, $Runs
    '  Test-SenderAuthorization, piped : {0,6:N3} / {1:N3} s ({2:N2} ms a check; SPF + DMARC + reverse DNS)' -f $warmBest, $warmMedian, (1000 * $warmMedian / $Checks)
    '  SpfEvaluator.CheckHost (SPF only): {0,6:N3} / {1:N3} s ({2:N2} ms a check)' -f $coreBest, $coreMedian, (1000 * $coreMedian / $Checks)
    '  pyspf library, one process      : {0,6:N3} / {1:N3} s ({2:N2} ms a check; whole process {3:N2} s)' -f $pyBest, $pyMedian, (1000 * $pyMedian / $Checks), (Get-Median @($pyWarm.Process))
    '  pyspf command line in a loop    : {0,6:N2} s ({1} processes, scaled to {2})' -f $loop, $LoopChecks, $Checks
    '  ratio pyspf library / cmdlet {0:N2} x, / SPF only {1:N2} x; command-line loop / cmdlet {2:N1} x (median; >= 1: RelayTools at least as fast)' -f ($pyMedian / $warmMedian), ($pyMedian / $coreMedian), ($loop / $warmMedian)
    'Results: {0}' -f $(if ($disagree -eq 0) { "the tools agree on every check ($Checks warm, $ColdRuns cold)" } else { "$disagree checks DISAGREE" })
}
finally {
    & bash $dnsScript stop $dnsDir | Out-Null
    Remove-Item -LiteralPath $dnsDir -Recurse -Force -ErrorAction SilentlyContinue
}
