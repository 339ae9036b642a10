# Output objects must survive the wire: remoting and Export-Clixml serialize them, ConvertTo-Json exports
# them. Every [OutputType] of every exported cmdlet needs a producer below; the table view must look the
# same for the live and the deserialized object (formats list Deserialized.<type> too).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:OutputTypes = @((Get-Module RelayTools).ExportedCmdlets.Values | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -like 'RelayTools*' } | Sort-Object FullName -Unique | ForEach-Object { @{ Type = $_; Name = $_.FullName } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    # One scriptblock per output type, producing real objects from the cmdlet that writes them.
    $script:Producers = @{
        'RelayTools.Core.Sasl.SaslToken'           = { ConvertTo-SaslPlain -Credential (ConvertTo-TestCredential 'user@example.com' 'password') -AuthorizationId 'boss' }
        'RelayTools.Core.Sasl.SaslPlainCredential' = { ConvertFrom-SaslPlain 'c2hhcmVkQGxhYi50ZXN0AGxhYnVzZXIAbGFicGFzcw==' }
        'RelayTools.Core.Diagnosis.SmtpReplyInfo'  = { Resolve-SmtpReply '554 5.7.1 <x@gmail.com>: Relay access denied' }
        'RelayTools.Core.Postfix.PostfixRestriction'  = { Get-PostfixRestriction -ConfigDirectory (Join-Path $PSScriptRoot '../../examples/postfix/broken-order') -WarningAction SilentlyContinue }
        'RelayTools.Core.Postfix.PostfixRelaySetting' = { Get-PostfixRelaySetting -ConfigDirectory (Join-Path $PSScriptRoot '../../examples/postfix/correct') -Service submission }
        'RelayTools.Core.Postfix.PostfixRelayResult'  = { Test-PostfixRelay -ConfigDirectory (Join-Path $PSScriptRoot '../../examples/postfix/broken-order') -ClientAddress 192.0.2.10 -Recipient x@gmail.com -WarningAction SilentlyContinue }
        'RelayTools.Core.Postfix.PostfixFinding'      = { Test-PostfixRelayConfig -ConfigDirectory (Join-Path $PSScriptRoot '../../examples/postfix/open-relay') -WarningAction SilentlyContinue }
        # Against the Postfix lab when it runs (TLS, AUTH, certificate, transcript), else a scripted server.
        'RelayTools.Core.Smtp.SmtpProbeResult'             = {
            $lab = Get-LabConfig
            if ($lab) {
                Test-SmtpRelay $lab.LAB_HOST -Port $lab.LAB_SUBMISSION_PORT -Credential (ConvertTo-TestCredential $lab.LAB_USER $lab.LAB_PASSWORD) -SkipCertificateCheck -IncludeTranscript
            }
            else {
                $server = New-FaultServer AcceptAll
                try { Test-SmtpRelay 127.0.0.1 -Port $server.Port -IncludeTranscript } finally { $server.Dispose() }
            }
        }
        'RelayTools.Core.OpenRelay.OpenRelayAuditResult'   = {
            $lab = Get-LabConfig
            if ($lab) { Test-SmtpOpenRelay $lab.LAB_HOST -Port $lab.LAB_SMTP_PORT }
            else {
                $server = New-FaultServer AcceptAll
                try { Test-SmtpOpenRelay 127.0.0.1 -Port $server.Port } finally { $server.Dispose() }
            }
        }
        # A diagnosis against the Postfix lab (probe, log and configuration evidence), else of a scripted server.
        'RelayTools.Core.Investigation.RelayDiagnosis' = {
            $lab = Get-LabConfig
            if ($lab) {
                Debug-SmtpRelay $lab.LAB_HOST -Port $lab.LAB_SMTP_PORT -To boss@gmail.com -PostfixConfig (Join-Path $lab.LAB_DIR 'etc') -Log $lab.LAB_LOG -SkipCertificateCheck
            }
            else {
                $server = New-FaultServer AcceptAll
                try { Debug-SmtpRelay 127.0.0.1 -Port $server.Port } finally { $server.Dispose() }
            }
        }
        'RelayTools.Core.Logs.RelayRejection'      = { Get-RelayRejection -Path (Join-Path $PSScriptRoot '../../examples/logs/mail.log') -IncludeAuthFailures }
        'RelayTools.Core.Exim.EximRelaySetting'    = { Get-EximRelaySetting -Path (Join-Path $PSScriptRoot '../../examples/exim/configure') }
        'RelayTools.Core.Exim.EximAclStatement'    = { Get-EximAcl -Path (Join-Path $PSScriptRoot '../../examples/exim/configure') }
        'RelayTools.Core.Exim.EximFinding'         = { Test-EximRelayConfig -Path (Join-Path $PSScriptRoot '../../examples/exim/configure') -MinimumSeverity Information; 'local_interfaces = 127.0.0.1' | Test-EximRelayConfig }
        'RelayTools.Core.Sendmail.SendmailRelaySetting' = { Get-SendmailRelaySetting -ConfigDirectory (Join-Path $PSScriptRoot '../../examples/sendmail') -WarningAction SilentlyContinue }
        'RelayTools.Core.Sendmail.SendmailFinding'      = { Test-SendmailRelayConfig -ConfigDirectory (Join-Path $PSScriptRoot '../../examples/sendmail') }
        'RelayTools.Core.Exchange.ExchangeRelayResult' = {
            $ex = Join-Path $PSScriptRoot '../../examples/exchange'
            Test-ExchangeRelay -ReceiveConnector (Import-Clixml "$ex/receive-connectors.xml") -AcceptedDomain (Import-Clixml "$ex/accepted-domains.xml") -Permission (Import-Clixml "$ex/permissions.xml") -ClientAddress 192.168.5.10 -ServerAddress 10.0.0.5 -Recipient x@gmail.com
        }
        'RelayTools.Core.Exchange.ExchangeFinding' = {
            $open = Join-Path $PSScriptRoot '../../examples/exchange/open-relay'
            Import-Csv "$open/receive-connectors.csv" | Test-ExchangeRelayConfig -AcceptedDomain (Import-Csv "$open/accepted-domains.csv") -Permission (Import-Csv "$open/permissions.csv")
        }
        # Against the DNS lab when it can run (it then has SPF, DMARC, a DKIM key and a PTR), else a DNS server
        # that does not answer (every part a temperror).
        'RelayTools.Core.Dns.SenderAuthorization.SenderAuthorizationResult' = {
            if (Test-DnsLab) {
                $dir = Join-Path ([System.IO.Path]::GetTempPath()) ('relaytools-dns-ser-' + [guid]::NewGuid().ToString('N'))
                $dns = Start-DnsLab $dir -Port ((Get-DnsLabPort) + 3)
                try { Test-SenderAuthorization -Domain lab.relaytools.test -SendingAddress 192.0.2.25 -DkimSelector sel1, nokey -DnsServer $dns.DNS_SERVER }
                finally { Stop-DnsLab $dir; Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue }
            }
            else {
                $silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
                try { Test-SenderAuthorization -Domain corp.example -SendingAddress 192.0.2.25 -DnsServer "127.0.0.1:$($silent.Client.LocalEndPoint.Port)" }
                finally { $silent.Dispose() }
            }
        }
        'RelayTools.Core.WhatIf.RelayWhatIfResult' = { Test-EximRelay -Path (Join-Path $PSScriptRoot '../../examples/exim/configure') -ClientAddress 198.51.100.7 -Recipient x@gmail.com }
    }

    # Types a property may have so that it serializes to a useful value, not a type name or a live handle.
    $script:Plain = @([string], [bool], [char], [byte], [int16], [int], [long], [uint16], [uint32], [uint64], [double], [single], [decimal],
        [datetime], [datetimeoffset], [timespan], [guid], [version], [securestring])

    function Test-PlainType([type] $Type, [int] $Depth) {
        $inner = [Nullable]::GetUnderlyingType($Type)
        if ($inner) { $Type = $inner }
        if ($Type.IsArray) { return Test-PlainType $Type.GetElementType() $Depth }
        if ($Type.IsEnum -or $script:Plain -contains $Type) { return $true }
        if ($Type.Namespace -like 'RelayTools*' -and $Type.IsClass -and $Depth -lt 4) {
            foreach ($property in $Type.GetProperties()) {
                if (-not (Test-PlainType $property.PropertyType ($Depth + 1))) { throw "$($Type.FullName).$($property.Name) is a $($property.PropertyType.FullName)" }
            }
            return $true
        }
        $false
    }

    function Get-Flat($Object, [string] $Prefix = '') {
        # Flattens an object into name=value strings (recursing into nested RelayTools objects and arrays).
        $flat = [ordered]@{}
        foreach ($property in $Object.PSObject.Properties) {
            $value = $property.Value
            $key = $Prefix + $property.Name
            if ($null -eq $value) { $flat[$key] = '<null>' }
            elseif ($value -is [securestring]) { $flat[$key] = '<secure:' + $value.Length + '>' }
            elseif ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) {
                $i = 0
                foreach ($item in $value) {
                    if ($item -is [string] -or $item -is [System.ValueType]) { $flat["$key[$i]"] = [string] $item }
                    else { (Get-Flat $item "$key[$i].").GetEnumerator() | ForEach-Object { $flat[$_.Key] = $_.Value } }
                    $i++
                }
            }
            elseif ($value.PSObject.TypeNames[0] -eq 'Deserialized.System.DateTimeOffset') {
                # PowerShell has no wire form for DateTimeOffset: it arrives as a property bag whose
                # UtcDateTime and Offset still carry the exact instant and zone.
                $flat[$key] = ([datetimeoffset]::new([datetime] $value.UtcDateTime)).ToOffset([timespan] $value.Offset).ToString('o')
            }
            elseif ($value -is [System.Management.Automation.PSCustomObject] -and $null -ne $value.Ticks -and $null -ne $value.TotalMilliseconds) {
                # ConvertTo-Json writes a TimeSpan as its parts; Ticks carries it exactly.
                $flat[$key] = [string] [timespan]::FromTicks([long] $value.Ticks)
            }
            elseif ($value -is [string] -or $value -is [System.ValueType]) {
                $flat[$key] = if ($value -is [datetimeoffset]) { $value.ToString('o') } else { [string] $value }
            }
            else { (Get-Flat $value "$key.").GetEnumerator() | ForEach-Object { $flat[$_.Key] = $_.Value } }
        }
        $flat
    }
}

Describe 'Output type <Name>' -ForEach $script:OutputTypes {
    BeforeAll {
        $script:Producer = $script:Producers[$Name]
        $script:Live = $null
        if ($script:Producer) { $script:Live = @(& $script:Producer)[0] }
    }

    It 'has a producer in this test file' {
        $script:Producer | Should -Not -BeNullOrEmpty -Because "add a real cmdlet call producing $Name to `$script:Producers"
        $script:Live.GetType() | Should -Be $Type
    }

    It 'holds only plain, serializable property types' {
        $script:Live | Should -Not -BeNullOrEmpty -Because 'a producer must make a real object'
        Test-PlainType $Type 0 | Should -BeTrue
    }

    It 'keeps every property through Export-Clixml / Import-Clixml' {
        $script:Live | Should -Not -BeNullOrEmpty -Because 'a producer must make a real object'
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ([guid]::NewGuid().ToString('N') + '.xml')
        try {
            $script:Live | Export-Clixml -LiteralPath $file -Depth 5
            $back = Import-Clixml -LiteralPath $file
        }
        finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
        $back.PSObject.TypeNames[0] | Should -Be "Deserialized.$Name"
        $expected = Get-Flat $script:Live
        $actual = Get-Flat $back
        foreach ($key in $expected.Keys) { $actual[$key] | Should -Be $expected[$key] -Because "$key must survive" }
    }

    It 'keeps every non-secret property through ConvertTo-Json' {
        $script:Live | Should -Not -BeNullOrEmpty -Because 'a producer must make a real object'
        # -EnumsAsStrings (PowerShell 7) keeps enum names; Windows PowerShell 5.1 writes their numbers.
        $back = $script:Live | ConvertTo-Json -Depth 6 -EnumsAsStrings | ConvertFrom-Json
        $expected = Get-Flat $script:Live
        $actual = Get-Flat $back
        foreach ($key in ($expected.Keys | Where-Object { $expected[$_] -notlike '<secure:*' -and $expected[$_] -ne '<null>' })) {
            # JSON writes DateTimeOffset in its own form: compare what JSON can carry.
            if ($expected[$key] -match '^\d{4}-\d\d-\d\dT') { continue }
            $actual[$key] | Should -Be $expected[$key] -Because "$key must survive"
        }
    }

    It 'formats the same when deserialized (remoting shows the same table)' {
        $script:Live | Should -Not -BeNullOrEmpty -Because 'a producer must make a real object'
        $back = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($script:Live, 5))
        ($back | Format-Table | Out-String) | Should -Be ($script:Live | Format-Table | Out-String)
        Get-FormatData -TypeName "Deserialized.$Name" | Should -Not -BeNullOrEmpty
    }
}
