<#
.SYNOPSIS
    Benchmarks Get-RelayRejection against grep -c and the Select-String idiom on generated Postfix logs, cold and warm.
.DESCRIPTION
    Generates (once, deterministically) a realistic mixed Postfix mail.log of each -SizeMB megabytes with
    about 1% "Relay access denied" lines, a gzipped copy of the biggest, and a 100 MB log for the memory
    comparison, under -WorkDirectory (default: a folder in the temp directory; never inside the repository).
    Then measures, side by side, in one run, each tool collecting its results into an array:
      grep -c 'Relay access denied' f
      $r = Select-String -Path f -Pattern 'Relay access denied' | ForEach-Object { [regex]::Match(...) -> same fields }
      $r = Get-RelayRejection -Path f
    Cold: the first call in a fresh process (as a scheduled task or an admin running it once), each tool
    in its own process, -ColdRuns times (median and best). Warm: best of -Repeat calls in one process after
    a first call. Prints both with the ratio of each to grep -c and to the Select-String idiom, the load
    average before and after (the machine may be shared), and the peak working set of
    'Get-RelayRejection | Measure-Object' for the biggest log against the 100 MB log.
    Targets: cold at most 1x grep -c and at least 10x faster than the idiom; peak working set within 1.5x.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh -c "./bench/Get-RelayRejection.ps1 -SizeMB 300, 1024"
.EXAMPLE
    dotnet pwsh ./bench/Get-RelayRejection.ps1 -SizeMB 300 -SkipSelectString -SkipGzip -ColdRuns 1 -Repeat 1   # one size: -File is fine
#>
[CmdletBinding()]
param(
    [ValidateRange(10, 65536)]
    [int[]] $SizeMB = @(300, 1024),

    [string] $WorkDirectory = (Join-Path ([System.IO.Path]::GetTempPath()) 'relaytools-bench'),

    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/RelayTools/RelayTools.psd1'),

    # The Select-String idiom takes minutes on 1 GB; skip it for a quick run.
    [switch] $SkipSelectString,

    [switch] $SkipGzip,

    # Warm: each tool runs this many times in one process; the best time counts (the machine may be busy).
    [ValidateRange(1, 20)]
    [int] $Repeat = 3,

    # Cold: each tool runs this many times, each time the first call of a fresh process.
    [ValidateRange(1, 20)]
    [int] $ColdRuns = 3
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

if (-not (Test-Path -LiteralPath $ModulePath)) { throw "Build the module first (dotnet pwsh ./build.ps1 -Task Build): $ModulePath is missing." }
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
[void] (New-Item -ItemType Directory -Path $WorkDirectory -Force)

Add-Type -TypeDefinition (Get-Content -LiteralPath (Join-Path $PSScriptRoot 'LogGenerator.cs') -Raw)

function New-BenchLog([int] $Megabytes) {
    $path = Join-Path $WorkDirectory "mail-$($Megabytes)MB.log"
    $bytes = [long] $Megabytes * 1MB
    if (-not (Test-Path -LiteralPath $path) -or (Get-Item -LiteralPath $path).Length -lt $bytes) {
        Write-Host "Generating $path ..."
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        [void] [RelayBenchLogGenerator]::Write($path, $bytes)
        Write-Host ("  {0:N0} bytes in {1:N1} s" -f (Get-Item -LiteralPath $path).Length, $watch.Elapsed.TotalSeconds)
    }
    $path
}

function New-GzipCopy([string] $Path) {
    $gz = "$Path.gz"
    if (-not (Test-Path -LiteralPath $gz) -or (Get-Item -LiteralPath $gz).LastWriteTime -lt (Get-Item -LiteralPath $Path).LastWriteTime) {
        Write-Host "Compressing $gz ..."
        $in = [System.IO.File]::OpenRead($Path)
        $out = [System.IO.File]::Create($gz)
        try {
            $zip = New-Object System.IO.Compression.GZipStream($out, [System.IO.Compression.CompressionLevel]::Fastest)
            $in.CopyTo($zip, 1MB)
            $zip.Dispose()
        } finally { $in.Dispose(); $out.Dispose() }
    }
    $gz
}

function Get-ChildPowerShell {
    if ($PSVersionTable.PSEdition -eq 'Desktop') { return , @((Join-Path $PSHOME 'powershell.exe')) }
    $exe = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return , @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    , @($exe)
}

function Get-LoadAverage {
    if (Test-Path -LiteralPath /proc/loadavg) { return ((Get-Content -LiteralPath /proc/loadavg -Raw).Split(' ')[0..2] -join ' ') }
    'n/a'
}

# Runs a measured body in a fresh PowerShell: the first call (cold), then the best of -Repeat (warm).
# The body sets $count; Get-RelayRejection's module is imported before the clock starts (ImportSeconds).
function Measure-InChild([string] $Body, [string] $File, [int] $Warm = $Repeat, [switch] $Import) {
    $script = Join-Path $WorkDirectory 'measure.ps1'
    $importLine = if ($Import) { 'Import-Module $ModulePath' } else { '' }
    @"
param([string] `$File, [string] `$ModulePath)
`$ErrorActionPreference = 'Stop'
`$watch = [System.Diagnostics.Stopwatch]::StartNew()
$importLine
`$import = `$watch.Elapsed.TotalSeconds
`$watch.Restart()
$Body
`$cold = `$watch.Elapsed.TotalSeconds
`$warm = [double]::MaxValue
foreach (`$run in 1..$Warm) {
    Remove-Variable -Name r -ErrorAction Ignore
    [System.GC]::Collect()
    `$watch.Restart()
    $Body
    `$warm = [Math]::Min(`$warm, `$watch.Elapsed.TotalSeconds)
}
`$process = [System.Diagnostics.Process]::GetCurrentProcess()
`$process.Refresh()
'{0}|{1}|{2}|{3}|{4}' -f `$cold.ToString([cultureinfo]::InvariantCulture), `$warm.ToString([cultureinfo]::InvariantCulture), `$count, `$process.PeakWorkingSet64, `$import.ToString([cultureinfo]::InvariantCulture)
"@ | Set-Content -LiteralPath $script -Encoding UTF8
    $command = Get-ChildPowerShell
    $arguments = @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script, '-File', $File, '-ModulePath', $ModulePath)
    $output = & $command[0] @arguments
    if ($LASTEXITCODE -ne 0) { throw "The measurement failed: $output" }
    $parts = ([string] ($output | Select-Object -Last 1)).Split('|')
    $invariant = [cultureinfo]::InvariantCulture
    [pscustomobject]@{
        Cold = [double]::Parse($parts[0], $invariant); Warm = [double]::Parse($parts[1], $invariant); Count = [long] $parts[2]
        PeakWorkingSet = [long] $parts[3]; Import = [double]::Parse($parts[4], $invariant)
    }
}

# Cold: -ColdRuns fresh processes (median and best of their first calls); warm: best of -Repeat in the last one.
function Measure-Tool([string] $Body, [string] $File, [switch] $Import) {
    $runs = @(foreach ($i in 1..$ColdRuns) { Measure-InChild $Body $File -Warm $(if ($i -eq $ColdRuns) { $Repeat } else { 1 }) -Import:$Import })
    $cold = @($runs.Cold | Sort-Object)
    [pscustomobject]@{
        Cold = $cold[[int][Math]::Floor(($cold.Count - 1) / 2)]; ColdBest = $cold[0]; Warm = ($runs.Warm | Measure-Object -Minimum).Minimum
        Count = $runs[-1].Count; PeakWorkingSet = $runs[-1].PeakWorkingSet; Import = ($runs.Import | Sort-Object)[[int][Math]::Floor(($runs.Count - 1) / 2)]
    }
}

# grep is cold in every run (a fresh process each time); the page cache is warm for every tool alike.
function Measure-Native([string] $Command, [string[]] $Arguments) {
    $times = [System.Collections.Generic.List[double]]::new()
    foreach ($run in 1..([Math]::Max($ColdRuns, $Repeat))) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $out = & $Command @Arguments
        $times.Add($watch.Elapsed.TotalSeconds)
    }
    $times.Sort()
    [pscustomobject]@{ Cold = $times[[int][Math]::Floor(($times.Count - 1) / 2)]; ColdBest = $times[0]; Warm = $times[0]; Count = [long] ($out | Select-Object -Last 1); PeakWorkingSet = $null; Import = $null }
}

$selectStringIdiom = @'
$r = @(Select-String -Path $File -Pattern 'Relay access denied' | ForEach-Object {
    $m = [regex]::Match($_.Line, '^(?<time>\w{3} +\d+ [\d:]+) (?<host>\S+) (?<service>[^\[\s]+)\[\d+\]: (?:(?<queue>\w+): )?reject: RCPT from (?<name>[^\[]*)\[(?<addr>[^\]]+)\]: (?<code>\d{3}) (?<enh>\d\.\d+\.\d+) (?<text>.*?); from=<(?<from>[^>]*)> to=<(?<to>[^>]*)> proto=(?<proto>\S+) helo=<(?<helo>[^>]*)>')
    [pscustomobject]@{
        Timestamp = $m.Groups['time'].Value; Host = $m.Groups['host'].Value; Service = $m.Groups['service'].Value
        ClientName = $m.Groups['name'].Value; ClientAddress = $m.Groups['addr'].Value; ReplyCode = [int] $m.Groups['code'].Value
        EnhancedStatusCode = $m.Groups['enh'].Value; ReplyText = $m.Groups['text'].Value; Sender = $m.Groups['from'].Value
        Recipient = $m.Groups['to'].Value; Protocol = $m.Groups['proto'].Value; Helo = $m.Groups['helo'].Value
        Path = $_.Path; LineNumber = $_.LineNumber; Line = $_.Line
    }
}); $count = $r.Count
'@
$getRelayRejection = '$r = @(Get-RelayRejection -Path $File); $count = $r.Count'
$streamed = '$count = (Get-RelayRejection -Path $File | Measure-Object).Count'

function Format-Ratio([double] $a, [double] $b) { if ($b -gt 0) { '{0:N2}x' -f ($a / $b) } else { '' } }

$loadBefore = Get-LoadAverage
$small = New-BenchLog 100
$smallMemory = Measure-InChild $streamed $small -Warm 1 -Import
foreach ($megabytes in $SizeMB) {
    $big = New-BenchLog $megabytes
    $gz = if (-not $SkipGzip -and $megabytes -eq ($SizeMB | Measure-Object -Maximum).Maximum) { New-GzipCopy $big }
    $length = (Get-Item -LiteralPath $big).Length
    $sizeText = '{0:N0} MB' -f ($length / 1MB)
    [void] (& grep -c 'Relay access denied' $big)   # warm the page cache, so every tool reads from memory

    Write-Host "Measuring on $big ($sizeText), load average $(Get-LoadAverage) ..."
    $results = [ordered]@{}
    $results['grep -c'] = Measure-Native 'grep' @('-c', 'Relay access denied', $big)
    $results['Get-RelayRejection'] = Measure-Tool $getRelayRejection $big -Import
    if (-not $SkipSelectString) { $results['Select-String idiom'] = Measure-Tool $selectStringIdiom $big }
    if ($gz) {
        $results['zgrep -c (.gz)'] = Measure-Native 'zgrep' @('-c', 'Relay access denied', $gz)
        $results['Get-RelayRejection (.gz)'] = Measure-Tool $getRelayRejection $gz -Import
    }
    $memory = Measure-InChild $streamed $big -Warm 1 -Import

    $grep = $results['grep -c']
    $idiom = if ($results.Contains('Select-String idiom')) { $results['Select-String idiom'] }
    Write-Host ''
    $results.GetEnumerator() | ForEach-Object {
        $v = $_.Value
        [pscustomobject]@{
            Tool                 = $_.Key
            'Cold s'             = [Math]::Round($v.Cold, 3)
            'Cold best'          = [Math]::Round($v.ColdBest, 3)
            'Cold/grep'          = Format-Ratio $v.Cold $grep.Cold
            'Idiom/cold'         = if ($idiom) { Format-Ratio $idiom.Cold $v.Cold } else { '' }
            'Warm s'             = [Math]::Round($v.Warm, 3)
            'Warm/grep'          = Format-Ratio $v.Warm $grep.Warm
            'Idiom/warm'         = if ($idiom) { Format-Ratio $idiom.Warm $v.Warm } else { '' }
            'Import s'           = if ($null -ne $v.Import) { [Math]::Round($v.Import, 3) } else { '' }
            Rejections           = $v.Count
        }
    } | Format-Table -AutoSize | Out-String -Width 250 | Write-Host

    $grt = $results['Get-RelayRejection']
    Write-Host ('Get-RelayRejection / grep -c:        cold {0}, warm {1}   (target <= 1x cold)' -f (Format-Ratio $grt.Cold $grep.Cold), (Format-Ratio $grt.Warm $grep.Warm))
    if ($idiom) { Write-Host ('Select-String idiom / Get-RelayRejection: cold {0}, warm {1}   (target >= 10x cold)' -f (Format-Ratio $idiom.Cold $grt.Cold), (Format-Ratio $idiom.Warm $grt.Warm)) }
    if ($gz) { Write-Host ('Get-RelayRejection / zgrep -c on .gz:  cold {0}, warm {1}' -f (Format-Ratio $results['Get-RelayRejection (.gz)'].Cold $results['zgrep -c (.gz)'].Cold), (Format-Ratio $results['Get-RelayRejection (.gz)'].Warm $results['zgrep -c (.gz)'].Warm)) }
    Write-Host ('Peak working set, Get-RelayRejection | Measure-Object, {0} vs 100 MB: {1:N0} MB vs {2:N0} MB = {3:N2}x   (target <= 1.5x)' -f $sizeText, ($memory.PeakWorkingSet / 1MB), ($smallMemory.PeakWorkingSet / 1MB), ($memory.PeakWorkingSet / $smallMemory.PeakWorkingSet))
    $counts = @(@($results.Values) + $memory | ForEach-Object Count | Select-Object -Unique)
    if ($counts.Count -ne 1) { Write-Warning "The tools disagree on the number of rejections: $($counts -join ', ')" } else { Write-Host "All tools found $($counts[0]) rejections." }
    Write-Host ''
}
Write-Host "Load average before: $loadBefore, after: $(Get-LoadAverage) ($([Environment]::ProcessorCount) cores)"
