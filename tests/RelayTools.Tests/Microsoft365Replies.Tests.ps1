# Microsoft 365 cannot be reached from here, so these tests run Test-SmtpRelay against a scripted peer on
# 127.0.0.1 (tests/RelayTools.Core.Tests/Fakes/ScriptedSmtpServer.cs, the Microsoft365* scripts) that
# replays the replies Microsoft documents, with a Microsoft 365 greeting. What they prove is that
# RelayTools recognises Microsoft 365 from its greeting and explains each reply with the connector or
# policy to change; not that Microsoft 365 answers this way today. The documents followed:
# - "550 5.7.64 TenantAttribution" when sending mail externally in Microsoft 365
#   (learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp)
# - Configure a certificate-based connector to relay email messages through Microsoft 365
#   (learn.microsoft.com/exchange/troubleshoot/connectors/office-365-notice)
# - How to set up a multifunction device or application to send email using Microsoft 365 or Office 365
#   (learn.microsoft.com/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365)
# - Enable or disable authenticated client SMTP submission (SMTP AUTH) in Exchange Online
#   (learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission)
# - Authenticate an IMAP, POP or SMTP connection using OAuth
#   (learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth)
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Credential = ConvertTo-TestCredential 'app@contoso.com' 'not-the-password'
    $script:Token = ConvertTo-SecureString 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL291dGxvb2sub2ZmaWNlLmNvbSJ9.c2ln' -AsPlainText -Force

    # One probe against a fresh replay: the result, and the commands the replay received.
    function Invoke-Microsoft365Replay([string] $Script, [hashtable] $Parameters = @{}) {
        $server = New-FaultServer $Script
        try {
            $result = Test-SmtpRelay -Server 127.0.0.1 -Port $server.Port -From app@contoso.com -To x@fabrikam.example -Timeout 10 @Parameters -ErrorAction Stop
            [pscustomobject]@{ Result = $result; Received = $server.Received }
        }
        finally { $server.Dispose() }
    }

    function Get-CauseIds($Diagnosis) { @($Diagnosis.Causes | ForEach-Object Id) }
}

Describe 'Test-SmtpRelay against a replay of Microsoft 365''s documented replies' {
    Context 'the SMTP relay path (tenant.mail.protection.outlook.com:25)' {
        It 'explains 5.7.64 at RCPT TO with the OnPremises inbound connector, matched by IP or by certificate' {
            $run = Invoke-Microsoft365Replay Microsoft365TenantAttribution
            $r = $run.Result
            $r.Status | Should -Be 'RelayDenied'
            $r.Stage | Should -Be 'RcptTo'
            $r.EnhancedStatusCode | Should -Be '5.7.64'
            $r.Banner | Should -BeLike '*.mail.protection.outlook.com Microsoft ESMTP MAIL Service*'
            $r.Diagnosis.Mta | Should -Be 'Microsoft365'
            $r.Diagnosis.Category | Should -Be 'RelayDenied'
            $r.Diagnosis.PatternId | Should -Be 'm365-tenant-attribution'

            # No AUTH is offered on port 25, but 5.7.64 names its cause: the connector stays first.
            $ids = Get-CauseIds $r.Diagnosis
            $ids[0] | Should -Be 'client-not-trusted'
            $ids | Should -Contain 'dynamic-ip-changed'
            $ids | Should -Contain 'm365-connector-certificate-domain'
            $ids | Should -Contain 'tls-certificate-invalid'
            [array]::IndexOf($ids, 'm365-connector-certificate-domain') | Should -BeGreaterThan ([array]::IndexOf($ids, 'dynamic-ip-changed'))

            $connector = $r.Diagnosis.Causes[0]
            $connector.AdviceFor | Should -Be 'Microsoft365'
            $connector.Check | Should -BeLike 'Get-InboundConnector | fl *SenderIPAddresses,TlsSenderCertificateName*'
            $connector.Fix | Should -BeLike '*inbound connector of type OnPremises*by IP (SenderIPAddresses*by certificate (TlsSenderCertificateName)*'
            $connector.Fix | Should -BeLike '*Get-AcceptedDomain*'
            $connector.Fix | Should -BeLike "*New-InboundConnector -Name Relay -ConnectorType OnPremises -SenderDomains * -SenderIPAddresses $($r.LocalAddress) *"
            $connector.Fix | Should -BeLike '*learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp*'

            $certificate = $r.Diagnosis.Causes | Where-Object Id -EQ 'm365-connector-certificate-domain'
            $certificate.Summary | Should -BeLike '*not an accepted domain of the tenant*'
            $certificate.Check | Should -BeLike 'Get-AcceptedDomain*Get-InboundConnector*TlsSenderCertificateName*'
            $certificate.Fix | Should -BeLike '*Set-InboundConnector <name> -TlsSenderCertificateName `*.<accepted-domain>*'

            ($r.Diagnosis.Causes | Where-Object Id -EQ 'dynamic-ip-changed').Fix | Should -BeLike "*Set-InboundConnector <name> -SenderIPAddresses @{Add='$($r.LocalAddress)'}*"
            $run.Received | Should -Contain 'RCPT TO:<x@fabrikam.example>'
        }

        It 'explains 451 5.7.3 STARTTLS is required at MAIL FROM with the connector''s RequireTls' {
            $r = (Invoke-Microsoft365Replay Microsoft365StartTlsRequired).Result
            $r.Status | Should -Be 'EncryptionRequired'
            $r.Stage | Should -Be 'MailFrom'
            $r.Diagnosis.Mta | Should -Be 'Microsoft365'
            $r.Diagnosis.Category | Should -Be 'EncryptionRequired'
            $r.Diagnosis.Causes[0].Id | Should -Be 'tls-required-not-used'
            $r.Diagnosis.Causes[0].Check | Should -BeLike "Test-SmtpRelay 127.0.0.1 -Port $($r.Port) -Security StartTls; Get-InboundConnector*RequireTls*"
            $r.Diagnosis.Causes[0].Fix | Should -BeLike '*RequireTls $true*STARTTLS with TLS 1.2*'
        }
    }

    Context 'client submission (smtp.office365.com:587)' {
        It 'explains 5.7.57 at MAIL FROM without AUTH: authenticate with OAuth, or use the MX endpoint with a connector' {
            $run = Invoke-Microsoft365Replay Microsoft365AnonymousMailFrom
            $r = $run.Result
            $r.Status | Should -Be 'AuthenticationRequired'
            $r.Stage | Should -Be 'MailFrom'
            $r.ReplyCode | Should -Be 530
            $r.EnhancedStatusCode | Should -Be '5.7.57'
            $r.AuthMechanisms | Should -Contain 'XOAUTH2'
            $r.Diagnosis.Mta | Should -Be 'Microsoft365'
            $r.Diagnosis.Category | Should -Be 'AuthenticationRequired'
            $r.Diagnosis.Causes[0].Id | Should -Be 'no-smtp-auth'
            $r.Diagnosis.Causes[0].Check | Should -BeLike 'Get-CASMailbox app@contoso.com | fl SmtpClientAuthenticationDisabled; Test-SmtpRelay smtp.office365.com -Port 587 -UserName app@contoso.com -AccessToken $token'
            $r.Diagnosis.Causes[0].Fix | Should -BeLike '*Set-CASMailbox app@contoso.com -SmtpClientAuthenticationDisabled $false*OAuth (XOAUTH2)*'
            $r.Diagnosis.Causes[0].Fix | Should -BeLike '*<tenant>.mail.protection.outlook.com:25*OnPremises inbound connector*direct send*'
            ($run.Received | Where-Object { $_ -like 'AUTH*' }) | Should -BeNullOrEmpty
        }

        It 'explains 535 5.7.139 basic authentication is disabled at AUTH: OAuth, the mailbox and tenant SMTP AUTH settings, Security Defaults' {
            $run = Invoke-Microsoft365Replay Microsoft365BasicAuthDisabled @{ Credential = $script:Credential; AllowUnencryptedAuthentication = $true }
            $r = $run.Result
            $r.Status | Should -Be 'AuthenticationFailed'
            $r.Stage | Should -Be 'Auth'
            $r.EnhancedStatusCode | Should -Be '5.7.139'
            $r.ReplyText | Should -BeLike 'Authentication unsuccessful, basic authentication is disabled.*'
            $r.Diagnosis.Mta | Should -Be 'Microsoft365'
            $r.Diagnosis.PatternId | Should -Be 'm365-smtp-auth-disabled'
            $r.Diagnosis.Causes[0].Id | Should -Be 'smtp-auth-disabled'
            $fix = $r.Diagnosis.Causes[0].Fix
            $fix | Should -BeLike '*Test-SmtpRelay smtp.office365.com -Port 587 -UserName app@contoso.com -AccessToken $token*'
            $fix | Should -BeLike '*Set-CASMailbox app@contoso.com -SmtpClientAuthenticationDisabled $false*'
            $fix | Should -BeLike '*Set-TransportConfig -SmtpClientAuthenticationDisabled*'
            $fix | Should -BeLike '*Security Defaults*Conditional Access*'
            $fix | Should -BeLike '*learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission*'
            $r.Diagnosis.Causes[0].Check | Should -Be 'Get-CASMailbox app@contoso.com | fl SmtpClientAuthenticationDisabled; Get-TransportConfig | fl SmtpClientAuthenticationDisabled'
            $run.Received | Should -Contain 'AUTH LOGIN'
        }

        It 'explains 535 5.7.3 Authentication unsuccessful after a password as the credentials, then SMTP AUTH disabled' {
            $r = (Invoke-Microsoft365Replay Microsoft365AuthenticationUnsuccessful @{ Credential = $script:Credential; AllowUnencryptedAuthentication = $true }).Result
            $r.Status | Should -Be 'AuthenticationFailed'
            $r.EnhancedStatusCode | Should -Be '5.7.3'
            $r.Diagnosis.Mta | Should -Be 'Microsoft365'
            (Get-CauseIds $r.Diagnosis)[0..1] | Should -Be @('wrong-credentials', 'smtp-auth-disabled')
            $r.Diagnosis.Causes[0].Fix | Should -BeLike '*Set-CASMailbox app@contoso.com -SmtpClientAuthenticationDisabled $false*-AccessToken $token*'
        }

        It 'explains 535 5.7.3 after an XOAUTH2 token as the token, with the SMTP.Send scope' {
            $run = Invoke-Microsoft365Replay Microsoft365AuthenticationUnsuccessful @{ UserName = 'app@contoso.com'; AccessToken = $script:Token; AllowUnencryptedAuthentication = $true }
            $r = $run.Result
            $r.Status | Should -Be 'AuthenticationFailed'
            $r.AuthenticationMechanism | Should -Be 'XOAUTH2'
            $r.Diagnosis.Mta | Should -Be 'Microsoft365'
            $r.Diagnosis.Causes[0].Id | Should -Be 'oauth-token-rejected'
            $r.Diagnosis.Causes[0].AdviceFor | Should -Be 'Microsoft365'
            $r.Diagnosis.Causes[0].Fix | Should -BeLike '*https://outlook.office.com/SMTP.Send*New-ServicePrincipal*'
            $run.Received | Where-Object { $_ -like 'AUTH XOAUTH2 *' } | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Resolve-SmtpReply -Server for Microsoft 365''s documented replies' {
    It '<Reply> from <Server> is <Category> with <FirstCause> first, naming <Named>' -ForEach @(
        @{ Reply = '550 5.7.64 TenantAttribution; Relay Access Denied [BN8NAM12FT053.eop-nam12.prod.protection.outlook.com]'; Server = 'contoso-com.mail.protection.outlook.com'; Category = 'RelayDenied'; FirstCause = 'client-not-trusted'; Named = '*New-InboundConnector -Name Relay -ConnectorType OnPremises -SenderDomains * -SenderIPAddresses 10.1.2.3 *' }
        @{ Reply = '550 5.7.64 Relay Access Denied ATTR36'; Server = 'contoso-com.mail.protection.outlook.com'; Category = 'RelayDenied'; FirstCause = 'client-not-trusted'; Named = '*TlsSenderCertificateName*' }
        @{ Reply = '451 5.7.3 STARTTLS is required to send mail'; Server = 'contoso-com.mail.protection.outlook.com'; Category = 'EncryptionRequired'; FirstCause = 'tls-required-not-used'; Named = '*Get-InboundConnector*RequireTls*' }
        @{ Reply = '530 5.7.57 Client not authenticated to send mail.'; Server = 'smtp.office365.com'; Category = 'AuthenticationRequired'; FirstCause = 'no-smtp-auth'; Named = '*-UserName app@contoso.com -AccessToken $token*mail.protection.outlook.com:25*' }
        @{ Reply = '535 5.7.139 Authentication unsuccessful, basic authentication is disabled.'; Server = 'smtp.office365.com'; Category = 'AuthenticationFailed'; FirstCause = 'smtp-auth-disabled'; Named = '*-AccessToken $token*Set-CASMailbox app@contoso.com -SmtpClientAuthenticationDisabled $false*Set-TransportConfig*' }
        @{ Reply = '550 5.7.30 Basic authentication is not supported for Client Submission.'; Server = 'smtp.office365.com'; Category = 'AuthenticationFailed'; FirstCause = 'smtp-auth-disabled'; Named = '*OAuth*' }
        @{ Reply = '535 5.7.3 Authentication unsuccessful'; Server = 'smtp.office365.com'; Category = 'AuthenticationFailed'; FirstCause = 'wrong-credentials'; Named = '*Set-CASMailbox app@contoso.com*' }
    ) {
        $port = if ($Server -eq 'smtp.office365.com') { 587 } else { 25 }
        $result = Resolve-SmtpReply $Reply -Server $Server -Port $port -ClientAddress 10.1.2.3 -Sender app@contoso.com -Recipient x@fabrikam.example
        $result.Mta | Should -Be 'Microsoft365'
        $result.Category | Should -Be $Category
        $result.Causes[0].Id | Should -Be $FirstCause
        $result.Causes[0].AdviceFor | Should -Be 'Microsoft365'
        ($result.Causes[0].Check + ' ' + $result.Causes[0].Fix) | Should -BeLike $Named
    }

    It 'ranks the certificate''s accepted domain after the changed IP for 5.7.64' {
        $result = Resolve-SmtpReply '550 5.7.64 TenantAttribution; Relay Access Denied' -Server contoso-com.mail.protection.outlook.com
        @($result.Causes | Select-Object -First 4 | ForEach-Object Id) | Should -Be @('client-not-trusted', 'dynamic-ip-changed', 'm365-connector-certificate-domain', 'tls-certificate-invalid')
    }

    It 'reads the AUTH failure that System.Net.Mail folds into its 5.7.57 message' {
        $result = Resolve-SmtpReply 'The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled.' -Server smtp.office365.com
        $result.Category | Should -Be 'AuthenticationFailed'
        $result.Causes[0].Id | Should -Be 'smtp-auth-disabled'
    }
}
