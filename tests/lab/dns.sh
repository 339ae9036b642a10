#!/usr/bin/env bash
# A real authoritative DNS server (NSD 4, Debian's nsd package) on loopback for the DNS tests: the zones of
# tests/lab/dns/ (relaytools.test and its reverse zones; see the comments in those files) or zones of a
# test's own, served on 127.0.0.1:PORT only, UDP and TCP.
#
#   dns.sh install                  apt-get install nsd (and iproute2 for ss) when missing (root); the package's own service
#                                   is kept from starting and stopped if it runs anyway
#   dns.sh available                exit 0 when we are root and nsd is installed
#   dns.sh start DIR PORT [ZONE...] check the zone files (default: every tests/lab/dns/*.zone), copy them to
#                                   DIR/zones, write DIR/nsd.conf and start nsd detached; waits until it
#                                   serves (10 s at most). Prints KEY=VALUE lines, also written to DIR/dns.env:
#                                   DNS_HOST, DNS_PORT, DNS_SERVER (127.0.0.1:PORT), DNS_PID, DNS_LOG, DNS_DIR,
#                                   DNS_ZONES (the zone names, space-separated)
#   dns.sh reload DIR               re-read DIR/zones/* after a test changed them (checked first)
#   dns.sh stop DIR                 stop it (and wait until the port is free)
#
# A zone file names its zone in its first $ORIGIN line. nsd runs as root from DIR (no chroot, no privilege
# drop), logs to DIR/nsd.log, and is told nothing of any other instance: two DIRs on two ports run side by
# side. Only loopback is ever listened on; the server answers only for its own zones (REFUSED otherwise,
# and it never recurses), so nothing a test asks can leave the machine.
#
# What NSD taught us (pitfalls):
# - Debian's package enables nsd.service and its postinst tries to start it on port 53 of every address
#   (in a container policy-rc.d usually denies that; on a systemd machine it starts). install keeps it from
#   starting with a temporary policy-rc.d (only when there is none already) and stops it if it runs.
# - nsd starts even when a zone file has errors: it logs them and serves the zone as absent (REFUSED), which
#   looks like a broken resolver. start and reload run nsd-checkzone on every file first and fail loudly.
# - A TXT character-string is at most 255 octets: a longer record must be written as several strings
#   ("..." "..."), which resolvers join (RFC 7208 3.3); nsd-checkzone rejects an over-long one.
# - The defaults point at shared system paths (/var/lib/nsd/zone.list, xfrd.state, /run/nsd/nsd.pid, the
#   nsd.db of older versions): every one of them is set to DIR here, or two instances trample each other.
#   The default user "nsd" could not read zones under a root-owned temp folder: username is "" (stay root).
# - Debian's /etc/nsd/nsd.conf says log-only-syslog: yes; our own config is used (-c), so logfile works.
# - nsd forks and returns before its sockets may serve; readiness is nsd-control status over a unix
#   control socket in DIR (no TLS keys needed for a socket path) plus ss showing the UDP and TCP listeners.
# - RRsets are served in zone-file order unless round-robin is on (it is off here, explicitly), which the
#   MX tie test relies on.
# - The server is authoritative only: RA is clear in every answer and any name outside its zones is REFUSED
#   (a client then reports a server failure, not NXDOMAIN).
set -euo pipefail

self_dir=$(cd "$(dirname "$0")" && pwd)
zones_default_dir=$self_dir/dns

need_root() { [ "$(id -u)" = 0 ] || { echo "dns.sh: root is needed to $1" >&2; exit 3; }; }

# ss (iproute2, missing from minimal Debian images) tells when the sockets are there.
have_nsd() { command -v nsd >/dev/null 2>&1 && command -v nsd-checkzone >/dev/null 2>&1 && command -v nsd-control >/dev/null 2>&1 && command -v ss >/dev/null 2>&1; }

# The system service the package may have started (its pid file, Debian's default path).
stop_system_nsd() {
    local pid
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        systemctl stop nsd >/dev/null 2>&1 || true
        systemctl disable nsd >/dev/null 2>&1 || true
    fi
    if [ -f /run/nsd/nsd.pid ]; then
        pid=$(cat /run/nsd/nsd.pid 2>/dev/null || true)
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q nsd "/proc/$pid/comm" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
        fi
    fi
}

cmd_install() {
    if have_nsd; then stop_system_nsd; return 0; fi
    need_root "install nsd"
    local policy=/usr/sbin/policy-rc.d made_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod 755 "$policy"; made_policy=1
    fi
    local rc=0 packages="nsd"
    command -v ss >/dev/null 2>&1 || packages="$packages iproute2"
    {
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >/dev/null 2>&1 || {
            apt-get update -q >/dev/null
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >/dev/null
        }
    } || rc=$?
    [ "$made_policy" = 1 ] && rm -f "$policy"
    [ "$rc" = 0 ] || { echo "dns.sh: apt-get install $packages failed ($rc)" >&2; exit "$rc"; }
    stop_system_nsd
    have_nsd || { echo "dns.sh: nsd is still missing after apt-get install" >&2; exit 1; }
}

cmd_available() {
    [ "$(id -u)" = 0 ] && have_nsd
}

zone_name() { # FILE: the zone of its first $ORIGIN line, without the trailing dot
    local origin
    origin=$(awk 'toupper($1) == "$ORIGIN" { print $2; exit }' "$1")
    [ -n "$origin" ] || { echo "dns.sh: $1 has no \$ORIGIN line to name its zone" >&2; exit 2; }
    echo "${origin%.}"
}

check_zones() { # DIR: nsd-checkzone every zone of DIR/zones
    local dir=$1 file name out
    for file in "$dir"/zones/*.zone; do
        name=$(zone_name "$file")
        if ! out=$(nsd-checkzone "$name" "$file" 2>&1); then
            echo "dns.sh: zone $name ($file) has errors:" >&2
            echo "$out" >&2
            exit 2
        fi
    done
}

listening() { # PORT: true when 127.0.0.1:PORT has a UDP and a TCP listener
    ss -Hlnu "sport = :$1" 2>/dev/null | grep -q "127.0.0.1:$1" && ss -Hlnt "sport = :$1" 2>/dev/null | grep -q "127.0.0.1:$1"
}

cmd_start() {
    [ $# -ge 2 ] || { echo "usage: dns.sh start DIR PORT [ZONEFILE...]" >&2; exit 2; }
    need_root "start nsd"
    have_nsd || { echo "dns.sh: nsd is not installed (dns.sh install)" >&2; exit 1; }
    local dir port file name
    mkdir -p "$1"
    dir=$(cd "$1" && pwd)
    port=$2
    shift 2
    case "$port" in ''|*[!0-9]*) echo "dns.sh: PORT must be a number" >&2; exit 2 ;; esac
    [ -f "$dir/nsd.pid" ] && cmd_stop "$dir" >/dev/null 2>&1 || true
    if listening "$port"; then echo "dns.sh: 127.0.0.1:$port is already in use" >&2; exit 1; fi
    local files=("$@")
    [ ${#files[@]} -gt 0 ] || files=("$zones_default_dir"/*.zone)
    rm -rf "$dir/zones"
    mkdir -p "$dir/zones"
    for file in "${files[@]}"; do
        [ -f "$file" ] || { echo "dns.sh: no zone file $file" >&2; exit 2; }
        cp "$file" "$dir/zones/"
    done
    check_zones "$dir"

    {
        cat <<EOF
# Written by tests/lab/dns.sh: the DNS lab on 127.0.0.1:$port.
server:
    ip-address: 127.0.0.1@$port
    port: $port
    do-ip4: yes
    do-ip6: no
    username: ""
    chroot: ""
    zonesdir: "$dir/zones"
    database: ""
    zonelistfile: "$dir/zone.list"
    xfrdfile: "$dir/xfrd.state"
    xfrdir: "$dir/xfr"
    pidfile: "$dir/nsd.pid"
    logfile: "$dir/nsd.log"
    log-only-syslog: no
    server-count: 1
    tcp-count: 16
    hide-version: yes
    hide-identity: yes
    round-robin: no
    refuse-any: no
    reuseport: no
    verbosity: 1
remote-control:
    control-enable: yes
    control-interface: "$dir/nsd.ctl"
EOF
        for file in "$dir"/zones/*.zone; do
            name=$(zone_name "$file")
            printf 'zone:\n    name: "%s"\n    zonefile: "%s"\n' "$name" "$file"
        done
    } > "$dir/nsd.conf"
    mkdir -p "$dir/xfr"
    nsd-checkconf "$dir/nsd.conf" || { echo "dns.sh: nsd-checkconf rejects $dir/nsd.conf" >&2; exit 2; }
    rm -f "$dir/nsd.pid" "$dir/nsd.ctl"
    : > "$dir/nsd.log"

    # nsd forks into the background itself; its stdio must not keep the caller's pipes open.
    nsd -c "$dir/nsd.conf" </dev/null >>"$dir/nsd.log" 2>&1 || {
        echo "dns.sh: nsd did not start:" >&2; cat "$dir/nsd.log" >&2; exit 1
    }
    local i pid=""
    for i in $(seq 1 100); do
        [ -s "$dir/nsd.pid" ] && pid=$(cat "$dir/nsd.pid")
        if [ -n "$pid" ] && nsd-control -c "$dir/nsd.conf" status >/dev/null 2>&1 && listening "$port"; then
            break
        fi
        pid=""
        sleep 0.1
    done
    if [ -z "$pid" ]; then
        echo "dns.sh: nsd did not serve 127.0.0.1:$port within 10 s:" >&2
        cat "$dir/nsd.log" >&2
        cmd_stop "$dir" >/dev/null 2>&1 || true
        exit 1
    fi
    if grep -qi "error" "$dir/nsd.log"; then
        echo "dns.sh: nsd logged errors:" >&2; cat "$dir/nsd.log" >&2
        cmd_stop "$dir" >/dev/null 2>&1 || true
        exit 1
    fi
    local zones=""
    for file in "$dir"/zones/*.zone; do zones="$zones $(zone_name "$file")"; done
    cat > "$dir/dns.env" <<EOF
DNS_HOST=127.0.0.1
DNS_PORT=$port
DNS_SERVER=127.0.0.1:$port
DNS_PID=$pid
DNS_LOG=$dir/nsd.log
DNS_DIR=$dir
DNS_ZONES=${zones# }
EOF
    cat "$dir/dns.env"
}

cmd_reload() {
    [ $# -ge 1 ] || { echo "usage: dns.sh reload DIR" >&2; exit 2; }
    local dir
    dir=$(cd "$1" && pwd)
    check_zones "$dir"
    nsd-control -c "$dir/nsd.conf" reload >/dev/null
}

cmd_stop() {
    [ $# -ge 1 ] || { echo "usage: dns.sh stop DIR" >&2; exit 2; }
    local dir=$1 pid="" port="" i
    [ -f "$dir/nsd.pid" ] && pid=$(cat "$dir/nsd.pid" 2>/dev/null || true)
    [ -f "$dir/dns.env" ] && port=$(sed -n 's/^DNS_PORT=//p' "$dir/dns.env")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q nsd "/proc/$pid/comm" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for i in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    # nsd's serving child may outlive the main process for a moment.
    if [ -n "$port" ]; then
        for i in $(seq 1 50); do
            listening "$port" || break
            sleep 0.1
        done
    fi
    rm -f "$dir/nsd.pid" "$dir/nsd.ctl"
}

case "${1:-}" in
    install) shift; cmd_install "$@" ;;
    available) shift; cmd_available "$@" ;;
    start) shift; cmd_start "$@" ;;
    reload) shift; cmd_reload "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    *) echo "usage: dns.sh install|available|start DIR PORT [ZONEFILE...]|reload DIR|stop DIR" >&2; exit 2 ;;
esac
