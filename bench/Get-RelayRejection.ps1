<#
.SYNOPSIS
    Benchmarks Get-RelayRejection against grep -c and the Select-String idiom on a generated Postfix log.
.DESCRIPTION
    Generates (once, deterministically) a realistic mixed Postfix mail.log of -SizeMB megabytes with
    about 1% "Relay access denied" lines, a gzipped copy, and a 100 MB log for the memory comparison,
    under -WorkDirectory (default: a folder in the temp directory; never inside the repository).
    Then times, side by side, in one run:
      grep -c 'Relay access denied' f
      Select-String -Path f -Pattern 'Relay access denied' | ForEach-Object { [regex]::Match(...) -> same fields } | Measure-Object
      Get-RelayRejection -Path f | Measure-Object
    and the same on the .gz (zgrep -c against Get-RelayRejection). Each PowerShell measurement runs in
    its own process so its peak working set can be read. Prints times, ratios and peak memory.
    Targets: >= 10x faster than the Select-String idiom, within 2x of grep -c, and the peak working set
    for the big log within 1.5x of that for 100 MB.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh ./bench/Get-RelayRejection.ps1 -SizeMB 1024
.EXAMPLE
    dotnet pwsh ./bench/Get-RelayRejection.ps1 -SizeMB 200 -SkipSelectString
#>
[CmdletBinding()]
param(
    [ValidateRange(10, 65536)]
    [int] $SizeMB = 1024,

    [string] $WorkDirectory = (Join-Path ([System.IO.Path]::GetTempPath()) 'relaytools-bench'),

    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/RelayTools/RelayTools.psd1'),

    # The Select-String idiom takes minutes on 1 GB; skip it for a quick run.
    [switch] $SkipSelectString,

    [switch] $SkipGzip,

    # Each tool runs this many times; the best time counts (the machine may be busy).
    [ValidateRange(1, 20)]
    [int] $Repeat = 3
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

# Runs a measured script block in a fresh PowerShell; returns seconds, count and peak working set.
function Measure-InChild([string] $Body, [string] $File) {
    $script = Join-Path $WorkDirectory 'measure.ps1'
    @"
param([string] `$File, [string] `$ModulePath)
`$ErrorActionPreference = 'Stop'
Import-Module `$ModulePath
[void] (Get-RelayRejection -Path `$File -Format Postfix -After ([datetime]::MaxValue.AddDays(-1)))   # load the code paths before timing
`$seconds = [double]::MaxValue
foreach (`$run in 1..$Repeat) {
    [System.GC]::Collect()
    `$watch = [System.Diagnostics.Stopwatch]::StartNew()
    `$count = $Body
    `$seconds = [Math]::Min(`$seconds, `$watch.Elapsed.TotalSeconds)
}
`$process = [System.Diagnostics.Process]::GetCurrentProcess()
`$process.Refresh()
'{0}|{1}|{2}' -f `$seconds.ToString([cultureinfo]::InvariantCulture), `$count, `$process.PeakWorkingSet64
"@ | Set-Content -LiteralPath $script -Encoding UTF8
    $command = Get-ChildPowerShell
    $arguments = @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script, '-File', $File, '-ModulePath', $ModulePath)
    $output = & $command[0] @arguments
    if ($LASTEXITCODE -ne 0) { throw "The measurement failed: $output" }
    $parts = ([string] ($output | Select-Object -Last 1)).Split('|')
    [pscustomobject]@{ Seconds = [double]::Parse($parts[0], [cultureinfo]::InvariantCulture); Count = [long] $parts[1]; PeakWorkingSet = [long] $parts[2] }
}

function Measure-Native([string] $Command, [string[]] $Arguments) {
    $best = $null
    foreach ($run in 1..$Repeat) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $out = & $Command @Arguments
        $seconds = $watch.Elapsed.TotalSeconds
        if ($null -eq $best -or $seconds -lt $best.Seconds) { $best = [pscustomobject]@{ Seconds = $seconds; Count = [long] ($out | Select-Object -Last 1); PeakWorkingSet = $null } }
    }
    $best
}

$selectStringIdiom = @'
(Select-String -Path $File -Pattern 'Relay access denied' | ForEach-Object {
    $m = [regex]::Match($_.Line, '^(?<time>\w{3} +\d+ [\d:]+) (?<host>\S+) (?<service>[^\[\s]+)\[\d+\]: (?:(?<queue>\w+): )?reject: RCPT from (?<name>[^\[]*)\[(?<addr>[^\]]+)\]: (?<code>\d{3}) (?<enh>\d\.\d+\.\d+) (?<text>.*?); from=<(?<from>[^>]*)> to=<(?<to>[^>]*)> proto=(?<proto>\S+) helo=<(?<helo>[^>]*)>')
    [pscustomobject]@{
        Timestamp = $m.Groups['time'].Value; Host = $m.Groups['host'].Value; Service = $m.Groups['service'].Value
        ClientName = $m.Groups['name'].Value; ClientAddress = $m.Groups['addr'].Value; ReplyCode = [int] $m.Groups['code'].Value
        EnhancedStatusCode = $m.Groups['enh'].Value; ReplyText = $m.Groups['text'].Value; Sender = $m.Groups['from'].Value
        Recipient = $m.Groups['to'].Value; Protocol = $m.Groups['proto'].Value; Helo = $m.Groups['helo'].Value
        Path = $_.Path; LineNumber = $_.LineNumber; Line = $_.Line
    }
} | Measure-Object).Count
'@
$getRelayRejection = '(Get-RelayRejection -Path $File | Measure-Object).Count'

$big = New-BenchLog $SizeMB
$small = New-BenchLog ([Math]::Min(100, $SizeMB))
$gz = if (-not $SkipGzip) { New-GzipCopy $big }
$sizeText = '{0:N0} MB' -f ((Get-Item -LiteralPath $big).Length / 1MB)

# Warm the page cache so every tool reads from memory.
[void] (& grep -c 'Relay access denied' $big)

Write-Host "Measuring on $big ($sizeText) ..."
$results = [ordered]@{}
$results['grep -c'] = Measure-Native 'grep' @('-c', 'Relay access denied', $big)
$results['Get-RelayRejection'] = Measure-InChild $getRelayRejection $big
if (-not $SkipSelectString) { $results['Select-String idiom'] = Measure-InChild $selectStringIdiom $big }
$small100 = Measure-InChild $getRelayRejection $small
if ($gz) {
    $results['zgrep -c (.gz)'] = Measure-Native 'zgrep' @('-c', 'Relay access denied', $gz)
    $results['Get-RelayRejection (.gz)'] = Measure-InChild $getRelayRejection $gz
}

Write-Host ''
$results.GetEnumerator() | ForEach-Object {
    [pscustomobject]@{
        Tool         = $_.Key
        Seconds      = [Math]::Round($_.Value.Seconds, 2)
        'MB/s'       = [Math]::Round((Get-Item -LiteralPath $big).Length / 1MB / $_.Value.Seconds, 0)   # of uncompressed log
        Rejections   = $_.Value.Count
        'Peak WS MB' = if ($null -ne $_.Value.PeakWorkingSet) { [Math]::Round($_.Value.PeakWorkingSet / 1MB, 0) } else { '' }
    }
} | Format-Table -AutoSize | Out-Host

$grt = $results['Get-RelayRejection']
$grep = $results['grep -c']
Write-Host ('Get-RelayRejection / grep -c time:            {0:N2}x   (target <= 2x)' -f ($grt.Seconds / $grep.Seconds))
if ($results.Contains('Select-String idiom')) {
    Write-Host ('Select-String idiom / Get-RelayRejection time: {0:N1}x   (target >= 10x)' -f ($results['Select-String idiom'].Seconds / $grt.Seconds))
}
if ($gz) {
    Write-Host ('Get-RelayRejection / zgrep -c time on .gz:     {0:N2}x' -f ($results['Get-RelayRejection (.gz)'].Seconds / $results['zgrep -c (.gz)'].Seconds))
}
Write-Host ('Peak working set {0} vs {1:N0} MB log:       {2:N0} MB vs {3:N0} MB = {4:N2}x   (target <= 1.5x)' -f $sizeText, ((Get-Item -LiteralPath $small).Length / 1MB), ($grt.PeakWorkingSet / 1MB), ($small100.PeakWorkingSet / 1MB), ($grt.PeakWorkingSet / $small100.PeakWorkingSet))
$counts = @($results.Values | ForEach-Object Count | Select-Object -Unique)
if ($counts.Count -ne 1) { Write-Warning "The tools disagree on the number of rejections: $($counts -join ', ')" } else { Write-Host "All tools found $($counts[0]) rejections." }
