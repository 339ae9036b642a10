<#
.SYNOPSIS
    Runs the Pester suite in its own process and writes the counts to a JSON file for build.ps1.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force

$configuration = New-PesterConfiguration
# Files named *.Final.Tests.ps1 run after all others (for checks of the whole suite, such as the lab's queue).
$configuration.Run.Path = @(Get-ChildItem -LiteralPath $TestPath -Recurse -Filter *.Tests.ps1 |
        Sort-Object { $_.Name -like '*.Final.Tests.ps1' }, FullName | ForEach-Object { $_.FullName })
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = [System.IO.Path]::ChangeExtension($ResultPath, '.xml')
$configuration.TestResult.OutputFormat = 'NUnitXml'

$result = Invoke-Pester -Configuration $configuration
$counts = [ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
}
$counts | ConvertTo-Json | Set-Content -LiteralPath $ResultPath -Encoding UTF8
if ($counts.Failed -gt 0) { exit 1 }
exit 0
