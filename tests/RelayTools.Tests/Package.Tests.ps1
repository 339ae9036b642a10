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
        foreach ($file in 'RelayTools.psd1', 'RelayTools.dll', 'RelayTools.Format.ps1xml', 'LICENSE', 'en-US/RelayTools.dll-Help.xml', 'en-US/about_RelayTools.help.txt', 'RelayTools.nuspec',
            'bin/RelayTools.Core.dll', 'bin/MailKit.dll', 'bin/MimeKit.dll', 'bin/BouncyCastle.Cryptography.dll', 'bin/DnsClient.dll', 'bin/net8.0/DnsClient.dll', 'bin/System.Memory.dll', 'bin/System.Formats.Asn1.dll') {
            $names | Should -Contain $file
        }
        # Only the RootModule next to the manifest: every other DLL in bin/, where PowerShell does not probe.
        @($names | Where-Object { $_ -like '*.dll' -and $_ -notlike 'bin/*' }) | Should -Be @('RelayTools.dll')
        $names | Where-Object { $_ -like '*System.Management.Automation.dll' } | Should -BeNullOrEmpty
    }

    It 'publishes to a local repository, installs into a new module path and imports by name, all in a fresh process' {
        $root = Join-Path ([System.IO.Path]::GetTempPath()) ('relaytools-install-' + [guid]::NewGuid().ToString('N'))
        $repo = Join-Path $root 'repo'
        $modules = Join-Path $root 'modules'
        [void] (New-Item -ItemType Directory -Path $repo, $modules)
        $name = 'RelayToolsTest-' + [guid]::NewGuid().ToString('N')
        # The path a user takes: Publish-PSResource (as for the Gallery), then install from the repository.
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name '$name' -Uri '$repo' -Trusted
try {
    Publish-PSResource -Path '$script:ModuleDirectory' -Repository '$name' -SkipDependenciesCheck
    Save-PSResource -Name RelayTools -Repository '$name' -Path '$modules' -TrustRepository -Quiet
}
finally { Unregister-PSResourceRepository -Name '$name' }
`$env:PSModulePath = '$modules' + [System.IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module RelayTools
(Get-Module RelayTools).ModuleBase
(ConvertTo-SaslPlain -UserName test -Password (ConvertTo-SecureString testpass -AsPlainText -Force)).Token
(Get-ChildItem -LiteralPath '$repo' -Filter *.nupkg).Length
"@
        $exe = (Get-Process -Id $PID).Path
        $prefix = @(if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        try {
            $elapsed = Measure-Command { $script:Output = & $exe @prefix -NoProfile -NonInteractive -Command $script }
            $LASTEXITCODE | Should -Be 0
            $script:Output[0] | Should -BeLike "$modules*"
            $script:Output[1] | Should -Be 'AHRlc3QAdGVzdHBhc3M='
            [long] $script:Output[2] | Should -BeGreaterThan 100000
            Write-Host ("    publish + install + import in a fresh process took {0:N1} s; package {1:N0} bytes" -f $elapsed.TotalSeconds, [long] $script:Output[2])
        }
        finally { Remove-Item -LiteralPath $root -Recurse -Force }
    }
}
