BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    # The message Postfix logs, and the same entry as journalctl -u postfix -o json / -o short-iso
    # write it on Debian 12 (systemd 252), by the documented formats: this container has no journal.
    $script:Message = 'NOQUEUE: reject: RCPT from unknown[203.0.113.50]: 554 5.7.1 <boss@gmail.com>: Relay access denied; from=<scanner@corp.example> to=<boss@gmail.com> proto=ESMTP helo=<scanner01>'
    function New-JsonLine([string] $Message, [string] $Micro = '1796152049123456') {
        [ordered] @{
            __CURSOR = 's=6b1f2b7c0d0e4a4f9f6b1c2d3e4f5a6b;i=1a2b;b=0f1e2d3c4b5a69788796a5b4c3d2e1f0;m=2b6c1a4;t=6282d2f1b4a40;x=4c3b2a1908f7e6d5'
            __REALTIME_TIMESTAMP = $Micro
            __MONOTONIC_TIMESTAMP = '45531556'
            PRIORITY = '6'
            SYSLOG_FACILITY = '2'
            _COMM = 'smtpd'
            _SYSTEMD_UNIT = 'postfix@-.service'
            SYSLOG_IDENTIFIER = 'postfix/smtpd'
            SYSLOG_PID = '4020'
            _PID = '4020'
            _HOSTNAME = 'mx1'
            MESSAGE = $Message
        } | ConvertTo-Json -Compress
    }
    $script:JsonRelay = New-JsonLine $script:Message
    $script:JsonOther = New-JsonLine 'disconnect from unknown[203.0.113.50] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4' '1796152050000000'
    $script:IsoRelay = '2026-12-01T19:07:29+0000 mx1 postfix/smtpd[4020]: ' + $script:Message
    $script:IsoOther = '2026-12-01T19:07:30+0000 mx1 postfix/smtpd[4020]: disconnect from unknown[203.0.113.50] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4'
    $script:When = [DateTimeOffset]::new(2026, 12, 1, 19, 7, 29, [TimeSpan]::Zero)
}

Describe 'Get-RelayRejection on journalctl output' {
    It 'reads a journalctl -o json file with the real UTC time, host and service' {
        $path = Join-Path $TestDrive 'postfix.json'
        [System.IO.File]::WriteAllLines($path, [string[]] @($script:JsonOther, $script:JsonRelay, $script:JsonOther))
        $found = Get-RelayRejection -LiteralPath $path
        @($found).Count | Should -Be 1
        $found.Timestamp | Should -Be $script:When.AddTicks(1234560)
        $found.Timestamp.Offset | Should -Be ([TimeSpan]::Zero)
        $found.Host | Should -Be 'mx1'
        $found.Service | Should -Be 'postfix/smtpd'
        $found.ClientAddress | Should -Be '203.0.113.50'
        $found.Recipient | Should -Be 'boss@gmail.com'
        $found.LineNumber | Should -Be 2
    }

    It 'reads journalctl -o json lines from the pipeline like the file' {
        $found = $script:JsonOther, $script:JsonRelay | Get-RelayRejection
        @($found).Count | Should -Be 1
        $found.Path | Should -Be 'pipeline'
        $found.LineNumber | Should -Be 2
        $found.Timestamp | Should -Be $script:When.AddTicks(1234560)
        $found.Service | Should -Be 'postfix/smtpd'
        $found.ReplyCode | Should -Be 554
    }

    It 'reads a MESSAGE that journalctl -o json gives as an array of bytes' {
        $bytes = [System.Text.Encoding]::UTF8.GetBytes($script:Message)
        $line = $script:JsonRelay.Replace(('"MESSAGE":' + ($script:Message | ConvertTo-Json)), ('"MESSAGE":[' + ($bytes -join ',') + ']'))
        $line | Should -Not -BeLike '*Relay access denied*'
        $found = $line | Get-RelayRejection
        $found.ClientAddress | Should -Be '203.0.113.50'
        $found.Host | Should -Be 'mx1'
    }

    It 'reads a journalctl -o short-iso file and the same lines piped' {
        $path = Join-Path $TestDrive 'postfix.iso'
        [System.IO.File]::WriteAllLines($path, [string[]] @($script:IsoOther, $script:IsoRelay))
        foreach ($found in @((Get-RelayRejection -LiteralPath $path), ($script:IsoOther, $script:IsoRelay | Get-RelayRejection))) {
            @($found).Count | Should -Be 1
            $found.Timestamp | Should -Be $script:When
            $found.Host | Should -Be 'mx1'
            $found.Service | Should -Be 'postfix/smtpd'
            $found.LineNumber | Should -Be 2
        }
    }

    It 'reads a journalctl -o export file with a binary MESSAGE' {
        $path = Join-Path $TestDrive 'postfix.export'
        $utf8 = [System.Text.Encoding]::UTF8
        $stream = [System.IO.MemoryStream]::new()
        function Add-Text([string] $Text) { $b = $utf8.GetBytes($Text); $stream.Write($b, 0, $b.Length) }
        Add-Text "__CURSOR=s=6b1f2b7c;i=1a2b`n__REALTIME_TIMESTAMP=1796152049123456`n_HOSTNAME=mx1`nSYSLOG_IDENTIFIER=postfix/smtpd`n_PID=4020`nMESSAGE`n"
        $message = $utf8.GetBytes($script:Message + "`n") + [byte] 0xFF
        $stream.Write([System.BitConverter]::GetBytes([uint64] $message.Length), 0, 8)
        $stream.Write($message, 0, $message.Length)
        Add-Text "`n_TRANSPORT=syslog`n`n"
        [System.IO.File]::WriteAllBytes($path, $stream.ToArray())
        $found = Get-RelayRejection -LiteralPath $path
        @($found).Count | Should -Be 1
        $found.Timestamp | Should -Be $script:When.AddTicks(1234560)
        $found.Host | Should -Be 'mx1'
        $found.Service | Should -Be 'postfix/smtpd'
        $found.ClientAddress | Should -Be '203.0.113.50'
        $found.LineNumber | Should -Be 1
    }

    It 'reads journalctl -o short-precise lines' {
        $found = ('Dec 01 19:07:29.123456 mx1 postfix/smtpd[4020]: ' + $script:Message) | Get-RelayRejection
        $found.Timestamp.Hour | Should -Be 19
        $found.Timestamp.Millisecond | Should -Be 123
        $found.ClientAddress | Should -Be '203.0.113.50'
    }
}

Describe 'Get-RelayRejection on lines in no known format' {
    It 'warns once, with the count, when no line is in a known format' {
        $found = 'hello', 'world', '', 'third' | Get-RelayRejection -WarningVariable warnings -WarningAction SilentlyContinue -Verbose 4>&1
        $verbose = @($found | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        @($found | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -BeLike 'None of the 3 line(s)*known log format*journalctl -o json*'
        @($verbose | Where-Object Message -Like '3 line(s) were in no known log format*').Count | Should -Be 1
    }

    It 'warns for a file that is no log' {
        $path = Join-Path $TestDrive 'notalog.txt'
        [System.IO.File]::WriteAllLines($path, [string[]] @('-- No entries --'))
        Get-RelayRejection -LiteralPath $path -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        @($warnings).Count | Should -Be 1
    }

    It 'only counts unknown lines among known ones, without a warning' {
        $found = $script:IsoOther, 'garbage', $script:IsoRelay | Get-RelayRejection -WarningVariable warnings -Verbose 4>&1
        @($found | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '1 line(s) were in no known log format*' }).Count | Should -Be 1
        @($found | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 1
        @($warnings).Count | Should -Be 0
    }

    It 'says nothing about ordinary log lines without rejections' {
        $null = $script:IsoOther, '', $script:JsonOther | Get-RelayRejection -WarningVariable warnings -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Should -BeNullOrEmpty
        @($warnings).Count | Should -Be 0
    }
}
