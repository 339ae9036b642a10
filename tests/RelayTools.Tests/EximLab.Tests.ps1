# The Exim lab daemon of tests/lab/exim.sh, as the log and probe tests reuse it: it starts on a loopback
# port, answers like Debian's Exim 4.96, and writes its rejectlog where exim.env says.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoExim = -not (Test-EximLab)
}

Describe 'The Exim lab daemon' -Skip:$script:NoExim {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:Script = Join-Path $PSScriptRoot '../lab/exim.sh'
        $script:LabDir = Join-Path ([System.IO.Path]::GetTempPath()) ("relaytools-exim-lab-" + $PID)
        # RELAYTOOLS_EXIM_BASE moves the daemon's port (BASE+25; default 5500, clear of the Postfix lab's BASE+25) so two checkouts can test at once.
        $base = if ($env:RELAYTOOLS_EXIM_BASE) { $env:RELAYTOOLS_EXIM_BASE } else { '5500' }
        $script:Env = Start-EximLabDaemon $script:LabDir $base
    }
    AfterAll {
        & bash $script:Script stop $script:LabDir | Out-Null
        Remove-Item -LiteralPath $script:LabDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'refuses relaying over the network as Exim 4.96 does, logs it, and agrees with Test-EximRelay' {
        $tcp = New-Object System.Net.Sockets.TcpClient
        $tcp.Connect($script:Env.EXIM_HOST, [int] $script:Env.EXIM_SMTP_PORT)
        try {
            $stream = $tcp.GetStream()
            $reader = New-Object System.IO.StreamReader($stream, [System.Text.Encoding]::ASCII)
            $writer = New-Object System.IO.StreamWriter($stream, [System.Text.Encoding]::ASCII)
            $writer.NewLine = "`r`n"; $writer.AutoFlush = $true
            $tcp.ReceiveTimeout = 10000
            $reader.ReadLine() | Should -Match '^220 mx\.lab\.test ESMTP Exim 4\.96'
            $writer.WriteLine('EHLO probe.relaytools.test')
            do { $line = $reader.ReadLine() } while ($line -match '^250-')
            $writer.WriteLine('MAIL FROM:<a@corp.test>'); $reader.ReadLine() | Should -Be '250 OK'
            $writer.WriteLine('RCPT TO:<x@gmail.com>'); $rcpt = $reader.ReadLine()
            $writer.WriteLine('QUIT')
        }
        finally { $tcp.Dispose() }
        $rcpt | Should -Be '550 relay not permitted'
        (Test-EximRelay -Path $script:Env.EXIM_CONFIG -ClientAddress 127.0.0.1 -Sender a@corp.test -Recipient x@gmail.com).Reply | Should -Be $rcpt
        $log = ''
        foreach ($i in 1..30) { if (Test-Path -LiteralPath $script:Env.EXIM_REJECTLOG) { $log = Get-Content -Raw -LiteralPath $script:Env.EXIM_REJECTLOG }; if ($log -match 'relay not permitted') { break }; Start-Sleep -Milliseconds 100 }
        $log | Should -Match 'H=\(probe\.relaytools\.test\) \[127\.0\.0\.1\] F=<a@corp\.test> rejected RCPT <x@gmail\.com>: relay not permitted'
    }
}
