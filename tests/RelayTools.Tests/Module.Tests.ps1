BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Manifest = Import-PowerShellDataFile -LiteralPath $script:ModuleManifest
}

Describe 'The built module' {
    It 'has a valid manifest that names every required field' {
        $info = Test-ModuleManifest -Path $script:ModuleManifest
        $info.Name | Should -Be 'RelayTools'
        $info.Version | Should -BeGreaterThan ([version] '0.0')
        $info.Guid | Should -Not -Be ([guid]::Empty)
        $script:Manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $script:Manifest.PowerShellVersion | Should -Be '5.1'
        $script:Manifest.RootModule | Should -Be 'RelayTools.dll'
        $script:Manifest.PrivateData.PSData.Tags | Should -Contain 'SMTP'
        $script:Manifest.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $script:Manifest.PrivateData.PSData.LicenseUri | Should -Match '^https://'
        $script:Manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets its manifest lists, without wildcards' {
        $script:Manifest.CmdletsToExport | Should -Not -Contain '*'
        $exported = (Get-Module RelayTools).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be ($script:Manifest.CmdletsToExport | Sort-Object)
        # Every cmdlet class in the DLL is listed: none is forgotten in the manifest.
        $classes = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'RelayTools' } |
            ForEach-Object { $_.GetExportedTypes() } |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object
        $classes | Should -Be $exported
    }

    It 'ships its run-time dependencies in bin/ and not PowerShell''s reference assembly' {
        Join-Path $script:ModuleDirectory 'RelayTools.dll' | Should -Exist
        foreach ($dll in 'RelayTools.Core.dll', 'MailKit.dll', 'MimeKit.dll', 'BouncyCastle.Cryptography.dll', 'DnsClient.dll') {
            Join-Path $script:ModuleDirectory "bin/$dll" | Should -Exist
            Join-Path $script:ModuleDirectory "bin/net8.0/$dll" | Should -Exist
        }
        # Next to the manifest only the RootModule: PowerShell probes that folder, never bin/.
        @(Get-ChildItem -LiteralPath $script:ModuleDirectory -Filter *.dll | ForEach-Object Name) | Should -Be @('RelayTools.dll')
        Get-ChildItem -LiteralPath $script:ModuleDirectory -Recurse -Filter System.Management.Automation.dll | Should -BeNullOrEmpty
        Join-Path $script:ModuleDirectory 'RelayTools.Format.ps1xml' | Should -Exist
        Join-Path $script:ModuleDirectory 'en-US/RelayTools.dll-Help.xml' | Should -Exist
        Join-Path $script:ModuleDirectory 'en-US/about_RelayTools.help.txt' | Should -Exist
    }

    It 'loads MailKit from its bin/ folder into the module''s own load context when a cmdlet needs it' {
        # ConvertTo-SaslPlain encodes with MailKit's SaslMechanismPlain, so MailKit must resolve from bin/.
        [void] (ConvertTo-SaslPlain -Credential (ConvertTo-TestCredential 'test' 'testpass'))
        $mailKit = @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'MailKit' -and $_.Location -like "$script:ModuleDirectory*" })
        $mailKit.Count | Should -Be 1
        # .NET 8 and later load the net8.0 build (bin/net8.0); Windows PowerShell 5.1 the netstandard2.0 one (bin/).
        $folder = if ($PSVersionTable.PSEdition -eq 'Core' -and [Environment]::Version.Major -ge 8) { 'bin/net8.0' } else { 'bin' }
        $mailKit[0].Location | Should -Be (Join-Path $script:ModuleDirectory "$folder/MailKit.dll")
        if ($PSVersionTable.PSEdition -eq 'Core') {
            $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($mailKit[0])
            $context | Should -Not -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
            $context.GetType().FullName | Should -Be 'RelayTools.Loading.ModuleLoadContext'
        }
        # Not a type literal: PowerShell resolves those in the default context only.
        $client = [System.Activator]::CreateInstance($mailKit[0].GetType('MailKit.Net.Smtp.SmtpClient', $true))
        try { $client.IsConnected | Should -BeFalse } finally { $client.Dispose() }
    }

    It 'imports in a new PowerShell process and runs a cmdlet there' {
        $exe = (Get-Process -Id $PID).Path
        $prefix = @(if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $script = "Import-Module '$script:ModuleManifest'; (ConvertTo-SaslPlain -UserName test -Password (ConvertTo-SecureString testpass -AsPlainText -Force)).Token"
        $output = & $exe @prefix -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0
        $output | Should -Be 'AHRlc3QAdGVzdHBhc3M='
    }

    It 'gives each output type a default table view' {
        $types = (Get-Module RelayTools).ExportedCmdlets.Values | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -like 'RelayTools*' } | ForEach-Object FullName | Sort-Object -Unique
        $types.Count | Should -BeGreaterThan 5
        foreach ($type in $types) {
            $view = Get-FormatData -TypeName $type
            $view | Should -Not -BeNullOrEmpty -Because "$type needs a view in RelayTools.Format.ps1xml"
            $view.FormatViewDefinition[0].Control.GetType().Name | Should -Be 'TableControl'
        }
    }
}
