<#
.SYNOPSIS
    Builds, tests and demonstrates the RelayTools module.
.DESCRIPTION
    Build  - compiles the solution and assembles out/RelayTools (manifest, RelayTools.dll, formats, MAML
             help, and bin/ with RelayTools.Core.dll and its dependencies).
    Test   - Build, then the xunit tests of the core, then the Pester tests against the built module.
             Ends with one line "N passed, N failed[, N skipped]" adding up both, and a non-zero exit
             code on any failure.
    Demo   - Build, then imports the module in a new process and runs each cmdlet on examples/.
    Package - Build, then out/package/RelayTools.<version>.nupkg, made by Publish-PSResource exactly as
             for the PowerShell Gallery (to a local file repository; PowerShell 7.4+ ships PSResourceGet).
    Clean  - removes out/ and the bin/obj folders.
    Runs in Windows PowerShell 5.1 and PowerShell 7; needs only the .NET SDK on PATH.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'RelayTools'
$PesterVersion = '5.7.1'

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-ChildPowerShell {
    # The PowerShell running this script, as a command for a child process: powershell.exe on 5.1,
    # pwsh, or 'dotnet pwsh.dll' when started as a dotnet tool.
    if ($PSVersionTable.PSEdition -eq 'Desktop') { return , @((Join-Path $PSHOME 'powershell.exe')) }
    $exe = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return , @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    , @($exe)
}

function Invoke-ChildPowerShell {
    # Runs a script in a new process, so the freshly built DLL is loaded there and never locked here.
    param([string] $File, [string[]] $ArgumentList)
    $command = Get-ChildPowerShell
    $arguments = @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', $File) + $ArgumentList
    & $command[0] @arguments | Out-Host
    $LASTEXITCODE
}

function Invoke-Clean {
    foreach ($path in @($Out) + @(Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Directory -Recurse -Include bin, obj | ForEach-Object FullName)) {
        if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Recurse -Force }
    }
}

function Invoke-Build {
    $publish = Join-Path $Out 'publish'
    if (Test-Path -LiteralPath $ModuleOut) { Remove-Item -LiteralPath $ModuleOut -Recurse -Force }
    if (Test-Path -LiteralPath $publish) { Remove-Item -LiteralPath $publish -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/RelayTools/RelayTools.csproj'), '-c', $Configuration, '-o', $publish, '--nologo', '-v', 'quiet')

    # Only the RootModule sits next to the manifest. RelayTools.Core and every third-party DLL go to bin/,
    # which PowerShell never probes: the module's resolvers (src/RelayTools/Loading) load them from
    # there, into the module's own AssemblyLoadContext on PowerShell 7. PowerShell's reference
    # assembly ships nowhere: it must come from the host.
    $bin = Join-Path $ModuleOut 'bin'
    [void] (New-Item -ItemType Directory -Path $bin -Force)
    Copy-Item -LiteralPath (Join-Path $publish 'RelayTools.dll') -Destination $ModuleOut
    Get-ChildItem -LiteralPath $publish -Filter *.dll |
        Where-Object { $_.Name -notin 'RelayTools.dll', 'System.Management.Automation.dll' } |
        Copy-Item -Destination $bin
    # bin/net8.0: RelayTools.Core and its dependencies built for .NET 8, which PowerShell 7.4 and later
    # load instead (src/RelayTools/Loading/DependencyFolder.cs); there MailKit lets the probe set each TLS
    # handshake's options (no certificate chain built under -SkipCertificateCheck).
    $publishNet8 = Join-Path $Out 'publish-net8.0'
    if (Test-Path -LiteralPath $publishNet8) { Remove-Item -LiteralPath $publishNet8 -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/RelayTools.Core/RelayTools.Core.csproj'), '-f', 'net8.0', '-c', $Configuration, '-o', $publishNet8, '--nologo', '-v', 'quiet')
    $binNet8 = Join-Path $bin 'net8.0'
    [void] (New-Item -ItemType Directory -Path $binNet8 -Force)
    Get-ChildItem -LiteralPath $publishNet8 -Filter *.dll |
        Where-Object { $_.Name -ne 'System.Management.Automation.dll' } |
        Copy-Item -Destination $binNet8
    Copy-Item -LiteralPath (Join-Path $Root 'RelayTools.psd1'), (Join-Path $Root 'src/RelayTools/RelayTools.Format.ps1xml'), (Join-Path $Root 'LICENSE') -Destination $ModuleOut
    Add-ReadyToRunCore $bin

    $exit = Invoke-ChildPowerShell (Join-Path $Root 'tools/HelpCompiler.ps1') @(
        '-ModulePath', (Join-Path $ModuleOut 'RelayTools.psd1'), '-SourcePath', (Join-Path $Root 'en-US'), '-OutputPath', (Join-Path $ModuleOut 'en-US'))
    if ($exit -ne 0) { throw "Compiling the help failed with exit code $exit." }
    Write-Host "Built $ModuleOut"
}

# RelayTools.Core precompiled (ReadyToRun) for PowerShell 7 on this machine's platform and .NET version,
# in bin/r2r/<rid>/net<N>/ (Loading/DependencyFolder.cs picks it there): a fresh session's first
# Get-RelayRejection then JITs little. Optional: without the crossgen package the IL copy serves.
function Add-ReadyToRunCore([string] $Bin) {
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    $os = if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    if ($arch -notin 'x64', 'arm64' -or $PSVersionTable.PSEdition -eq 'Desktop') { return }
    $rid = "$os-$arch"
    $net = "net$([Environment]::Version.Major)"
    $publish = Join-Path $Out "r2r-$rid-$net"
    & dotnet publish (Join-Path $Root 'tools/ReadyToRun/ReadyToRun.csproj') -c $Configuration -r $rid "-p:TargetFramework=$net.0" -p:PublishReadyToRun=true -o $publish --nologo -v quiet
    if ($LASTEXITCODE -ne 0) { Write-Warning "No ReadyToRun RelayTools.Core for $rid $net (dotnet publish exit code $LASTEXITCODE); the IL copy serves."; return }
    $target = Join-Path $Bin "r2r/$rid/$net"
    [void] (New-Item -ItemType Directory -Path $target -Force)
    Copy-Item -LiteralPath (Join-Path $publish 'RelayTools.Core.dll') -Destination $target
}

function Invoke-Package {
    Invoke-Build
    if (-not (Get-Command Publish-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Packaging needs Microsoft.PowerShell.PSResourceGet (shipped with PowerShell 7.4 and later): run build.ps1 with dotnet pwsh.'
    }
    $package = Join-Path $Out 'package'
    if (Test-Path -LiteralPath $package) { Remove-Item -LiteralPath $package -Recurse -Force }
    [void] (New-Item -ItemType Directory -Path $package)
    # A throw-away repository name: registering writes to the user's PSResourceGet settings.
    $repository = 'RelayToolsBuild-' + [guid]::NewGuid().ToString('N')
    Register-PSResourceRepository -Name $repository -Uri $package -Trusted
    try { Publish-PSResource -Path $ModuleOut -Repository $repository -SkipDependenciesCheck }
    finally { Unregister-PSResourceRepository -Name $repository }
    $nupkg = Get-ChildItem -LiteralPath $package -Filter *.nupkg
    Write-Host ("Packaged {0} ({1:N0} bytes)" -f $nupkg.FullName, $nupkg.Length)
}

function Test-Net472Compatibility {
    # The shipped DLLs target netstandard2.0; compiling the same sources for net472 proves they use no
    # API that .NET Framework 4.7.2 (Windows PowerShell 5.1) lacks.
    Invoke-Native dotnet @('build', (Join-Path $Root 'tools/Net472Check/Net472Check.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet')
    Write-Host 'Sources compile against the .NET Framework 4.7.2 reference assemblies.'
}

function Get-PesterModule {
    $packages = Join-Path $Root '.packages'
    $pester = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
    # The same restore brings the older MailKit, MimeKit, BouncyCastle and DnsClient of Coexistence.Tests.ps1.
    $others = @('mailkit/4.2.0', 'mimekit/4.18.0', 'bouncycastle.cryptography/2.4.0', 'dnsclient/1.6.1') | ForEach-Object { Join-Path $packages $_ }
    if (-not (Test-Path -LiteralPath $pester) -or ($others | Where-Object { -not (Test-Path -LiteralPath $_) })) {
        Invoke-Native dotnet @('restore', (Join-Path $Root 'tools/RelayTools.Tools.csproj'), '--nologo', '-v', 'quiet')
    }
    $pester
}

function Invoke-XunitTests {
    $results = Join-Path $Out 'TestResults'
    if (Test-Path -LiteralPath $results) { Remove-Item -LiteralPath $results -Recurse -Force }
    & dotnet test (Join-Path $Root 'tests/RelayTools.Core.Tests/RelayTools.Core.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=normal' --results-directory $results | Out-Host
    $trx = Join-Path $results 'xunit.trx'
    if (-not (Test-Path -LiteralPath $trx)) { throw "xunit wrote no results (dotnet test exit code $LASTEXITCODE)." }
    $counters = ([xml] (Get-Content -LiteralPath $trx -Raw)).TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int] $counters.passed
        Failed  = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        Skipped = [int] $counters.notExecuted
    }
}

function Invoke-PesterTests {
    $pester = Get-PesterModule
    $resultPath = Join-Path $Out 'pester.json'
    if (Test-Path -LiteralPath $resultPath) { Remove-Item -LiteralPath $resultPath }
    $env:RELAYTOOLS_MODULE = Join-Path $ModuleOut 'RelayTools.psd1'
    [void] (Invoke-ChildPowerShell (Join-Path $Root 'tools/Invoke-PesterSuite.ps1') @(
            '-PesterPath', $pester, '-TestPath', (Join-Path $Root 'tests/RelayTools.Tests'), '-ResultPath', $resultPath))
    if (-not (Test-Path -LiteralPath $resultPath)) { throw 'Pester wrote no results.' }
    Get-Content -LiteralPath $resultPath -Raw | ConvertFrom-Json
}

function Start-Lab {
    # The real Postfix + Dovecot lab (tests/lab/lab.sh) on loopback. Linux as root only; elsewhere the
    # integration tests are skipped - except under CI, where they must run. -Optional (the demo) never
    # installs packages and never fails: it uses the lab only when Postfix is already there.
    param([switch] $Optional)
    $onLinux = [bool] (Get-Variable -Name IsLinux -ValueOnly -ErrorAction SilentlyContinue)
    $script = Join-Path $Root 'tests/lab/lab.sh'
    $labDir = Join-Path $Out 'lab'
    if ($onLinux -and (& id -u) -eq '0') {
        if ($Optional) { & bash $script available } else { & bash $script install | Out-Host }
        if ($LASTEXITCODE -eq 0) {
            # RELAYTOOLS_LAB_BASE moves the lab's ports (BASE+25, +587, +465) so two checkouts can test at once.
            $base = if ($env:RELAYTOOLS_LAB_BASE) { $env:RELAYTOOLS_LAB_BASE } else { '2000' }
            & bash $script start $labDir $base | Out-Host
            if ($LASTEXITCODE -eq 0) {
                $env:RELAYTOOLS_LAB_ENV = Join-Path $labDir 'lab.env'
                return $labDir
            }
        }
    }
    Remove-Item Env:RELAYTOOLS_LAB_ENV -ErrorAction SilentlyContinue
    if ($Optional) { return $null }
    if ($env:CI -eq 'true') { throw 'The Postfix lab could not be started; under CI the integration tests must run.' }
    Write-Warning 'The Postfix lab is not available (needs Linux, root and Debian packages): integration tests will be skipped.'
    $null
}

function Stop-Lab([string] $LabDir) {
    if ($LabDir) { & bash (Join-Path $Root 'tests/lab/lab.sh') stop $LabDir | Out-Host }
}

# One style for every folder: .editorconfig at the root, checked as the SDK's dotnet format sees it.
function Test-CodeStyle {
    Invoke-Native dotnet @('format', (Join-Path $Root 'RelayTools.sln'), '--verify-no-changes', '-v', 'quiet')
    Write-Host 'dotnet format --verify-no-changes: the C# sources follow .editorconfig'
}

function Invoke-Test {
    Test-CodeStyle
    Invoke-Package
    Test-Net472Compatibility
    $xunit = Invoke-XunitTests
    $lab = Start-Lab
    try { $pester = Invoke-PesterTests } finally { Stop-Lab $lab }
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    Write-Host ''
    Write-Host "xunit:  $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
    Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    $summary = "$passed passed, $failed failed"
    if ($skipped -gt 0) { $summary += ", $skipped skipped" }
    Write-Host $summary
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    # Probe a real Postfix when one is installed here; otherwise the demo shows an unreachable port.
    $lab = Start-Lab -Optional
    try { $exit = Invoke-ChildPowerShell (Join-Path $Root 'examples/Demo.ps1') @('-ModulePath', (Join-Path $ModuleOut 'RelayTools.psd1')) }
    finally { Stop-Lab $lab }
    if ($exit -ne 0) { throw "The demo failed with exit code $exit." }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
