# Runs after every other test file (tools/Invoke-PesterSuite.ps1 orders *.Final.Tests.ps1 last).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:NoLab = -not (Get-LabConfig)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Lab = Get-LabConfig
}

Describe 'After the whole suite, the Postfix lab' -Skip:$script:NoLab {
    It 'has an empty queue: nothing the tests did was ever queued' {
        postqueue -c (Join-Path $script:Lab.LAB_DIR 'etc') -p | Should -Be 'Mail queue is empty'
    }

    It 'never accepted a message: no cleanup message-id and no delivery in the log' {
        $log = Get-Content -LiteralPath $script:Lab.LAB_LOG -Raw
        $log | Should -Match 'postfix/smtpd'
        $log | Should -Not -Match 'postfix/cleanup\[\d+\]: \w+: message-id='
        $log | Should -Not -Match 'status=sent'
    }
}
