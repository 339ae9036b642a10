# Get-SendmailRelaySetting and Test-SendmailRelayConfig on configurations compiled by the real m4 files of
# Sendmail 8.17.1 (tests/lab/sendmail.sh cf), with access.db made by its real makemap: what each setting
# reads back, each finding with its exact fix, and bad input (unreadable files, lines makemap refuses).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoSendmail = -not (Test-SendmailLab)
}

Describe 'Sendmail settings and findings on real compiled configurations' -Skip:$script:NoSendmail {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:Script = Join-Path $PSScriptRoot '../lab/sendmail.sh'
        $script:Makemap = '/opt/lab-sendmail/usr/libexec/sendmail/makemap'
        $script:Root = Join-Path ([System.IO.Path]::GetTempPath()) ("relaytools-sendmail-config-" + $PID)
        Remove-Item -LiteralPath $script:Root -Recurse -Force -ErrorAction SilentlyContinue
        $head = @'
divert(-1)dnl
divert(0)dnl
define(`_USE_ETC_MAIL_')dnl
include(`/usr/share/sendmail/cf/m4/cf.m4')dnl
VERSIONID(`RelayTools config test')
OSTYPE(`debian')dnl
DOMAIN(`debian-mta')dnl
FEATURE(`no_default_msa')dnl
define(`confDOMAIN_NAME', `mx.corp.example')dnl
FEATURE(`use_cw_file')dnl
FEATURE(`access_db', , `skip')dnl
'@
        $tail = "MAILER_DEFINITIONS`nMAILER(``local')dnl`nMAILER(``smtp')dnl`n"
        # Builds DIR/<name> with sendmail.mc compiled by the real m4, and the given text files.
        function New-SendmailConfig([string] $Name, [string] $Mc, [hashtable] $Files = @{}) {
            $dir = Join-Path $script:Root $Name
            [void] (New-Item -ItemType Directory -Path $dir -Force)
            [System.IO.File]::WriteAllText((Join-Path $dir 'sendmail.mc'), $head + "`n" + $Mc + $tail)
            foreach ($f in $Files.Keys) { [System.IO.File]::WriteAllText((Join-Path $dir $f), $Files[$f]) }
            $out = & bash $script:Script cf (Join-Path $dir 'sendmail.mc') (Join-Path $dir 'sendmail.cf') 2>&1
            if ($LASTEXITCODE -ne 0) { throw "m4 failed for ${Name}: $out" }
            $dir
        }
        function Invoke-Makemap([string] $Dir) {
            $out = & bash -c "'$script:Makemap' -C '$Dir/sendmail.cf' hash '$Dir/access' < '$Dir/access'" 2>&1
            if ($LASTEXITCODE -ne 0) { throw "makemap failed in ${Dir}: $out" }
            # makemap keeps the .db's time when nothing changed; the test needs it newer than the text.
            (Get-Item (Join-Path $Dir 'access.db')).LastWriteTimeUtc = (Get-Item (Join-Path $Dir 'access')).LastWriteTimeUtc.AddSeconds(5)
        }
        $listen = "DAEMON_OPTIONS(``Family=inet, Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl`nDAEMON_OPTIONS(``Family=inet, Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1')dnl`n"
        $script:Good = New-SendmailConfig 'good' ("DAEMON_OPTIONS(``Family=inet, Name=MTA-v4, Port=smtp')dnl`nDAEMON_OPTIONS(``Family=inet, Name=MSP-v4, Port=submission, M=Ea')dnl`nRELAY_DOMAIN(``partner.example')dnl`nFEATURE(``delay_checks', ``friend', ``n')dnl`n") @{
            'access' = "# the office`nConnect:10.20.1.5`tRELAY`nTo:partner.example RELAY`nFrom:spammer.example REJECT`n"
            'local-host-names' = "corp.example`nmail.corp.example`n"
            'relay-domains' = "branch.example # the branch`n"
        }
        Invoke-Makemap $script:Good
        # promiscuous_relay compiles without Relay_ok at all, so the sender FEATUREs are tested without it.
        $script:Promiscuous = New-SendmailConfig 'promiscuous' ("FEATURE(``promiscuous_relay')dnl`n") @{ 'local-host-names' = "corp.example`n" }
        $script:Open = New-SendmailConfig 'open' ($listen + "FEATURE(``relay_based_on_MX')dnl`nFEATURE(``relay_local_from')dnl`nFEATURE(``relay_mail_from')dnl`n") @{
            'access' = "Connect:203.0.113 RELAY`nConnect:10 RELAY`nConnect:192.168.1.7 OK`nConnect:10.20.1.0/24 RELAY`nnovalue`nBogus:thing RELAY`nConnect:10.1.2.3 PERMIT`n"
            'local-host-names' = "corp.example`npartner.example`n"
            'relay-domains' = "partner.example`n"
        }
        $script:Auth = New-SendmailConfig 'auth' ("DAEMON_OPTIONS(``Family=inet, Name=MTA-v4, Port=smtp')dnl`ndefine(``confAUTH_MECHANISMS', ``PLAIN LOGIN')dnl`nTRUST_AUTH_MECH(``PLAIN LOGIN')dnl`n") @{ 'access' = "Connect:10.20.1.5 RELAY`n"; 'local-host-names' = "corp.example`n" }
        Invoke-Makemap $script:Auth
        $script:McOnly = Join-Path $script:Root 'mc-only'
        [void] (New-Item -ItemType Directory -Path $script:McOnly -Force)
        Copy-Item (Join-Path $script:Good 'sendmail.mc') $script:McOnly
        $script:OpenFindings = @(Test-SendmailRelayConfig -ConfigDirectory $script:Open) + @(Test-SendmailRelayConfig -ConfigDirectory $script:Promiscuous)
    }
    AfterAll { if (-not $env:RELAYTOOLS_KEEP_TEST_FILES) { Remove-Item -LiteralPath $script:Root -Recurse -Force -ErrorAction SilentlyContinue } }

    Context 'Get-SendmailRelaySetting' {
        BeforeAll { $script:S = Get-SendmailRelaySetting -ConfigDirectory $script:Good -HostName ignored.example }

        It 'gives class w with where each name comes from, including what Sendmail adds itself' {
            ($script:S.LocalHostNames | Where-Object Value -EQ 'corp.example').Origin | Should -Be 'local-host-names:1'
            ($script:S.LocalHostNames | Where-Object Value -EQ 'mx.corp.example').Origin | Should -BeLike 'added by Sendmail at start ($j, Dj at sendmail.cf:*'
            $script:S.HostName | Should -Be 'mx.corp.example'
        }
        It 'gives class R from RELAY_DOMAIN and from relay-domains, a comment after # left out' {
            # The F line comes before RELAY_DOMAIN's C line in the compiled sendmail.cf.
            $script:S.RelayDomains.Value | Should -Be @('branch.example', 'partner.example')
            ($script:S.RelayDomains | Where-Object Value -EQ 'branch.example').Origin | Should -Be 'relay-domains:1'
            ($script:S.RelayDomains | Where-Object Value -EQ 'partner.example').Origin | Should -Match '^sendmail\.cf:\d+$'
        }
        It 'lists the access entries with tag, key, value and line' {
            $rows = $script:S.Access | ForEach-Object { "$($_.Tag)|$($_.Key)|$($_.Value)|$($_.Line)" }
            $rows | Should -Be @('Connect|10.20.1.5|RELAY|2', 'To|partner.example|RELAY|3', 'From|spammer.example|REJECT|4')
        }
        It 'names the relay FEATUREs in effect with their sendmail.mc lines' {
            ($script:S.Features | Where-Object Name -EQ 'delay_checks').Arguments | Should -Be 'friend, n'
            ($script:S.Features | Where-Object Name -EQ 'delay_checks').Origin | Should -Be 'sendmail.mc:15'
            $script:S.Features.Name | Should -Contain 'access_db'
            $script:S.Features.Name | Should -Not -Contain 'promiscuous_relay'
        }
        It 'gives the daemons with addresses and ports' {
            $script:S.Daemons | ForEach-Object { "$($_.Name) $($_.Address):$($_.Port) $($_.RequiresAuth) $($_.LoopbackOnly)" } | Should -Be @('MTA-v4 0.0.0.0:25 False False', 'MSP-v4 0.0.0.0:587 True False')
        }
        It 'says whether access.db is current, and the makemap command' {
            $db = $script:S.Databases | Where-Object Map -EQ 'access'
            $db.Current | Should -BeTrue
            $db.RebuildCommand | Should -Be 'makemap hash /etc/mail/access < /etc/mail/access'
        }
        It 'reads sendmail.mc alone when there is no sendmail.cf' {
            $s = Get-SendmailRelaySetting -ConfigDirectory $script:McOnly
            $s.Features.Name | Should -Contain 'delay_checks'
            $s.RelayDomains.Value | Should -Contain 'partner.example'
            ($s.Daemons | Where-Object Port -EQ 587).RequiresAuth | Should -BeTrue
        }
        It 'gives the AUTH mechanisms offered and trusted' {
            $a = Get-SendmailRelaySetting -ConfigDirectory $script:Auth
            $a.AuthMechanisms | Should -Be @('PLAIN', 'LOGIN')
            $a.TrustedAuthMechanisms | Should -Be @('PLAIN', 'LOGIN')
            $a.StartTls | Should -BeFalse
        }
    }

    Context 'Test-SendmailRelayConfig' {
        It 'finds nothing serious in a sound configuration' {
            @(Test-SendmailRelayConfig -ConfigDirectory $script:Good -MinimumSeverity Warning) | Should -BeNullOrEmpty
        }
        It 'finds <Id> with its fix' -ForEach @(
            @{ Id = 'PromiscuousRelay'; Severity = 'Error'; Fix = "# delete from /etc/mail/sendmail.mc: FEATURE(``promiscuous_relay')" }
            @{ Id = 'RelayBasedOnMx'; Severity = 'Warning'; Fix = "# delete from /etc/mail/sendmail.mc: FEATURE(``relay_based_on_MX')" }
            @{ Id = 'RelayLocalFrom'; Severity = 'Warning'; Fix = "# delete from /etc/mail/sendmail.mc: FEATURE(``relay_local_from')" }
            @{ Id = 'RelayMailFrom'; Severity = 'Warning'; Fix = "# delete from /etc/mail/sendmail.mc: FEATURE(``relay_mail_from')" }
            @{ Id = 'MapNotRebuilt'; Severity = 'Error'; Fix = 'makemap hash /etc/mail/access < /etc/mail/access' }
            @{ Id = 'ListensOnLoopbackOnly'; Severity = 'Warning'; Fix = "DAEMON_OPTIONS(``Family=inet, Name=MTA-v4, Port=smtp')dnl" }
            @{ Id = 'RelayDomainIsLocal'; Severity = 'Warning'; Fix = '# delete partner.example from /etc/mail/relay-domains or from /etc/mail/local-host-names, whichever is not meant' }
            @{ Id = 'ConnectOkIsNotRelay'; Severity = 'Information'; Fix = "Connect:192.168.1.7`tRELAY" }
        ) {
            $f = @($script:OpenFindings | Where-Object Id -EQ $Id)
            $f.Count | Should -BeGreaterThan 0 -Because "$Id is expected among: $($script:OpenFindings.Id -join ', ')"
            "$($f[0].Severity)" | Should -Be $Severity
            $f[0].Fix | Should -Contain $Fix
            $f[0].Origin | Should -Not -BeNullOrEmpty
        }
        It 'gives the sendmail.mc line of a FEATURE it finds' {
            ($script:OpenFindings | Where-Object Id -EQ 'PromiscuousRelay').Origin | Should -Be 'sendmail.mc:12'
            ($script:OpenFindings | Where-Object Id -EQ 'RelayLocalFrom').Origin | Should -Be 'sendmail.mc:15'
        }
        It 'flags Connect: RELAY for a public range as an error and a /8 as a warning' {
            $wide = @($script:OpenFindings | Where-Object Id -EQ 'ConnectRelayWide')
            ($wide | Where-Object Origin -EQ 'access:1').Severity | Should -Be 'Error'
            ($wide | Where-Object Origin -EQ 'access:2').Severity | Should -Be 'Warning'
            ($wide | Where-Object Origin -EQ 'access:1').Fix | Should -Contain "Connect:203.0.113.1`tRELAY"
        }
        It 'reports a CIDR key that never matches, with its line' {
            $f = $script:OpenFindings | Where-Object { $_.Id -eq 'AccessSuspicious' -and $_.Origin -eq 'access:4' }
            $f.Message | Should -Match 'Connect:10\.20\.1\b'
        }
        It 'reports a line makemap refuses with its number, and reads the rest' {
            ($script:OpenFindings | Where-Object { $_.Origin -eq 'access:5' }).Id | Should -Be 'AccessSyntax'
            (Get-SendmailRelaySetting -ConfigDirectory $script:Open).Access.Line | Should -Contain 7
        }
        It 'keeps and reports an unknown tag and an unknown value' {
            ($script:OpenFindings | Where-Object Origin -EQ 'access:6').Id | Should -Be 'AccessUnknownTag'
            ($script:OpenFindings | Where-Object Origin -EQ 'access:7').Id | Should -Be 'AccessUnknownValue'
            ((Get-SendmailRelaySetting -ConfigDirectory $script:Open).Access | Where-Object Line -EQ 6).Tag | Should -Be 'Bogus'
        }
        It 'finds AUTH offered without STARTTLS, and the lines that set TLS up' {
            $f = Test-SendmailRelayConfig -ConfigDirectory $script:Auth | Where-Object Id -EQ 'AuthWithoutStartTls'
            "$($f.Severity)" | Should -Be 'Error'
            $f.Fix | Should -Contain "define(``confSERVER_CERT', ``CERT_DIR/sendmail.crt')dnl"
        }
        It 'finds a missing submission daemon' {
            (Test-SendmailRelayConfig -ConfigDirectory $script:Auth | Where-Object Id -EQ 'NoSubmissionPort').Fix | Should -Contain "DAEMON_OPTIONS(``Family=inet, Name=MSP-v4, Port=submission, M=Ea')dnl"
        }
        It 'finds an access.db older than access after an edit' {
            Start-Sleep -Milliseconds 20
            Add-Content -LiteralPath (Join-Path $script:Auth 'access') -Value 'Connect:10.20.1.6 RELAY'
            (Get-Item (Join-Path $script:Auth 'access')).LastWriteTimeUtc = [datetime]::UtcNow.AddMinutes(1)
            (Test-SendmailRelayConfig -ConfigDirectory $script:Auth | Where-Object Id -EQ 'MapNotRebuilt').Message | Should -Match 'is newer than'
        }
    }

    Context 'Bad input' {
        It 'an unreadable directory is an error naming it, and the next input goes on' {
            $out = @(Get-SendmailRelaySetting -Path (Join-Path $script:Root 'nothing/sendmail.cf'), (Join-Path $script:Good 'sendmail.cf') -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'SendmailConfigUnreadable,*'
            $errs[0].TargetObject | Should -BeLike '*nothing/sendmail.cf'
            $out.Count | Should -Be 1
        }
        It 'Test-SendmailRelay needs the compiled sendmail.cf and says how to build it' {
            Test-SendmailRelay -ConfigDirectory $script:McOnly -ClientAddress 10.20.1.5 -Recipient x@gmail.com -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'SendmailConfigUnreadable,*'
            "$($errs[0])" | Should -Match 'm4 sendmail.mc > sendmail.cf'
        }
        It 'a bad client address or a CR LF in an address is an error for that input only' {
            $r = @('10.20.1.5', 'not-an-ip', '10.20.1.5') | ForEach-Object { [pscustomobject]@{ ClientAddress = $_; Recipient = 'x@gmail.com'; ClientName = '' } } |
                Test-SendmailRelay -ConfigDirectory $script:Good -ErrorVariable errs -ErrorAction SilentlyContinue
            @($r).Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'SendmailBadClientAddress,*'
            Test-SendmailRelay -ConfigDirectory $script:Good -ClientAddress 10.20.1.5 -Recipient "x@gmail.com`r`nDATA" -ErrorVariable errs2 -ErrorAction SilentlyContinue
            $errs2[0].FullyQualifiedErrorId | Should -BeLike 'SendmailBadAddress,*'
        }
        It 'reads sendmail.cf from the pipeline, and says the access map it cannot read is not evaluated' {
            $r = Get-Content (Join-Path $script:Good 'sendmail.cf') | Test-SendmailRelay -ClientAddress 10.20.1.5 -ClientName '' -Recipient x@gmail.com -WarningVariable warned -WarningAction SilentlyContinue
            "$warned" | Should -Match 'sendmail.cf came as text: the files it names \(/etc/mail/local-host-names'
            "$($r.Decision)" | Should -Be 'Unknown'
            $r.Notes -join ' ' | Should -Match 'map access \(/etc/mail/access\) cannot be read'
        }
    }
}
