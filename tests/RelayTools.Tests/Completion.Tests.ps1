# Tab completion: every parameter whose values are known (an enum, a ValidateSet) completes them.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Cases = @(foreach ($command in (Get-Module RelayTools).ExportedCmdlets.Values) {
            foreach ($parameter in $command.Parameters.Values) {
                $type = $parameter.ParameterType
                if ($type.IsArray) { $type = $type.GetElementType() }
                if ($type.IsEnum -and $type.Namespace -like 'RelayTools*') {
                    @{ Command = $command.Name; Parameter = $parameter.Name; Values = [enum]::GetNames($type) }
                }
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

Describe 'Completion of <Command> -<Parameter>' -ForEach $script:Cases {
    It 'offers every value' {
        $line = "$Command -$Parameter "
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        foreach ($value in $Values) { $completions | Should -Contain $value }
    }
}
