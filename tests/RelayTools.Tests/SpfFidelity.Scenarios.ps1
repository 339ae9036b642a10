# The SPF scenarios of SpfFidelity.Tests.ps1: one record each under fidelity.test (the label is the scenario's
# name), the names they refer to, and the reverse zones of the client addresses. Dot-sourced by the test, which
# writes the zones into its temp folder and serves them with NSD on loopback. Nothing here exists anywhere else:
# .test is reserved (RFC 6761), 198.51.100.0/24 and 2001:db8::/32 are documentation ranges.
#
# Every scenario is checked from every client of Get-SpfFidelityClient, with the local part "user" (and, for
# the macro scenarios, also "john.q.public-x"), HELO helo.fidelity.test.

# The clients: listed, in a range, with a forged PTR, without PTR, validated under sub., IPv6 listed and not,
# and an IPv4-mapped IPv6 address (evaluated as IPv4, RFC 7208 5).
function Get-SpfFidelityClient {
    '198.51.100.10', '198.51.100.25', '198.51.100.130', '198.51.100.200', '2001:db8:f1d::10', '2001:db8:f1d:1::25', '::ffff:198.51.100.10'
}

# The 32 nibbles of an IPv6 address, most significant first (the %{i} of RFC 7208 7.3 for IPv6).
function Get-SpfFidelityNibble([string] $Address) {
    $hex = -join ([System.Net.IPAddress]::Parse($Address).GetAddressBytes() | ForEach-Object { '{0:x2}' -f $_ })
    [char[]] $hex | ForEach-Object { [string] $_ }
}

# %{i} and %{ir} as a zone label sequence, for the names the exists: scenarios must find.
function Get-SpfFidelityMacroI([string] $Address, [switch] $Reverse) {
    $ip = [System.Net.IPAddress]::Parse($Address)
    $parts = if ($ip.AddressFamily -eq 'InterNetworkV6') { @(Get-SpfFidelityNibble $Address) } else { $Address -split '\.' }
    if ($Reverse) { [array]::Reverse($parts) }
    $parts -join '.'
}

# The names every scenario may use (relative to fidelity.test).
function Get-SpfFidelitySupportLine {
    $lines = @(
        'mail            A       198.51.100.10          ; PTR 198.51.100.10 and 2001:db8:f1d::10 -> mail (validated)'
        'mail            AAAA    2001:db8:f1d::10'
        'mx2             A       198.51.100.200'
        'mx3             A       198.51.100.1           ; a /24 or /28 of it covers 198.51.100.10'
        'mx6             AAAA    2001:db8:f1d:1::1      ; IPv6 only; a //64 of it covers 2001:db8:f1d:1::25'
        'forged          A       198.51.100.26          ; PTR 198.51.100.25 -> forged, which is not 198.51.100.25'
        'host.sub        A       198.51.100.200         ; PTR 198.51.100.200 -> host.sub (validated)'
        'far             A       198.51.100.250         ; an address no client has: a lookup that is not void'
        'far             AAAA    2001:db8:f1d:ff::1'
        'noaddr          TXT     "a name with neither A nor AAAA (a void lookup: no data)"'
        'noaddr2         TXT     "another one"'
        'mxhosts         MX      10 mx2'
        'mxhosts         MX      20 mx6'
        'alias           CNAME   ip4                     ; TXT through a CNAME'
        'twotxt          TXT     "one explanation"'
        'twotxt          TXT     "another explanation"'
        'explain         TXT     "%{i} may not send for %{d}: sender %{s}, local part %{l}, domain %{o}, helo %{h}, %{v}, client %{c}, receiver %{r}"'
        'explain-upper   TXT     "%{S} / %{L} / %{O} %% %_ %- done"'
        'explain-other   TXT     "the explanation of the redirecting record (must not be used)"'
        'explain-bad     TXT     "bad %{z} macro"'
        'user.users      A       198.51.100.10          ; exists:%{l}.users and a:%{l}.users for local part user'
        'user.dl         A       127.0.0.2'
        'john.q.public.x.dl A    127.0.0.2              ; %{l-} of john.q.public-x'
        'x.public.q.john.lr A    127.0.0.2              ; %{lr-.} of john.q.public-x'
        'john.q.public.l1 A      127.0.0.2              ; %{l1r-} of john.q.public-x'
        'exists-o.fidelity.test.o A 127.0.0.2           ; %{o}.o'
        'fidelity.test.d A       127.0.0.2              ; %{d2}.d'
        'helo.fidelity.test.h A  127.0.0.2              ; %{h}.h'
        'mail.fidelity.test.p A  127.0.0.2              ; %{p}.p for the validated name mail'
        'host.sub.fidelity.test.p A 127.0.0.2'
        'in-addr.v       A       127.0.0.2              ; %{v}.v: IPv4 clients only'
        '10.one          A       127.0.0.2              ; %{i1}.one: the last octet (IPv4) or nibble (IPv6)'
        '5.one           A       127.0.0.2'
        "$(Get-SpfFidelityMacroI 198.51.100.10).ex A 127.0.0.2   ; %{i}.ex"
        "$(Get-SpfFidelityMacroI 2001:db8:f1d::10).ex A 127.0.0.2"
        "$(Get-SpfFidelityMacroI 198.51.100.25 -Reverse).in-addr.rbl A 127.0.0.2   ; %{ir}.%{v}.rbl"
        "$(Get-SpfFidelityMacroI 2001:db8:f1d:1::25 -Reverse).ip6.rbl A 127.0.0.2"
    )
    foreach ($n in 1..10) { $lines += "mxf$n            A       198.51.100.$(240 + $n)" }
    $lines
}

# One scenario: Name (its label), Txt (its TXT records: each a string, or an array of strings for one record
# of several character-strings), Lines (more zone lines), Macro (also checked with the local part
# john.q.public-x), Sender (a sender domain other than the scenario's own).
function Get-SpfFidelityScenario {
    $far = 'a:far.fidelity.test'
    $s = @(
        # ip4 / ip6, with and without a prefix length
        @{ Name = 'ip4'; Txt = 'v=spf1 ip4:198.51.100.10 -all' }
        @{ Name = 'ip4-cidr28'; Txt = 'v=spf1 ip4:198.51.100.0/28 ~all' }
        @{ Name = 'ip4-cidr25'; Txt = 'v=spf1 ip4:198.51.100.128/25 -all' }
        @{ Name = 'ip4-cidr0'; Txt = 'v=spf1 ip4:0.0.0.0/0 -all' }
        @{ Name = 'ip4-host32'; Txt = 'v=spf1 ip4:198.51.100.25/32 ?all' }
        @{ Name = 'ip6'; Txt = 'v=spf1 ip6:2001:db8:f1d::10 -all' }
        @{ Name = 'ip6-cidr64'; Txt = 'v=spf1 ip6:2001:db8:f1d::/64 -all' }
        @{ Name = 'ip6-cidr48'; Txt = 'v=spf1 ip6:2001:db8:f1d::/48 ip4:198.51.100.200 -all' }
        @{ Name = 'ip6-cidr0'; Txt = 'v=spf1 ip6:::/0 ~all' }
        @{ Name = 'ip6-mapped'; Txt = 'v=spf1 ip6:::ffff:198.51.100.10 -all' }
        # a, with prefix lengths and a domain-spec
        @{ Name = 'a'; Txt = 'v=spf1 a -all'; Lines = 'a A 198.51.100.10', 'a AAAA 2001:db8:f1d:1::25' }
        @{ Name = 'a-cidr'; Txt = 'v=spf1 a/24 -all'; Lines = 'a-cidr A 198.51.100.1' }
        @{ Name = 'a-dual-cidr'; Txt = 'v=spf1 a:mx3.fidelity.test/28//64 a:mx6.fidelity.test//64 -all' }
        @{ Name = 'a-domain'; Txt = 'v=spf1 a:mail.fidelity.test -all' }
        @{ Name = 'a-cidr6only'; Txt = 'v=spf1 a//32 -all'; Lines = 'a-cidr6only AAAA 2001:db8:f1d:5::1' }
        @{ Name = 'a-macro'; Txt = 'v=spf1 a:mail.%{d2} -all' }
        @{ Name = 'a-macro-l'; Txt = 'v=spf1 a:%{l}.users.fidelity.test ?all'; Macro = $true }
        # mx
        @{ Name = 'mx'; Txt = 'v=spf1 mx -all'; Lines = 'mx MX 10 mail', 'mx MX 20 mx2' }
        @{ Name = 'mx-cidr'; Txt = 'v=spf1 mx/24//48 -all'; Lines = 'mx-cidr MX 10 mx3' }
        @{ Name = 'mx-domain'; Txt = 'v=spf1 mx:mxhosts.fidelity.test -all' }
        @{ Name = 'mx-dual'; Txt = 'v=spf1 mx:mxhosts.fidelity.test/30//64 -all' }
        @{ Name = 'mx-10'; Txt = 'v=spf1 mx -all'; Lines = @(foreach ($n in 1..9) { "mx-10 MX $n mxf$n" }) + 'mx-10 MX 10 mail' }
        @{ Name = 'mx-11'; Txt = 'v=spf1 mx -all'; Lines = @(foreach ($n in 1..10) { "mx-11 MX $n mxf$n" }) + 'mx-11 MX 11 mail' }
        @{ Name = 'mx-none'; Txt = 'v=spf1 mx ?all'; Lines = 'mx-none A 198.51.100.10' }
        @{ Name = 'mx-null'; Txt = 'v=spf1 mx ip4:198.51.100.25 -all'; Lines = 'mx-null MX 0 .', 'mx-null A 198.51.100.10' }
        @{ Name = 'mx-noaddr-hosts'; Txt = 'v=spf1 mx ip4:198.51.100.10 -all'; Lines = 'mx-noaddr-hosts MX 10 noaddr', 'mx-noaddr-hosts MX 20 nx9', 'mx-noaddr-hosts MX 30 noaddr2' }
        # ptr
        @{ Name = 'ptr'; Txt = 'v=spf1 ptr:fidelity.test -all' }
        @{ Name = 'ptr-sub'; Txt = 'v=spf1 ptr:sub.fidelity.test -all' }
        @{ Name = 'sub'; Txt = 'v=spf1 ptr -all' }
        @{ Name = 'ptr-self'; Txt = 'v=spf1 ptr ~all' }
        # include
        @{ Name = 'include'; Txt = 'v=spf1 include:ip4.fidelity.test include:ip6.fidelity.test -all' }
        @{ Name = 'include-fail'; Txt = 'v=spf1 include:ip4-cidr25.fidelity.test ?all' }
        @{ Name = 'include-softfail'; Txt = 'v=spf1 include:ip4-cidr28.fidelity.test -all' }
        @{ Name = 'include-neutral'; Txt = 'v=spf1 include:noall.fidelity.test -all' }
        @{ Name = 'include-permerror'; Txt = 'v=spf1 include:syntax-badip4.fidelity.test ip4:198.51.100.10 -all' }
        @{ Name = 'include-none'; Txt = 'v=spf1 include:nospf.fidelity.test -all' }
        @{ Name = 'include-nx'; Txt = 'v=spf1 include:nx1.fidelity.test -all' }
        @{ Name = 'include-temperror'; Txt = 'v=spf1 ip4:198.51.100.10 include:outside.example -all' }
        @{ Name = 'include-chain'; Txt = 'v=spf1 include:chain1.fidelity.test -all'; Lines = 'chain1 TXT "v=spf1 include:chain2.fidelity.test ~all"', 'chain2 TXT "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:f1d::10 -all"' }
        @{ Name = 'include-cname'; Txt = 'v=spf1 include:alias.fidelity.test -all' }
        @{ Name = 'include-macro'; Txt = 'v=spf1 include:_inc.%{d} -all'; Lines = '_inc.include-macro TXT "v=spf1 ip4:198.51.100.25 -all"' }
        @{ Name = 'include-loop'; Txt = 'v=spf1 include:include-loop.fidelity.test -all' }
        @{ Name = 'include-redirect-none'; Txt = 'v=spf1 include:redirect-none.fidelity.test ip4:198.51.100.10 -all' }
        # exists and the macros (RFC 7208 7)
        @{ Name = 'exists-i'; Txt = 'v=spf1 exists:%{i}.ex.fidelity.test -all' }
        @{ Name = 'exists-ir-v'; Txt = 'v=spf1 exists:%{ir}.%{v}.rbl.fidelity.test -all' }
        @{ Name = 'exists-i1'; Txt = 'v=spf1 exists:%{i1}.one.fidelity.test -all' }
        @{ Name = 'exists-l'; Txt = 'v=spf1 exists:%{l}.users.fidelity.test -all'; Macro = $true }
        @{ Name = 'exists-l-delim'; Txt = 'v=spf1 exists:%{l-}.dl.fidelity.test -all'; Macro = $true }
        @{ Name = 'exists-lr-delims'; Txt = 'v=spf1 exists:%{lr-.}.lr.fidelity.test -all'; Macro = $true }
        @{ Name = 'exists-l1r'; Txt = 'v=spf1 exists:%{l1r-}.l1.fidelity.test -all'; Macro = $true }
        @{ Name = 'exists-o'; Txt = 'v=spf1 exists:%{o}.o.fidelity.test -all' }
        @{ Name = 'exists-d2'; Txt = 'v=spf1 exists:%{d2}.d.fidelity.test -all' }
        @{ Name = 'exists-h'; Txt = 'v=spf1 exists:%{h}.h.fidelity.test -all' }
        @{ Name = 'exists-p'; Txt = 'v=spf1 exists:%{p}.p.fidelity.test -all' }
        @{ Name = 'exists-v'; Txt = 'v=spf1 exists:%{v}.v.fidelity.test -all' }
        @{ Name = 'exists-literal'; Txt = 'v=spf1 exists:mail.fidelity.test -all' }
        @{ Name = 'exists-d0'; Txt = 'v=spf1 exists:%{d0}.fidelity.test -all' }
        @{ Name = 'exists-badmacro'; Txt = 'v=spf1 exists:%{x}.fidelity.test -all' }
        @{ Name = 'exists-percent-end'; Txt = 'v=spf1 exists:%{i}.fidelity.test% -all' }
        # redirect
        @{ Name = 'redirect'; Txt = 'v=spf1 redirect=ip4.fidelity.test' }
        @{ Name = 'redirect-macro'; Txt = 'v=spf1 redirect=_spf.%{d}'; Lines = '_spf.redirect-macro TXT "v=spf1 ip4:198.51.100.130 -all"' }
        @{ Name = 'redirect-none'; Txt = 'v=spf1 redirect=nospf.fidelity.test' }
        @{ Name = 'redirect-nx'; Txt = 'v=spf1 redirect=nx1.fidelity.test' }
        @{ Name = 'redirect-after-all'; Txt = 'v=spf1 -all redirect=ip4-cidr0.fidelity.test' }
        @{ Name = 'redirect-first'; Txt = 'v=spf1 redirect=ip4-cidr0.fidelity.test ip4:198.51.100.25 ~all' }
        @{ Name = 'redirect-exp'; Txt = 'v=spf1 redirect=exp.fidelity.test exp=explain-other.fidelity.test' }
        @{ Name = 'redirect-noall'; Txt = 'v=spf1 ip4:198.51.100.25 redirect=ip6.fidelity.test' }
        @{ Name = 'redirect-loop'; Txt = 'v=spf1 redirect=redirect-loop.fidelity.test' }
        # exp= (RFC 7208 6.2): compared for every fail
        @{ Name = 'exp'; Txt = 'v=spf1 ip4:198.51.100.10 -all exp=explain.fidelity.test'; Macro = $true }
        @{ Name = 'exp-upper'; Txt = 'v=spf1 -all exp=explain-upper.fidelity.test'; Macro = $true }
        @{ Name = 'exp-macro-name'; Txt = 'v=spf1 -all exp=why.%{o}'; Lines = 'why.exp-macro-name TXT "no: %{d1r}, %{l1r-}, %{ir}, %{i}"'; Macro = $true }
        @{ Name = 'exp-missing'; Txt = 'v=spf1 -all exp=mail.fidelity.test' }
        @{ Name = 'exp-nx'; Txt = 'v=spf1 -all exp=nx1.fidelity.test' }
        @{ Name = 'exp-multi'; Txt = 'v=spf1 -all exp=twotxt.fidelity.test' }
        @{ Name = 'exp-badmacro'; Txt = 'v=spf1 -all exp=explain-bad.fidelity.test' }
        @{ Name = 'exp-include'; Txt = 'v=spf1 include:exp.fidelity.test -all' }
        @{ Name = 'exp-softfail'; Txt = 'v=spf1 ~all exp=explain.fidelity.test' }
        # qualifiers, modifiers, record shape
        @{ Name = 'qualifiers'; Txt = 'v=spf1 +ip4:198.51.100.10 -ip4:198.51.100.25 ~ip4:198.51.100.130 ?ip4:198.51.100.200 ?ip6:2001:db8:f1d::10 ~ip6:::/0' }
        @{ Name = 'noall'; Txt = 'v=spf1 ip4:198.51.100.10' }
        @{ Name = 'unknown-mod'; Txt = 'v=spf1 foo=bar ip4:198.51.100.10 -all' }
        @{ Name = 'unknown-mod-macro'; Txt = 'v=spf1 ip4:198.51.100.10 x-note=%{d}.%{i} -all' }
        @{ Name = 'unknown-mod-badmacro'; Txt = 'v=spf1 ip4:198.51.100.10 x-note=%{z} -all' }
        @{ Name = 'dup-redirect'; Txt = 'v=spf1 redirect=ip4.fidelity.test redirect=ip6.fidelity.test' }
        @{ Name = 'dup-exp'; Txt = 'v=spf1 -all exp=explain.fidelity.test exp=explain.fidelity.test' }
        @{ Name = 'upper-case'; Txt = 'V=SPF1 IP4:198.51.100.10 -ALL' }
        @{ Name = 'spaces'; Txt = 'v=spf1   ip4:198.51.100.10   -all   ' }
        @{ Name = 'empty-record'; Txt = 'v=spf1' }
        @{ Name = 'not-spf10'; Txt = 'v=spf10 -all' }
        @{ Name = 'not-spf-nospace'; Txt = 'v=spf1-all' }
        @{ Name = 'split'; Txt = , @('v=spf1 ip4:198.51.100.10', ' -all') }
        # syntax errors: permerror wherever they are (RFC 7208 4.6)
        @{ Name = 'syntax-badip4'; Txt = 'v=spf1 ip4:198.51.100.300 -all' }
        @{ Name = 'syntax-leading-zero'; Txt = 'v=spf1 ip4:198.051.100.010 -all' }
        @{ Name = 'syntax-cidr33'; Txt = 'v=spf1 ip4:198.51.100.10/33 -all' }
        @{ Name = 'syntax-cidr129'; Txt = 'v=spf1 ip6:2001:db8:f1d::/129 -all' }
        @{ Name = 'syntax-a-cidr33'; Txt = 'v=spf1 a/33 -all' }
        @{ Name = 'syntax-unknown-mech'; Txt = 'v=spf1 ip4:198.51.100.10 foo:bar -all' }
        @{ Name = 'syntax-include-empty'; Txt = 'v=spf1 include -all' }
        @{ Name = 'syntax-exists-empty'; Txt = 'v=spf1 exists -all' }
        @{ Name = 'syntax-all-arg'; Txt = 'v=spf1 ip4:198.51.100.10 all:fidelity.test' }
        @{ Name = 'syntax-lone-qualifier'; Txt = 'v=spf1 ip4:198.51.100.10 - all' }
        @{ Name = 'syntax-single-label'; Txt = 'v=spf1 a:fidelity -all' }
        @{ Name = 'syntax-numeric-tld'; Txt = 'v=spf1 a:mail.123 -all' }
        @{ Name = 'syntax-ip4-in-ip6'; Txt = 'v=spf1 ip6:198.51.100.10 -all' }
        @{ Name = 'syntax-ip6-in-ip4'; Txt = 'v=spf1 ip4:2001:db8::1 -all' }
        @{ Name = 'syntax-empty-cidr'; Txt = 'v=spf1 ip4:198.51.100.10/ -all' }
        @{ Name = 'syntax-ptr-cidr'; Txt = 'v=spf1 ptr/24 -all' }
        @{ Name = 'syntax-redirect-empty'; Txt = 'v=spf1 redirect=' }
        # record selection (RFC 7208 4.5)
        @{ Name = 'multiple'; Txt = 'v=spf1 ip4:198.51.100.10 -all', 'v=spf1 -all' }
        @{ Name = 'multiple-other-txt'; Txt = 'v=spf1 ip4:198.51.100.10 -all', 'google-site-verification=abc', 'v=spf10 -all' }
        @{ Name = 'nospf'; Txt = 'not an SPF record' }
        @{ Name = 'notxt'; Txt = @(); Lines = 'notxt A 198.51.100.10' }
        @{ Name = 'cname-top'; Txt = @(); Lines = 'cname-top CNAME ip4' }
        @{ Name = 'nx'; Txt = @(); Sender = 'nx.fidelity.test' }
        @{ Name = 'refused'; Txt = @(); Sender = 'outside.example' }
        # the limits of RFC 7208 4.6.4: 10 DNS-querying terms, 2 void lookups
        @{ Name = 'limit-10'; Txt = 'v=spf1 ' + ((1..10 | ForEach-Object { $far }) -join ' ') + ' ip4:198.51.100.10 -all' }
        @{ Name = 'limit-11'; Txt = 'v=spf1 ' + ((1..11 | ForEach-Object { $far }) -join ' ') + ' ip4:198.51.100.10 -all' }
        @{ Name = 'limit-11-after-match'; Txt = 'v=spf1 ip4:198.51.100.10 ' + ((1..11 | ForEach-Object { $far }) -join ' ') + ' -all' }
        @{ Name = 'limit-include'; Txt = 'v=spf1 include:nine.fidelity.test a:far.fidelity.test ip4:198.51.100.10 -all'; Lines = 'nine TXT "v=spf1 ' + ((1..9 | ForEach-Object { $far }) -join ' ') + ' ?all"' }
        @{ Name = 'limit-include-10'; Txt = 'v=spf1 include:eight.fidelity.test a:far.fidelity.test ip4:198.51.100.10 -all'; Lines = 'eight TXT "v=spf1 ' + ((1..8 | ForEach-Object { $far }) -join ' ') + ' ?all"' }
        @{ Name = 'limit-redirect'; Txt = 'v=spf1 ' + ((1..9 | ForEach-Object { $far }) -join ' ') + ' redirect=ip4.fidelity.test' }
        @{ Name = 'limit-redirect-11'; Txt = 'v=spf1 ' + ((1..10 | ForEach-Object { $far }) -join ' ') + ' redirect=ip4.fidelity.test' }
        @{ Name = 'limit-mixed'; Txt = 'v=spf1 mx:mxhosts.fidelity.test exists:nx1.fidelity.test ptr:nowhere.fidelity.test ' + ((1..7 | ForEach-Object { $far }) -join ' ') + ' ip4:198.51.100.130 a:mail.fidelity.test -all' }
        @{ Name = 'void-2'; Txt = 'v=spf1 a:nx1.fidelity.test a:nx2.fidelity.test ip4:198.51.100.10 -all' }
        @{ Name = 'void-3'; Txt = 'v=spf1 a:nx1.fidelity.test a:nx2.fidelity.test a:noaddr.fidelity.test ip4:198.51.100.10 -all' }
        @{ Name = 'void-mx-exists'; Txt = 'v=spf1 mx:nx1.fidelity.test exists:nx2.fidelity.test exists:noaddr.fidelity.test -all' }
        @{ Name = 'void-after-match'; Txt = 'v=spf1 ip4:198.51.100.10 a:nx1.fidelity.test a:nx2.fidelity.test a:nx3.fidelity.test -all' }
        @{ Name = 'void-family'; Txt = 'v=spf1 a:mx6.fidelity.test a:mx6.fidelity.test a:mx6.fidelity.test ip4:198.51.100.10 ip6:2001:db8:f1d::10 -all' }
        @{ Name = 'void-include'; Txt = 'v=spf1 a:nx1.fidelity.test include:void-inner.fidelity.test -all'; Lines = 'void-inner TXT "v=spf1 a:nx2.fidelity.test a:nx3.fidelity.test ip4:198.51.100.10 -all"' }
    )
    foreach ($scenario in $s) { [pscustomobject] $scenario }
}

# A TXT record's data in zone-file form: each string in quotes, split at 255 octets (RFC 1035 3.3.14).
function ConvertTo-SpfFidelityTxt([object] $Record) {
    $strings = foreach ($text in @($Record)) {
        $escaped = ([string] $text).Replace('\', '\\').Replace('"', '\"')
        if ($escaped.Length -le 250) { '"' + $escaped + '"' }
        else { for ($i = 0; $i -lt $escaped.Length; $i += 250) { '"' + $escaped.Substring($i, [Math]::Min(250, $escaped.Length - $i)) + '"' } }
    }
    $strings -join ' '
}

# Writes fidelity.test and the two reverse zones into $Dir and returns their paths.
function New-SpfFidelityZone([string] $Dir) {
    $head = { param($origin) "`$ORIGIN $origin`n`$TTL 60`n@ SOA ns.fidelity.test. hostmaster.fidelity.test. 1 3600 600 86400 60`n@ NS ns.fidelity.test.`n" }
    $forward = [System.Text.StringBuilder]::new()
    [void] $forward.Append('; Written by SpfFidelity.Tests.ps1 (SpfFidelity.Scenarios.ps1): one SPF scenario per label.' + "`n")
    [void] $forward.Append((& $head 'fidelity.test.'))
    [void] $forward.Append("ns A 127.0.0.1`n")
    foreach ($line in Get-SpfFidelitySupportLine) { [void] $forward.Append($line + "`n") }
    foreach ($scenario in Get-SpfFidelityScenario) {
        foreach ($record in @($scenario.Txt)) { [void] $forward.Append("$($scenario.Name) TXT $(ConvertTo-SpfFidelityTxt $record)`n") }
        foreach ($line in @($scenario.Lines)) { if ($line) { [void] $forward.Append($line + "`n") } }
    }

    $v4 = (& $head '100.51.198.in-addr.arpa.') + @'
10  PTR mail.fidelity.test.
25  PTR forged.fidelity.test.
200 PTR host.sub.fidelity.test.
'@
    $nibbles = @(Get-SpfFidelityNibble '2001:db8:f1d::')[0..11]
    [array]::Reverse($nibbles)
    $v6origin = ($nibbles -join '.') + '.ip6.arpa.'
    $host10 = @(Get-SpfFidelityNibble '2001:db8:f1d::10')[12..31]
    [array]::Reverse($host10)
    $v6 = (& $head $v6origin) + (($host10 -join '.') + " PTR mail.fidelity.test.`n")

    $files = @{ 'fidelity.test.zone' = $forward.ToString(); 'reverse4.zone' = $v4 + "`n"; 'reverse6.zone' = $v6 }
    foreach ($name in $files.Keys) {
        $path = Join-Path $Dir $name
        [System.IO.File]::WriteAllText($path, $files[$name])
        $path
    }
}
