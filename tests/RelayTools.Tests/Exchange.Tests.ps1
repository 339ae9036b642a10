# Test-ExchangeRelay and Test-ExchangeRelayConfig on Exchange objects in every form an admin passes them:
# live objects, Import-Clixml, Import-Csv (multi-valued fields joined) and ConvertFrom-Json. There is no
# Exchange server here: the objects are examples/exchange, built by New-ExampleExport.ps1 from Microsoft's
# documentation ("Receive connectors in Exchange Server", exchange/mail-flow/connectors/receive-connectors, for
# the five default connectors of an Exchange 2016/2019 Mailbox server; "Allow anonymous relay on Exchange
# servers", exchange/mail-flow/connectors/allow-anonymous-relay, for the relay connector and its permission).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Examples = Join-Path $PSScriptRoot '../../examples/exchange'
    $live = & (Join-Path $script:Examples 'New-ExampleExport.ps1') -PassThru
    $clixml = @{
        ReceiveConnector = Import-Clixml (Join-Path $script:Examples 'receive-connectors.xml')
        AcceptedDomain   = Import-Clixml (Join-Path $script:Examples 'accepted-domains.xml')
        Permission       = Import-Clixml (Join-Path $script:Examples 'permissions.xml')
    }
    $csv = @{
        ReceiveConnector = Import-Csv (Join-Path $script:Examples 'receive-connectors.csv')
        AcceptedDomain   = Import-Csv (Join-Path $script:Examples 'accepted-domains.csv')
        Permission       = Import-Csv (Join-Path $script:Examples 'permissions.csv')
    }
    # ConvertTo-Json of the objects with their lists as text (as Exchange prints each element).
    $json = @{}
    foreach ($key in 'ReceiveConnector', 'AcceptedDomain', 'Permission') {
        $json[$key] = @($live.$key | ForEach-Object {
                $o = [ordered] @{}
                foreach ($p in $_.PSObject.Properties) { $o[$p.Name] = if ($p.Value -is [System.Collections.IList]) { @($p.Value | ForEach-Object { "$_" }) } else { $p.Value } }
                [pscustomobject] $o
            } | ConvertTo-Json -Depth 4 | ConvertFrom-Json)
    }
    $script:Forms = [ordered] @{
        Live   = @{ ReceiveConnector = $live.ReceiveConnector; AcceptedDomain = $live.AcceptedDomain; Permission = $live.Permission }
        Clixml = $clixml
        Csv    = $csv
        Json   = $json
    }
    function Invoke-ExchangeCase([hashtable] $Objects, [hashtable] $Case) {
        $objects = @{ ReceiveConnector = $Objects.ReceiveConnector; AcceptedDomain = $Objects.AcceptedDomain; Permission = $Objects.Permission }
        Test-ExchangeRelay @objects @Case -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -BeNullOrEmpty -Because 'every field of the documented objects reads'
    }
}

Describe 'Test-ExchangeRelay on the documented defaults and anonymous relay, form <_>' -ForEach @('Live', 'Clixml', 'Csv', 'Json') {
    BeforeAll { $script:Objects = $script:Forms[$_] }

    It 'lets a host of the relay connector relay, by its explicit permission, beating Default Frontend' {
        $r = Invoke-ExchangeCase $script:Objects @{ ClientAddress = '192.168.5.10'; ServerAddress = '10.0.0.5'; Recipient = 'someone@fabrikam.com' }
        $r.Decision | Should -Be 'Permit'
        $r.Reply | Should -Be '250 2.1.5 Recipient OK'
        $r.Connector | Should -Be 'EX01\Anonymous Relay'
        $r.MatchReason | Should -BeLike '*192.168.5.10*'
        $r.LosingConnectors.Connector | Should -Be 'EX01\Default Frontend EX01'
        $r.EffectiveRights | Should -Contain 'ms-Exch-SMTP-Accept-Any-Recipient'
        $r.DecidedBy | Should -BeLike '*ms-Exch-SMTP-Accept-Any-Recipient to NT AUTHORITY\ANONYMOUS LOGON*'
    }

    It 'refuses another host with 550 5.7.54 on Default Frontend, and the fix adds its /32 to the relay connector' {
        $r = Invoke-ExchangeCase $script:Objects @{ ClientAddress = '10.20.1.5'; ServerAddress = '10.0.0.5'; Recipient = 'someone@fabrikam.com' }
        $r.Decision | Should -Be 'Reject'
        $r.Stage | Should -Be 'RcptTo'
        $r.Reply | Should -Be '550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain'
        $r.Connector | Should -Be 'EX01\Default Frontend EX01'
        $r.Principals | Should -Be 'NT AUTHORITY\ANONYMOUS LOGON'
        $r.EffectiveRights | Should -Not -Contain 'ms-Exch-SMTP-Accept-Any-Recipient'
        $r.Fix | Should -Be 'Set-ReceiveConnector "EX01\Anonymous Relay" -RemoteIPRanges @{Add="10.20.1.5"}'
    }

    It 'accepts the same host for the accepted domain without any relay right' {
        $r = Invoke-ExchangeCase $script:Objects @{ ClientAddress = '10.20.1.5'; ServerAddress = '10.0.0.5'; Recipient = 'user@contoso.com' }
        $r.Decision | Should -Be 'Permit'
        $r.DecidedBy | Should -Be 'accepted domain contoso.com (Authoritative)'
    }

    It 'refuses anonymous MAIL FROM on Client Frontend (587), and lets an authenticated user relay there' {
        $anonymous = Invoke-ExchangeCase $script:Objects @{ ClientAddress = '10.20.1.5'; ServerAddress = '10.0.0.5'; Port = 587; Recipient = 'someone@fabrikam.com' }
        $anonymous.Connector | Should -Be 'EX01\Client Frontend EX01'
        $anonymous.Stage | Should -Be 'MailFrom'
        $anonymous.Reply | Should -Be '530 5.7.1 Client was not authenticated'
        $user = Invoke-ExchangeCase $script:Objects @{ ClientAddress = '10.20.1.5'; ServerAddress = '10.0.0.5'; Port = 587; Recipient = 'someone@fabrikam.com'; AuthenticatedUser = 'CONTOSO\scanner' }
        $user.Decision | Should -Be 'Permit'
        $user.Authenticated | Should -BeTrue
        $user.SaslUser | Should -Be 'CONTOSO\scanner'
        $user.Principals | Should -Contain 'NT AUTHORITY\Authenticated Users'
    }

    It 'takes an IPv6 client on the [::]:25 binding' {
        $r = Invoke-ExchangeCase $script:Objects @{ ClientAddress = '2001:db8::5'; ServerAddress = '2001:db8::1'; Recipient = 'someone@fabrikam.com' }
        $r.Connector | Should -Be 'EX01\Default Frontend EX01'
        $r.MatchReason | Should -BeLike '*`[::`]:25*'
        $r.Reply | Should -Be '550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain'
    }

    It 'refuses at connect when no connector takes the port' {
        $r = Invoke-ExchangeCase $script:Objects @{ ClientAddress = '10.20.1.5'; ServerAddress = '10.0.0.5'; Port = 2526; Recipient = 'someone@fabrikam.com' }
        $r.Decision | Should -Be 'Reject'
        $r.Stage | Should -Be 'Connect'
        $r.Connector | Should -Be ''
    }
}

Describe 'Every export form gives the same answers' {
    It 'agrees with the live objects on every property of every case' {
        $cases = foreach ($client in '192.168.5.10', '192.168.5.11', '10.20.1.5', '2001:db8::5') {
            foreach ($port in 25, 587, 465, 2525, 717) {
                @{ ClientAddress = $client; ServerAddress = $(if ($client.Contains(':')) { '2001:db8::1' } else { '10.0.0.5' }); Port = $port; Recipient = 'a@fabrikam.com', 'b@contoso.com' }
            }
        }
        $flat = { param($r) ($r | ConvertTo-Json -Depth 4 -Compress) }
        $expected = @(foreach ($c in $cases) { Invoke-ExchangeCase $script:Forms.Live $c }) | ForEach-Object { & $flat $_ }
        $expected.Count | Should -Be 40
        foreach ($form in 'Clixml', 'Csv', 'Json') {
            $actual = @(foreach ($c in $cases) { Invoke-ExchangeCase $script:Forms[$form] $c }) | ForEach-Object { & $flat $_ }
            for ($i = 0; $i -lt $expected.Count; $i++) { $actual[$i] | Should -Be $expected[$i] -Because "$form case $i" }
        }
    }
}

Describe 'The fix, applied to the objects, makes the client relay' {
    It 'builds the connector of "Allow anonymous relay" for the client alone when there is no relay connector' {
        $defaults = @($script:Forms.Clixml.ReceiveConnector | Where-Object Name -ne 'Anonymous Relay')
        $r = Test-ExchangeRelay -ReceiveConnector $defaults -AcceptedDomain $script:Forms.Clixml.AcceptedDomain -ClientAddress 10.20.1.5 -ServerAddress 10.0.0.5 -Server EX01 -Recipient someone@fabrikam.com
        $r.Reply | Should -Be '550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain'
        $r.Fix | Should -Be @(
            'New-ReceiveConnector -Name "Relay 10.20.1.5" -Server EX01 -TransportRole FrontendTransport -Bindings 0.0.0.0:25 -RemoteIPRanges 10.20.1.5 -PermissionGroups AnonymousUsers'
            'Get-ReceiveConnector "EX01\Relay 10.20.1.5" | Add-ADPermission -User "NT AUTHORITY\ANONYMOUS LOGON" -ExtendedRights ms-Exch-SMTP-Accept-Any-Recipient')
        # What the two commands create, as Get-ReceiveConnector and Get-ADPermission would then export it.
        $new = [pscustomobject] @{ Name = 'Relay 10.20.1.5'; Identity = 'EX01\Relay 10.20.1.5'; Server = 'EX01'; TransportRole = 'FrontendTransport'
            Bindings = '0.0.0.0:25'; RemoteIPRanges = '10.20.1.5'; PermissionGroups = 'AnonymousUsers'; AuthMechanism = 'Tls'; Enabled = $true }
        $grant = [pscustomobject] @{ Identity = 'EX01\Relay 10.20.1.5'; User = 'NT AUTHORITY\ANONYMOUS LOGON'; ExtendedRights = 'ms-Exch-SMTP-Accept-Any-Recipient'; Deny = $false; IsInherited = $false }
        $after = Test-ExchangeRelay -ReceiveConnector ($defaults + $new) -AcceptedDomain $script:Forms.Clixml.AcceptedDomain -Permission $grant -ClientAddress 10.20.1.5 -ServerAddress 10.0.0.5 -Server EX01 -Recipient someone@fabrikam.com
        $after.Decision | Should -Be 'Permit'
        $after.Connector | Should -Be 'EX01\Relay 10.20.1.5'
        $neighbour = Test-ExchangeRelay -ReceiveConnector ($defaults + $new) -AcceptedDomain $script:Forms.Clixml.AcceptedDomain -Permission $grant -ClientAddress 10.20.1.6 -ServerAddress 10.0.0.5 -Recipient someone@fabrikam.com
        $neighbour.Decision | Should -Be 'Reject' -Because 'the fix is the client''s /32, never its range'
    }
}

Describe 'Cases from the pipeline, by property name' {
    It 'evaluates each row, and a bad row is an error of its own while the rest go on' {
        $rows = @(
            [pscustomobject] @{ ClientAddress = '192.168.5.11'; ServerAddress = '10.0.0.5'; Recipient = 'x@fabrikam.com' }
            [pscustomobject] @{ ClientAddress = 'not-an-ip'; ServerAddress = '10.0.0.5'; Recipient = 'x@fabrikam.com' }
            [pscustomobject] @{ ClientAddress = '10.9.9.9'; ServerAddress = '10.0.0.5'; Port = 587; Recipient = 'x@fabrikam.com'; AuthenticatedUser = 'CONTOSO\app' }
        )
        $o = $script:Forms.Csv
        $results = $rows | Test-ExchangeRelay -ReceiveConnector $o.ReceiveConnector -AcceptedDomain $o.AcceptedDomain -Permission $o.Permission -ErrorVariable errors -ErrorAction SilentlyContinue
        $results.Count | Should -Be 2
        $results[0].Connector | Should -Be 'EX01\Anonymous Relay'
        $results[1].Decision | Should -Be 'Permit'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ExchangeBadClientAddress,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].TargetObject | Should -Be 'not-an-ip'
    }
}

Describe 'Tab completion from the connectors on the command line' {
    It 'completes -<Parameter> with <Expected>' -ForEach @(
        @{ Parameter = 'Server'; Expected = @('EX01') }
        @{ Parameter = 'Port'; Expected = @('25', '465', '587', '717', '2525') }
        @{ Parameter = 'ServerAddress'; Expected = @('10.0.0.5') }
    ) {
        $global:RelayToolsCompletionConnectors = @($script:Forms.Clixml.ReceiveConnector) + [pscustomobject] @{ Name = 'Bound'; Server = 'EX01'; Bindings = '10.0.0.5:25' }
        try {
            $line = "Test-ExchangeRelay -ReceiveConnector `$global:RelayToolsCompletionConnectors -$Parameter "
            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $completions | Should -Be $Expected
        }
        finally { Remove-Variable RelayToolsCompletionConnectors -Scope Global }
    }
}

Describe 'Bad input' {
    BeforeAll { $script:O = $script:Forms.Clixml }

    It 'refuses a recipient no RCPT TO could carry, naming the character, and evaluates the others' {
        $r = Test-ExchangeRelay -ReceiveConnector $script:O.ReceiveConnector -AcceptedDomain $script:O.AcceptedDomain -ClientAddress 10.20.1.5 -ServerAddress 10.0.0.5 `
            -Recipient "a@fabrikam.com`r`nRCPT TO:<b@fabrikam.com>", 'user@contoso.com' -ErrorVariable errors -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 1
        $r.Recipient | Should -Be 'user@contoso.com'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SmtpAddressControlCharacter,*'
        $errors[0].Exception.Message | Should -BeLike '*\r\n*'
    }

    It 'refuses a server address that is not an IP address' {
        { Test-ExchangeRelay -ReceiveConnector $script:O.ReceiveConnector -AcceptedDomain $script:O.AcceptedDomain -ClientAddress 10.20.1.5 -ServerAddress ex01.contoso.com -Recipient a@fabrikam.com -ErrorAction Stop } |
            Should -Throw -ErrorId 'ExchangeBadServerAddress,RelayTools.Commands.TestExchangeRelayCommand'
    }

    It 'names an object of the wrong kind, uses the rest, and stops when no connector is left' {
        $r = Test-ExchangeRelay -ReceiveConnector (@('EX01\Default Frontend EX01') + $script:O.ReceiveConnector) -AcceptedDomain $script:O.AcceptedDomain -Permission $script:O.Permission `
            -ClientAddress 192.168.5.10 -ServerAddress 10.0.0.5 -Recipient a@fabrikam.com -ErrorVariable errors -ErrorAction SilentlyContinue
        $r.Decision | Should -Be 'Permit'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ExchangeInputNotReceiveConnector,*'
        $errors[0].Exception.Message | Should -BeLike "The string 'EX01\Default Frontend EX01' is not a Receive connector*"

        $swapped = { Test-ExchangeRelay -ReceiveConnector $script:O.AcceptedDomain -AcceptedDomain $script:O.ReceiveConnector -ClientAddress 10.20.1.5 -ServerAddress 10.0.0.5 -Recipient a@fabrikam.com -ErrorAction SilentlyContinue }
        $swapped | Should -Throw -ErrorId 'ExchangeNoReceiveConnector,RelayTools.Commands.TestExchangeRelayCommand'
    }

    It 'warns about a CSV export whose lists were not joined, naming the field and how to export it' {
        $row = [pscustomobject] @{ Identity = 'EX01\Relay'; TransportRole = 'FrontendTransport'; Bindings = 'Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPBinding]'
            RemoteIPRanges = '10.20.1.5'; PermissionGroups = 'AnonymousUsers'; AuthMechanism = 'Tls'; Enabled = 'True' }
        $r = Test-ExchangeRelay -ReceiveConnector $row -AcceptedDomain $script:O.AcceptedDomain -ClientAddress 10.20.1.5 -ServerAddress 10.0.0.5 -Recipient a@fabrikam.com -WarningVariable warnings -WarningAction SilentlyContinue
        $r.Stage | Should -Be 'Connect'
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -BeLike "*Bindings holds the type name*-join ';'*"
    }

    It 'reads bindings and ranges that ConvertTo-Json wrote as objects of their properties (Windows PowerShell 5.1 adds IPAddressToString)' {
        $text = @'
[{ "Identity": "EX01\\Relay", "TransportRole": "FrontendTransport", "PermissionGroups": "AnonymousUsers", "AuthMechanism": "Tls",
   "Bindings": [ { "Address": { "IPAddressToString": "0.0.0.0", "AddressFamily": 2 }, "Port": 25 },
                 { "Address": { "IPAddressToString": "::", "AddressFamily": 23 }, "Port": 25 } ],
   "RemoteIPRanges": [ { "LowerBound": { "IPAddressToString": "10.20.1.5" }, "UpperBound": { "IPAddressToString": "10.20.1.5" }, "RangeFormat": 0 },
                       { "LowerBound": { "IPAddressToString": "2001:db8::" }, "UpperBound": { "IPAddressToString": "2001:db8::ffff" }, "RangeFormat": 1 },
                       { "LowerBound": { "IPAddressToString": "10.30.0.0" }, "UpperBound": { "IPAddressToString": "10.30.0.255" }, "CIDRLength": 24, "RangeFormat": "CIDR" } ] }]
'@
        $row = $text | ConvertFrom-Json
        $cases = @{ '10.20.1.5' = '10.20.1.5'; '2001:db8::7' = '2001:db8::-2001:db8::ffff'; '10.30.0.9' = '10.30.0.0/24' }
        foreach ($client in $cases.Keys) {
            $server = if ($client.Contains(':')) { '2001:db8::1' } else { '10.0.0.5' }
            $r = Test-ExchangeRelay -ReceiveConnector $row -AcceptedDomain $script:O.AcceptedDomain -ClientAddress $client -ServerAddress $server -Recipient a@contoso.com -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | Should -BeNullOrEmpty
            $r.Connector | Should -Be 'EX01\Relay'
            $r.MatchReason | Should -BeLike "*entry $($cases[$client]) *"
        }
    }

    It 'names an object it cannot read as a binding, once, by its properties' {
        $row = [pscustomobject] @{ Identity = 'EX01\Relay'; Bindings = @([pscustomobject] @{ Address = 0 }); RemoteIPRanges = '10.20.1.5'; PermissionGroups = 'AnonymousUsers' }
        $null = Test-ExchangeRelay -ReceiveConnector $row -AcceptedDomain $script:O.AcceptedDomain -ClientAddress 10.20.1.5 -ServerAddress 10.0.0.5 -Recipient a@contoso.com -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -BeLike "*Bindings value '(an object with the properties Address)' is not address:port*"
    }

    It 'warns about enum numbers of ConvertTo-Json, and does not guess what they mean' {
        $row = [pscustomobject] @{ Identity = 'EX01\Relay'; TransportRole = 'FrontendTransport'; Bindings = @('0.0.0.0:25'); RemoteIPRanges = @('10.20.1.5'); PermissionGroups = 1; AuthMechanism = 'Tls' }
        $r = Test-ExchangeRelay -ReceiveConnector $row -AcceptedDomain $script:O.AcceptedDomain -ClientAddress 10.20.1.5 -ServerAddress 10.0.0.5 -Recipient a@fabrikam.com -WarningVariable warnings -WarningAction SilentlyContinue
        "$($warnings[0])" | Should -BeLike '*PermissionGroups is the number 1*-EnumsAsStrings*'
        $r.Stage | Should -Be 'MailFrom' -Because 'without a permission group nobody may submit'
    }
}

Describe 'Test-ExchangeRelayConfig' {
    BeforeAll {
        $script:Open = Join-Path $script:Examples 'open-relay'
        $script:OpenFindings = Import-Csv (Join-Path $script:Open 'receive-connectors.csv') |
            Test-ExchangeRelayConfig -AcceptedDomain (Import-Csv (Join-Path $script:Open 'accepted-domains.csv')) -Permission (Import-Csv (Join-Path $script:Open 'permissions.csv'))
    }

    It 'finds the open relay, the public externally secured range, the clash, the disabled connector and the relay domain' {
        $script:OpenFindings | ForEach-Object { "$($_.Severity) $($_.Id) $($_.Origin)" } | Should -Be @(
            'Error OpenRelay EX01\Relay (connector 6)'
            'Error OpenRelay EX01\Partner Secured (connector 7)'
            'Information ConnectorDisabled EX01\Old Scanner (connector 8)'
            'Error SameRemoteRange EX01\Relay (connector 6)'
            'Warning RelayDomain accepted domain ''fabrikam.com'' (accepted domain 2)')
    }

    It 'gives the commands that fix each one' {
        ($script:OpenFindings | Where-Object { $_.Origin -like 'EX01\Relay *' -and $_.Id -eq 'OpenRelay' }).Fix |
            Should -Be 'Get-ReceiveConnector "EX01\Relay" | Remove-ADPermission -User "NT AUTHORITY\ANONYMOUS LOGON" -ExtendedRights ms-Exch-SMTP-Accept-Any-Recipient'
        ($script:OpenFindings | Where-Object Id -eq 'RelayDomain').Fix | Should -Be 'Set-AcceptedDomain "fabrikam.com" -DomainType Authoritative'
    }

    It 'finds nothing wrong in the documented defaults with the documented relay, in any form' {
        foreach ($form in $script:Forms.Keys) {
            $o = $script:Forms[$form]
            @($o.ReceiveConnector | Test-ExchangeRelayConfig -AcceptedDomain $o.AcceptedDomain -Permission $o.Permission -MinimumSeverity Warning) | Should -HaveCount 0 -Because $form
        }
    }

    It 'keeps only findings at least as severe as -MinimumSeverity' {
        $errors = Import-Csv (Join-Path $script:Open 'receive-connectors.csv') | Test-ExchangeRelayConfig -Permission (Import-Csv (Join-Path $script:Open 'permissions.csv')) -MinimumSeverity Error
        $errors.Id | Should -Be @('OpenRelay', 'OpenRelay', 'SameRemoteRange')
    }
}
