BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Commands = @((Get-Module RelayTools).ExportedCmdlets.Values | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help for <Name>' -ForEach $script:Commands {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:Command = Get-Command $Name
    }

    It 'comes from the compiled MAML, with a written synopsis' {
        $script:Help.Synopsis | Should -Not -BeNullOrEmpty
        # Without a help file PowerShell echoes the syntax as the synopsis.
        $script:Help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + ' \[')
    }

    It 'has a description' {
        ($script:Help.Description | Out-String).Trim().Length | Should -BeGreaterThan 40
    }

    It 'documents every parameter' {
        $parameters = $script:Command.Parameters.Keys | Where-Object { $script:Common -notcontains $_ }
        foreach ($parameter in $parameters) {
            $entry = $script:Help.Parameters.Parameter | Where-Object Name -EQ $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
            ($entry.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'names its inputs and outputs' {
        @($script:Help.InputTypes.InputType).Count | Should -BeGreaterThan 0
        ($script:Help.InputTypes | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($script:Help.ReturnValues.ReturnValue).Count | Should -BeGreaterThan 0
        ($script:Help.ReturnValues | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'lists every output type its code declares' {
        $documented = @($script:Help.ReturnValues.ReturnValue | ForEach-Object { $_.Type.Name })
        foreach ($type in $script:Command.OutputType) {
            $documented | Should -Contain $type.Name
        }
    }

    It 'has at least two examples with code and remarks' {
        $examples = @($script:Help.Examples.Example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.Code | Should -Not -BeNullOrEmpty
            ($example.Remarks | Out-String).Trim() | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'about_RelayTools' {
    It 'is shipped and lists every exported cmdlet' {
        $about = Get-Help about_RelayTools | Out-String
        $about | Should -Match 'Relay access denied'
        foreach ($name in (Get-Module RelayTools).ExportedCmdlets.Keys) {
            $about | Should -Match ([regex]::Escape($name))
        }
    }
}
