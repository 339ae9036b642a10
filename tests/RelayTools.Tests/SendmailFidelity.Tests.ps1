# Fidelity of the Sendmail what-if: the real Sendmail 8.17.1 (tests/lab/sendmail.sh) runs every configuration
# of SendmailFidelity.Configs.ps1 on its own loopback port, a socket prober (SendmailFidelityProber.cs) asks
# each from several 127.0.0.x clients with several senders and recipients and records the reply at the
# command that refused (greeting, EHLO, MAIL or RCPT), and Test-SendmailRelay must say the same for the
# same configuration folder. The recorded cases are written to cases.json (path printed) with the files of
# each configuration, so they can be replayed without a lab; RELAYTOOLS_SENDMAIL_FIDELITY_EXPORT=DIR also
# keeps each configuration folder under DIR/configs and the cases in DIR/cases.json.
# RELAYTOOLS_SENDMAIL_FIDELITY_BASE moves the daemons' ports (BASE+25+i for configuration i; default 5800).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'SendmailFidelity.Configs.ps1')
    $script:NoSendmail = -not (Test-SendmailLab)
    $script:ConfigNames = @(Get-SendmailFidelityConfigs | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'SendmailFidelity.Configs.ps1')
    $script:Script = Join-Path $PSScriptRoot '../lab/sendmail.sh'
    $script:Configs = @(Get-SendmailFidelityConfigs)
    $script:Root = Join-Path ([System.IO.Path]::GetTempPath()) ("relaytools-sendmail-fidelity-" + $PID)
    $script:CasesPath = Join-Path $script:Root 'cases.json'
    $script:Cases = @()
    $script:WhatIf = Get-Command Test-SendmailRelay -ErrorAction SilentlyContinue
    $script:NoSendmail = -not (Test-SendmailLab)

    # A reply line as Sendmail writes it: code, enhanced code (when there is one), text.
    function ConvertFrom-SendmailReply([string] $Line) {
        if ($Line -match '^(\d{3})[ -](?:(\d\.\d{1,3}\.\d{1,3}) )?(.*)$') { return @{ Code = [int] $Matches[1]; Enhanced = "$($Matches[2])"; Text = $Matches[3] } }
        @{ Code = 0; Enhanced = ''; Text = $Line }
    }

    # agree, unknown or disagree; the stage counts when the real server refused before RCPT.
    function Compare-SendmailCase($Case, $Predicted) {
        if ("$($Predicted.Decision)" -eq 'Unknown') { return 'unknown' }
        $same = [int] $Predicted.ReplyCode -eq $Case.ReplyCode -and "$($Predicted.EnhancedStatusCode)" -ceq $Case.EnhancedStatusCode -and "$($Predicted.ReplyText)" -ceq $Case.ReplyText
        if ($same -and $Case.Stage -ne 'RcptTo') {
            $stage = "$($Predicted.Stage)"
            $same = $stage -eq $Case.Stage -or ($Case.Stage -eq 'Connect' -and $stage -eq 'Greeting')
        }
        if ($same) { 'agree' } else { 'disagree' }
    }

    # Every daemon that may have started, in parallel (stop is idempotent).
    function Stop-SendmailFidelityDaemons {
        $stops = foreach ($c in $script:Configs) { if ($c.Dir -and (Test-Path -LiteralPath $c.Dir)) { "bash '$script:Script' stop '$($c.Dir)' >/dev/null 2>&1 </dev/null &" } }
        if ($stops) { & bash -c ((@($stops) -join "`n") + "`nwait") | Out-Null }
    }

    if (-not $script:NoSendmail) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $base = if ($env:RELAYTOOLS_SENDMAIL_FIDELITY_BASE) { [int] $env:RELAYTOOLS_SENDMAIL_FIDELITY_BASE } else { 5800 }
        # This run's folder, fresh; earlier runs' folders (their cases.json) go once their process has ended.
        foreach ($old in Get-ChildItem -Directory -Path ([System.IO.Path]::GetTempPath()) -Filter 'relaytools-sendmail-fidelity-*') {
            if ($old.Name -match '-(\d+)$' -and ($Matches[1] -eq "$PID" -or -not (Get-Process -Id ([int] $Matches[1]) -ErrorAction SilentlyContinue))) {
                Remove-Item -LiteralPath $old.FullName -Recurse -Force -ErrorAction SilentlyContinue
            }
        }
        $starts = for ($i = 0; $i -lt $script:Configs.Count; $i++) {
            $c = $script:Configs[$i]
            $c.Dir = Join-Path $script:Root "configs/$($c.Name)"
            $c.Base = $base + $i
            Write-SendmailFidelityConfig $c $c.Dir
            "(LAB_SENDMAIL_MC='$($c.Dir)/mail/sendmail.mc' bash '$script:Script' start '$($c.Dir)' $($c.Base) >'$($c.Dir)/start.log' 2>&1 </dev/null || echo failed >'$($c.Dir)/start.failed') &"
        }
        & bash -c (($starts -join "`n") + "`nwait") | Out-Null
        $script:Started = $clock.Elapsed.TotalSeconds
        foreach ($c in $script:Configs) {
            if (Test-Path -LiteralPath (Join-Path $c.Dir 'start.failed')) { throw "The Sendmail of $($c.Name) did not start: $(Get-Content -Raw (Join-Path $c.Dir 'start.log'))" }
            $c.Port = [int] ((Get-Content (Join-Path $c.Dir 'sendmail.env') | Where-Object { $_ -like 'SENDMAIL_SMTP_PORT=*' }) -replace '^.*=', '')
        }

        $plan = [System.Collections.Generic.List[object]]::new()
        foreach ($c in $script:Configs) {
            foreach ($client in $c.Clients) { foreach ($sender in $c.Senders) { foreach ($recipient in $c.Recipients) {
                        $plan.Add([pscustomobject]@{ Config = $c; ClientAddress = $client; ClientName = $script:SendmailFidelityClients[$client]; Sender = $sender; Recipient = $recipient })
                    } } }
        }
        if (-not ('RelayTools.Tests.SendmailFidelity.Prober' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'SendmailFidelityProber.cs') }
        $probeCases = [RelayTools.Tests.SendmailFidelity.ProbeCase[]] @(foreach ($p in $plan) {
                $k = New-Object RelayTools.Tests.SendmailFidelity.ProbeCase
                $k.Port = $p.Config.Port; $k.Source = $p.ClientAddress; $k.Sender = $p.Sender; $k.Recipient = $p.Recipient
                $k
            })
        $real = [RelayTools.Tests.SendmailFidelity.Prober]::ProbeAll($probeCases, 8)
        $script:Probed = $clock.Elapsed.TotalSeconds - $script:Started
        Stop-SendmailFidelityDaemons

        $script:Cases = @(for ($i = 0; $i -lt $plan.Count; $i++) {
                $p = $plan[$i]; $r = $real[$i]; $reply = ConvertFrom-SendmailReply $r.Reply
                [pscustomobject][ordered]@{
                    Config = $p.Config.Name; ConfigDirectory = Join-Path $p.Config.Dir 'mail'
                    ClientAddress = $p.ClientAddress; ClientName = $p.ClientName; Helo = 'client.fidelity.test'; Sender = $p.Sender; Recipient = $p.Recipient
                    Stage = $r.Stage; Reply = $r.Reply; ReplyCode = $reply.Code; EnhancedStatusCode = $reply.Enhanced; ReplyText = $reply.Text
                    Transcript = $r.Transcript
                }
            })

        # The cases and the files that made them; with an export folder, also the configuration folders.
        $export = $env:RELAYTOOLS_SENDMAIL_FIDELITY_EXPORT
        if ($export) {
            foreach ($c in $script:Configs) {
                $target = Join-Path $export "configs/$($c.Name)"
                Remove-Item -LiteralPath $target -Recurse -Force -ErrorAction SilentlyContinue
                [void] (New-Item -ItemType Directory -Path $target -Force)
                Copy-Item -LiteralPath (Join-Path $c.Dir 'mail') -Destination $target -Recurse
                Copy-Item -LiteralPath (Join-Path $c.Dir 'hosts.extra') -Destination $target
                Copy-Item -LiteralPath (Join-Path $c.Dir 'maillog') -Destination $target
            }
            foreach ($case in $script:Cases) { $case.ConfigDirectory = Join-Path $export "configs/$($case.Config)/mail" }
        }
        $files = [ordered]@{}
        foreach ($c in $script:Configs) {
            $mail = Join-Path $c.Dir 'mail'
            $files[$c.Name] = [ordered]@{
                'mail/sendmail.mc' = [System.IO.File]::ReadAllText((Join-Path $mail 'sendmail.mc'))
                'mail/access' = [System.IO.File]::ReadAllText((Join-Path $mail 'access'))
                'mail/relay-domains' = if (Test-Path -LiteralPath (Join-Path $mail 'relay-domains')) { [System.IO.File]::ReadAllText((Join-Path $mail 'relay-domains')) } else { $null }
                'mail/local-host-names' = [System.IO.File]::ReadAllText((Join-Path $mail 'local-host-names'))
                'hosts.extra' = [System.IO.File]::ReadAllText((Join-Path $c.Dir 'hosts.extra'))
            }
        }
        $json = [ordered]@{
            Sendmail = '8.17.1.9 (Debian 8.17.1.9-2+deb12u2)'; Generated = [DateTimeOffset]::Now.ToString('o')
            Note = 'Each case: the real reply at the command that refused (Stage Connect = greeting, Ehlo, MailFrom, RcptTo). ClientName '''' = no PTR. Sender '''' = <>. Every mc but sender-domains-must-resolve has accept_unresolvable_domains; in the lab these resolve: lab.test, example.com/net/org, gmail.com and the names of hosts.extra.'
            Configs = $files; Cases = $script:Cases
        } | ConvertTo-Json -Depth 6
        [System.IO.File]::WriteAllText($script:CasesPath, $json)
        if ($export) { [System.IO.File]::WriteAllText((Join-Path $export 'cases.json'), $json) }
        Write-Host ("Sendmail fidelity: {0} cases over {1} configurations recorded in {2} (start {3:N1} s, probe {4:N1} s)" -f $script:Cases.Count, $script:Configs.Count, $script:CasesPath, $script:Started, $script:Probed)

        # The what-if on every case, once the module has it; every outcome goes to whatif.json beside cases.json.
        $script:Outcomes = @{}
        if ($script:WhatIf) {
            $clock.Restart()
            $agree = 0; $unknown = [System.Collections.Generic.List[string]]::new(); $all = [System.Collections.Generic.List[string]]::new()
            $results = [System.Collections.Generic.List[object]]::new()
            foreach ($case in $script:Cases) {
                if (-not $script:Outcomes.ContainsKey($case.Config)) { $script:Outcomes[$case.Config] = [System.Collections.Generic.List[string]]::new() }
                if ($case.Stage -eq 'Error') { continue }
                $predicted = Test-SendmailRelay -ConfigDirectory (Join-Path ($script:Configs | Where-Object Name -EQ $case.Config).Dir 'mail') -ClientAddress $case.ClientAddress `
                    -ClientName $case.ClientName -Sender $case.Sender -Recipient $case.Recipient
                $verdict = Compare-SendmailCase $case $predicted
                $who = "$($case.Config): $($case.ClientAddress) ($(if ($case.ClientName) { $case.ClientName } else { 'no name' })) from <$($case.Sender)> to <$($case.Recipient)>"
                $said = if ("$($predicted.Decision)" -eq 'Unknown') { "Unknown: $(@($predicted.PSObject.Properties['Notes'].Value) -join ' ')" }
                else { "$($predicted.Decision) [$($predicted.Stage)] '$($predicted.ReplyCode) $($predicted.EnhancedStatusCode) $($predicted.ReplyText)' by $($predicted.DecidedBy)" }
                switch ($verdict) {
                    'agree' { $agree++ }
                    'unknown' { $unknown.Add("$who`: real [$($case.Stage)] '$($case.Reply)', $said") }
                    default { $line = "$who`: real [$($case.Stage)] '$($case.Reply)', predicted $said"; $script:Outcomes[$case.Config].Add($line); $all.Add($line) }
                }
                $results.Add([ordered]@{ Verdict = $verdict; Case = $case | Select-Object Config, ClientAddress, ClientName, Sender, Recipient, Stage, Reply
                        Predicted = [ordered]@{ Decision = "$($predicted.Decision)"; Stage = "$($predicted.Stage)"; ReplyCode = $predicted.ReplyCode; EnhancedStatusCode = $predicted.EnhancedStatusCode
                            ReplyText = $predicted.ReplyText; Reply = $predicted.Reply; DecidedBy = $predicted.DecidedBy; Notes = @($predicted.PSObject.Properties['Notes'].Value | ForEach-Object { "$_" })
                            Trace = @($predicted.Trace | ForEach-Object { "$_" })
                        }
                    })
            }
            $evaluated = @($script:Cases | Where-Object Stage -NE 'Error').Count
            $whatIfPath = Join-Path $script:Root 'whatif.json'
            [System.IO.File]::WriteAllText($whatIfPath, ($results | ConvertTo-Json -Depth 6))
            $script:Summary = "Sendmail fidelity: agree $agree/$evaluated, Unknown $($unknown.Count), disagree $($all.Count) ({0:N1} s; every outcome in {1})" -f $clock.Elapsed.TotalSeconds, $whatIfPath
            Write-Host $script:Summary
            foreach ($line in $all) { Write-Host "  disagree: $line" }
            foreach ($line in ($unknown | Select-Object -First 10)) { Write-Host "  unknown: $line" }
            if ($unknown.Count -gt 10) { Write-Host "  ... and $($unknown.Count - 10) more Unknown in $whatIfPath" }
        }
    }
}

AfterAll {
    if ($script:Configs -and $script:Root) {
        # The daemons stop (again, when a start failed midway); the configuration folders go, cases.json stays for replays.
        Stop-SendmailFidelityDaemons
        Remove-Item -LiteralPath (Join-Path $script:Root 'configs') -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'The real Sendmail 8.17.1 on the fidelity configurations' -Skip:$script:NoSendmail {
    It 'records at least 200 cases over at least 20 configurations, each with a reply and the command it answered' {
        $script:Configs.Count | Should -BeGreaterOrEqual 20
        $script:Cases.Count | Should -BeGreaterOrEqual 200
        $errors = @($script:Cases | Where-Object Stage -EQ 'Error')
        $errors | Should -BeNullOrEmpty -Because (($errors | Select-Object -First 5 | ForEach-Object { "$($_.Config) $($_.ClientAddress) <$($_.Sender)> <$($_.Recipient)>: $($_.Transcript)" }) -join "`n")
        $odd = @($script:Cases | Where-Object { $_.Stage -notin 'Connect', 'Ehlo', 'MailFrom', 'RcptTo' -or $_.ReplyCode -lt 200 })
        $odd | Should -BeNullOrEmpty -Because (($odd | Select-Object -First 5 | ForEach-Object { "$($_.Config) $($_.ClientAddress): [$($_.Stage)] $($_.Reply)" }) -join "`n")
        Test-Path -LiteralPath $script:CasesPath | Should -BeTrue
    }

    It 'takes about 3 minutes at most' {
        ($script:Started + $script:Probed) | Should -BeLessThan 120
    }
}

Describe 'Test-SendmailRelay predicts the real Sendmail 8.17.1' -Skip:$script:NoSendmail {
    It 'agrees on every case of <Name> it evaluates (code, enhanced code, text; stage before RCPT)' -ForEach $script:ConfigNames {
        if (-not $script:WhatIf) { Set-ItResult -Skipped -Because "Test-SendmailRelay is not in the module yet: the real cases are recorded in $script:CasesPath"; return }
        $bad = $script:Outcomes[$Name]
        $bad.Count | Should -Be 0 -Because ("these cases disagree:`n" + ($bad -join "`n"))
    }

    It 'says how many cases agree' {
        if (-not $script:WhatIf) { Set-ItResult -Skipped -Because "Test-SendmailRelay is not in the module yet: the real cases are recorded in $script:CasesPath"; return }
        $script:Summary | Should -Match '^Sendmail fidelity: agree \d+/\d+, Unknown \d+, disagree 0 '
    }
}
