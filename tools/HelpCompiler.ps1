<#
.SYNOPSIS
    Compiles the markdown help pages in en-US/ into MAML (RelayTools.dll-Help.xml).
.DESCRIPTION
    platyPS is not served by the package registry this project builds from, so this is a small
    generator of its own. Prose (synopsis, description, examples, parameter text, inputs, outputs,
    notes, links) comes from one markdown page per cmdlet; everything the code already knows
    (parameter sets, types, positions, pipeline binding, aliases) is read from the built module, so
    the two cannot drift apart. Run it in a child process: it imports the built module.
    Written for Windows PowerShell 5.1 and PowerShell 7 alike.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SourcePath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Split-MarkdownSection {
    # Splits text into an ordered map heading -> body at headings of exactly $Level '#'.
    param([string[]] $Lines, [int] $Level)
    $marker = ('#' * $Level) + ' '
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($marker) -and -not $line.StartsWith($marker.TrimEnd() + '#')) {
            $current = $line.Substring($marker.Length).Trim()
            $sections[$current] = New-Object System.Collections.Generic.List[string]
        }
        elseif ($null -ne $current) {
            $sections[$current].Add($line)
        }
    }
    $sections
}

function Get-Paragraph {
    # Blank-line separated paragraphs; lines inside a paragraph are joined with a space.
    param([string[]] $Lines)
    $paragraphs = New-Object System.Collections.Generic.List[string]
    $buffer = New-Object System.Collections.Generic.List[string]
    foreach ($line in @($Lines) + '') {
        if ($line.Trim() -eq '') {
            if ($buffer.Count -gt 0) { $paragraphs.Add(($buffer -join ' ')); $buffer.Clear() }
        }
        else { $buffer.Add($line.Trim()) }
    }
    , $paragraphs.ToArray()
}

function Read-HelpPage {
    param([string] $Path)
    $lines = [System.IO.File]::ReadAllLines($Path)
    $top = Split-MarkdownSection -Lines $lines -Level 2
    $page = @{
        Name = ([regex]::Match(($lines -join "`n"), '(?m)^# (\S+)')).Groups[1].Value
        Synopsis = ''; Description = @(); Examples = @(); Parameters = @{}; Inputs = @(); Outputs = @(); Notes = @(); Links = @()
    }
    if ($top.Contains('SYNOPSIS')) { $page.Synopsis = (Get-Paragraph $top['SYNOPSIS']) -join ' ' }
    if ($top.Contains('DESCRIPTION')) { $page.Description = Get-Paragraph $top['DESCRIPTION'] }
    if ($top.Contains('NOTES')) { $page.Notes = Get-Paragraph $top['NOTES'] }
    if ($top.Contains('RELATED LINKS')) {
        $page.Links = @($top['RELATED LINKS'] | Where-Object { $_ -match '^\s*-\s+' } | ForEach-Object { ($_ -replace '^\s*-\s+', '').Trim() })
    }
    if ($top.Contains('EXAMPLES')) {
        $examples = Split-MarkdownSection -Lines $top['EXAMPLES'] -Level 3
        $page.Examples = @(foreach ($title in $examples.Keys) {
                $body = ($examples[$title] -join "`n")
                $fence = [regex]::Match($body, '(?s)```[a-zA-Z]*\n(.*?)\n```')
                @{
                    Title   = $title
                    Code    = $fence.Groups[1].Value
                    Remarks = Get-Paragraph (($body.Remove($fence.Index, $fence.Length)) -split "`n")
                }
            })
    }
    if ($top.Contains('PARAMETERS')) {
        $parameters = Split-MarkdownSection -Lines $top['PARAMETERS'] -Level 3
        foreach ($name in $parameters.Keys) { $page.Parameters[$name.TrimStart('-')] = Get-Paragraph $parameters[$name] }
    }
    foreach ($kind in 'INPUTS', 'OUTPUTS') {
        if ($top.Contains($kind)) {
            $typed = Split-MarkdownSection -Lines $top[$kind] -Level 3
            $page[$kind.Substring(0, 1) + $kind.Substring(1).ToLowerInvariant()] = @(foreach ($type in $typed.Keys) { @{ Type = $type; Description = Get-Paragraph $typed[$type] } })
        }
    }
    $page
}

function Add-Element {
    param([System.Xml.XmlNode] $Parent, [string] $QualifiedName, [string] $Text)
    $prefix = $QualifiedName.Split(':')[0]
    $element = $Parent.OwnerDocument.CreateElement($QualifiedName, $ns[$prefix])
    if ($PSBoundParameters.ContainsKey('Text')) { $element.InnerText = $Text }
    [void] $Parent.AppendChild($element)
    $element
}

function Add-Description {
    param([System.Xml.XmlNode] $Parent, [string] $QualifiedName, [string[]] $Paragraphs)
    $description = Add-Element $Parent $QualifiedName
    foreach ($paragraph in @($Paragraphs)) { [void] (Add-Element $description 'maml:para' $paragraph) }
}

function Get-PipelineText {
    param($Parameter)
    $kinds = @()
    if ($Parameter.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($Parameter.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($kinds.Count -eq 0) { 'False' } else { 'True (' + ($kinds -join ', ') + ')' }
}

function Add-Parameter {
    param([System.Xml.XmlNode] $Parent, $Parameter, [string[]] $Description)
    $element = Add-Element $Parent 'command:parameter'
    $position = if ($Parameter.Position -lt 0) { 'named' } else { [string] $Parameter.Position }
    $aliases = if (@($Parameter.Aliases).Count -gt 0) { @($Parameter.Aliases) -join ', ' } else { 'none' }
    $element.SetAttribute('required', ([string] $Parameter.IsMandatory).ToLowerInvariant())
    $element.SetAttribute('variableLength', 'true')
    $element.SetAttribute('globbing', 'false')
    $element.SetAttribute('pipelineInput', (Get-PipelineText $Parameter))
    $element.SetAttribute('position', $position)
    $element.SetAttribute('aliases', $aliases)
    [void] (Add-Element $element 'maml:name' $Parameter.Name)
    Add-Description $element 'maml:description' $Description
    if ($Parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
        $value = Add-Element $element 'command:parameterValue' $Parameter.ParameterType.Name
        $value.SetAttribute('required', 'true')
        $value.SetAttribute('variableLength', 'false')
    }
    $type = Add-Element $element 'dev:type'
    [void] (Add-Element $type 'maml:name' $Parameter.ParameterType.FullName)
    [void] (Add-Element $element 'dev:defaultValue' 'None')
}

function Get-OrderedParameter {
    # Positional parameters first, by position, then the named ones in declaration order - as PowerShell
    # shows syntax itself. (Parameters a base class declares come after the derived class's in metadata.)
    param($Parameters, [string[]] $Exclude)
    $kept = @($Parameters | Where-Object { $Exclude -notcontains $_.Name })
    @($kept | Where-Object { $_.Position -ge 0 } | Sort-Object Position) + @($kept | Where-Object { $_.Position -lt 0 })
}

function Add-CommandHelp {
    param([System.Xml.XmlNode] $Root, [System.Management.Automation.CommandInfo] $Command, [hashtable] $Page)
    # -WhatIf and -Confirm are shown (with the standard text) for cmdlets that support ShouldProcess.
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + @('UseTransaction')
    $standard = @{
        WhatIf  = @('Shows what would happen if the cmdlet runs. The cmdlet is not run.')
        Confirm = @('Prompts you for confirmation before running the cmdlet.')
    }
    foreach ($name in $standard.Keys) { if (-not $Page.Parameters.ContainsKey($name)) { $Page.Parameters[$name] = $standard[$name] } }
    $node = Add-Element $Root 'command:command'
    $details = Add-Element $node 'command:details'
    [void] (Add-Element $details 'command:name' $Command.Name)
    [void] (Add-Element $details 'command:verb' $Command.Verb)
    [void] (Add-Element $details 'command:noun' $Command.Noun)
    Add-Description $details 'maml:description' @($Page.Synopsis)
    Add-Description $node 'maml:description' $Page.Description

    $syntax = Add-Element $node 'command:syntax'
    foreach ($set in $Command.ParameterSets) {
        $item = Add-Element $syntax 'command:syntaxItem'
        [void] (Add-Element $item 'maml:name' $Command.Name)
        foreach ($parameter in (Get-OrderedParameter $set.Parameters $common)) {
            Add-Parameter $item $parameter $Page.Parameters[$parameter.Name]
        }
    }

    $parameters = Add-Element $node 'command:parameters'
    $seen = @{}
    foreach ($set in $Command.ParameterSets) {
        foreach ($parameter in (Get-OrderedParameter $set.Parameters $common)) {
            if ($seen.ContainsKey($parameter.Name)) { continue }
            $seen[$parameter.Name] = $true
            if (-not $Page.Parameters.ContainsKey($parameter.Name)) { Write-Warning "$($Command.Name): no help text for -$($parameter.Name)" }
            Add-Parameter $parameters $parameter $Page.Parameters[$parameter.Name]
        }
    }

    foreach ($pair in @(@('command:inputTypes', 'command:inputType', $Page.Inputs), @('command:returnValues', 'command:returnValue', $Page.Outputs))) {
        $list = Add-Element $node $pair[0]
        foreach ($entry in $pair[2]) {
            $typed = Add-Element $list $pair[1]
            $type = Add-Element $typed 'dev:type'
            [void] (Add-Element $type 'maml:name' $entry.Type)
            Add-Description $typed 'maml:description' $entry.Description
        }
    }

    $alerts = Add-Element $node 'maml:alertSet'
    $alert = Add-Element $alerts 'maml:alert'
    foreach ($paragraph in $Page.Notes) { [void] (Add-Element $alert 'maml:para' $paragraph) }

    $examples = Add-Element $node 'command:examples'
    foreach ($example in $Page.Examples) {
        $item = Add-Element $examples 'command:example'
        [void] (Add-Element $item 'maml:title' "-------------------------- $($example.Title) --------------------------")
        [void] (Add-Element $item 'dev:code' $example.Code)
        Add-Description $item 'dev:remarks' $example.Remarks
    }

    $links = Add-Element $node 'command:relatedLinks'
    foreach ($link in $Page.Links) {
        $navigation = Add-Element $links 'maml:navigationLink'
        [void] (Add-Element $navigation 'maml:linkText' $link)
        [void] (Add-Element $navigation 'maml:uri' '')
    }
}

$module = Import-Module $ModulePath -PassThru -Force
$document = New-Object System.Xml.XmlDocument
[void] $document.AppendChild($document.CreateXmlDeclaration('1.0', 'utf-8', $null))
$root = $document.CreateElement('helpItems', $ns.msh)
$root.SetAttribute('schema', 'maml')
[void] $document.AppendChild($root)

foreach ($command in ($module.ExportedCmdlets.Values | Sort-Object Name)) {
    $source = Join-Path $SourcePath "$($command.Name).md"
    if (-not (Test-Path -LiteralPath $source)) { throw "No help page $source for $($command.Name)." }
    Add-CommandHelp $root $command (Read-HelpPage $source)
}

[void] (New-Item -ItemType Directory -Force -Path $OutputPath)
$target = Join-Path $OutputPath "$($module.Name).dll-Help.xml"
$settings = New-Object System.Xml.XmlWriterSettings
$settings.Indent = $true
$settings.Encoding = New-Object System.Text.UTF8Encoding($false)
$writer = [System.Xml.XmlWriter]::Create($target, $settings)
try { $document.Save($writer) } finally { $writer.Dispose() }
Copy-Item -Path (Join-Path $SourcePath 'about_*.help.txt') -Destination $OutputPath
Write-Verbose "Wrote $target"
