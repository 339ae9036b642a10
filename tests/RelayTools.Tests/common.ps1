# Dot-sourced by every *.Tests.ps1: imports the BUILT module (out/RelayTools) once per file.
$script:ModuleManifest = if ($env:RELAYTOOLS_MODULE) { $env:RELAYTOOLS_MODULE } else { Join-Path $PSScriptRoot '../../out/RelayTools/RelayTools.psd1' }
if (-not (Test-Path -LiteralPath $script:ModuleManifest)) {
    throw "The built module is missing at $script:ModuleManifest: run ./build.ps1 -Task Build first."
}
$script:ModuleDirectory = Split-Path -Parent (Resolve-Path -LiteralPath $script:ModuleManifest)
Import-Module $script:ModuleManifest -Force

function ConvertTo-TestCredential([string] $UserName, [string] $Password) {
    New-Object System.Management.Automation.PSCredential($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
}

function ConvertFrom-TestSecureString([securestring] $Secure) {
    (New-Object System.Management.Automation.PSCredential('x', $Secure)).GetNetworkCredential().Password
}
