BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Lab = Get-LabConfig

    function Read-Greeting([int] $Port) {
        $client = New-Object System.Net.Sockets.TcpClient
        try {
            $client.Connect($script:Lab.LAB_HOST, $Port)
            $client.ReceiveTimeout = 5000
            (New-Object System.IO.StreamReader($client.GetStream())).ReadLine()
        }
        finally { $client.Dispose() }
    }
}

Describe 'The Postfix lab' -Skip:$script:NoLab {
    It 'greets with 220 on the plain listener <Name>' -ForEach @(
        @{ Name = 'smtp'; Key = 'LAB_SMTP_PORT' }
        @{ Name = 'submission'; Key = 'LAB_SUBMISSION_PORT' }
    ) {
        Read-Greeting ([int] $script:Lab[$Key]) | Should -Match '^220 mail\.lab\.test ESMTP'
    }
}
