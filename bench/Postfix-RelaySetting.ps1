<#
.SYNOPSIS
    Get-PostfixRelaySetting against postconf: reading the relay-relevant values of every smtpd service of
    examples/postfix/correct, as RelayTools does in one call, and as an admin does with postconf
    (one 'postconf -c DIR -x -h NAME' per parameter, or all names in one call, plus 'postconf -P -x' for
    the overrides). Note: postconf gives strings; RelayTools also parses lists, networks and origins.
    Needs the module built (./build.ps1 -Task Build) and postconf on PATH. Prints both times and the ratio.
#>
[CmdletBinding()]
param(
    [string] $ConfigDirectory = (Join-Path $PSScriptRoot '../examples/postfix/correct'),
    [int] $Iterations = 5
)
$ErrorActionPreference = 'Stop'
# Imports the built module and brings Get-RelayToolsCoreType (core types are not type literals on PowerShell 7).
. (Join-Path $PSScriptRoot '../tests/RelayTools.Tests/common.ps1')
if (-not (Get-Command postconf -ErrorAction SilentlyContinue)) { throw 'postconf is not installed.' }
$names = (Get-RelayToolsCoreType 'RelayTools.Core.Postfix.PostfixRelaySettingReader')::ParameterNames
[void] (Get-PostfixRelaySetting -ConfigDirectory $ConfigDirectory)   # warm-up (JIT, defaults table)

$relayTools = Measure-Command {
    for ($i = 0; $i -lt $Iterations; $i++) { [void] (Get-PostfixRelaySetting -ConfigDirectory $ConfigDirectory -WarningAction SilentlyContinue) }
}
$postconf = Measure-Command {
    for ($i = 0; $i -lt $Iterations; $i++) {
        foreach ($name in $names) { [void] (& postconf -c $ConfigDirectory -x -h $name 2>$null) }
        [void] (& postconf -c $ConfigDirectory -P -x 2>$null)
    }
}
$postconfOnce = Measure-Command {
    for ($i = 0; $i -lt $Iterations; $i++) {
        [void] (& postconf -c $ConfigDirectory -x @names 2>$null)
        [void] (& postconf -c $ConfigDirectory -P -x 2>$null)
    }
}
$rt = $relayTools.TotalMilliseconds / $Iterations
$pc1 = $postconfOnce.TotalMilliseconds / $Iterations
$pc = $postconf.TotalMilliseconds / $Iterations
'{0,-46} {1,10:N1} ms' -f 'Get-PostfixRelaySetting (all services)', $rt
'{0,-46} {1,10:N1} ms' -f "postconf -x -h, $($names.Count) parameters, + postconf -P -x", $pc
'{0,-46} {1,10:N1} ms' -f 'postconf -x (all names at once) + postconf -P -x', $pc1
'{0,-46} {1,10:N1}x' -f 'ratio (per-parameter postconf / RelayTools)', ($pc / $rt)
'{0,-46} {1,10:N1}x' -f 'ratio (one-call postconf / RelayTools)', ($pc1 / $rt)
