# Dot-sourced by every *.Tests.ps1: imports the BUILT module (out/RelayTools) once per file.
$script:ModuleManifest = if ($env:RELAYTOOLS_MODULE) { $env:RELAYTOOLS_MODULE } else { Join-Path $PSScriptRoot '../../out/RelayTools/RelayTools.psd1' }
if (-not (Test-Path -LiteralPath $script:ModuleManifest)) {
    throw "The built module is missing at $script:ModuleManifest: run ./build.ps1 -Task Build first."
}
$script:ModuleDirectory = Split-Path -Parent (Resolve-Path -LiteralPath $script:ModuleManifest)
Import-Module $script:ModuleManifest -Force

function ConvertTo-TestCredential([string] $UserName, [string] $Password) {
    New-Object System.Management.Automation.PSCredential($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
}

function ConvertFrom-TestSecureString([securestring] $Secure) {
    (New-Object System.Management.Automation.PSCredential('x', $Secure)).GetNetworkCredential().Password
}

# RelayTools.Core loads into the module's own AssemblyLoadContext on PowerShell 7, and type literals
# search only the default one ([RelayTools.Core.Postfix.PostfixRelaySettingReader] does not resolve):
# this finds a core type by its full name in the loaded RelayTools.Core, loading it through the
# module's resolver when no cmdlet has needed it yet.
function Get-RelayToolsCoreType([string] $FullName) {
    $core = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'RelayTools.Core' } | Select-Object -First 1
    if (-not $core) { $core = [System.Reflection.Assembly]::Load('RelayTools.Core') }
    $core.GetType($FullName, $true)
}

# The Postfix lab started by build.ps1 (tests/lab/lab.sh): a hashtable of its LAB_* settings, or $null
# when it is not running (integration tests then skip with -Skip:(-not (Get-LabConfig))).
function Get-LabConfig {
    if (-not $env:RELAYTOOLS_LAB_ENV -or -not (Test-Path -LiteralPath $env:RELAYTOOLS_LAB_ENV)) { return $null }
    $config = @{}
    foreach ($line in Get-Content -LiteralPath $env:RELAYTOOLS_LAB_ENV) {
        if ($line -match '^(\w+)=(.*)$') { $config[$Matches[1]] = $Matches[2] }
    }
    $config
}

# The scripted misbehaving SMTP server of the fault tests (tests/RelayTools.Core.Tests/Fakes, test-only),
# compiled once per process. New-FaultServer Silent|Greeting421|Garbage|... listens on 127.0.0.1:<ephemeral>.
function New-FaultServer([string] $Script) {
    if (-not ('RelayTools.Tests.Fakes.ScriptedSmtpServer' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot '../RelayTools.Core.Tests/Fakes/ScriptedSmtpServer.cs')
    }
    New-Object RelayTools.Tests.Fakes.ScriptedSmtpServer ([RelayTools.Tests.Fakes.FaultScript] $Script)
}

# The lab log as a witness: a mark (its length now), and the text written since a mark. With -Until the
# reader waits (3 s at most) for a line that must come; without, it gives stray lines 400 ms to show.
function Get-LabLogMark { ([System.IO.File]::ReadAllText((Get-LabConfig).LAB_LOG)).Length }
function Get-LabLogSince([long] $Mark, [string] $Until) {
    $log = (Get-LabConfig).LAB_LOG
    Start-Sleep -Milliseconds 400
    foreach ($i in 1..30) {
        $all = [System.IO.File]::ReadAllText($log)
        $text = $all.Substring([Math]::Min($Mark, $all.Length))
        if (-not $Until -or $text -match $Until) { break }
        Start-Sleep -Milliseconds 100
    }
    $text
}

# The characters that would end one SMTP command and start another: each must be refused before any connection.
function Get-InjectionCase {
    @(
        @{ Name = 'CR LF'; Text = "`r`n" }
        @{ Name = 'LF'; Text = "`n" }
        @{ Name = 'CR'; Text = "`r" }
        @{ Name = 'NUL'; Text = "`0" }
    )
}

# Extra lab instances (tests/lab/lab.sh), as the fidelity suites start them: each a hashtable with Dir, Base,
# Main and Master (lines appended to main.cf and master.cf), Dovecot (optional: lines appended to
# dovecot.conf), Drop (main.cf parameter names removed first, so their defaults apply), Files (path
# relative to Dir -> content) and Postmap (hash: sources among Files).
# All start in parallel (key generation is the slow part); lab.sh detaches the daemons. Throws when one fails.
function Start-LabInstances([object[]] $Instances) {
    $labScript = Join-Path $PSScriptRoot '../lab/lab.sh'
    $commands = foreach ($i in $Instances) {
        $dir = $i.Dir
        [void] (New-Item -ItemType Directory -Path (Join-Path $dir 'tables') -Force)
        Remove-Item -LiteralPath (Join-Path $dir 'start.failed') -ErrorAction SilentlyContinue
        foreach ($file in $i.Files.Keys) { Set-Content -LiteralPath (Join-Path $dir $file) -Value $i.Files[$file] -NoNewline }
        # hash: tables need postmap before the instance starts (smtpd opens them once per process); postmap
        # only needs some main.cf, so an empty one of our own is given.
        if ($i.ContainsKey('Postmap') -and $i.Postmap) {
            $postmapEtc = Join-Path $dir 'postmap-etc'
            [void] (New-Item -ItemType Directory -Path $postmapEtc -Force)
            Set-Content -LiteralPath (Join-Path $postmapEtc 'main.cf') -Value ''
            foreach ($file in $i.Postmap) {
                & postmap -c $postmapEtc "hash:$(Join-Path $dir $file)"
                if ($LASTEXITCODE -ne 0) { throw "postmap $file failed for $dir" }
            }
        }
        @($i.Main) -join "`n" | Set-Content -LiteralPath (Join-Path $dir 'main.extra')
        @($i.Master) -join "`n" | Set-Content -LiteralPath (Join-Path $dir 'master.extra')
        $drop = @($i.Drop) -join '|'
        $dovecot = ''
        if ($i.ContainsKey('Dovecot') -and $i.Dovecot) {
            @($i.Dovecot) -join "`n" | Set-Content -LiteralPath (Join-Path $dir 'dovecot.extra')
            $dovecot = "LAB_DOVECOT_EXTRA='$dir/dovecot.extra' "
        }
        "($dovecot`LAB_MAIN_EXTRA='$dir/main.extra' LAB_MASTER_EXTRA='$dir/master.extra' LAB_MAIN_DROP='$drop' bash '$labScript' start '$dir' $($i.Base) >'$dir/start.log' 2>&1 </dev/null || echo failed > '$dir/start.failed') &"
    }
    & bash -c (($commands -join "`n") + "`nwait") | Out-Null
    foreach ($i in $Instances) {
        if (Test-Path -LiteralPath (Join-Path $i.Dir 'start.failed')) { throw "The lab instance $($i.Dir) did not start: $(Get-Content -Raw (Join-Path $i.Dir 'start.log'))" }
    }
}

# Stops instances started by Start-LabInstances (Postfix and Dovecot of each), in parallel.
function Stop-LabInstances([string[]] $Dirs) {
    $labScript = Join-Path $PSScriptRoot '../lab/lab.sh'
    $stops = foreach ($d in $Dirs) { "bash '$labScript' stop '$d' >/dev/null 2>&1 </dev/null &" }
    & bash -c (($stops -join "`n") + "`nwait") | Out-Null
}

# The real Exim of tests/lab/exim.sh: true when it is (or can be made) available here. Linux and root
# only; the script unpacks Debian's packages when they are missing.
function Test-EximLab {
    $onLinux = [bool] (Get-Variable -Name IsLinux -ValueOnly -ErrorAction SilentlyContinue)
    if (-not $onLinux -or (& id -u) -ne '0') { return $false }
    $eximScript = Join-Path $PSScriptRoot '../lab/exim.sh'
    & bash $eximScript install *> $null
    & bash $eximScript available
    $LASTEXITCODE -eq 0
}

# Starts an Exim lab daemon in $Dir on 127.0.0.1:BASE+25 and returns its exim.env values as a hashtable.
function Start-EximLabDaemon([string] $Dir, [string] $Base) {
    $values = @{}
    foreach ($line in (& bash (Join-Path $PSScriptRoot '../lab/exim.sh') start $Dir $Base)) { if ($line -match '^(\w+)=(.*)$') { $values[$Matches[1]] = $Matches[2] } }
    $values
}

# The real Sendmail 8.17.1 of tests/lab/sendmail.sh: true when it is (or can be made) available here. Linux
# and root only; the script unpacks Debian's packages when they are missing.
function Test-SendmailLab {
    $onLinux = [bool] (Get-Variable -Name IsLinux -ValueOnly -ErrorAction SilentlyContinue)
    if (-not $onLinux -or (& id -u) -ne '0') { return $false }
    $sendmailScript = Join-Path $PSScriptRoot '../lab/sendmail.sh'
    & bash $sendmailScript install *> $null
    & bash $sendmailScript available
    $LASTEXITCODE -eq 0
}

# Starts a Sendmail lab daemon in $Dir on 127.0.0.1:BASE+25 (DIR/mail is its /etc/mail) and returns its
# sendmail.env values as a hashtable; throws with the script's messages when it does not start.
function Start-SendmailLabDaemon([string] $Dir, [string] $Base) {
    $values = @{}
    $output = @(& bash (Join-Path $PSScriptRoot '../lab/sendmail.sh') start $Dir $Base 2>&1)
    if ($LASTEXITCODE -ne 0) { throw "The Sendmail lab daemon in $Dir did not start: $($output -join "`n")" }
    foreach ($line in $output) { if ("$line" -match '^(\w+)=(.*)$') { $values[$Matches[1]] = $Matches[2] } }
    $values
}

# Stops a daemon started by Start-SendmailLabDaemon (and its syslog receiver).
function Stop-SendmailLabDaemon([string] $Dir) {
    & bash (Join-Path $PSScriptRoot '../lab/sendmail.sh') stop $Dir | Out-Null
}

# The lines of a lab maillog that match $Pattern, waiting (5 s at most) until there are $AtLeast of them:
# the receiver writes each syslog message as it comes.
function Get-SendmailLogLines([string] $Path, [string] $Pattern, [int] $AtLeast) {
    $lines = @()
    foreach ($i in 1..50) {
        if (Test-Path -LiteralPath $Path) { $lines = @([System.IO.File]::ReadAllLines($Path) | Where-Object { $_ -match $Pattern }) }
        if ($lines.Count -ge $AtLeast) { break }
        Start-Sleep -Milliseconds 100
    }
    $lines
}

# One SMTP dialog from the client address $Source to 127.0.0.1:$Port, one command after another (no
# pipelining): the greeting, then the last line of each reply, until a command is refused with 4xx/5xx
# (unless -KeepGoing) or the commands run out; QUIT is sent at the end.
function Invoke-LabSmtpDialog([string] $Source, [int] $Port, [string[]] $Commands, [switch] $KeepGoing) {
    $tcp = New-Object System.Net.Sockets.TcpClient (New-Object System.Net.IPEndPoint ([System.Net.IPAddress]::Parse($Source)), 0)
    $replies = [System.Collections.Generic.List[string]]::new()
    try {
        $tcp.ReceiveTimeout = 10000
        $tcp.Connect([System.Net.IPAddress]::Loopback, $Port)
        $stream = $tcp.GetStream()
        $reader = New-Object System.IO.StreamReader($stream, [System.Text.Encoding]::ASCII)
        $writer = New-Object System.IO.StreamWriter($stream, [System.Text.Encoding]::ASCII)
        $writer.NewLine = "`r`n"; $writer.AutoFlush = $true
        $read = { do { $line = $reader.ReadLine() } while ($null -ne $line -and $line -match '^\d{3}-'); $line }
        $replies.Add((& $read))
        foreach ($command in $Commands) {
            $writer.WriteLine($command)
            $reply = & $read
            $replies.Add($reply)
            if (-not $KeepGoing -and $reply -match '^[45]') { break }
        }
        $writer.WriteLine('QUIT'); [void] (& $read)
    }
    finally { $tcp.Dispose() }
    , $replies.ToArray()
}

# The DNS lab of tests/lab/dns.sh: NSD serving tests/lab/dns/*.zone (relaytools.test and its reverse zones; the
# comments there say what each name is for) on 127.0.0.1 only. Test-DnsLab is true when it is (or can be made)
# available here: Linux and root only; the script installs Debian's nsd when it is missing. Skip with
# -Skip:(-not (Test-DnsLab)) in BeforeDiscovery.
function Test-DnsLab {
    $onLinux = [bool] (Get-Variable -Name IsLinux -ValueOnly -ErrorAction SilentlyContinue)
    if (-not $onLinux -or (& id -u) -ne '0') { return $false }
    $dnsScript = Join-Path $PSScriptRoot '../lab/dns.sh'
    & bash $dnsScript install *> $null
    & bash $dnsScript available
    $LASTEXITCODE -eq 0
}

# The port the DNS lab listens on: env RELAYTOOLS_DNS_PORT (so two checkouts can test at once), else 5390.
function Get-DnsLabPort {
    if ($env:RELAYTOOLS_DNS_PORT) { [int] $env:RELAYTOOLS_DNS_PORT } else { 5390 }
}

# Starts NSD in $Dir on 127.0.0.1:$Port (default Get-DnsLabPort) with $ZoneFile (default every tests/lab/dns/*.zone;
# a zone file names its zone in its $ORIGIN line) and returns the DNS_* values of DIR/dns.env as a hashtable
# (DNS_SERVER is '127.0.0.1:PORT', ready for -DnsServer); throws with the script's messages when it does not start.
function Start-DnsLab([string] $Dir, [int] $Port = 0, [string[]] $ZoneFile = @()) {
    if ($Port -eq 0) { $Port = Get-DnsLabPort }
    $output = @(& bash (Join-Path $PSScriptRoot '../lab/dns.sh') start $Dir $Port @ZoneFile 2>&1)
    if ($LASTEXITCODE -ne 0) { throw "The DNS lab in $Dir did not start on 127.0.0.1:${Port}: $($output -join "`n")" }
    $values = @{}
    foreach ($line in $output) { if ("$line" -match '^(\w+)=(.*)$') { $values[$Matches[1]] = $Matches[2] } }
    $values
}

# Stops a server started by Start-DnsLab (waits until its port is free).
function Stop-DnsLab([string] $Dir) {
    if ($Dir) { & bash (Join-Path $PSScriptRoot '../lab/dns.sh') stop $Dir | Out-Null }
}

# A RelayTools.Core DnsClientResolver asking $Server ('127.0.0.1:5390'), $TimeoutMs per try and $Retries more tries.
function New-DnsLabResolver([string] $Server, [int] $TimeoutMs = 2000, [int] $Retries = 1) {
    $endpoint = (Get-RelayToolsCoreType 'RelayTools.Core.Dns.DnsServerEndpoint')::Parse($Server)
    $servers = [System.Array]::CreateInstance($endpoint.GetType(), 1)
    $servers[0] = $endpoint
    (Get-RelayToolsCoreType 'RelayTools.Core.Dns.DnsClientResolver')::new($servers, [TimeSpan]::FromMilliseconds($TimeoutMs), $Retries)
}

# The reference SPF implementation of tests/lab/spf-reference.sh (pyspf over dnspython, Debian's python3-spf):
# its version string ('pyspf 2.0.14 (dnspython 2.3.0)') when it is (or can be made) available here, else $null.
# Linux and root only; the script installs the packages when they are missing.
function Get-SpfReference {
    $onLinux = [bool] (Get-Variable -Name IsLinux -ValueOnly -ErrorAction SilentlyContinue)
    if (-not $onLinux -or (& id -u) -ne '0') { return $null }
    $script = Join-Path $PSScriptRoot '../lab/spf-reference.sh'
    & bash $script install *> $null
    $version = & bash $script available 2>$null
    if ($LASTEXITCODE -eq 0 -and $version) { "$version".Trim() } else { $null }
}
