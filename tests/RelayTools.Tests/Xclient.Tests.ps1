# XCLIENT (-ClientAddress, -ClientName) and TLS client certificates (-ClientCertificate) against the real
# Postfix lab: LAB_XCLIENT_PORT offers XCLIENT to 127.0.0.6 only; LAB_CLIENTCERT_PORT relays for the
# sha256 fingerprint of the lab client certificate (relay_clientcerts). The Postfix log is the witness.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
    $script:Injections = Get-InjectionCase
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Lab = Get-LabConfig
    if ($script:Lab) {
        $script:Xclient = [int] $script:Lab.LAB_XCLIENT_PORT
        $script:Authorized = $script:Lab.LAB_XCLIENT_AUTHORIZED_ADDRESS
        $script:Trusted = $script:Lab.LAB_TRUSTED_ADDRESS
        $script:CertPort = [int] $script:Lab.LAB_CLIENTCERT_PORT
        $script:PfxPassword = ConvertTo-SecureString $script:Lab.LAB_CLIENT_CERT_PFX_PASSWORD -AsPlainText -Force
    }

    function New-Marker { 'x' + [guid]::NewGuid().ToString('N').Substring(0, 12) }
}

Describe 'Test-SmtpRelay -ClientAddress/-ClientName (XCLIENT) against the Postfix lab' -Skip:$script:NoLab {
    It 'relays (RelayPermitted 250 2.1.5) as the trusted address when XCLIENT comes from the authorized address, and Postfix logs the impersonated client' {
        $marker = New-Marker
        $mark = Get-LabLogMark

        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Xclient -LocalAddress $script:Authorized -ClientAddress $script:Trusted -To "$marker@example.com" -SkipCertificateCheck -IncludeTranscript

        $r.Status | Should -Be 'RelayPermitted'
        $r.ReplyCode | Should -Be 250
        $r.EnhancedStatusCode | Should -Be '2.1.5'
        $r.Stage | Should -Be 'Done'
        $r.XclientOffered | Should -BeTrue
        $r.ClientAddress | Should -Be $script:Trusted
        $r.ClientName | Should -BeNullOrEmpty
        $r.LocalAddress | Should -Be $script:Authorized
        $r.Security | Should -Be 'StartTls'
        $r.Transcript | Should -Contain "C: XCLIENT ADDR=$script:Trusted"
        $r.Transcript | Should -Contain 'S: 220 mail.lab.test ESMTP RelayTools lab'
        # EHLO, STARTTLS, EHLO, XCLIENT, and EHLO once more for the restarted session.
        @($r.Transcript -match '^C: EHLO ').Count | Should -Be 3
        $log = Get-LabLogSince $mark
        $log | Should -Match "postfix/xclient/smtpd\[\d+\]: connect from unknown\[$([regex]::Escape($script:Authorized))\]"
        $log | Should -Match "postfix/xclient/smtpd\[\d+\]: \w+: client=unknown\[$([regex]::Escape($script:Trusted))\]"
    }

    It 'sends the -ClientName given, and Postfix logs the client under that name' {
        $mark = Get-LabLogMark

        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Xclient -LocalAddress $script:Authorized -ClientAddress $script:Trusted -ClientName relay.corp.example -SkipCertificateCheck

        $r.Status | Should -Be 'RelayPermitted'
        $r.ClientName | Should -Be 'relay.corp.example'
        Get-LabLogSince $mark | Should -Match "client=relay\.corp\.example\[$([regex]::Escape($script:Trusted))\]"
    }

    It 'still gets 554 5.7.1 for an impersonated untrusted client, logged as that client' {
        $marker = New-Marker
        $mark = Get-LabLogMark

        # 192.0.2.10 is only a value in the dialog: nothing is ever sent to it.
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Xclient -LocalAddress $script:Authorized -ClientAddress 192.0.2.10 -To "$marker@example.com" -SkipCertificateCheck

        $r.Status | Should -Be 'RelayDenied'
        $r.ReplyCode | Should -Be 554
        $r.EnhancedStatusCode | Should -Be '5.7.1'
        $r.ClientAddress | Should -Be '192.0.2.10'
        Get-LabLogSince $mark | Should -Match "NOQUEUE: reject: RCPT from unknown\[192\.0\.2\.10\]: 554 5\.7\.1 <$marker@example\.com>: Relay access denied"
    }

    It 'authenticates after XCLIENT, and Postfix logs the SASL login for the client named' {
        $credential = ConvertTo-TestCredential $script:Lab.LAB_USER $script:Lab.LAB_PASSWORD
        $mark = Get-LabLogMark

        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Xclient -LocalAddress $script:Authorized -ClientAddress 192.0.2.10 -Credential $credential -SkipCertificateCheck -IncludeTranscript

        $r.Status | Should -Be 'RelayPermitted'
        $r.Authenticated | Should -BeTrue
        $r.AuthMechanisms | Should -Contain 'PLAIN'
        # AUTH comes after XCLIENT and the EHLO said again: Postfix resets SASL state at XCLIENT.
        $verbs = @($r.Transcript -match '^C: ' | ForEach-Object { ($_ -split ' ')[1] })
        [array]::IndexOf($verbs, 'AUTH') | Should -BeGreaterThan ([array]::LastIndexOf($verbs, 'EHLO'))
        [array]::LastIndexOf($verbs, 'EHLO') | Should -BeGreaterThan ([array]::IndexOf($verbs, 'XCLIENT'))
        Get-LabLogSince $mark | Should -Match 'client=unknown\[192\.0\.2\.10\], sasl_method=PLAIN, sasl_username=labuser'
    }

    It 'gives XclientRefused with a plain explanation from an unauthorized address, and sends neither XCLIENT nor a transaction' {
        $marker = New-Marker
        $mark = Get-LabLogMark

        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:Xclient -ClientAddress $script:Trusted -To "$marker@example.com" -SkipCertificateCheck -IncludeTranscript

        $r.Status | Should -Be 'XclientRefused'
        $r.Stage | Should -Be 'Xclient'
        $r.ReplyCode | Should -BeNullOrEmpty
        $r.XclientOffered | Should -BeFalse
        $r.ClientAddress | Should -BeNullOrEmpty
        $r.ReplyText | Should -Match 'does not offer XCLIENT to this host \(127\.0\.0\.1\)'
        $r.ReplyText | Should -Match 'smtpd_authorized_xclient_hosts'
        $r.ReplyText | Should -Match "did not send 'XCLIENT ADDR=127\.0\.0\.5'"
        $r.Evidence | Should -Be @('xclient-not-authorized')
        $r.Diagnosis.Category | Should -Be 'ClientRejected'
        $r.Diagnosis.Causes[0].Id | Should -Be 'xclient-not-authorized'
        ($r.Transcript -match '^C: (XCLIENT|MAIL|RCPT)') | Should -BeNullOrEmpty
        $log = Get-LabLogSince $mark
        $log | Should -Match 'postfix/xclient/smtpd\[\d+\]: connect from unknown\[127\.0\.0\.1\]'
        $log | Should -Not -Match $marker
        $log | Should -Not -Match 'xclient='
    }

    It 'replays a logged rejection through XCLIENT (Get-RelayRejection | Test-SmtpRelay): its client, sender, recipient and HELO, with "unknown" sent as [UNAVAILABLE]' {
        $marker = New-Marker
        $line = "Dec  1 10:00:00 mx1 postfix/smtpd[4242]: NOQUEUE: reject: RCPT from unknown[198.51.100.23]: 554 5.7.1 <$marker@gmail.com>: Relay access denied; from=<app@corp.example> to=<$marker@gmail.com> proto=ESMTP helo=<app01>"
        $mark = Get-LabLogMark

        $r = @($line | Get-RelayRejection | Test-SmtpRelay -Server $script:Lab.LAB_HOST -Port $script:Xclient -LocalAddress $script:Authorized -SkipCertificateCheck -IncludeTranscript)

        $r | Should -HaveCount 1
        $r[0].Status | Should -Be 'RelayDenied'
        $r[0].ReplyCode | Should -Be 554
        $r[0].ClientAddress | Should -Be '198.51.100.23'
        $r[0].ClientName | Should -Be '[UNAVAILABLE]'
        $r[0].From | Should -Be 'app@corp.example'
        $r[0].To | Should -Be "$marker@gmail.com"
        $r[0].Transcript | Should -Contain 'C: XCLIENT ADDR=198.51.100.23 NAME=[UNAVAILABLE]'
        Get-LabLogSince $mark | Should -Match "NOQUEUE: reject: RCPT from unknown\[198\.51\.100\.23\]: 554 5\.7\.1 <$marker@gmail\.com>: Relay access denied; from=<app@corp\.example> to=<$marker@gmail\.com> proto=ESMTP helo=<app01>"
    }

    It 'probes from this host as before when piped objects have no ClientAddress or an empty one' {
        $rows = @(
            [pscustomobject]@{ Server = $script:Lab.LAB_HOST; Port = $script:Lab.LAB_SMTP_PORT }
            [pscustomobject]@{ Server = $script:Lab.LAB_HOST; Port = $script:Lab.LAB_SMTP_PORT; ClientAddress = ''; ClientName = $null }
        )

        $r = @($rows | Test-SmtpRelay -SkipCertificateCheck)

        $r.Status | Should -Be @('RelayDenied', 'RelayDenied')
        $r | ForEach-Object { $_.ClientAddress | Should -BeNullOrEmpty; $_.XclientOffered | Should -BeFalse }
    }
}

Describe 'Test-SmtpRelay refuses injected lines in the XCLIENT values before connecting' -Skip:$script:NoLab {
    It 'refuses <Name> in -<Parameter>: an InvalidArgument error, no connection, nothing on the wire' -ForEach @(
        foreach ($injection in $script:Injections) {
            @{ Name = $injection.Name; Parameter = 'ClientAddress'; Value = '127.0.0.5' + $injection.Text + 'MAIL FROM:<MARKER@corp.example>'; ErrorId = 'ClientAddressControlCharacter' }
            @{ Name = $injection.Name; Parameter = 'ClientName'; Value = 'relay.corp.example' + $injection.Text + 'RCPT TO:<MARKER@gmail.com>'; ErrorId = 'ClientNameControlCharacter' }
        }
    ) {
        $marker = New-Marker
        $value = $Value -replace 'MARKER', $marker
        $arguments = @{ Server = $script:Lab.LAB_HOST; Port = $script:Xclient; LocalAddress = $script:Authorized; SkipCertificateCheck = $true; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'problems' }
        $arguments[$Parameter] = $value
        $mark = Get-LabLogMark

        $results = @(Test-SmtpRelay @arguments)

        $results | Should -HaveCount 0
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].TargetObject | Should -BeExactly $value
        $problems[0].Exception.Message | Should -Match "^-$Parameter '.*' is refused at position \d+"
        $log = Get-LabLogSince $mark
        $log | Should -Not -Match 'postfix/xclient/smtpd\[\d+\]: connect from'
        $log | Should -Not -Match $marker
    }

    It 'gives a piped item with a bad ClientAddress its own error and probes the others' {
        $rows = @(
            [pscustomobject]@{ ClientAddress = $script:Trusted }
            [pscustomobject]@{ ClientAddress = 'not-an-address' }
        )

        $r = @($rows | Test-SmtpRelay -Server $script:Lab.LAB_HOST -Port $script:Xclient -LocalAddress $script:Authorized -SkipCertificateCheck -ErrorAction SilentlyContinue -ErrorVariable problems)

        $r.Status | Should -Be @('RelayPermitted')
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ClientAddressSyntax,*'
        $problems[0].TargetObject | Should -Be 'not-an-address'
    }
}

Describe 'Test-SmtpRelay -ClientCertificate against the Postfix lab (relay_clientcerts)' -Skip:$script:NoLab {
    It 'relays (RelayPermitted 250 2.1.5) with the PEM file (certificate and key) whose sha256 fingerprint is listed, given as a relative path' {
        $mark = Get-LabLogMark
        Push-Location (Split-Path -Parent $script:Lab.LAB_CLIENT_CERT_PEM)
        try { $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:CertPort -ClientCertificate (Split-Path -Leaf $script:Lab.LAB_CLIENT_CERT_PEM) -SkipCertificateCheck }
        finally { Pop-Location }

        $r.Status | Should -Be 'RelayPermitted'
        $r.ReplyCode | Should -Be 250
        $r.EnhancedStatusCode | Should -Be '2.1.5'
        $r.Security | Should -Be 'StartTls'
        $r.ClientCertificateThumbprint | Should -Be $script:Lab.LAB_CLIENT_CERT_THUMBPRINT
        # smtpd_tls_loglevel = 1 on that listener: "Trusted" means a certificate was presented and verified.
        $log = Get-LabLogSince $mark
        $log | Should -Match 'postfix/clientcert/smtpd\[\d+\]: Trusted TLS connection established from unknown\[127\.0\.0\.1\]'
        $log | Should -Match 'postfix/clientcert/smtpd\[\d+\]: \w+: client=unknown\[127\.0\.0\.1\]'
    }

    It 'relays with the PFX file and -ClientCertificatePassword' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:CertPort -ClientCertificate $script:Lab.LAB_CLIENT_CERT_PFX -ClientCertificatePassword $script:PfxPassword -SkipCertificateCheck

        $r.Status | Should -Be 'RelayPermitted'
        $r.ClientCertificateThumbprint | Should -Be $script:Lab.LAB_CLIENT_CERT_THUMBPRINT
    }

    It 'relays with a certificate object (X509Certificate2 with its key)' {
        $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($script:Lab.LAB_CLIENT_CERT_PFX, $script:PfxPassword)
        try { $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:CertPort -ClientCertificate $certificate -SkipCertificateCheck }
        finally { $certificate.Dispose() }

        $r.Status | Should -Be 'RelayPermitted'
        $r.ClientCertificateThumbprint | Should -Be $script:Lab.LAB_CLIENT_CERT_THUMBPRINT
    }

    It 'gets 554 5.7.1 Relay access denied there without a certificate' {
        $mark = Get-LabLogMark
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:CertPort -SkipCertificateCheck

        $r.Status | Should -Be 'RelayDenied'
        $r.ReplyCode | Should -Be 554
        $r.EnhancedStatusCode | Should -Be '5.7.1'
        $r.ReplyText | Should -Match 'Relay access denied'
        $r.ClientCertificateThumbprint | Should -BeNullOrEmpty
        Get-LabLogSince $mark | Should -Match 'postfix/clientcert/smtpd\[\d+\]: Anonymous TLS connection established from unknown\[127\.0\.0\.1\]'
    }

    It 'gets 554 5.7.1 for a certificate of the same issuer whose fingerprint is not listed: the fingerprint decides, not the chain' {
        $issuer = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($script:Lab.LAB_CLIENT_CERT_PFX, $script:PfxPassword)
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        try {
            $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=unlisted.lab.test', $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
            $serial = [byte[]] (@(1) + (1..7 | ForEach-Object { Get-Random -Maximum 256 }))
            $signed = $request.Create($issuer, [datetimeoffset] $issuer.NotBefore, [datetimeoffset] $issuer.NotAfter, $serial)
            $unlisted = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::CopyWithPrivateKey($signed, $rsa)
            $mark = Get-LabLogMark
            $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:CertPort -ClientCertificate $unlisted -SkipCertificateCheck
        }
        finally { $issuer.Dispose(); $rsa.Dispose() }

        $r.Status | Should -Be 'RelayDenied'
        $r.ReplyCode | Should -Be 554
        $r.ClientCertificateThumbprint | Should -Be $unlisted.Thumbprint
        $r.ClientCertificateThumbprint | Should -Not -Be $script:Lab.LAB_CLIENT_CERT_THUMBPRINT
        # Presented and verified against smtpd_tls_CAfile, yet refused: its fingerprint is not listed.
        $log = Get-LabLogSince $mark
        $log | Should -Match 'postfix/clientcert/smtpd\[\d+\]: Trusted TLS connection established from unknown\[127\.0\.0\.1\]'
        $log | Should -Match 'NOQUEUE: reject: RCPT from unknown\[127\.0\.0\.1\]: 554 5\.7\.1 <relay-probe@example\.com>: Relay access denied'
    }

    It 'stops with <ErrorId> before connecting when the certificate cannot be used' -ForEach @(
        @{ Case = 'missing file'; ErrorId = 'ClientCertificateNotFound'; Category = 'ObjectNotFound'; Path = 'no-such-client.pfx'; Password = $false }
        @{ Case = 'PFX without its password'; ErrorId = 'ClientCertificatePasswordRequired'; Category = 'AuthenticationError'; Path = 'PFX'; Password = $false }
        @{ Case = 'certificate without key'; ErrorId = 'ClientCertificateNoPrivateKey'; Category = 'InvalidData'; Path = 'CERT'; Password = $false }
    ) {
        $path = switch ($Path) {
            'PFX' { $script:Lab.LAB_CLIENT_CERT_PFX }
            'CERT' { Join-Path $script:Lab.LAB_DIR 'etc/client-cert.pem' }
            default { Join-Path $TestDrive $Path }
        }
        $mark = Get-LabLogMark

        $thrown = $null
        try { $null = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:CertPort -ClientCertificate $path -SkipCertificateCheck -ErrorAction Stop }
        catch { $thrown = $_ }

        $thrown | Should -Not -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $thrown.CategoryInfo.Category | Should -Be $Category
        $thrown.TargetObject | Should -Be $path
        Get-LabLogSince $mark | Should -Not -Match 'postfix/clientcert/smtpd\[\d+\]: connect from'
    }

    It 'keeps no key material and no password in the result, its JSON or the transcript' {
        $r = Test-SmtpRelay $script:Lab.LAB_HOST -Port $script:CertPort -ClientCertificate $script:Lab.LAB_CLIENT_CERT_PFX -ClientCertificatePassword $script:PfxPassword -SkipCertificateCheck -IncludeTranscript

        $everything = ($r | ConvertTo-Json -Depth 6) + ($r.Transcript -join "`n") + ($r | Format-List * | Out-String)
        $everything | Should -Not -Match 'PRIVATE KEY'
        $everything | Should -Not -Match ([regex]::Escape($script:Lab.LAB_CLIENT_CERT_PFX_PASSWORD))
        $r.PSObject.Properties | Where-Object { $_.Value -is [System.Security.Cryptography.X509Certificates.X509Certificate] } | Should -BeNullOrEmpty
    }
}
