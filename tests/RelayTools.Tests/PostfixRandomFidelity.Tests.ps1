# Randomized fidelity of Test-PostfixRelay against the real Postfix 3.7: PostfixRandomFidelity.Generator.ps1
# draws, from one seed, lab instances with random main.cf settings and many smtpd services with random -o
# overrides, and random sessions for each. Every session is probed for real (XCLIENT ADDR/NAME from the
# prober's own address, EHLO, STARTTLS, a real AUTH PLAIN through the lab's Dovecot, MAIL FROM, RCPT TO) and
# predicted by Test-PostfixRelay; the reply line that ended the real session (at connect, EHLO, MAIL FROM or
# RCPT TO) must be the predicted reply, and a service that never greets must be predicted Unavailable.
#
# Part of the test task whenever the lab is there (like the other integration suites); RELAYTOOLS_RANDOM_FIDELITY=0
# leaves it out. RELAYTOOLS_RANDOM_SEED picks the seed (default 1), RELAYTOOLS_RANDOM_FIDELITY_BASE
# the ports (default 8000; instances use BASE..BASE+999). Disagreements go to out/random-fidelity/.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'PostfixRandomFidelity.Generator.ps1')
    $script:Enabled = $env:RELAYTOOLS_RANDOM_FIDELITY -ne '0'
    $script:NoLab = -not (Get-LabConfig)
    $seed = if ($env:RELAYTOOLS_RANDOM_SEED) { [int] $env:RELAYTOOLS_RANDOM_SEED } else { 1 }
    $script:RandomConfigs = @(@{ Id = 'disabled'; Description = 'left out with RELAYTOOLS_RANDOM_FIDELITY=0' })
    if ($script:Enabled) {
        $script:RandomConfigs = @(foreach ($i in (New-RandomFidelityPlan -Seed $seed -Base 0 -Root '/')) { foreach ($c in $i.Configs) { @{ Id = $c.Id; Description = $c.Description } } })
    }
    $script:SeedTitle = $seed
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'PostfixRandomFidelity.Generator.ps1')
    $script:Seed = if ($env:RELAYTOOLS_RANDOM_SEED) { [int] $env:RELAYTOOLS_RANDOM_SEED } else { 1 }
    $script:Base = if ($env:RELAYTOOLS_RANDOM_FIDELITY_BASE) { [int] $env:RELAYTOOLS_RANDOM_FIDELITY_BASE } else { 8000 }
    $script:OutDir = Join-Path (Split-Path -Parent $script:ModuleDirectory) 'random-fidelity'
    $script:Outcome = @{}
    $script:Plan = @()

    # The config lines a disagreement is about: the instance's own main.cf lines (not other services'
    # rnd_ lists), the service's master.cf lines, and the tables they name.
    function Get-ConfigEvidence($Instance, $Config) {
        $mine = "rnd_s$($Config.Port - $Instance.Base - 30)_"
        $main = @($Instance.Main | Where-Object { $_ -notlike 'rnd_s*' -or ($Config.Port -ne $Instance.Base + 25 -and $_ -like "$mine*") })
        $text = ($main + $Config.Master) -join "`n"
        $tables = [ordered]@{}
        foreach ($f in $Instance.Files.Keys) { if ($text.Contains("$($Instance.Dir)/$f")) { $tables[$f] = $Instance.Files[$f] } }
        [ordered]@{ Drop = @($Instance.Drop); Main = $main; Master = @($Config.Master); Tables = $tables }
    }

    function Get-Prediction($Etc, $Config) {
        $inputs = foreach ($c in $Config.Cases) {
            [pscustomobject]@{ ClientAddress = $c.ClientAddress; ClientName = $c.ClientName; Helo = $c.Helo; Sender = $c.Sender; Recipient = $c.Recipient; SaslUser = $(if ($c.Auth) { 'labuser' } else { '' }) }
        }
        $errors = $null
        $out = @($inputs | Test-PostfixRelay -ConfigDirectory $Etc -Service ([string] $Config.Port) -ErrorAction SilentlyContinue -ErrorVariable errors)
        if ($out.Count -eq $inputs.Count) { return $out }
        # An item error (a bad address) would shift the results: predict those one by one.
        @(foreach ($in in $inputs) {
                $r = $in | Test-PostfixRelay -ConfigDirectory $Etc -Service ([string] $Config.Port) -ErrorAction SilentlyContinue -ErrorVariable errors
                if ($r) { $r } else { [pscustomobject]@{ Decision = 'Error'; Reply = ''; ReplyText = ($errors | Select-Object -First 1 | Out-String).Trim(); DecidedBy = ''; Trace = @(); Notes = @() } }
            })
    }

    function Compare-RandomCase($Case, $Real, $Predicted) {
        $decision = [string] $Predicted.Decision
        if ($Real.Stage -in 'xclient', 'starttls', 'auth', 'error') { return 'probe' }
        if ($Real.Stage -eq 'connect' -and $Real.Reply -eq '') { if ($decision -eq 'Unavailable') { return 'agree' } else { return 'disagree' } }
        if ($decision -eq 'Unknown') { return 'unknown' }
        if ($Predicted.Reply -ceq $Real.Reply) { return 'agree' }
        'disagree'
    }

    if ((Get-LabConfig) -and $env:RELAYTOOLS_RANDOM_FIDELITY -ne '0') {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        Write-Host "Postfix random fidelity: seed $script:Seed (RELAYTOOLS_RANDOM_SEED), ports $script:Base..$($script:Base + 999)"
        $script:Plan = New-RandomFidelityPlan -Seed $script:Seed -Base $script:Base -Root (Join-Path $script:OutDir 'labs')
        if (Test-Path -LiteralPath (Join-Path $script:OutDir 'labs')) { Remove-Item -LiteralPath (Join-Path $script:OutDir 'labs') -Recurse -Force }
        Start-LabInstances $script:Plan
        $started = $clock.Elapsed.TotalSeconds

        if (-not ('RelayTools.Tests.RandomFidelity.Prober' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'RandomFidelityProber.cs') }
        $all = @(foreach ($i in $script:Plan) { foreach ($c in $i.Configs) { foreach ($k in $c.Cases) { $k } } })
        $probeCases = [RelayTools.Tests.RandomFidelity.ProbeCase[]] @(foreach ($k in $all) {
                $p = New-Object RelayTools.Tests.RandomFidelity.ProbeCase
                $p.Port = $k.Port; $p.ClientAddress = $k.ClientAddress; $p.ClientName = $k.ClientName; $p.Helo = $k.Helo; $p.Auth = $k.Auth; $p.Sender = $k.Sender; $p.Recipient = $k.Recipient
                $p
            })
        $real = [RelayTools.Tests.RandomFidelity.Prober]::ProbeAll($probeCases, $script:RandomFidelityProberAddress, 12, 2500)
        $probed = $clock.Elapsed.TotalSeconds

        $n = 0; $agree = 0; $unknown = 0; $probeErrors = 0
        $disagreements = [System.Collections.Generic.List[object]]::new()
        $index = 0
        foreach ($i in $script:Plan) {
            $etc = Join-Path $i.Dir 'etc'
            foreach ($c in $i.Configs) {
                $predicted = Get-Prediction $etc $c
                $bad = @()
                for ($k = 0; $k -lt $c.Cases.Count; $k++) {
                    $case = $c.Cases[$k]; $r = $real[$index++]; $p = $predicted[$k]
                    $verdict = Compare-RandomCase $case $r $p
                    $n++
                    switch ($verdict) { 'agree' { $agree++ } 'unknown' { $unknown++ } 'probe' { $probeErrors++ } }
                    if ($verdict -eq 'agree') { continue }
                    $record = [ordered]@{
                        Config = $c.Id; Verdict = $verdict
                        Case = [ordered]@{ ClientAddress = $case.ClientAddress; ClientName = $case.ClientName; Helo = $case.Helo; Auth = $case.Auth; Sender = $case.Sender; Recipient = $case.Recipient }
                        Real = [ordered]@{ Stage = $r.Stage; Reply = $r.Reply; Tls = $r.Tls; Authenticated = $r.Authenticated; AuthNotOffered = $r.AuthNotOffered; Transcript = $r.Transcript }
                        Predicted = [ordered]@{ Decision = [string] $p.Decision; Reply = $p.Reply; ReplyText = $p.ReplyText; DecidedBy = $p.DecidedBy; DecidedByList = $p.DecidedByList; Trace = @($p.Trace | ForEach-Object { "$_" }); Notes = @($p.Notes) }
                        Configuration = Get-ConfigEvidence $i $c
                    }
                    $disagreements.Add($record)
                    $bad += "  $($case.ClientAddress) ($($case.ClientName)) helo '$($case.Helo)' auth $($case.Auth) from <$($case.Sender)> to <$($case.Recipient)>: real [$($r.Stage)] '$($r.Reply)', predicted $($p.Decision) '$(if ($p.Decision -eq 'Unknown') { $p.ReplyText } else { $p.Reply })'"
                }
                $script:Outcome[$c.Id] = @{ Bad = $bad }
            }
        }
        [void] (New-Item -ItemType Directory -Path $script:OutDir -Force)
        $summary = "Postfix random fidelity (seed $script:Seed): $agree/$n agree; $unknown Unknown; $probeErrors probe errors; $(($script:Plan | ForEach-Object { $_.Configs.Count } | Measure-Object -Sum).Sum) configurations in $($script:Plan.Count) instances"
        $report = [ordered]@{ Seed = $script:Seed; Summary = $summary; Cases = $n; Agree = $agree; Unknown = $unknown; ProbeErrors = $probeErrors; Disagreements = $disagreements }
        $report | ConvertTo-Json -Depth 8 | Set-Content -LiteralPath (Join-Path $script:OutDir 'disagreements.json') -Encoding UTF8
        $script:Summary = $summary + (" (start {0:N0} s, probe {1:N0} s, total {2:N0} s)" -f $started, ($probed - $started), $clock.Elapsed.TotalSeconds)
        Write-Host $script:Summary
        Write-Host "Disagreements: $(Join-Path $script:OutDir 'disagreements.json')"
    }
}

AfterAll {
    if ($script:Plan) {
        Stop-LabInstances @($script:Plan | ForEach-Object Dir)
        Write-Host $script:Summary
    }
}

Describe "Test-PostfixRelay predicts the real Postfix on random configurations (seed $script:SeedTitle)" -Skip:($script:NoLab -or -not $script:Enabled) {
    It '<Id>: <Description>' -ForEach $script:RandomConfigs {
        $outcome = $script:Outcome[$Id]
        $outcome | Should -Not -BeNullOrEmpty -Because 'every configuration is probed and predicted'
        $outcome.Bad.Count | Should -Be 0 -Because ("these sessions disagree (details in out/random-fidelity/disagreements.json):`n" + ($outcome.Bad -join "`n"))
    }
}
