@{
    RootModule           = 'RelayTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '638712cb-de0c-462f-b96e-2918e7b49905'
    Author               = 'RelayTools contributors'
    CompanyName          = 'RelayTools contributors'
    Copyright            = '(c) 2026 RelayTools contributors. MIT License.'
    Description          = 'Finds out why a mail server answers "550/554 5.7.1 Relay access denied": probes whether a server relays or refuses, explains SMTP replies, and catches the Postfix, Exim, Sendmail and Exchange misconfigurations behind them.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('RelayTools.Format.ps1xml')
    CmdletsToExport      = @(
        'ConvertFrom-SaslPlain'
        'Debug-SmtpRelay'
        'ConvertTo-SaslPlain'
        'Test-SmtpOpenRelay'
        'Test-SmtpRelay'
        'Resolve-SmtpReply'
        'Get-RelayRejection'
        'Get-PostfixRelaySetting'
        'Get-PostfixRestriction'
        'Test-PostfixRelay'
        'Test-PostfixRelayConfig'
        'Get-EximRelaySetting'
        'Get-EximAcl'
        'Test-EximRelay'
        'Test-EximRelayConfig'
        'Get-SendmailRelaySetting'
        'Test-SendmailRelay'
        'Test-SendmailRelayConfig'
        'Test-ExchangeRelay'
        'Test-ExchangeRelayConfig'
        'Test-SenderAuthorization'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('SMTP', 'Postfix', 'Exim', 'Sendmail', 'Exchange', 'Relay', 'Mail', 'SASL', 'Diagnostics', 'Linux', 'Windows', 'PSEdition_Desktop', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/relaytools/RelayTools'
            LicenseUri   = 'https://github.com/relaytools/RelayTools/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: first release - ConvertTo-SaslPlain and ConvertFrom-SaslPlain.'
        }
    }
}
