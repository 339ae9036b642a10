# PSScriptAnalyzer is not served by the package registry this project builds from, so this file checks,
# with PowerShell's own parser, the rules that matter most here: every script must also run in Windows
# PowerShell 5.1 (no 7-only syntax) and must not depend on aliases.
BeforeDiscovery {
    $root = Join-Path $PSScriptRoot '../..'
    $script:Scripts = @(
        Get-ChildItem -LiteralPath $root -Filter *.ps1
        foreach ($folder in 'tools', 'tests', 'examples', 'bench') {
            Get-ChildItem -Path (Join-Path $root $folder) -Filter *.ps1 -Recurse -ErrorAction SilentlyContinue
        }
    ) | Where-Object { $_.FullName -notmatch '[\\/](bin|obj|out)[\\/]' } |
        ForEach-Object { @{ Path = $_.FullName; Name = $_.FullName.Substring((Resolve-Path $root).Path.Length + 1) } }
}

Describe 'Script <Name>' -ForEach $script:Scripts {
    BeforeAll {
        $tokens = $null
        $errors = $null
        $script:Ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors)
        $script:ParseErrors = $errors
    }

    It 'parses' {
        $script:ParseErrors | Should -BeNullOrEmpty
    }

    It 'uses no syntax that Windows PowerShell 5.1 lacks' {
        $found = $script:Ast.FindAll({
                param($node)
                $node.GetType().Name -in 'TernaryExpressionAst', 'PipelineChainAst' -or
                ($node -is [System.Management.Automation.Language.BinaryExpressionAst] -and $node.Operator -eq 'QuestionQuestion') -or
                ($node -is [System.Management.Automation.Language.AssignmentStatementAst] -and $node.Operator -eq 'QuestionQuestionEquals') -or
                ($node -is [System.Management.Automation.Language.MemberExpressionAst] -and $node.NullConditional) -or
                ($node -is [System.Management.Automation.Language.CommandParameterAst] -and $node.ParameterName -eq 'Parallel' -and
                $node.Parent.GetCommandName() -in 'ForEach-Object', '%', 'foreach')
            }, $true)
        @($found | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Extent.Text)" }) | Should -BeNullOrEmpty
    }

    It 'calls commands by their full names, not aliases' {
        $aliases = @(Get-Alias | ForEach-Object Name)
        $found = $script:Ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true) |
            Where-Object { $aliases -contains $_.GetCommandName() }
        @($found | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.GetCommandName())" }) | Should -BeNullOrEmpty
    }
}
