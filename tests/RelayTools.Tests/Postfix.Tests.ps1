BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Examples = Join-Path $PSScriptRoot '../../examples/postfix'
    $script:Correct = Join-Path $script:Examples 'correct'
    $script:Broken = Join-Path $script:Examples 'broken-order'
    $script:Open = Join-Path $script:Examples 'open-relay'
}

Describe 'Get-PostfixRestriction' {
    It 'lists the submission relay list from its -o { } override, with the master.cf line as origin' {
        $relay = Get-PostfixRestriction -ConfigDirectory $script:Correct -Service submission -List relay
        $relay.Name | Should -Be @('permit_sasl_authenticated', 'reject')
        $relay.Position | Should -Be @(1, 2)
        $relay[0].Origin | Should -Be 'master.cf:8 -o (submission)'
        $relay[1].Kind | Should -Be 'Reject'
    }

    It 'gives smtp the main.cf list (continuation lines joined) and selects services by port' {
        $relay = Get-PostfixRestriction -ConfigDirectory $script:Correct -Service 25 -List smtpd_relay_restrictions
        $relay.Name | Should -Be @('permit_mynetworks', 'permit_sasl_authenticated', 'reject_unauth_destination')
        $relay.Origin | Select-Object -Unique | Should -Be 'main.cf:23'
        ($relay | Select-Object -Unique -ExpandProperty Service) | Should -Be 'smtp'
    }

    It 'marks restrictions after an unconditional permit unreachable and unknown names as unknown' {
        $rcpt = "smtpd_recipient_restrictions = permit_mynetworks, permit, reject_unauth_destinaton" | Get-PostfixRestriction -List recipient
        $rcpt.Reachable | Should -Be @($true, $true, $false)
        $rcpt[2].IsKnown | Should -BeFalse
    }

    It 'reads postconf -n and postconf -P output from the pipeline' {
        $text = @(
            'compatibility_level = 3.6'
            'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'
            'submission/inet/smtpd_relay_restrictions = permit_sasl_authenticated, reject'
        )
        $all = $text | Get-PostfixRestriction -List relay
        ($all | Where-Object Service -EQ 'submission').Name | Should -Be @('permit_sasl_authenticated', 'reject')
        ($all | Where-Object Service -EQ 'submission')[0].Origin | Should -Be '(pipeline):3 -o (submission)'
    }

    It 'takes main.cf files from Get-ChildItem by FullName, each with its own master.cf' {
        $relay = Get-ChildItem -Path (Join-Path $script:Examples '*/main.cf') | Get-PostfixRestriction -List relay -WarningAction SilentlyContinue
        ($relay | Where-Object Service -EQ 'submission').Origin | Select-Object -Unique | Should -Be 'master.cf:8 -o (submission)'
        @($relay | Where-Object Origin -EQ 'main.cf:9').Count | Should -Be 3
    }

    It 'names the macro behind a list given as $name' {
        $relay = 'mua_relay = permit_sasl_authenticated, reject', 'submission inet n - y - - smtpd', '  -o smtpd_relay_restrictions=$mua_relay' | Get-PostfixRestriction -List relay
        $relay.Name | Should -Be @('permit_sasl_authenticated', 'reject')
        $relay[0].Origin | Should -Be '(pipeline):3 -o (submission) via $mua_relay ((pipeline):1)'
    }

    It 'asks for a configuration when /etc/postfix/main.cf does not exist' -Skip:(Test-Path -LiteralPath '/etc/postfix/main.cf') {
        { Get-PostfixRestriction -ErrorAction Stop } | Should -Throw -ErrorId 'PostfixNoConfiguration,RelayTools.Commands.GetPostfixRestrictionCommand'
    }

    It 'lists the default relay list of compatibility level 3.6 when none is set, with origin default' {
        $relay = 'compatibility_level = 3.6' | Get-PostfixRestriction -List relay
        $relay.Name | Should -Be @('permit_mynetworks', 'permit_sasl_authenticated', 'defer_unauth_destination')
        $relay.Origin | Select-Object -Unique | Should -Be 'default'
    }

    It 'writes an error naming an unreadable file and goes on with the next path' {
        $missing = Join-Path $TestDrive 'nowhere/main.cf'
        $out = Get-PostfixRestriction -Path $missing, (Join-Path $script:Correct 'main.cf') -List relay -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PostfixConfigUnreadable,*'
        $err[0].Exception.Message | Should -BeLike "*$missing*"
        @($out).Count | Should -BeGreaterThan 3
    }

    It 'reports an unbalanced brace with file:line and still lists the other restrictions' {
        $file = Join-Path $TestDrive 'main.cf'
        Set-Content -LiteralPath $file -Value @('compatibility_level = 3.6', 'smtpd_client_restrictions = permit_mynetworks, { reject', 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination')
        $out = Get-PostfixRestriction -Path $file -ErrorVariable err -ErrorAction SilentlyContinue
        ($err | Where-Object { $_.FullyQualifiedErrorId -like 'PostfixConfigSyntax,*' }).Exception.Message | Should -Contain "main.cf:2: missing '}' in smtpd_client_restrictions = permit_mynetworks, { reject"
        ($out | Where-Object List -EQ 'smtpd_relay_restrictions').Name | Should -Be @('permit_mynetworks', 'reject_unauth_destination')
    }

    It 'warns about an unknown parameter and keeps it' {
        $null = Get-PostfixRestriction -ConfigDirectory $script:Broken -WarningVariable warn -WarningAction SilentlyContinue
        $warn.Message | Should -Contain 'main.cf:12: unknown parameter broken_sasl_auth_enable=yes: Postfix 3.7 ignores it (postconf: unused parameter) (did you mean broken_sasl_auth_clients?)'
    }

    It 'reports a -Service that matches no smtpd service' {
        $null = Get-PostfixRestriction -ConfigDirectory $script:Correct -Service nosuch -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PostfixServiceNotFound,*'
        $err[0].Exception.Message | Should -Match 'smtp, submission, submissions'
    }

    It 'completes -Service and -List from the configuration on the command line' {
        $line = "Get-PostfixRestriction -ConfigDirectory '$script:Correct' -Service sub"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('submission', 'submissions')
        $line = "Get-PostfixRestriction -ConfigDirectory '$script:Correct' -List smtpd_re"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('smtpd_relay_restrictions', 'smtpd_recipient_restrictions')
    }
}

Describe 'Get-PostfixRelaySetting' {
    It 'gives each smtpd service its own expanded values' {
        $settings = Get-PostfixRelaySetting -ConfigDirectory $script:Correct
        $settings.Service | Should -Be @('smtp', 'submission', 'submissions')
        $settings.Port | Should -Be @(25, 587, 465)
        $settings.TlsSecurityLevel | Should -Be @('may', 'encrypt', 'may')
        $settings[2].TlsWrapperMode | Should -BeTrue
        $settings[0].MyDestination | Should -Be @('mx1.corp.example', 'localhost.corp.example', 'localhost', 'corp.example')
        $settings[0].HasSubmissionService | Should -BeTrue
        $settings[0].RelayBeforeRecipientRestrictions | Should -BeTrue
        $settings[0].SaslType | Should -Be 'dovecot'
    }

    It 'parses IPv4, IPv6 and IPv4-mapped mynetworks entries' {
        $nets = (Get-PostfixRelaySetting -ConfigDirectory $script:Correct -Service smtp).MyNetworks
        $nets.Text | Should -Be @('127.0.0.0/8', '[::ffff:127.0.0.0]/104', '[::1]/128', '192.0.2.10/32')
        $nets.AddressFamily | Should -Be @('IPv4', 'IPv6', 'IPv6', 'IPv4')
        $nets[1].IsIPv4Mapped | Should -BeTrue
        $nets[1].PrefixLength | Should -Be 104
    }

    It 'reads /file entries of mynetworks in place' {
        $file = Join-Path $TestDrive 'networks'
        Set-Content -LiteralPath $file -Value @('# office', '10.20.0.0/16 [fd00:1::]/48')
        $nets = "mynetworks = 127.0.0.1 $file" | Get-PostfixRelaySetting | Select-Object -ExpandProperty MyNetworks
        $nets.Text | Should -Be @('127.0.0.1', $file, '10.20.0.0/16', '[fd00:1::]/48')
        $nets.Kind | Should -Be @('Address', 'File', 'Cidr', 'Cidr')
    }

    It 'shows every value with its origin' {
        $values = (Get-PostfixRelaySetting -ConfigDirectory $script:Correct -Service submission).Values
        ($values | Where-Object Name -EQ 'smtpd_tls_security_level').Origin | Should -Be 'master.cf:5 -o (submission)'
        ($values | Where-Object Name -EQ 'myorigin').Value | Should -Be 'corp.example'
        ($values | Where-Object Name -EQ 'smtpd_sasl_security_options').Origin | Should -Be 'default'
    }

    It 'survives Export-Clixml and Import-Clixml with its nested values' {
        $path = Join-Path $TestDrive 'settings.xml'
        Get-PostfixRelaySetting -ConfigDirectory $script:Correct -Service smtp | Export-Clixml -LiteralPath $path
        $back = Import-Clixml -LiteralPath $path
        $back.PSObject.TypeNames[0] | Should -Be 'Deserialized.RelayTools.Core.Postfix.PostfixRelaySetting'
        $back.MyNetworks[3].Network | Should -Be '192.0.2.10'
        @($back.Values).Count | Should -Be ((Get-RelayToolsCoreType 'RelayTools.Core.Postfix.PostfixRelaySettingReader')::ParameterNames.Count)
    }
}

Describe 'Test-PostfixRelay' {
    It 'predicts Relay access denied for an authenticated user when the guard comes first' {
        $r = Test-PostfixRelay -ConfigDirectory $script:Broken -ClientAddress 10.20.1.5 -SaslUser bob -Recipient x@gmail.com
        $r.Decision | Should -Be 'Reject'
        $r.Reply | Should -Be '554 5.7.1 <x@gmail.com>: Relay access denied'
        $r.DecidedBy | Should -Be 'reject_unauth_destination'
        $r.DecidedByOrigin | Should -Be 'main.cf:15'
    }

    It 'permits the same user on the correct configuration, decided by permit_sasl_authenticated' {
        $r = Test-PostfixRelay -ConfigDirectory $script:Correct -ClientAddress 198.51.100.7 -Authenticated -Recipient x@gmail.com -Helo client.example.com
        $r.Reply | Should -Be '250 2.1.5 Ok'
        $r.Trace | Where-Object Result -EQ 'OK' | Select-Object -First 1 -ExpandProperty Rule | Should -Be 'permit_sasl_authenticated'
    }

    It 'answers submission with its -o client list: an unauthenticated client is refused' {
        $r = Test-PostfixRelay -ConfigDirectory $script:Correct -Service submission -ClientAddress 198.51.100.7 -Recipient a@corp.example -Helo client.example.com
        $r.Reply | Should -Be '554 5.7.1 <unknown[198.51.100.7]>: Client host rejected: Access denied'
        $r.DecidedByList | Should -Be 'smtpd_client_restrictions'
    }

    It 'answers a client that sent no HELO (no -Helo) as smtpd_helo_required = yes does: 503 at MAIL FROM' {
        $r = Test-PostfixRelay -ConfigDirectory $script:Correct -ClientAddress 127.0.0.5 -Recipient x@gmail.com
        $r.Reply | Should -Be '503 5.5.1 Error: send HELO/EHLO first'
        $r.Stage | Should -Be 'MailFrom'
        $r.Notes | Should -Contain 'no -Helo given: the client is taken to send no HELO/EHLO, and smtpd_helo_required = yes refuses MAIL FROM without one (give -Helo to evaluate a client that greets)'
    }

    It 'takes what-if cases from the pipeline by property name (for example Import-Csv)' {
        $cases = @(
            [pscustomobject]@{ ClientAddress = '127.0.0.5'; Recipient = 'x@gmail.com'; Service = 'smtp'; Helo = 'client.example.com' }
            [pscustomobject]@{ ClientAddress = '198.51.100.7'; Recipient = 'x@gmail.com'; Service = 'smtp'; Helo = 'client.example.com' }
            [pscustomobject]@{ ClientAddress = '198.51.100.7'; Recipient = 'x@gmail.com'; Service = 'submission'; SaslUser = 'alice'; Helo = 'client.example.com' }
        )
        $r = $cases | Test-PostfixRelay -ConfigDirectory $script:Correct
        $r.Reply | Should -Be @('250 2.1.5 Ok', '554 5.7.1 <x@gmail.com>: Relay access denied', '250 2.1.5 Ok')
        $r.Service | Should -Be @('smtp', 'smtp', 'submission')
    }

    It 'gives one result per recipient' {
        $r = Test-PostfixRelay -ConfigDirectory $script:Open -ClientAddress 203.0.113.9 -Recipient a@relay.example.net, x@gmail.com
        $r.Recipient | Should -Be @('a@relay.example.net', 'x@gmail.com')
        $r.Decision | Should -Be @('Permit', 'Permit')
    }

    It 'refuses a client address that is not an IP address' {
        { Test-PostfixRelay -ConfigDirectory $script:Correct -ClientAddress not-an-ip -Recipient x@gmail.com -ErrorAction Stop } |
            Should -Throw -ErrorId 'PostfixBadClientAddress,RelayTools.Commands.TestPostfixRelayCommand'
    }

    It 'says "not evaluated" for a table it cannot read' {
        $r = 'compatibility_level = 3.6', 'smtpd_client_restrictions = check_client_access hash:/nonexistent/access' | Test-PostfixRelay -ClientAddress 127.0.0.1 -Recipient a@localhost
        $r.Decision | Should -Be 'Unknown'
        $r.ReplyText | Should -BeLike 'not evaluated: the table hash:/nonexistent/access cannot be read here*'
    }
}

Describe 'Test-PostfixRelayConfig' {
    It 'finds the broken order, the typo and the unknown parameter in the broken sample' {
        $ids = (Test-PostfixRelayConfig -ConfigDirectory $script:Broken).Id
        $ids | Should -Contain 'RelayGuardBeforePermit'
        $ids | Should -Contain 'UnknownRestriction'
        $ids | Should -Contain 'UnknownParameter'
        $ids | Should -Contain 'AuthWithoutTls'
    }

    It 'flags the open relay as an error with the replacement mynetworks line' {
        $f = Test-PostfixRelayConfig -ConfigDirectory $script:Open -MinimumSeverity Error | Where-Object Id -EQ 'OpenRelayMyNetworks' | Select-Object -First 1
        $f.Severity | Should -Be 'Error'
        $f.Fix | Should -Be @('mynetworks = 127.0.0.0/8 [::1]/128')
        $f.Origin | Should -Be 'main.cf:6'
    }

    It 'finds nothing in the correct sample' {
        @(Test-PostfixRelayConfig -ConfigDirectory $script:Correct).Count | Should -Be 0
    }
}

Describe 'Postfix output types' {
    It 'each has a default table view' {
        foreach ($type in 'Postfix.PostfixRestriction', 'Postfix.PostfixRelaySetting', 'Postfix.PostfixSettingValue', 'Postfix.PostfixNetwork', 'Postfix.PostfixRelayResult', 'WhatIf.RelayTraceStep', 'Postfix.PostfixFinding') {
            $view = Get-FormatData -TypeName "RelayTools.Core.$type"
            $view | Should -Not -BeNullOrEmpty -Because "$type needs a view"
            $view.FormatViewDefinition[0].Control.GetType().Name | Should -Be 'TableControl'
        }
    }
}
