# RelayTools next to another module's older MailKit (issue 10): on PowerShell 7 RelayTools.Core, MailKit,
# MimeKit and BouncyCastle load from the module's bin/ into its own AssemblyLoadContext, so the order in
# which the two are loaded does not matter. Every case runs in a FRESH PowerShell process: a load context
# and whatever loaded into the default one last for the life of a process.
#
# The older libraries are those a module such as Mailozaurr brings: MailKit 4.2.0, BouncyCastle 2.4.0 and
# MimeKit 4.18.0 (the oldest MimeKit served here). Their lib/netstandard2.0 builds are used: the build a
# module that serves Windows PowerShell 5.1 and PowerShell 7 from one folder ships (as RelayTools does),
# and the one whose System.Memory / System.Buffers references most easily clash. tools/RelayTools.Tools.csproj
# restores them into .packages/ (build.ps1 -Task Test does that when they are missing).
#
# DnsClient the same way: Mailozaurr also brings DnsClient 1.6.1 (lib/netstandard2.0), and RelayTools ships
# 1.8.0 for its DNS lookups (RelayTools.Core.Dns.DnsClientResolver). Until a cmdlet asks DNS, the core's
# resolver is reached through its type (the children load RelayTools.Core by name, which the module's
# resolver answers) and asked at a loopback UDP socket that never answers: the whole query path of our
# DnsClient runs and must end in a Timeout answer, not in a type or method of the other copy.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
    $script:NotCore = $PSVersionTable.PSEdition -ne 'Core'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Lab = Get-LabConfig
    $packages = Join-Path $PSScriptRoot '../../.packages'
    $script:OldLibraries = @(
        'bouncycastle.cryptography/2.4.0/lib/netstandard2.0/BouncyCastle.Cryptography.dll'
        'mimekit/4.18.0/lib/netstandard2.0/MimeKit.dll'
        'mailkit/4.2.0/lib/netstandard2.0/MailKit.dll'
    ) | ForEach-Object { Join-Path $packages $_ }
    $script:OldDnsClient = Join-Path $packages 'dnsclient/1.6.1/lib/netstandard2.0/DnsClient.dll'
    foreach ($path in $script:OldLibraries + $script:OldDnsClient) {
        if (-not (Test-Path -LiteralPath $path)) { throw "$path is missing: run 'dotnet restore tools/RelayTools.Tools.csproj' (build.ps1 -Task Test does)." }
    }

    # A loopback port nobody listens on: bound once to get a free number, then closed again.
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $script:ClosedPort = $listener.LocalEndpoint.Port
    $listener.Stop()

    function ConvertTo-Literal([string] $Text) { "'" + $Text.Replace("'", "''") + "'" }

    # What the child scripts share: the paths, and a list of the loaded assemblies that matter here.
    $script:Prelude = @"
`$ErrorActionPreference = 'Stop'
`$ModuleManifest = $(ConvertTo-Literal $script:ModuleManifest)
`$OldLibraries = @($(($script:OldLibraries | ForEach-Object { ConvertTo-Literal $_ }) -join ', '))
`$ClosedPort = $script:ClosedPort
`$OldDnsClient = $(ConvertTo-Literal $script:OldDnsClient)
function Get-LoadedLibrary {
    [System.AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { `$_.GetName().Name -match '^(RelayTools(\.Core)?|MailKit|MimeKit|DnsClient|BouncyCastle\.Cryptography|System\.(Memory|Buffers|Formats\.Asn1|Runtime\.CompilerServices\.Unsafe|Threading\.Tasks\.Extensions|Security\.Cryptography\.Pkcs|Text\.Encoding\.CodePages)|Microsoft\.Bcl\.Cryptography)$' } |
        ForEach-Object {
            `$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_)
            [pscustomobject]@{
                Name = `$_.GetName().Name; Version = [string] `$_.GetName().Version
                # Our context has no name (see ModuleLoadContext.cs): show its type instead.
                Context = if (`$context.Name) { `$context.Name } else { `$context.GetType().FullName }
                Location = `$_.Location
            }
        } | Sort-Object Name, Version
}
function Get-ModuleMailKit {
    # .NET 8 and later load the module's net8.0 build (bin/net8.0), an older .NET the netstandard2.0 one (bin/).
    `$folder = if ([Environment]::Version.Major -ge 8) { 'bin/net8.0' } else { 'bin' }
    @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'MailKit' -and `$_.Location -eq (Join-Path (Split-Path -Parent `$ModuleManifest) "`$folder/MailKit.dll") })
}
function Get-ModuleDnsClient {
    `$folder = if ([Environment]::Version.Major -ge 8) { 'bin/net8.0' } else { 'bin' }
    @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'DnsClient' -and `$_.Location -eq (Join-Path (Split-Path -Parent `$ModuleManifest) "`$folder/DnsClient.dll") })
}
# A TXT lookup through the core's DnsClientResolver at a loopback UDP socket that reads nothing: Timeout
# after 300 ms (one try), the answer's status and error as text.
function Invoke-SilentDnsLookup {
    `$core = [System.Reflection.Assembly]::Load('RelayTools.Core')
    `$silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
    try {
        `$endpoint = `$core.GetType('RelayTools.Core.Dns.DnsServerEndpoint', `$true)::Parse("127.0.0.1:`$(`$silent.Client.LocalEndPoint.Port)")
        `$servers = [System.Array]::CreateInstance(`$endpoint.GetType(), 1); `$servers[0] = `$endpoint
        `$resolver = `$core.GetType('RelayTools.Core.Dns.DnsClientResolver', `$true)::new(`$servers, [TimeSpan]::FromMilliseconds(300), 0)
        `$answer = `$resolver.Txt('coexistence.relaytools.test', [System.Threading.CancellationToken]::None)
        [string] `$answer.Status + ' ' + `$answer.Error
    }
    finally { `$silent.Dispose() }
}
function Get-TestToken { (ConvertTo-SaslPlain -UserName test -Password (ConvertTo-SecureString testpass -AsPlainText -Force)).Token }
"@

    # Runs the prelude and $Script in a new process; returns the object of the JSON line it ends with.
    function Invoke-FreshPowerShell([string] $Script) {
        $exe = (Get-Process -Id $PID).Path
        $prefix = @(if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $output = @(& $exe @prefix -NoProfile -NonInteractive -Command ($script:Prelude + "`n" + $Script) 2>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output[-1] | ConvertFrom-Json
    }

    function Write-Loaded([string] $Title, $Facts) {
        Write-Host "    $Title"
        foreach ($a in $Facts.Loaded) { Write-Host ('      {0,-40} {1,-12} {2,-38} {3}' -f $a.Name, $a.Version, $a.Context, $a.Location) }
    }
}

Describe 'RelayTools next to an older MailKit, MimeKit and BouncyCastle (PowerShell 7)' -Skip:$script:NotCore {
    It 'works when the older MailKit 4.2.0 was loaded first: its own MailKit 4.18 loads beside it in the module''s context' {
        $facts = Invoke-FreshPowerShell @'
foreach ($path in $OldLibraries) { Add-Type -Path $path }
Import-Module $ModuleManifest
$token = Get-TestToken
$closed = Test-SmtpRelay 127.0.0.1 -Port $ClosedPort -Timeout 10
$ours = Get-ModuleMailKit
[pscustomobject]@{
    Token = $token; ClosedStatus = [string] $closed.Status
    DefaultMailKit = [string] [MailKit.Net.Smtp.SmtpClient].Assembly.GetName().Version
    DefaultMailKitContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([MailKit.Net.Smtp.SmtpClient].Assembly).Name
    OursCount = $ours.Count; OursVersion = [string] $ours[0].GetName().Version
    OursContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($ours[0]).GetType().FullName
    SameAssembly = [object]::ReferenceEquals($ours[0], [MailKit.Net.Smtp.SmtpClient].Assembly)
    Loaded = @(Get-LoadedLibrary)
} | ConvertTo-Json -Depth 4 -Compress
'@
        Write-Loaded 'Old MailKit first, then RelayTools:' $facts
        $facts.Token | Should -Be 'AHRlc3QAdGVzdHBhc3M='
        $facts.ClosedStatus | Should -Be 'ConnectionFailed'
        $facts.DefaultMailKit | Should -Be '4.2.0.0'
        $facts.DefaultMailKitContext | Should -Be 'Default'
        $facts.OursCount | Should -Be 1
        $facts.OursVersion | Should -BeLike '4.18.*'
        $facts.OursContext | Should -Be 'RelayTools.Loading.ModuleLoadContext'
        $facts.SameAssembly | Should -BeFalse
        # The runtime's System.Memory serves both MailKits: Span<T> keeps one identity.
        @($facts.Loaded | Where-Object Name -EQ 'System.Memory').Count | Should -Be 1
        ($facts.Loaded | Where-Object Name -EQ 'RelayTools.Core').Context | Should -Be 'RelayTools.Loading.ModuleLoadContext'
    }

    It 'probes the Postfix lab with RelayDenied 554 when the older MailKit 4.2.0 was loaded first' -Skip:$script:NoLab {
        $facts = Invoke-FreshPowerShell @"
foreach (`$path in `$OldLibraries) { Add-Type -Path `$path }
Import-Module `$ModuleManifest
`$r = Test-SmtpRelay $(ConvertTo-Literal $script:Lab.LAB_HOST) -Port $([int] $script:Lab.LAB_SMTP_PORT) -SkipCertificateCheck
[pscustomobject]@{
    Status = [string] `$r.Status; ReplyCode = `$r.ReplyCode; Security = [string] `$r.Security
    DefaultMailKit = [string] [MailKit.Net.Smtp.SmtpClient].Assembly.GetName().Version
    OursVersion = [string] (Get-ModuleMailKit)[0].GetName().Version
    Loaded = @(Get-LoadedLibrary)
} | ConvertTo-Json -Depth 4 -Compress
"@
        Write-Loaded 'Old MailKit first, then RelayTools probing the lab over STARTTLS:' $facts
        $facts.Status | Should -Be 'RelayDenied'
        $facts.ReplyCode | Should -Be 554
        $facts.Security | Should -Be 'StartTls'
        $facts.DefaultMailKit | Should -Be '4.2.0.0'
        $facts.OursVersion | Should -BeLike '4.18.*'
        @($facts.Loaded | Where-Object Name -EQ 'System.Memory').Count | Should -Be 1
    }

    It 'lets the older MailKit 4.2.0 load after RelayTools has loaded its own MailKit 4.18' {
        $facts = Invoke-FreshPowerShell @'
Import-Module $ModuleManifest
$closed = Test-SmtpRelay 127.0.0.1 -Port $ClosedPort -Timeout 10
$oursBefore = (Get-ModuleMailKit).Count
$failures = @(foreach ($path in $OldLibraries) { try { Add-Type -Path $path } catch { $_.Exception.Message } })
$client = New-Object MailKit.Net.Smtp.SmtpClient
try { $connected = $client.IsConnected } finally { $client.Dispose() }
$again = Test-SmtpRelay 127.0.0.1 -Port $ClosedPort -Timeout 10
[pscustomobject]@{
    ClosedStatus = [string] $closed.Status; AgainStatus = [string] $again.Status; OursBefore = $oursBefore
    Failures = $failures; Connected = $connected
    MailKit = [string] [MailKit.Net.Smtp.SmtpClient].Assembly.GetName().Version
    MailKitLocation = [MailKit.Net.Smtp.SmtpClient].Assembly.Location
    MimeKit = [string] [MimeKit.MimeMessage].Assembly.GetName().Version
    BouncyCastleLocation = [Org.BouncyCastle.Crypto.Digests.Sha256Digest].Assembly.Location
    Loaded = @(Get-LoadedLibrary)
} | ConvertTo-Json -Depth 4 -Compress
'@
        Write-Loaded 'RelayTools first, then the old MailKit:' $facts
        $facts.ClosedStatus | Should -Be 'ConnectionFailed'
        $facts.OursBefore | Should -Be 1
        $facts.Failures | Should -BeNullOrEmpty
        $facts.MailKit | Should -Be '4.2.0.0'
        $facts.MailKitLocation | Should -BeLike '*mailkit*4.2.0*'
        $facts.MimeKit | Should -Be '4.18.0.0'
        $facts.BouncyCastleLocation | Should -BeLike '*bouncycastle.cryptography*2.4.0*'
        $facts.Connected | Should -BeFalse
        $facts.AgainStatus | Should -Be 'ConnectionFailed'
    }

    It 'works again after Remove-Module and Import-Module in the same session, with one context' {
        $facts = Invoke-FreshPowerShell @'
foreach ($path in $OldLibraries) { Add-Type -Path $path }
Import-Module $ModuleManifest
$first = Test-SmtpRelay 127.0.0.1 -Port $ClosedPort -Timeout 10
Remove-Module RelayTools
Import-Module $ModuleManifest
$second = Test-SmtpRelay 127.0.0.1 -Port $ClosedPort -Timeout 10
$token = Get-TestToken
[pscustomobject]@{
    First = [string] $first.Status; Second = [string] $second.Status; Token = $token
    Contexts = @([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { $_.GetType().FullName -eq 'RelayTools.Loading.ModuleLoadContext' }).Count
    OursCount = (Get-ModuleMailKit).Count
    Loaded = @(Get-LoadedLibrary)
} | ConvertTo-Json -Depth 4 -Compress
'@
        Write-Loaded 'Old MailKit, RelayTools, Remove-Module, Import-Module:' $facts
        $facts.First | Should -Be 'ConnectionFailed'
        $facts.Second | Should -Be 'ConnectionFailed'
        $facts.Token | Should -Be 'AHRlc3QAdGVzdHBhc3M='
        $facts.Contexts | Should -Be 1
        $facts.OursCount | Should -Be 1
    }

    It 'uses its own DnsClient 1.8 when the older DnsClient 1.6.1 was loaded first' {
        $facts = Invoke-FreshPowerShell @'
Add-Type -Path $OldDnsClient
Import-Module $ModuleManifest
$lookup = Invoke-SilentDnsLookup
$ours = Get-ModuleDnsClient
$default = [DnsClient.LookupClient].Assembly
[pscustomobject]@{
    Lookup = $lookup
    DefaultDnsClient = [string] $default.GetName().Version
    DefaultContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($default).Name
    OursCount = $ours.Count; OursVersion = [string] $ours[0].GetName().Version
    OursContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($ours[0]).GetType().FullName
    Loaded = @(Get-LoadedLibrary)
} | ConvertTo-Json -Depth 4 -Compress
'@
        Write-Loaded 'Old DnsClient first, then RelayTools asking DNS:' $facts
        $facts.Lookup | Should -BeLike 'Timeout *127.0.0.1:*'
        $facts.DefaultDnsClient | Should -Be '1.6.1.0'
        $facts.DefaultContext | Should -Be 'Default'
        $facts.OursCount | Should -Be 1
        $facts.OursVersion | Should -BeLike '1.8.*'
        $facts.OursContext | Should -Be 'RelayTools.Loading.ModuleLoadContext'
    }

    It 'lets the older DnsClient 1.6.1 load and work after RelayTools has used its own DnsClient 1.8' {
        $facts = Invoke-FreshPowerShell @'
Import-Module $ModuleManifest
$first = Invoke-SilentDnsLookup
Add-Type -Path $OldDnsClient
# The other module's own use of its copy: options and a client, no query (nothing may leave loopback).
$options = [DnsClient.LookupClientOptions]::new([System.Net.IPAddress]::Loopback)
$client = [DnsClient.LookupClient]::new($options)
$again = Invoke-SilentDnsLookup
[pscustomobject]@{
    First = $first; Again = $again
    OldVersion = [string] [DnsClient.LookupClient].Assembly.GetName().Version
    OldLocation = [DnsClient.LookupClient].Assembly.Location
    OldServers = @($client.NameServers | ForEach-Object { [string] $_ })
    OursCount = (Get-ModuleDnsClient).Count
    Loaded = @(Get-LoadedLibrary)
} | ConvertTo-Json -Depth 4 -Compress
'@
        Write-Loaded 'RelayTools asking DNS first, then the old DnsClient:' $facts
        $facts.First | Should -BeLike 'Timeout *'
        $facts.Again | Should -BeLike 'Timeout *'
        $facts.OldVersion | Should -Be '1.6.1.0'
        $facts.OldLocation | Should -BeLike '*dnsclient*1.6.1*'
        $facts.OldServers | Should -Be @('127.0.0.1:53')
        $facts.OursCount | Should -Be 1
    }

    It 'loads every public type of RelayTools.dll before RelayTools.Core can be resolved' {
        # PowerShell reads the public types before OnImport hooks the resolver; one that needs
        # RelayTools.Core to load (a core enum field, a generic base over a core type) breaks Import-Module.
        $facts = Invoke-FreshPowerShell @'
$probe = [System.Runtime.Loader.AssemblyLoadContext]::new('RelayToolsTypeProbe', $true)
$dll = Join-Path (Split-Path -Parent $ModuleManifest) 'RelayTools.dll'
$failure = $null
try { $count = $probe.LoadFromAssemblyPath($dll).GetExportedTypes().Count } catch { $failure = $_.Exception.InnerException.Message }
$probe.Unload()
[pscustomobject]@{ Count = $count; Failure = $failure; CoreLoaded = [bool] ([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'RelayTools.Core' }) } | ConvertTo-Json -Compress
'@
        $facts.Failure | Should -BeNullOrEmpty
        $facts.Count | Should -BeGreaterThan 10
        $facts.CoreLoaded | Should -BeFalse
    }
}

Describe 'The load-context code stays out of Windows PowerShell 5.1''s way' {
    It 'names System.Runtime.Loader only in the PowerShell 7 classes, which 5.1 never runs' {
        $sources = Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot '../../src') -Recurse -Filter *.cs |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
        $users = @($sources | Where-Object { (Get-Content -LiteralPath $_.FullName -Raw) -match 'using\s+System\.Runtime\.Loader\s*;|System\.Runtime\.Loader\.\w' } | ForEach-Object Name | Sort-Object)
        # ModuleImportHandler only calls LoadContextResolver when the runtime is not .NET Framework.
        $users | Should -Be @('LoadContextResolver.cs', 'ModuleLoadContext.cs')
    }
}
