BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    # A copy of examples/logs with a fixed write time, so the year of "Nov 24" lines does not depend on
    # the day the tests run.
    $script:Samples = Join-Path ([System.IO.Path]::GetTempPath()) ('relaytools-logs-' + [guid]::NewGuid().ToString('N'))
    Copy-Item -Path (Join-Path $PSScriptRoot '../../examples/logs') -Destination $script:Samples -Recurse
    Get-ChildItem -LiteralPath $script:Samples -Recurse -File | ForEach-Object { $_.LastWriteTime = Get-Date -Year 2026 -Month 11 -Day 25 -Hour 12 }
    $script:Corpus = Join-Path $PSScriptRoot '../RelayTools.Core.Tests/Logs/corpus'
    $script:RelayLine = 'Nov 24 10:15:02 mx1 postfix/smtpd[4020]: NOQUEUE: reject: RCPT from unknown[203.0.113.50]: 554 5.7.1 <boss@gmail.com>: Relay access denied; from=<scanner@corp.example> to=<boss@gmail.com> proto=ESMTP helo=<scanner01>'
    $script:OtherLine = 'Nov 24 10:15:03 mx1 postfix/smtpd[4020]: disconnect from unknown[203.0.113.50] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4'

    function New-GzipFile([string] $Path, [string[]] $Lines) {
        $file = [System.IO.File]::Create($Path)
        try {
            $gzip = New-Object System.IO.Compression.GZipStream($file, [System.IO.Compression.CompressionMode]::Compress)
            $bytes = [System.Text.Encoding]::UTF8.GetBytes(($Lines -join "`n") + "`n")
            $gzip.Write($bytes, 0, $bytes.Length)
            $gzip.Dispose()
        } finally { $file.Dispose() }
    }
}

AfterAll {
    if ($script:Samples -and (Test-Path -LiteralPath $script:Samples)) { Remove-Item -LiteralPath $script:Samples -Recurse -Force }
}

Describe 'Get-RelayRejection on files' {
    It 'reads rotated logs oldest first: mail.log.2.gz, mail.log.1, mail.log' {
        $found = Get-RelayRejection -Path (Join-Path $script:Samples 'mail.log*')
        $found.Count | Should -Be 7
        @($found.Path | ForEach-Object { Split-Path -Leaf $_ } | Select-Object -Unique) | Should -Be @('mail.log.2.gz', 'mail.log.1', 'mail.log')
        $found[0].Recipient | Should -Be 'boss@gmail.com'
        $found[0].LineNumber | Should -Be 8
        $found[-1].ClientAddress | Should -Be '10.20.30.40'
        $found | ForEach-Object { $_.GetType().FullName | Should -Be 'RelayTools.Core.Logs.RelayRejection' }
    }

    It 'groups by ClientAddress to answer which client needs mynetworks or AUTH' {
        $groups = Get-RelayRejection -Path (Join-Path $script:Samples 'mail.log*') | Group-Object ClientAddress | Sort-Object Count -Descending
        $groups[0].Name | Should -Be '203.0.113.50'
        $groups[0].Count | Should -Be 3
        ($groups | Where-Object Name -EQ '10.20.30.40').Count | Should -Be 2
        @($groups).Count | Should -Be 4
    }

    It 'classifies each rejection as Resolve-SmtpReply classifies its line' {
        $records = @(Get-RelayRejection -LiteralPath (Join-Path $script:Samples 'mail.log') -IncludeAuthFailures)
        $records.Count | Should -BeGreaterThan 0
        foreach ($r in $records) {
            $resolved = Resolve-SmtpReply -Line $r.Line
            $r.Category | Should -Be $resolved.Category -Because $r.Line
            $r.TopCause | Should -Be $resolved.TopCause -Because $r.Line
        }
        ($records | Where-Object Kind -EQ 'RelayDenied' | Select-Object -First 1).Category | Should -Be 'RelayDenied'
    }

    It 'fills every field of a Postfix rejection' {
        $r = Get-RelayRejection -LiteralPath (Join-Path $script:Samples 'mail.log') | Select-Object -First 1
        $r.Kind | Should -Be 'RelayDenied'
        $r.Mta | Should -Be 'Postfix'
        $r.Host | Should -Be 'mx1'
        $r.Service | Should -Be 'postfix/smtpd'
        $r.ClientName | Should -Be 'unknown'
        $r.ClientAddress | Should -Be '203.0.113.50'
        $r.ReplyCode | Should -Be 554
        $r.EnhancedStatusCode | Should -Be '5.7.1'
        $r.ReplyText | Should -Be '554 5.7.1 <boss@gmail.com>: Relay access denied'
        $r.Reason | Should -Be 'Relay access denied'
        $r.Sender | Should -Be 'scanner@corp.example'
        $r.Helo | Should -Be 'scanner01'
        $r.Protocol | Should -Be 'ESMTP'
        $r.Timestamp | Should -BeOfType [DateTimeOffset]
        $r.Timestamp.DateTime | Should -Be ([datetime]::new(2026, 11, 24, 10, 15, 2))
        $r.Line | Should -Match 'Relay access denied'
    }

    It 'reads the Exchange protocol log and recovers sender and recipient from the session' {
        $found = @(Get-RelayRejection -Path (Join-Path $script:Samples 'exchange/*.LOG'))
        $found.Count | Should -Be 2
        $found[0].Mta | Should -Be 'Exchange'
        $found[0].Sender | Should -Be 'scanner@corp.example'
        $found[0].Recipient | Should -Be 'boss@gmail.com'
        $found[0].EnhancedStatusCode | Should -Be '5.7.54'
        $found[0].Timestamp | Should -Be ([DateTimeOffset]::new(2026, 11, 24, 10, 15, 2, 418, [TimeSpan]::Zero))
        $found[1].ClientAddress | Should -Be '2001:db8:40::25'
        $found[1].Recipient | Should -Be 'partner@partner.example'
    }

    It 'finds <Relay> relay rejections and <Auth> auth failures in corpus file <File>' -ForEach @(
        @{ File = 'postfix.log'; Relay = 2; Auth = 8 }
        @{ File = 'exim.log'; Relay = 1; Auth = 4 }
        @{ File = 'sendmail.log'; Relay = 4; Auth = 0 }
        @{ File = 'postfix-3.7-maillog_file.log'; Relay = 2; Auth = 0 }
        @{ File = 'more-relay-lines.log'; Relay = 6; Auth = 1 }
    ) {
        $found = @(Get-RelayRejection -LiteralPath (Join-Path $script:Corpus $File) -IncludeAuthFailures)
        @($found | Where-Object Kind -EQ 'RelayDenied').Count | Should -Be $Relay
        @($found | Where-Object Kind -NE 'RelayDenied').Count | Should -Be $Auth
        @(Get-RelayRejection -LiteralPath (Join-Path $script:Corpus $File)).Count | Should -Be $Relay
    }

    It 'keeps only the lines of the -Format it is given' {
        $files = (Join-Path $script:Samples 'mail.log'), (Join-Path $script:Samples 'exim-mainlog'), (Join-Path $script:Samples 'sendmail-maillog')
        @(Get-RelayRejection -LiteralPath $files).Count | Should -Be 7
        @(Get-RelayRejection -LiteralPath $files -Format Exim).Mta | Should -Be @('Exim', 'Exim')
        @(Get-RelayRejection -LiteralPath $files -Format Sendmail).Mta | Should -Be @('Sendmail', 'Sendmail')
    }

    It 'completes -Format from the enum' {
        $script = 'Get-RelayRejection -Format '
        $completion = TabExpansion2 -inputScript $script -cursorColumn $script.Length
        $completion.CompletionMatches.CompletionText | Should -Be @('Auto', 'Exchange', 'Exim', 'Kerio', 'Postfix', 'Sendmail')
    }

    It 'filters with -After and -Before' {
        $year = 2026
        $found = @(Get-RelayRejection -Path (Join-Path $script:Samples 'mail.log*') -After (Get-Date -Year $year -Month 11 -Day 23 -Hour 0 -Minute 0 -Second 0) -Before (Get-Date -Year $year -Month 11 -Day 24 -Hour 10 -Minute 20 -Second 0))
        $found.ClientAddress | Should -Be @('10.20.30.40', '192.0.2.77', '203.0.113.50', '2001:db8:40::25')
    }

    It 'refuses -After later than -Before' {
        { Get-RelayRejection -Path (Join-Path $script:Samples 'mail.log') -After (Get-Date) -Before (Get-Date).AddDays(-1) -ErrorAction Stop } |
            Should -Throw -ErrorId 'AfterIsLaterThanBefore,RelayTools.Commands.GetRelayRejectionCommand'
    }

    It 'takes a LiteralPath with wildcard characters in the name' {
        $path = Join-Path $TestDrive 'mail[1].log'
        [System.IO.File]::WriteAllLines($path, [string[]] @($script:OtherLine, $script:RelayLine))
        $found = Get-RelayRejection -LiteralPath $path
        $found.LineNumber | Should -Be 2
        $found.Path | Should -Be $path
    }

    It 'reads a directory only with -Recurse' {
        $dir = Join-Path $TestDrive 'logs'
        [void] (New-Item -ItemType Directory -Path (Join-Path $dir 'old') -Force)
        [System.IO.File]::WriteAllLines((Join-Path $dir 'mail.log'), [string[]] @($script:RelayLine))
        New-GzipFile (Join-Path $dir 'old/mail.log.1.gz') @($script:RelayLine, $script:RelayLine)
        $output = Get-RelayRejection -Path $dir -ErrorVariable errors -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be 'PathIsDirectory,RelayTools.Commands.GetRelayRejectionCommand'
        @(Get-RelayRejection -Path $dir -Recurse).Count | Should -Be 3
    }

    It 'reports a corrupt .gz once, naming it, and still reads the other files' {
        $dir = Join-Path $TestDrive 'corrupt'
        [void] (New-Item -ItemType Directory -Path $dir -Force)
        $good = Join-Path $dir 'mail.log'
        $bad = Join-Path $dir 'mail.log.1.gz'
        [System.IO.File]::WriteAllLines($good, [string[]] @($script:RelayLine))
        New-GzipFile $bad @((1..2000 | ForEach-Object { $script:OtherLine }) + $script:RelayLine)
        $bytes = [System.IO.File]::ReadAllBytes($bad)
        for ($i = 200; $i -lt 400; $i++) { $bytes[$i] = 0x55 }
        [System.IO.File]::WriteAllBytes($bad, $bytes)

        $found = Get-RelayRejection -Path (Join-Path $dir 'mail.log*') -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'LogFileCorrupt,RelayTools.Commands.GetRelayRejectionCommand'
        $errors[0].TargetObject | Should -Be $bad
        $errors[0].Exception.Message | Should -BeLike "*$bad*"
        @($found).Count | Should -Be 1
        $found.Path | Should -Be $good
    }

    It 'reports a missing file and a wildcard without match, and reads the rest' {
        $found = Get-RelayRejection -Path (Join-Path $TestDrive 'nothere.log'), (Join-Path $TestDrive 'none*.log'), (Join-Path $script:Samples 'mail.log') -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors).Count | Should -Be 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'PathNotFound,RelayTools.Commands.GetRelayRejectionCommand' }
        $errors[0].TargetObject | Should -BeLike '*nothere.log'
        @($found).Count | Should -Be 3
    }

    It 'infers the year from the file write time across the December-January roll-over' {
        $path = Join-Path $TestDrive 'newyear.log'
        [System.IO.File]::WriteAllLines($path, [string[]] @(
                ($script:RelayLine -replace '^Nov 24', 'Dec 31'),
                ($script:RelayLine -replace '^Nov 24', 'Jan  1')))
        (Get-Item $path).LastWriteTime = Get-Date -Year 2027 -Month 1 -Day 2 -Hour 8
        $found = Get-RelayRejection -LiteralPath $path
        $found[0].Timestamp.Year | Should -Be 2026
        $found[0].Timestamp.Month | Should -Be 12
        $found[1].Timestamp.Year | Should -Be 2027
    }

    It 'stops reading when the pipeline wants no more (Select-Object -First 1)' {
        $path = Join-Path $TestDrive 'big.log'
        [System.IO.File]::WriteAllLines($path, [string[]] (1..20000 | ForEach-Object { if ($_ % 10 -eq 0) { $script:RelayLine } else { $script:OtherLine } }))
        $first = Get-RelayRejection -LiteralPath $path | Select-Object -First 1
        $first.LineNumber | Should -Be 10
        @(Get-RelayRejection -LiteralPath $path).Count | Should -Be 2000
    }

    It 'takes files from Get-ChildItem and reads them oldest first' {
        $found = Get-ChildItem (Join-Path $script:Samples 'mail.log*') | Sort-Object Name | Get-RelayRejection
        @($found).Count | Should -Be 7
        @($found.Path | ForEach-Object { Split-Path -Leaf $_ } | Select-Object -Unique) | Should -Be @('mail.log.2.gz', 'mail.log.1', 'mail.log')
    }
}

Describe 'Get-RelayRejection on piped lines' {
    It 'parses plain strings with Path pipeline and their line number' {
        $found = $script:OtherLine, $script:RelayLine, $script:OtherLine, $script:RelayLine | Get-RelayRejection
        $found.Path | Should -Be @('pipeline', 'pipeline')
        $found.LineNumber | Should -Be @(2, 4)
        $found[0].ClientAddress | Should -Be '203.0.113.50'
    }

    It 'splits a multi-line string (ssh or Get-Content -Raw output)' {
        $found = ($script:OtherLine + "`r`n" + $script:RelayLine + "`n") | Get-RelayRejection
        $found.LineNumber | Should -Be 2
        $found.Line | Should -Be $script:RelayLine
    }

    It 'keeps the file and line number of lines from Get-Content' {
        $found = Get-Content -LiteralPath (Join-Path $script:Samples 'mail.log') | Get-RelayRejection
        $found.LineNumber | Should -Be @(8, 9, 12)
        $found[0].Path | Should -BeLike '*mail.log'
    }

    It 'numbers the lines of Get-Content -Raw and of Get-Content -ReadCount arrays' {
        $raw = Get-Content -LiteralPath (Join-Path $script:Samples 'mail.log') -Raw | Get-RelayRejection
        $raw.LineNumber | Should -Be @(8, 9, 12)
        $raw[0].Path | Should -BeLike '*mail.log'
        $chunks = Get-Content -LiteralPath (Join-Path $script:Samples 'mail.log') -ReadCount 5 | Get-RelayRejection
        @($chunks).Count | Should -Be 3
        $chunks.Recipient | Should -Be @('boss@gmail.com', 'partner@partner.example', 'customer@example.net')
    }

    It 'keeps file and line of Select-String matches' {
        $found = Select-String -Path (Join-Path $script:Corpus 'postfix.log') -Pattern 'Relay access' | Get-RelayRejection
        $found.LineNumber | Should -Be @(2, 12)
        $found.ClientAddress | Should -Be @('1.2.3.4', '1.1.1.1')
    }

    It 'reads an Exchange log piped line by line' {
        $found = Get-Content -LiteralPath (Join-Path $script:Samples 'exchange/RECV2026112410-1.LOG') | Get-RelayRejection
        $found.Recipient | Should -Be @('boss@gmail.com', 'partner@partner.example')
    }

    It 'binds ReplyText by property name for Resolve-SmtpReply' {
        function Test-ReplyBinding { param([Parameter(ValueFromPipelineByPropertyName)] [string] $ReplyText) process { $ReplyText } }
        Get-RelayRejection -Path (Join-Path $script:Samples 'mail.log') | Select-Object -First 1 | Test-ReplyBinding |
            Should -Be '554 5.7.1 <boss@gmail.com>: Relay access denied'
    }

    It 'survives Export-Clixml with its fields and default view' {
        $path = Join-Path $TestDrive 'found.xml'
        Get-RelayRejection -Path (Join-Path $script:Samples 'mail.log') | Export-Clixml -LiteralPath $path
        $back = Import-Clixml -LiteralPath $path
        $back[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.RelayTools.Core.Logs.RelayRejection'
        $back.ClientAddress | Should -Be @('203.0.113.50', '2001:db8:40::25', '10.20.30.40')
        @($back | Where-Object Kind -EQ 'RelayDenied').Count | Should -Be 3
        ($back | Out-String -Width 120) | Should -Match 'boss@gmail\.com\s+554 5\.7\.1'
    }

    It 'shows time, client address, recipient and code in the default table' {
        $table = Get-RelayRejection -Path (Join-Path $script:Samples 'mail.log') | Out-String -Width 120
        $table | Should -Match 'Timestamp\s+ClientAddress\s+Recipient\s+Code'
        $table | Should -Match '2026-11-24 10:15:02 203\.0\.113\.50\s+boss@gmail\.com\s+554 5\.7\.1'
    }
}

Describe 'Get-RelayRejection on the log of a real Postfix' -Skip:$script:NoLab {
    BeforeAll {
        $script:Lab = Get-LabConfig

        # A bare SMTP dialogue: EHLO, MAIL FROM, RCPT TO an external domain (refused), QUIT.
        function Send-RelayAttempt([string] $Recipient) {
            $client = New-Object System.Net.Sockets.TcpClient
            try {
                $client.Connect($script:Lab.LAB_HOST, [int] $script:Lab.LAB_SMTP_PORT)
                $client.ReceiveTimeout = 5000
                $stream = $client.GetStream()
                $reader = New-Object System.IO.StreamReader($stream)
                $writer = New-Object System.IO.StreamWriter($stream)
                $writer.NewLine = "`r`n"
                $writer.AutoFlush = $true
                function Read-Reply { do { $line = $reader.ReadLine() } while ($line -match '^\d{3}-'); $line }
                [void] (Read-Reply)
                $writer.WriteLine('EHLO probe.lab.test'); [void] (Read-Reply)
                $writer.WriteLine('MAIL FROM:<app@corp.example>'); [void] (Read-Reply)
                $writer.WriteLine("RCPT TO:<$Recipient>"); $reply = Read-Reply
                $writer.WriteLine('QUIT'); [void] (Read-Reply)
                $reply
            }
            finally { $client.Dispose() }
        }
    }

    It 'finds the relay attempt it just made, with the reply the client got' {
        $recipient = "pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))@gmail.com"
        $reply = Send-RelayAttempt $recipient
        $reply | Should -Match '^554 5\.7\.1 .*Relay access denied'
        $found = $null
        foreach ($try in 1..50) {
            $found = Get-RelayRejection -LiteralPath $script:Lab.LAB_LOG -After (Get-Date).AddMinutes(-5) | Where-Object Recipient -EQ $recipient
            if ($found) { break }
            Start-Sleep -Milliseconds 100
        }
        $found | Should -Not -BeNullOrEmpty
        $found.ReplyText | Should -Be $reply
        $found.ClientAddress | Should -Be '127.0.0.1'
        $found.Sender | Should -Be 'app@corp.example'
        $found.Helo | Should -Be 'probe.lab.test'
        $found.Mta | Should -Be 'Postfix'
        $found.Timestamp.Year | Should -Be (Get-Date).Year
    }
}

Describe 'Get-RelayRejection first call' {
    It 'runs on the RelayTools.Core precompiled for this platform and .NET when the build made one, and on the IL copy otherwise' {
        @(Get-RelayRejection -InputObject $script:RelayLine)[0].ClientAddress | Should -Be '203.0.113.50'
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'RelayTools.Core' } | Select-Object -First 1
        $bin = Join-Path (Split-Path -Parent $script:ModuleManifest) 'bin'
        $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
        $arch = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
        $precompiled = Join-Path $bin "r2r/$os-$arch/net$([Environment]::Version.Major)/RelayTools.Core.dll"
        $expected = if ($PSVersionTable.PSEdition -eq 'Core' -and (Test-Path -LiteralPath $precompiled)) { $precompiled } else { Join-Path $bin 'RelayTools.Core.dll' }
        [System.IO.Path]::GetFullPath($core.Location) | Should -Be ([System.IO.Path]::GetFullPath($expected))
    }
}
