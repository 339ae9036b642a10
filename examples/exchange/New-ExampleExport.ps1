<#
.SYNOPSIS
    Writes the example Exchange exports of this folder (Clixml and CSV) from Microsoft's documentation.

.DESCRIPTION
    There is no Exchange server where RelayTools is built, so these files are not exported from one. They hold what
    Microsoft documents an Exchange 2016/2019 Mailbox server to have, in the forms an admin's export takes:
    - the five default Receive connectors: "Receive connectors in Exchange Server"
      (learn.microsoft.com exchange/mail-flow/connectors/receive-connectors), tables "Default Receive connectors in
      the Front End Transport service on Mailbox servers" and "... in the Transport service on Mailbox servers";
    - the dedicated anonymous relay connector and its permission: "Allow anonymous relay on Exchange servers"
      (exchange/mail-flow/connectors/allow-anonymous-relay);
    - contoso.com as the authoritative accepted domain: "Accepted domains in Exchange Server"
      (exchange/mail-flow/accepted-domains/accepted-domains).
    open-relay/ holds a mistaken set for Test-ExchangeRelayConfig: an anonymous relay connector open to every
    address, an externally secured connector on a public range, and an InternalRelay domain.

    The Clixml files are written the way Export-Clixml writes Get-ReceiveConnector's objects: each object carries
    its Exchange type name, Bindings and RemoteIPRanges are lists of objects that print as 0.0.0.0:25 or
    192.168.5.10 (IPEndPoint stands in for Exchange's IPBinding), and the enum fields are text. The CSV files are
    what Export-Csv writes when the multi-valued fields are joined, as the help of Test-ExchangeRelay shows.
#>
param([string] $Path = $PSScriptRoot, [switch] $PassThru)

$server = 'EX01'
$all = @('::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '0.0.0.0-255.255.255.255')

function New-Connector([string] $Name, [string] $Role, [string[]] $Bindings, [string[]] $Ranges, [string] $Auth, [string] $Groups, [bool] $Enabled = $true) {
    $endpoints = [System.Collections.Generic.List[object]]::new()
    foreach ($b in $Bindings) {
        $at = $b.LastIndexOf(':')
        $endpoints.Add([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Parse($b.Substring(0, $at).Trim('[', ']')), [int] $b.Substring($at + 1)))
    }
    [pscustomobject] @{
        PSTypeName       = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ReceiveConnector'
        Name             = $Name
        Identity         = "$server\$Name"
        Server           = $server
        TransportRole    = $Role
        Bindings         = $endpoints
        RemoteIPRanges   = [System.Collections.Generic.List[string]] $Ranges
        AuthMechanism    = $Auth
        PermissionGroups = $Groups
        Enabled          = $Enabled
        RequireTLS       = $false
        Fqdn             = 'ex01.contoso.com'
    }
}

function New-Domain([string] $Name, [string] $Type) {
    [pscustomobject] @{ PSTypeName = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.AcceptedDomain'; Name = $Name; DomainName = $Name; DomainType = $Type; Default = $false }
}

function New-Permission([string] $Connector, [string] $User, [string[]] $Rights) {
    [pscustomobject] @{
        PSTypeName     = 'Microsoft.Exchange.Management.RecipientTasks.ADAcePresentationObject'
        Identity       = "$server\$Connector"
        User           = $User
        ExtendedRights = [System.Collections.Generic.List[string]] $Rights
        Deny           = $false
        IsInherited    = $false
    }
}

# Export-Csv as the help shows it: every multi-valued field joined with ';'.
function Export-JoinedCsv([object[]] $Objects, [string] $File) {
    $Objects | Select-Object -Property * -ExcludeProperty PSTypeName | ForEach-Object {
        $row = [ordered] @{}
        foreach ($p in $_.PSObject.Properties) {
            $row[$p.Name] = if ($p.Value -is [System.Collections.IEnumerable] -and $p.Value -isnot [string]) { ($p.Value | ForEach-Object { "$_" }) -join ';' } else { $p.Value }
        }
        [pscustomobject] $row
    } | Export-Csv -LiteralPath $File -NoTypeInformation -Encoding utf8
}

$frontend = 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer'
$connectors = @(
    New-Connector "Default $server" HubTransport '[::]:2525', '0.0.0.0:2525' $all 'Tls, Integrated, BasicAuth, ExchangeServer' 'ExchangeUsers, ExchangeServers, ExchangeLegacyServers'
    New-Connector "Client Proxy $server" HubTransport '[::]:465', '0.0.0.0:465' $all $frontend 'ExchangeUsers, ExchangeServers'
    New-Connector "Default Frontend $server" FrontendTransport '[::]:25', '0.0.0.0:25' $all $frontend 'AnonymousUsers, ExchangeServers, ExchangeLegacyServers'
    New-Connector "Outbound Proxy Frontend $server" FrontendTransport '[::]:717', '0.0.0.0:717' $all $frontend 'ExchangeServers'
    New-Connector "Client Frontend $server" FrontendTransport '[::]:587', '0.0.0.0:587' $all 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS' 'ExchangeUsers'
    New-Connector 'Anonymous Relay' FrontendTransport '0.0.0.0:25' '192.168.5.10', '192.168.5.11' 'Tls' 'AnonymousUsers'
)
$domains = @(New-Domain 'contoso.com' Authoritative)
$permissions = @(New-Permission 'Anonymous Relay' 'NT AUTHORITY\ANONYMOUS LOGON' 'ms-Exch-SMTP-Accept-Any-Recipient')

if ($PassThru) {
    # The objects themselves (as live objects of a shell), for tests that compare them with their exports.
    return [pscustomobject] @{ ReceiveConnector = $connectors; AcceptedDomain = $domains; Permission = $permissions }
}

$connectorsXml = Join-Path $Path 'receive-connectors.xml'
$connectors | Export-Clixml -LiteralPath $connectorsXml -Depth 3
# The type names Exchange's own objects carry in the file (the values are the same).
$exchangeData = 'Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35'
$xml = [System.IO.File]::ReadAllText($connectorsXml)
$xml = $xml -replace '<T>System\.Collections\.Generic\.List`1\[\[System\.Object, [^<]*</T>', "<T>Microsoft.Exchange.Data.MultiValuedProperty``1[[Microsoft.Exchange.Data.IPBinding, $exchangeData]]</T>"
$xml = $xml -replace '<T>System\.Collections\.Generic\.List`1\[\[System\.String, [^<]*</T>', "<T>Microsoft.Exchange.Data.MultiValuedProperty``1[[Microsoft.Exchange.Data.IPRange, $exchangeData]]</T>"
$xml = $xml.Replace('<T>System.Net.IPEndPoint</T>', '<T>Microsoft.Exchange.Data.IPBinding</T>').Replace('<T>System.Net.EndPoint</T>', '<T>System.Net.IPEndPoint</T>')
[System.IO.File]::WriteAllText($connectorsXml, $xml)
$domains | Export-Clixml -LiteralPath (Join-Path $Path 'accepted-domains.xml')
$permissions | Export-Clixml -LiteralPath (Join-Path $Path 'permissions.xml')
Export-JoinedCsv $connectors (Join-Path $Path 'receive-connectors.csv')
Export-JoinedCsv $domains (Join-Path $Path 'accepted-domains.csv')
Export-JoinedCsv $permissions (Join-Path $Path 'permissions.csv')

$open = Join-Path $Path 'open-relay'
$wrong = @(
    $connectors | Select-Object -First 5
    New-Connector 'Relay' FrontendTransport '0.0.0.0:25' '0.0.0.0-255.255.255.255' 'Tls' 'AnonymousUsers'
    New-Connector 'Partner Secured' FrontendTransport '10.0.0.5:25' '203.0.113.0/24' 'Tls, ExternalAuthoritative' 'ExchangeServers'
    New-Connector 'Old Scanner' FrontendTransport '0.0.0.0:25' '192.168.5.20' 'Tls' 'AnonymousUsers' $false
)
Export-JoinedCsv $wrong (Join-Path $open 'receive-connectors.csv')
Export-JoinedCsv @((New-Domain 'contoso.com' Authoritative), (New-Domain 'fabrikam.com' InternalRelay)) (Join-Path $open 'accepted-domains.csv')
Export-JoinedCsv @(New-Permission 'Relay' 'NT AUTHORITY\ANONYMOUS LOGON' 'ms-Exch-SMTP-Accept-Any-Recipient') (Join-Path $open 'permissions.csv')
