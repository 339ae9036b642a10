#!/usr/bin/env bash
# A real Exim 4.96 (Debian's packages, unpacked, never installed: they conflict with postfix) for the
# integration and fidelity tests.
#
#   exim.sh install            download exim4-base, exim4-config, exim4-daemon-light into a cache and unpack
#                              them into $EXIM_ROOT (default /opt/lab-exim); libidn12 and the Debian-exim user
#                              when missing (root)
#   exim.sh available          exit 0 when the unpacked Exim runs here and we are root
#   exim.sh bin                print the path of the exim binary
#   exim.sh bh CFG IP [FILE]   run 'exim -C CFG -bh IP' with the SMTP dialog in FILE (default stdin; lines
#                              without CR LF are fine); the replies on stdout, the ACL trace on stderr
#   exim.sh update-conf CONFDIR OUT
#                              Debian's own update-exim4.conf on CONFDIR (update-exim4.conf.conf, the template
#                              or conf.d/), with /etc/mailname and /etc/exim4 redirected into CONFDIR, writing OUT
#   exim.sh start DIR [BASE]   a daemon on 127.0.0.1:BASE+25 (default BASE 5500) with its own spool and logs
#                              under DIR; LAB_EXIM_CONFIG=FILE uses that configuration instead of the lab's
#   exim.sh stop DIR           stop it
#
# start prints KEY=VALUE lines (and writes them to DIR/exim.env): EXIM_BIN, EXIM_DIR, EXIM_CONFIG,
# EXIM_HOST, EXIM_SMTP_PORT, EXIM_MAINLOG, EXIM_REJECTLOG, EXIM_PANICLOG, EXIM_TRUSTED_ADDRESS,
# EXIM_LOCAL_DOMAIN, EXIM_USER, EXIM_PASSWORD. Nothing is ever delivered: the only router is a redirect
# to :blackhole:. Only 127.0.0.1 is listened on.
set -euo pipefail

root=${EXIM_ROOT:-/opt/lab-exim}
cache=${EXIM_DEB_CACHE:-/var/cache/relaytools-exim-debs}
bin=$root/usr/sbin/exim4

need_root() { [ "$(id -u)" = 0 ] || { echo "exim.sh: root is needed to $1" >&2; exit 3; }; }

runs() { [ -x "$bin" ] && "$bin" -C /dev/null -bV >/dev/null 2>&1; }

cmd_available() { [ "$(id -u)" = 0 ] && runs && id Debian-exim >/dev/null 2>&1; }

cmd_install() {
    if cmd_available; then return 0; fi
    need_root "unpack Exim"
    command -v apt-get >/dev/null || { echo "exim.sh: not a Debian system (no apt-get)" >&2; exit 3; }
    mkdir -p "$cache" "$root"
    if ! ls "$cache"/exim4-daemon-light_*.deb >/dev/null 2>&1; then
        (cd "$cache" && apt-get download exim4-base exim4-config exim4-daemon-light >/dev/null 2>&1) || {
            apt-get update -q >/dev/null
            (cd "$cache" && apt-get download exim4-base exim4-config exim4-daemon-light >/dev/null)
        }
    fi
    for d in "$cache"/exim4-*.deb; do dpkg-deb -x "$d" "$root"; done
    if ldd "$bin" | grep -q 'not found'; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libidn12 >/dev/null 2>&1 || {
            apt-get update -q >/dev/null
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libidn12 >/dev/null
        }
    fi
    getent group Debian-exim >/dev/null || groupadd --system Debian-exim
    id Debian-exim >/dev/null 2>&1 || useradd --system -g Debian-exim -d /nonexistent -s /usr/sbin/nologin Debian-exim
    runs || { echo "exim.sh: the unpacked Exim does not run" >&2; exit 3; }
}

cmd_bh() { # CFG IP [FILE]
    local cfg=$1 ip=$2 input=${3:--}
    if [ "$input" = - ]; then sed 's/\r*$/\r/' | "$bin" -C "$cfg" -bh "$ip"
    else sed 's/\r*$/\r/' "$input" | "$bin" -C "$cfg" -bh "$ip"; fi
}

cmd_update_conf() { # CONFDIR OUT
    local confdir out script
    confdir=$(cd "$1" && pwd); out=$2
    script=$(mktemp)
    sed -e "s#/etc/mailname#$confdir/mailname#g" -e "s#/etc/exim4/exim4.conf.localmacros#$confdir/exim4.conf.localmacros#g" \
        -e "s#\[ -e /etc/exim4/exim4.conf \]#[ -e $confdir/exim4.conf ]#" -e "s#^EXIM=.*#EXIM=$bin#" \
        "$root/usr/sbin/update-exim4.conf" > "$script"
    [ -f "$confdir/mailname" ] || echo mx.lab.test > "$confdir/mailname"
    bash "$script" -d "$confdir" -o "$out" </dev/null
    local rc=$?
    rm -f "$script"
    return $rc
}

wait_port() {
    local port=$1 i
    for i in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "exim.sh: port $port did not open" >&2
    return 1
}

cmd_start() {
    need_root "start Exim"
    local dir base port cfg
    dir=$(mkdir -p "$1" && cd "$1" && pwd); base=${2:-5500}; port=$((base + 25))
    cmd_stop "$dir" >/dev/null 2>&1 || true
    rm -rf "$dir/spool" "$dir/log"
    mkdir -p "$dir/spool" "$dir/log"
    chown -R Debian-exim:Debian-exim "$dir/spool" "$dir/log"
    cfg=${LAB_EXIM_CONFIG:-$dir/exim.conf}
    if [ -z "${LAB_EXIM_CONFIG:-}" ]; then
        cat > "$cfg" <<CONF
primary_hostname = mx.lab.test
domainlist local_domains = @ : lab.test
domainlist relay_to_domains =
hostlist relay_from_hosts = 127.0.0.5
daemon_smtp_ports = $port
local_interfaces = 127.0.0.1
host_lookup =
rfc1413_hosts =
spool_directory = $dir/spool
log_file_path = $dir/log/%slog
pid_file_path = $dir/exim.pid
exim_user = Debian-exim
exim_group = Debian-exim
never_users = root
acl_smtp_rcpt = acl_check_rcpt
auth_advertise_hosts = *

begin acl
acl_check_rcpt:
  accept hosts = :
  accept domains = +local_domains
  accept hosts = +relay_from_hosts
  accept authenticated = *
  require message = relay not permitted
          domains = +local_domains : +relay_to_domains
  accept

begin routers
blackhole:
  driver = redirect
  data = :blackhole:

begin authenticators
plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and {{eq{\$auth2}{labuser}}{eq{\$auth3}{labpass}}}}
  server_set_id = \$auth2
CONF
    fi
    chmod 644 "$cfg"
    "$bin" -C "$cfg" -bd -oX "$port" -oP "$dir/exim.pid" </dev/null >/dev/null 2>&1
    # A port taken by another server would still accept: the daemon's own pid file says it runs.
    local i
    for i in $(seq 1 50); do [ -s "$dir/exim.pid" ] && break; sleep 0.1; done
    if [ ! -s "$dir/exim.pid" ] || ! kill -0 "$(cat "$dir/exim.pid")" 2>/dev/null; then
        echo "exim.sh: the Exim daemon did not start (is port $port taken? see $dir/log/paniclog)" >&2
        return 1
    fi
    wait_port "$port"
    cat > "$dir/exim.env" <<ENV
EXIM_BIN=$bin
EXIM_DIR=$dir
EXIM_CONFIG=$cfg
EXIM_HOST=127.0.0.1
EXIM_SMTP_PORT=$port
EXIM_MAINLOG=$dir/log/mainlog
EXIM_REJECTLOG=$dir/log/rejectlog
EXIM_PANICLOG=$dir/log/paniclog
EXIM_TRUSTED_ADDRESS=127.0.0.5
EXIM_LOCAL_DOMAIN=lab.test
EXIM_USER=labuser
EXIM_PASSWORD=labpass
ENV
    cat "$dir/exim.env"
}

cmd_stop() {
    local d=$1
    if [ -f "$d/exim.pid" ]; then kill "$(cat "$d/exim.pid")" 2>/dev/null || true; rm -f "$d/exim.pid"; fi
    return 0
}

case "${1:-}" in
    install) cmd_install ;;
    available) cmd_available ;;
    bin) echo "$bin" ;;
    bh) [ $# -ge 3 ] || { echo "usage: exim.sh bh CFG IP [FILE]" >&2; exit 2; }; cmd_bh "$2" "$3" "${4:--}" ;;
    update-conf) [ $# -ge 3 ] || { echo "usage: exim.sh update-conf CONFDIR OUT" >&2; exit 2; }; cmd_update_conf "$2" "$3" ;;
    start) [ $# -ge 2 ] || { echo "usage: exim.sh start DIR [BASE]" >&2; exit 2; }; cmd_start "$2" "${3:-5500}" ;;
    stop) [ $# -ge 2 ] || { echo "usage: exim.sh stop DIR" >&2; exit 2; }; cmd_stop "$2" ;;
    *) sed -n '2,/^# to :blackhole:/p' "$0" >&2; exit 2 ;;
esac
