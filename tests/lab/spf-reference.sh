#!/usr/bin/env bash
# The reference SPF implementation (pyspf, Debian's python3-spf, over python3-dnspython) of SpfFidelity.Tests.ps1
# and bench/Test-SenderAuthorization.bench.ps1; spf-reference.py beside this file is its command line, pointed at
# one DNS server on loopback.
#
#   spf-reference.sh install    apt-get install python3-spf python3-dnspython when missing (root)
#   spf-reference.sh available  exit 0 when Debian's python3 imports both (prints the versions)
#   spf-reference.sh run ARGS   runs spf-reference.py ARGS with Debian's python3 (see its header)
#
# Debian's /usr/bin/python3 is used, never a python3 found first on PATH (pyenv and the like), whose
# site-packages do not hold Debian's modules.
set -euo pipefail

self_dir=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3

have_reference() { [ -x "$python" ] && "$python" "$self_dir/spf-reference.py" --version >/dev/null 2>&1; }

cmd_install() {
    have_reference && return 0
    [ "$(id -u)" = 0 ] || { echo "spf-reference.sh: root is needed to install python3-spf" >&2; exit 3; }
    local packages="python3-spf python3-dnspython"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >/dev/null 2>&1 || {
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >/dev/null
    }
    have_reference || { echo "spf-reference.sh: pyspf is still not importable after apt-get install" >&2; exit 1; }
}

case "${1:-}" in
    install) cmd_install ;;
    available) have_reference && "$python" "$self_dir/spf-reference.py" --version ;;
    run) shift; exec "$python" "$self_dir/spf-reference.py" "$@" ;;
    *) echo "usage: spf-reference.sh install|available|run ARGS" >&2; exit 2 ;;
esac
