# Fidelity of the Postfix configuration cmdlets against the real Postfix 3.7: each variant of
# PostfixFidelity.Variants.ps1 runs as its own lab instance; Test-PostfixRelay's predicted RCPT reply is
# compared with the real one (code, enhanced code and text), and every Get-PostfixRelaySetting value with
# what postconf prints for the same files. Gated on the lab like Lab.Tests.ps1.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'PostfixFidelity.Variants.ps1')
    $script:NoLab = -not (Get-LabConfig)
    $script:RcptCases = @()
    $script:SettingCases = @()
    foreach ($v in $script:FidelityVariants) {
        $clients = if ($v.ContainsKey('Clients')) { $v.Clients } else { $script:FidelityClients }
        foreach ($port in $v.Ports) {
            foreach ($client in $clients) {
                $auths = if ($v.ContainsKey('Auth')) { $v.Auth } else { @($false, $true) }
                $senders = if ($v.ContainsKey('Senders')) { $v.Senders } else { @($script:FidelitySender) }
                foreach ($auth in $auths) {
                    foreach ($sender in $senders) {
                        foreach ($rcpt in $v.Recipients) {
                            $script:RcptCases += @{ Variant = $v.Name; Base = $v.Base; Port = $v.Base + $port; Client = $client; Auth = $auth; Sender = $sender; Recipient = $rcpt }
                        }
                    }
                }
            }
            foreach ($name in (Get-RelayToolsCoreType 'RelayTools.Core.Postfix.PostfixRelaySettingReader')::ParameterNames) {
                $script:SettingCases += @{ Variant = $v.Name; Base = $v.Base; Port = $v.Base + $port; Name = $name }
            }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'PostfixFidelity.Variants.ps1')
    $script:FidelityDir = Join-Path (Split-Path -Parent $script:ModuleDirectory) 'fidelity'

    function Get-VariantDir([string] $Name) { Join-Path $script:FidelityDir $Name }

    function Start-FidelityLabs {
        Start-LabInstances @(foreach ($v in $script:FidelityVariants) {
                $dir = Get-VariantDir $v.Name
                @{
                    Dir = $dir; Base = $v.Base; Drop = $v.Drop; Files = $v.Files; Postmap = $(if ($v.ContainsKey('Postmap')) { $v.Postmap } else { @() })
                    Main = @($v.Main | ForEach-Object { $_.Replace('{DIR}', $dir) })
                    Master = @($v.Master | ForEach-Object { $_.Replace('{DIR}', $dir).Replace('{PORT26}', [string] ($v.Base + 26)) })
                }
            })
    }

    function Read-SmtpReply([System.IO.StreamReader] $Reader) {
        do { $line = $Reader.ReadLine(); if ($null -eq $line) { throw 'The server closed the connection.' } } while ($line.Length -ge 4 -and $line[3] -eq '-')
        $line
    }

    function Read-SmtpLines([System.IO.StreamReader] $Reader) {
        $lines = @()
        do { $line = $Reader.ReadLine(); if ($null -eq $line) { throw 'The server closed the connection.' }; $lines += $line } while ($line.Length -ge 4 -and $line[3] -eq '-')
        , $lines
    }

    function Send-Smtp($Session, [string] $Line) {
        $bytes = [System.Text.Encoding]::ASCII.GetBytes($Line + "`r`n")
        $Session.Stream.Write($bytes, 0, $bytes.Length)
        $Session.Stream.Flush()
    }

    function Start-SmtpTls($Session) {
        $callback = [System.Net.Security.RemoteCertificateValidationCallback] { param($s, $c, $ch, $e) $true }
        $ssl = New-Object System.Net.Security.SslStream($Session.Stream, $false, $callback)
        $ssl.AuthenticateAsClient('mail.lab.test')
        $Session.Stream = $ssl
        $Session.Reader = New-Object System.IO.StreamReader($ssl, [System.Text.Encoding]::ASCII)
    }

    # The real RCPT reply: connect from $Client, EHLO, STARTTLS when offered (implicit TLS on BASE+465),
    # AUTH PLAIN as labuser when $Auth and AUTH is offered, MAIL FROM, RCPT TO. Returns the RCPT reply line,
    # or '' when no greeting comes within 2 s (smtpd exits at start on a fatal configuration error).
    function Invoke-RcptProbe([int] $Port, [string] $Client, [bool] $Auth, [string] $Sender, [string] $Recipient, [bool] $Implicit) {
        $tcp = New-Object System.Net.Sockets.TcpClient (New-Object System.Net.IPEndPoint ([System.Net.IPAddress]::Parse($Client)), 0)
        try {
            $tcp.Connect('127.0.0.1', $Port)
            $session = @{ Stream = $tcp.GetStream() }
            $session.Reader = New-Object System.IO.StreamReader($session.Stream, [System.Text.Encoding]::ASCII)
            $tcp.ReceiveTimeout = 2000
            try {
                if ($Implicit) { Start-SmtpTls $session }
                [void] (Read-SmtpReply $session.Reader)
            }
            catch { return '' }
            $tcp.ReceiveTimeout = 10000
            Send-Smtp $session 'EHLO probe.relaytools.test'
            $ehlo = Read-SmtpLines $session.Reader
            if (-not $Implicit -and ($ehlo -match '^250[- ]STARTTLS')) {
                Send-Smtp $session 'STARTTLS'
                $reply = Read-SmtpReply $session.Reader
                if ($reply -notmatch '^220') { return $reply }
                Start-SmtpTls $session
                Send-Smtp $session 'EHLO probe.relaytools.test'
                $ehlo = Read-SmtpLines $session.Reader
            }
            if ($Auth -and ($ehlo -match '^250[- ]AUTH .*PLAIN')) {
                Send-Smtp $session ('AUTH PLAIN ' + [Convert]::ToBase64String([System.Text.Encoding]::ASCII.GetBytes("`0labuser`0labpass")))
                $reply = Read-SmtpReply $session.Reader
                if ($reply -notmatch '^235') { throw "AUTH failed: $reply" }
            }
            Send-Smtp $session "MAIL FROM:<$Sender>"
            $reply = Read-SmtpReply $session.Reader
            if ($reply -notmatch '^250') { return "MAIL FROM refused: $reply" }
            Send-Smtp $session "RCPT TO:<$Recipient>"
            $reply = Read-SmtpReply $session.Reader
            Send-Smtp $session 'QUIT'
            $reply
        }
        finally { $tcp.Dispose() }
    }

    function Get-PostconfValues([string] $Etc) {
        # postconf -x for main.cf values, postconf -P -x for the per-service overrides.
        $values = @{}
        $names = (Get-RelayToolsCoreType 'RelayTools.Core.Postfix.PostfixRelaySettingReader')::ParameterNames
        foreach ($line in (& postconf -c $Etc -x @names 2>$null)) {
            if ($line -match '^(\S+) = ?(.*)$') { $values[$Matches[1]] = $Matches[2] }
        }
        foreach ($line in (& postconf -c $Etc -P -x 2>$null)) {
            if ($line -match '^(\S+)/inet/(\S+) = ?(.*)$') { $values["$($Matches[1])|$($Matches[2])"] = $Matches[3] }
        }
        $values
    }

    $script:Postconf = @{}
    $script:Agreement = @{ Rcpt = 0; RcptTotal = 0; Settings = 0; SettingsTotal = 0 }
    if (Get-LabConfig) {
        Start-FidelityLabs
        foreach ($v in $script:FidelityVariants) { $script:Postconf[$v.Name] = Get-PostconfValues (Join-Path (Get-VariantDir $v.Name) 'etc') }
    }
}

AfterAll {
    if (Get-LabConfig) {
        Stop-LabInstances @(foreach ($v in $script:FidelityVariants) { Get-VariantDir $v.Name })
        Write-Host ("Postfix fidelity: {0}/{1} RCPT predictions, {2}/{3} settings agree with Postfix 3.7" -f `
                $script:Agreement.Rcpt, $script:Agreement.RcptTotal, $script:Agreement.Settings, $script:Agreement.SettingsTotal)
    }
}

Describe 'Test-PostfixRelay predicts the real Postfix RCPT reply' -Skip:$script:NoLab {
    It '<Variant> port <Port> from <Client> (authenticated: <Auth>) MAIL FROM <Sender> RCPT TO <Recipient>' -ForEach $script:RcptCases {
        $etc = Join-Path (Get-VariantDir $Variant) 'etc'
        $script:Agreement.RcptTotal++
        $real = Invoke-RcptProbe -Port $Port -Client $Client -Auth $Auth -Sender $Sender -Recipient $Recipient -Implicit ($Port -eq $Base + 465)
        $predicted = Test-PostfixRelay -ConfigDirectory $etc -Service $Port -ClientAddress $Client -Recipient $Recipient `
            -Sender $Sender -Authenticated:$Auth -Helo probe.relaytools.test
        $predicted.Reply | Should -Be $real
        $script:Agreement.Rcpt++
    }
}

Describe 'Get-PostfixRelaySetting agrees with postconf' -Skip:$script:NoLab {
    It '<Variant> port <Port>: <Name>' -ForEach $script:SettingCases {
        $postconf = $script:Postconf[$Variant]
        $setting = Get-PostfixRelaySetting -ConfigDirectory (Join-Path (Get-VariantDir $Variant) 'etc') -Service $Port
        $value = $setting.Values | Where-Object Name -EQ $Name
        $key = "127.0.0.1:$Port|$Name"
        if ($postconf.ContainsKey($key)) { $expected = $postconf[$key] }
        elseif ($postconf.ContainsKey($Name)) { $expected = $postconf[$Name] }
        else { Set-ItResult -Skipped -Because "postconf does not know $Name"; return }
        $script:Agreement.SettingsTotal++
        $value.Value | Should -Be $expected
        $script:Agreement.Settings++
    }
}
