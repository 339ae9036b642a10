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

    It 'ships its run-time dependencies and not PowerShell''s reference assembly' {
        foreach ($dll in 'RelayTools.dll', 'RelayTools.Core.dll', 'MailKit.dll', 'MimeKit.dll') {
            Join-Path $script:ModuleDirectory $dll | Should -Exist
        }
        Join-Path $script:ModuleDirectory 'System.Management.Automation.dll' | Should -Not -Exist
        Join-Path $script:ModuleDirectory 'RelayTools.Format.ps1xml' | Should -Exist
        Join-Path $script:ModuleDirectory 'en-US/RelayTools.dll-Help.xml' | Should -Exist
        Join-Path $script:ModuleDirectory 'en-US/about_RelayTools.help.txt' | Should -Exist
    }

    It 'loads MailKit from the module folder when a cmdlet needs it' {
        # ConvertTo-SaslPlain encodes with MailKit's SaslMechanismPlain, so MailKit must resolve from the module folder.
        [void] (ConvertTo-SaslPlain -Credential (ConvertTo-TestCredential 'test' 'testpass'))
        $mailKit = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'MailKit' }
        $mailKit | Should -Not -BeNullOrEmpty
        $mailKit.Location | Should -BeLike "$script:ModuleDirectory*"
        $client = New-Object MailKit.Net.Smtp.SmtpClient
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
