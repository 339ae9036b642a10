BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Package = Get-ChildItem -Path (Join-Path $PSScriptRoot '../../out/package') -Filter 'RelayTools.*.nupkg' -ErrorAction SilentlyContinue | Select-Object -First 1
    $script:NoPackage = ($null -eq $script:Package) -or -not (Get-Command Save-PSResource -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:PackageFile = Get-ChildItem -Path (Join-Path $PSScriptRoot '../../out/package') -Filter 'RelayTools.*.nupkg' | Select-Object -First 1
}

Describe 'The Gallery package' -Skip:$script:NoPackage {
    It 'holds the module files and no reference assembly' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($script:PackageFile.FullName)
        try { $names = @($zip.Entries | ForEach-Object FullName) } finally { $zip.Dispose() }
        foreach ($file in 'RelayTools.psd1', 'RelayTools.dll', 'RelayTools.Core.dll', 'MailKit.dll', 'MimeKit.dll', 'RelayTools.Format.ps1xml', 'en-US/RelayTools.dll-Help.xml', 'en-US/about_RelayTools.help.txt', 'RelayTools.nuspec') {
            $names | Should -Contain $file
        }
        $names | Should -Not -Contain 'System.Management.Automation.dll'
    }

    It 'installs from a local repository into a new module path and imports by name in a fresh process' {
        $root = Join-Path ([System.IO.Path]::GetTempPath()) ('relaytools-install-' + [guid]::NewGuid().ToString('N'))
        $repo = Join-Path $root 'repo'
        $modules = Join-Path $root 'modules'
        [void] (New-Item -ItemType Directory -Path $repo, $modules)
        Copy-Item -LiteralPath $script:PackageFile.FullName -Destination $repo
        $name = 'RelayToolsTest-' + [guid]::NewGuid().ToString('N')
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name '$name' -Uri '$repo' -Trusted
try { Save-PSResource -Name RelayTools -Repository '$name' -Path '$modules' -TrustRepository -Quiet }
finally { Unregister-PSResourceRepository -Name '$name' }
`$env:PSModulePath = '$modules' + [System.IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module RelayTools
(Get-Module RelayTools).ModuleBase
(ConvertTo-SaslPlain -UserName test -Password (ConvertTo-SecureString testpass -AsPlainText -Force)).Token
"@
        $exe = (Get-Process -Id $PID).Path
        $prefix = @(if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        try {
            $elapsed = Measure-Command { $script:Output = & $exe @prefix -NoProfile -NonInteractive -Command $script }
            $LASTEXITCODE | Should -Be 0
            $script:Output[0] | Should -BeLike "$modules*"
            $script:Output[1] | Should -Be 'AHRlc3QAdGVzdHBhc3M='
            Write-Host ("    install test took {0:N1} s" -f $elapsed.TotalSeconds)
        }
        finally { Remove-Item -LiteralPath $root -Recurse -Force }
    }
}
