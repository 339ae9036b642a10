#!/usr/bin/env bash
# A real Sendmail 8.17.1 (Debian's packages, unpacked, never installed: sendmail-bin conflicts with postfix)
# on loopback for the integration and fidelity tests.
#
#   sendmail.sh install          download sendmail-base, sendmail-bin, sendmail-cf and sasl2-bin into a cache,
#                                unpack them into $SENDMAIL_ROOT (default /opt/lab-sendmail), install m4 and the
#                                libraries ldd finds missing (libwrap0) (root)
#   sendmail.sh available        exit 0 when we are root and the unpacked sendmail runs here
#   sendmail.sh bin              print the path of the sendmail binary
#   sendmail.sh cf MC OUT        build a sendmail.cf from MC with m4 and the unpacked cf tree, the way Debian does
#                                it: MC's include(`/usr/share/sendmail/cf/m4/cf.m4') and include(`/etc/mail/m4/..')
#                                are read from the unpacked tree (MC's own folder first for /etc/mail)
#   sendmail.sh bt CF            'sendmail -C CF -bt' (stdin to stdout) in the namespace the daemon gets, with
#                                CF's folder as /etc/mail and the lab's hosts (CF's folder's parent/hosts.extra)
#   sendmail.sh start DIR [BASE] a daemon on 127.0.0.1:BASE+25 (default BASE 5700), and on BASE+587 when the cf
#                                has a submission daemon (Port=submission or 587); BASE+465 for Port=smtps
#   sendmail.sh stop DIR         stop it and its syslog receiver
#   sendmail.sh makemap DIR MAP  'makemap hash /etc/mail/MAP < /etc/mail/MAP' as an admin runs it on the server, in the
#                                namespace of DIR's daemon (DIR/mail as /etc/mail, its smmta user); the daemon keeps running
#
# DIR/mail is the configuration folder: inside the daemon's private mount namespace it is /etc/mail, so a
# .cf keeps the standard paths (/etc/mail/access, /etc/mail/relay-domains, ...). start builds DIR/mail/
# sendmail.cf from LAB_SENDMAIL_MC=FILE when given, else keeps an existing DIR/mail/sendmail.cf, else writes
# the lab's own DIR/mail/sendmail.mc (Debian's sendmail.mc without greet_pause, conncontrol and ratecontrol).
# Missing local-host-names (mx.lab.test, lab.test), access (Connect:127.0.0.5 RELAY), aliases,
# service.switch (files only) and helpfile are created; access.db and aliases.db are rebuilt when older
# than their sources. The lab's own mc is rewritten on every start (so options take effect on a restart).
#
# LAB_SENDMAIL_AUTH=1: STARTTLS with a self-signed certificate (DIR/mail/tls/sendmail.crt, .key) and AUTH
# PLAIN LOGIN after STARTTLS only (AuthOptions p), trusted for relaying (TRUST_AUTH_MECH), checked by
# Cyrus SASL against DIR/mail/sasldb2 (saslpasswd2 of the unpacked sasl2-bin); env SENDMAIL_USER,
# SENDMAIL_PASSWORD, SENDMAIL_TLS_CERT. An own mc (LAB_SENDMAIL_MC) gets the same files to point at.
#
# The namespace (unshare --mount; read-only overlays on /etc and /dev, nothing on the host changes):
#   /etc/hosts         127.0.0.1 localhost, 127.0.1.1 mx.lab.test and this host's name (so start-up does
#                      not wait 60 s on DNS); the domains that exist in the lab's world (a sender's domain
#                      must resolve): lab.test, example.com, example.net, example.org, gmail.com on
#                      198.51.100.x; then the lines of DIR/hosts.extra ('127.0.0.21 app01.corp.example')
#   /etc/nsswitch.conf files only (no DNS at all); /etc/hosts.allow and hosts.deny empty (TCP wrappers)
#   /etc/passwd, group the host's plus smmta and smmsp (Debian's TrustedUser and MSP users) on ids free here,
#                      so the host's user database is never touched
#   /dev/log           a unix datagram socket served by a small perl receiver (perl is in every Debian base,
#                      python3 is not) that writes each message to DIR/maillog as a traditional syslog line
#                      'Mon DD HH:MM:SS mx sm-mta[pid]: ...'
# Queue, pid, status and control files are under DIR (-O options on the command line, so any .cf works),
# delivery mode is queueonly (deferred would skip the relay check) and the queue is never run: nothing is
# ever delivered; the load average never makes it refuse (RefuseLA). Every daemon listens on 127.0.0.1
# only, whatever the .cf says; it logs as sm-mta (-L), as Debian's init script starts it. The stock .cf
# lets 127.0.0.1 relay ("originated locally"): probe as an outsider from another 127.0.0.x address (bind
# the client socket there).
#
# start prints KEY=VALUE lines (and writes them to DIR/sendmail.env): SENDMAIL_BIN, SENDMAIL_DIR,
# SENDMAIL_CONFIG_DIR, SENDMAIL_CF, SENDMAIL_HOST, SENDMAIL_ADDRESS, SENDMAIL_SMTP_PORT,
# SENDMAIL_SUBMISSION_PORT (when there is one), SENDMAIL_MAILLOG, SENDMAIL_PID, SENDMAIL_LOCAL_DOMAIN,
# SENDMAIL_TRUSTED_ADDRESS (the client the lab's own access file lets relay), and with AUTH the three above.
set -euo pipefail

root=${SENDMAIL_ROOT:-/opt/lab-sendmail}
cache=${SENDMAIL_DEB_CACHE:-/var/cache/relaytools-sendmail-debs}
bin=$root/usr/libexec/sendmail/sendmail
makemap=$root/usr/libexec/sendmail/makemap
packages="sendmail-base sendmail-bin sendmail-cf sasl2-bin"
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

need_root() { [ "$(id -u)" = 0 ] || { echo "sendmail.sh: root is needed to $1" >&2; exit 3; }; }

apt_quiet() { # apt-get ARGS...: once, then after an apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get "$@" >/dev/null 2>&1 || {
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get "$@" >/dev/null
    }
}

# The namespace's own files under NSDIR: etc/ (laid over /etc) and dev/ (laid over /dev, with 'log' as
# the mount point of the receiver's socket). HOSTS_EXTRA may be missing.
ns_prepare() { # NSDIR HOSTS_EXTRA
    local ns=$1 extra=$2 uid gid
    mkdir -p "$ns/etc/mail" "$ns/dev"
    [ -e "$ns/dev/log" ] || : > "$ns/dev/log"
    {
        echo "127.0.0.1 localhost"
        echo "::1 localhost ip6-localhost ip6-loopback"
        echo "127.0.1.1 mx.lab.test mx $(hostname)"
        echo "# Domains that exist in the lab's world: Sendmail refuses a sender whose domain does not resolve"
        echo "# (553 5.1.8 ... does not exist) unless FEATURE(accept_unresolvable_domains). Nothing is sent there."
        echo "198.51.100.10 lab.test"
        echo "198.51.100.20 example.com"
        echo "198.51.100.21 example.net"
        echo "198.51.100.22 example.org"
        echo "198.51.100.30 gmail.com"
        if [ -f "$extra" ]; then cat "$extra"; echo; fi
    } > "$ns/etc/hosts"
    printf '%s\n' 'passwd: files' 'group: files' 'shadow: files' 'hosts: files' 'networks: files' \
        'protocols: files' 'services: files' 'ethers: files' 'rpc: files' 'netgroup: files' > "$ns/etc/nsswitch.conf"
    : > "$ns/etc/hosts.allow"; : > "$ns/etc/hosts.deny"
    cp /etc/passwd "$ns/etc/passwd"; cp /etc/group "$ns/etc/group"
    # smmta and smmsp on the first user and group ids from 990 down that the host does not use.
    for name in smmsp smmta; do
        if ! grep -q "^$name:" "$ns/etc/group"; then
            gid=990; while cut -d: -f3 "$ns/etc/group" | grep -qx "$gid"; do gid=$((gid - 1)); done
            echo "$name:x:$gid:" >> "$ns/etc/group"
        fi
        if ! grep -q "^$name:" "$ns/etc/passwd"; then
            uid=990; while cut -d: -f3 "$ns/etc/passwd" | grep -qx "$uid"; do uid=$((uid - 1)); done
            gid=$(grep "^$name:" "$ns/etc/group" | cut -d: -f3)
            echo "$name:x:$uid:$gid:Mail Transfer Agent:/var/lib/sendmail:/usr/sbin/nologin" >> "$ns/etc/passwd"
        fi
    done
}

# Runs inside 'unshare --mount': lays NSDIR/etc over /etc and NSDIR/dev over /dev (read-only overlays),
# binds CONFDIR at /etc/mail (or, with MODE cf, CONFDIR over the unpacked etc/mail, read-only, and the
# unpacked usr/share over /usr/share for m4), binds LOGSOCK at /dev/log when it exists, then runs the command.
ns_enter() { # MODE NSDIR CONFDIR LOGSOCK COMMAND...
    local mode=$1 ns=$2 conf=$3 sock=$4
    shift 4
    mount --make-rprivate / 2>/dev/null || true
    mount -t overlay overlay -o "ro,lowerdir=$ns/etc:/etc" /etc
    if [ "$mode" = cf ]; then
        mount -t overlay overlay -o "ro,lowerdir=$conf:$root/etc/mail" /etc/mail
        mount -t overlay overlay -o "ro,lowerdir=$root/usr/share:/usr/share" /usr/share
    else
        mount --bind "$conf" /etc/mail
    fi
    mount -t overlay overlay -o "ro,lowerdir=$ns/dev:/dev" /dev
    if [ -S "$sock" ]; then mount --bind "$sock" /dev/log; fi
    exec "$@"
}

in_ns() { # MODE NSDIR CONFDIR LOGSOCK COMMAND...
    unshare --mount --propagation private -- bash "$self" __ns "$@"
}

runs() { # the unpacked binary starts, asked for its version in the lab's namespace (no DNS wait)
    [ -x "$bin" ] || return 1
    local ns out
    ns=$(mktemp -d)
    ns_prepare "$ns" /dev/null
    out=$(timeout 30 unshare --mount --propagation private -- bash "$self" __ns run "$ns" "$ns/etc/mail" - \
        "$bin" -C /dev/null -d0.1 -bt </dev/null 2>&1) || true
    rm -rf "$ns"
    case "$out" in *"Version 8.17"*) return 0 ;; *) return 1 ;; esac
}

cmd_available() { [ "$(id -u)" = 0 ] && command -v m4 >/dev/null && command -v unshare >/dev/null && runs; }

cmd_install() {
    if cmd_available && [ -x "$root/usr/sbin/saslpasswd2" ] && [ -f "$root/etc/mail/m4/provider.m4" ]; then return 0; fi
    need_root "unpack Sendmail"
    command -v apt-get >/dev/null || { echo "sendmail.sh: not a Debian system (no apt-get)" >&2; exit 3; }
    mkdir -p "$cache" "$root"
    local p missing=""
    for p in $packages; do ls "$cache/${p}"_*.deb >/dev/null 2>&1 || missing="$missing $p"; done
    # shellcheck disable=SC2086
    if [ -n "$missing" ]; then (cd "$cache" && apt_quiet download $missing); fi
    for p in $packages; do dpkg-deb -x "$(ls "$cache/${p}"_*.deb | tail -n 1)" "$root"; done
    # Debian's sendmail.mc includes these two; the package's update_mc creates them empty.
    mkdir -p "$root/etc/mail/m4"
    touch "$root/etc/mail/m4/dialup.m4" "$root/etc/mail/m4/provider.m4"
    command -v m4 >/dev/null || apt_quiet install -y -q --no-install-recommends m4
    if ldd "$bin" | grep -q 'not found'; then
        local libs="" lib
        for lib in $(ldd "$bin" "$root/usr/sbin/saslpasswd2" | awk '/not found/ {print $1}' | sort -u); do
            case "$lib" in
                libwrap.so.0) libs="$libs libwrap0" ;;
                libsasl2.so.2) libs="$libs libsasl2-2 libsasl2-modules" ;;
                libdb-5.3.so) libs="$libs libdb5.3" ;;
                libldap*) libs="$libs libldap-2.5-0" ;;
                libssl.so.3 | libcrypto.so.3) libs="$libs libssl3" ;;
                *) echo "sendmail.sh: no package known for $lib" >&2 ;;
            esac
        done
        # shellcheck disable=SC2086
        [ -z "$libs" ] || apt_quiet install -y -q --no-install-recommends $libs
    fi
    # Cyrus' PLAIN and LOGIN plugins (a Recommends of libsasl2-2) for LAB_SENDMAIL_AUTH.
    ls /usr/lib/*/sasl2/libplain.so* /usr/lib/sasl2/libplain.so* >/dev/null 2>&1 ||
        apt_quiet install -y -q --no-install-recommends libsasl2-modules
    runs || { echo "sendmail.sh: the unpacked sendmail does not run" >&2; exit 3; }
}

cmd_cf() { # MC OUT
    need_root "build a .cf in a mount namespace"
    local mc out mcdir ns rc=0
    mc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); out=$2
    mcdir=$(dirname "$mc")
    ns=$(mktemp -d)
    ns_prepare "$ns" /dev/null
    in_ns cf "$ns" "$mcdir" - m4 "$mc" > "$out.tmp" || rc=$?
    rm -rf "$ns"
    if [ $rc -ne 0 ] || ! grep -q '^V[0-9]' "$out.tmp"; then
        echo "sendmail.sh: m4 failed on $mc" >&2; rm -f "$out.tmp"; return 1
    fi
    mv "$out.tmp" "$out"
}

cmd_bt() { # CF
    need_root "run sendmail -bt in a mount namespace"
    local cf confdir lab ns sock=- own=""
    cf=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    confdir=$(dirname "$cf")
    lab=$(dirname "$confdir")
    if [ -f "$lab/.ns/etc/hosts" ] && [ "$(basename "$confdir")" = mail ]; then
        # A lab folder: its daemon's own namespace files, as they are (rewriting them under a running daemon
        # could show it a half-written hosts file).
        ns=$lab/.ns; sock=$lab/.ns/log.sock
    else
        ns=$(mktemp -d); own=$ns
        ns_prepare "$ns" "$lab/hosts.extra"
    fi
    local rc=0
    in_ns run "$ns" "$confdir" "$sock" "$bin" -C "/etc/mail/$(basename "$cf")" -bt || rc=$?
    [ -z "$own" ] || rm -rf "$own"
    return $rc
}

# True when something listens on 127.0.0.1:PORT, or ::1 with FAMILY inet6 (read from /proc/net/tcp*, so
# no session shows in the log).
listening() { # PORT [FAMILY]
    if [ "${2:-inet}" = inet6 ]; then
        grep -q "^ *[0-9]*: 00000000000000000000000001000000:$(printf '%04X' "$1") 0\{32\}:0000 0A " /proc/net/tcp6 2>/dev/null
    else
        grep -q "^ *[0-9]*: 0100007F:$(printf '%04X' "$1") 00000000:0000 0A " /proc/net/tcp
    fi
}

wait_port() { # PORT [FAMILY]
    local i
    for i in $(seq 1 300); do
        if listening "$@"; then return 0; fi
        sleep 0.1
    done
    echo "sendmail.sh: port $1 did not open" >&2
    return 1
}

# The lab's own mc: Debian's sendmail.mc (8.17.1.9-2+deb12u2) without greet_pause (1 s per session),
# conncontrol and ratecontrol (probes come fast), with queueonly delivery.
write_lab_mc() { # FILE AUTH(0|1)
    local auth=""
    if [ "$2" = 1 ]; then
        # Debian's update_tls / update_auth would write these into tls/starttls.m4 and sasl/sasl.m4.
        auth=$(cat <<'AUTH'
define(`confCACERT_PATH', `/etc/mail/tls')dnl
define(`confCACERT', `/etc/mail/tls/sendmail.crt')dnl
define(`confSERVER_CERT', `/etc/mail/tls/sendmail.crt')dnl
define(`confSERVER_KEY', `/etc/mail/tls/sendmail.key')dnl
define(`confAUTH_OPTIONS', `A p,y')dnl
define(`confAUTH_MECHANISMS', `PLAIN LOGIN')dnl
TRUST_AUTH_MECH(`PLAIN LOGIN')dnl
AUTH
)
    fi
    cat > "$1" <<MC
divert(-1)dnl
# The RelayTools Sendmail lab: Debian's sendmail.mc without greet_pause, conncontrol and ratecontrol,
# delivering nothing (queueonly, the queue is never run).
divert(0)dnl
define(\`_USE_ETC_MAIL_')dnl
include(\`/usr/share/sendmail/cf/m4/cf.m4')dnl
VERSIONID(\`\$Id: sendmail.mc, RelayTools lab, from Debian 8.17.1.9-2+deb12u2 \$')
OSTYPE(\`debian')dnl
DOMAIN(\`debian-mta')dnl
FEATURE(\`no_default_msa')dnl
DAEMON_OPTIONS(\`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl
DAEMON_OPTIONS(\`Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1')dnl
define(\`confPRIVACY_FLAGS',dnl
\`needmailhelo,needexpnhelo,needvrfyhelo,restrictqrun,restrictexpand,nobodyreturn,authwarnings')dnl
define(\`confDELIVERY_MODE', \`queueonly')dnl
FEATURE(\`use_cw_file')dnl
FEATURE(\`access_db', , \`skip')dnl
FEATURE(\`delay_checks', \`friend', \`n')dnl
define(\`confBAD_RCPT_THROTTLE',\`3')dnl
${auth:+$auth
}include(\`/etc/mail/m4/dialup.m4')dnl
include(\`/etc/mail/m4/provider.m4')dnl
MAILER_DEFINITIONS
MAILER(\`local')dnl
MAILER(\`smtp')dnl
MC
}

# The daemons the .cf declares (its O DaemonPortOptions lines), moved to BASE ports on loopback (127.0.0.1,
# or ::1 for Family=inet6): one -O option per line on stdout, and "KIND PORT FAMILY" lines on fd 3.
daemon_options() { # CF BASE
    local cf=$1 base=$2 line opts port kind family addr any=""
    while IFS= read -r line; do
        opts=${line#O DaemonPortOptions=}
        port=$(printf '%s' "$opts" | tr ',' '\n' | sed -n 's/^ *Port=//p' | head -n 1)
        family=$(printf '%s' "$opts" | tr ',' '\n' | sed -n 's/^ *Family=//p' | head -n 1)
        case "${port:-smtp}" in
            smtp | 25) kind=smtp; port=$((base + 25)) ;;
            submission | 587) kind=submission; port=$((base + 587)) ;;
            smtps | 465) kind=smtps; port=$((base + 465)) ;;
            *) echo "sendmail.sh: a daemon on port $port is not supported by the lab" >&2; return 1 ;;
        esac
        if [ "$family" = inet6 ]; then addr=::1; else family=inet; addr=127.0.0.1; fi
        opts=$(printf '%s' "$opts" | tr ',' '\n' | sed -e 's/^ *//' | grep -v -e '^Port=' -e '^Addr=' -e '^Family=' | paste -sd, -)
        echo "-ODaemonPortOptions=Family=$family,Addr=$addr,Port=$port${opts:+,$opts}"
        echo "$kind $port $family" >&3
        any=1
    done < <(grep '^O DaemonPortOptions=' "$cf")
    if [ -z "$any" ]; then
        echo "-ODaemonPortOptions=Family=inet,Addr=127.0.0.1,Port=$((base + 25)),Name=MTA"
        echo "smtp $((base + 25)) inet" >&3
    fi
}

# The files a daemon writes, all under DIR whatever the .cf says, and no refusal for load (RefuseLA: a busy
# test machine, load 40 on 2 cores, made Sendmail close its port): one -O option a line.
dir_options() { # DIR
    local dir=$1
    printf '%s\n' "-OQueueDirectory=$dir/queue" "-OPidFile=$dir/sendmail.pid" "-OStatusFile=$dir/sendmail.st" \
        "-OHostStatusDirectory=$dir/host_status" "-OControlSocketName=$dir/smcontrol" "-ODeadLetterDrop=$dir/dead.letter" \
        "-ORefuseLA=10000" "-OQueueLA=10000"
}

# Rebuilds a hash map when its source is newer (or the map is missing), inside the namespace.
ensure_map() { # DIR NAME
    local dir=$1 name=$2
    [ -f "$dir/mail/$name" ] || return 0
    if [ ! -f "$dir/mail/$name.db" ] || [ "$dir/mail/$name" -nt "$dir/mail/$name.db" ]; then
        in_ns run "$dir/.ns" "$dir/mail" - "$makemap" hash "/etc/mail/$name" < "$dir/mail/$name"
    fi
}

# LAB_SENDMAIL_AUTH=1: a self-signed certificate in DIR/mail/tls (the lab mc's STARTTLS), a Cyrus sasldb
# DIR/mail/sasldb2 with the lab user (saslpasswd2 of the unpacked sasl2-bin), and Cyrus' Sendmail.conf
# (auxprop sasldb, PLAIN and LOGIN) at /etc/sasl2/Sendmail.conf in the namespace.
lab_user=labuser
lab_password=labpass
setup_auth() { # DIR
    local dir=$1 mail=$1/mail
    command -v openssl >/dev/null || { echo "sendmail.sh: LAB_SENDMAIL_AUTH=1 needs openssl" >&2; return 1; }
    mkdir -p "$mail/tls"
    if [ ! -s "$mail/tls/sendmail.crt" ]; then
        openssl req -x509 -newkey rsa:2048 -nodes -keyout "$mail/tls/sendmail.key" -out "$mail/tls/sendmail.crt" \
            -days 30 -subj '/CN=mx.lab.test' >/dev/null 2>&1
    fi
    chmod 0600 "$mail/tls/sendmail.key"; chmod 0644 "$mail/tls/sendmail.crt"
    rm -f "$mail/sasldb2"
    printf '%s' "$lab_password" | "$root/usr/sbin/saslpasswd2" -p -c -f "$mail/sasldb2" -u mx.lab.test "$lab_user"
    chmod 0640 "$mail/sasldb2"
    mkdir -p "$dir/.ns/etc/sasl2"
    printf '%s\n' 'pwcheck_method: auxprop' 'auxprop_plugin: sasldb' 'sasldb_path: /etc/mail/sasldb2' 'mech_list: PLAIN LOGIN' \
        > "$dir/.ns/etc/sasl2/Sendmail.conf"
}

start_receiver() { # DIR
    local dir=$1 i
    rm -f "$dir/.ns/log.sock"
    # shellcheck disable=SC2016
    setsid perl -MSocket -MPOSIX=strftime -e '
        my ($path, $file, $host) = @ARGV;
        socket(my $s, PF_UNIX, SOCK_DGRAM, 0) or die "socket: $!";
        bind($s, pack_sockaddr_un($path)) or die "bind $path: $!";
        chmod 0666, $path;
        open(my $out, ">>", $file) or die "$file: $!";
        select((select($out), $| = 1)[0]);
        while (defined(recv($s, my $m, 65536, 0))) {
            $m =~ s/[\r\n\0]+$//; $m =~ s/[\r\n]/ /g;
            $m =~ s/^<\d+>//;
            my $ts = $m =~ s/^([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) // ? $1 : strftime("%b %e %H:%M:%S", localtime);
            print $out "$ts $host $m\n";
        }' "$dir/.ns/log.sock" "$dir/maillog" mx </dev/null >>"$dir/receiver.err" 2>&1 &
    echo $! > "$dir/receiver.pid"
    for i in $(seq 1 50); do [ -S "$dir/.ns/log.sock" ] && return 0; sleep 0.1; done
    echo "sendmail.sh: the syslog receiver did not start (see $dir/receiver.err)" >&2
    return 1
}

cmd_start() {
    need_root "start Sendmail"
    local dir base cf mail
    dir=$(mkdir -p "$1" && cd "$1" && pwd); base=${2:-5700}
    case "$dir" in /etc | /etc/* | /dev | /dev/* | /usr/share | /usr/share/*)
        echo "sendmail.sh: DIR must not be under /etc, /dev or /usr/share (the namespace lays its own over them)" >&2; exit 2 ;;
    esac
    cmd_stop "$dir" >/dev/null 2>&1 || true
    mail=$dir/mail; cf=$mail/sendmail.cf
    mkdir -p "$mail" "$dir/.ns"
    rm -rf "$dir/queue" "$dir/host_status"
    mkdir -p "$dir/queue" "$dir/host_status"
    chmod 0750 "$dir/queue"
    local auth=${LAB_SENDMAIL_AUTH:-0}
    if [ -n "${LAB_SENDMAIL_MC:-}" ]; then
        [ "$(cd "$(dirname "$LAB_SENDMAIL_MC")" && pwd)/$(basename "$LAB_SENDMAIL_MC")" = "$mail/sendmail.mc" ] || cp "$LAB_SENDMAIL_MC" "$mail/sendmail.mc"
        cmd_cf "$mail/sendmail.mc" "$cf"
    elif [ ! -f "$cf" ] || grep -q '^# The RelayTools Sendmail lab:' "$mail/sendmail.mc" 2>/dev/null; then
        # The lab's own mc is rewritten on every start, so LAB_SENDMAIL_AUTH takes effect on a restart.
        write_lab_mc "$mail/sendmail.mc.new" "$auth"
        if [ -f "$cf" ] && cmp -s "$mail/sendmail.mc.new" "$mail/sendmail.mc"; then rm -f "$mail/sendmail.mc.new"
        else mv "$mail/sendmail.mc.new" "$mail/sendmail.mc"; cmd_cf "$mail/sendmail.mc" "$cf"; fi
    fi
    [ -f "$mail/local-host-names" ] || printf '%s\n' mx.lab.test lab.test > "$mail/local-host-names"
    [ -f "$mail/access" ] || printf '%s\n' '# The lab: this client may relay' 'Connect:127.0.0.5 RELAY' > "$mail/access"
    [ -f "$mail/aliases" ] || printf '%s\n' 'postmaster: root' 'MAILER-DAEMON: postmaster' 'abuse: postmaster' > "$mail/aliases"
    [ -f "$mail/service.switch" ] || printf '%s\n' 'passwd files' 'hosts files' 'aliases files' > "$mail/service.switch"
    [ -f "$mail/helpfile" ] || cp "$root/etc/mail/helpfile" "$mail/helpfile"
    ns_prepare "$dir/.ns" "$dir/hosts.extra"
    ensure_map "$dir" access
    [ "$auth" != 1 ] || setup_auth "$dir"
    local own=()
    mapfile -t own < <(dir_options "$dir")
    if [ ! -f "$mail/aliases.db" ] || [ "$mail/aliases" -nt "$mail/aliases.db" ]; then
        in_ns run "$dir/.ns" "$mail" - "$bin" -C /etc/mail/sendmail.cf "${own[@]}" -bi >"$dir/newaliases.out" 2>&1 || {
            echo "sendmail.sh: newaliases failed: $(cat "$dir/newaliases.out")" >&2; return 1; }
    fi

    local opts=() kinds smtp_port="" submission_port="" smtps_port="" kind port family listeners=()
    kinds=$(mktemp)
    mapfile -t opts < <(daemon_options "$cf" "$base" 3>"$kinds")
    while read -r kind port family; do
        case "$kind" in smtp) smtp_port=$port ;; submission) submission_port=$port ;; smtps) smtps_port=$port ;; esac
        listeners+=("$port/$family")
    done < "$kinds"
    rm -f "$kinds"
    [ -n "$smtp_port" ] || { echo "sendmail.sh: $cf has no smtp daemon" >&2; return 1; }
    for port in "${listeners[@]}"; do
        if listening "${port%/*}" "${port#*/}"; then echo "sendmail.sh: port ${port%/*} is taken by another server" >&2; return 1; fi
    done

    start_receiver "$dir"
    rm -f "$dir/sendmail.pid"
    # -bd forks the daemon and returns; the daemon stays in the namespace.
    in_ns run "$dir/.ns" "$mail" "$dir/.ns/log.sock" "$bin" -L sm-mta -bd -C /etc/mail/sendmail.cf -odq \
        "${own[@]}" "${opts[@]}" </dev/null >"$dir/sendmail.out" 2>&1 || {
        echo "sendmail.sh: sendmail -bd failed: $(cat "$dir/sendmail.out")" >&2; cmd_stop "$dir"; return 1; }
    local i
    for i in $(seq 1 300); do [ -s "$dir/sendmail.pid" ] && break; sleep 0.1; done
    if [ ! -s "$dir/sendmail.pid" ] || ! alive "$(head -n 1 "$dir/sendmail.pid")"; then
        echo "sendmail.sh: the Sendmail daemon did not start (is port $smtp_port taken? see $dir/maillog)" >&2
        cmd_stop "$dir"; return 1
    fi
    for port in "${listeners[@]}"; do wait_port "${port%/*}" "${port#*/}" || { cmd_stop "$dir"; return 1; }; done
    {
        echo "SENDMAIL_BIN=$bin"
        echo "SENDMAIL_DIR=$dir"
        echo "SENDMAIL_CONFIG_DIR=$mail"
        echo "SENDMAIL_CF=$cf"
        echo "SENDMAIL_HOST=mx.lab.test"
        echo "SENDMAIL_ADDRESS=127.0.0.1"
        echo "SENDMAIL_SMTP_PORT=$smtp_port"
        [ -z "$submission_port" ] || echo "SENDMAIL_SUBMISSION_PORT=$submission_port"
        [ -z "$smtps_port" ] || echo "SENDMAIL_SMTPS_PORT=$smtps_port"
        echo "SENDMAIL_MAILLOG=$dir/maillog"
        echo "SENDMAIL_PID=$(head -n 1 "$dir/sendmail.pid")"
        echo "SENDMAIL_LOCAL_DOMAIN=lab.test"
        echo "SENDMAIL_TRUSTED_ADDRESS=127.0.0.5"
        if [ "$auth" = 1 ]; then
            echo "SENDMAIL_USER=$lab_user"
            echo "SENDMAIL_PASSWORD=$lab_password"
            echo "SENDMAIL_TLS_CERT=$mail/tls/sendmail.crt"
        fi
    } > "$dir/sendmail.env"
    cat "$dir/sendmail.env"
}

# True while PID runs (a zombie waiting for its reaper does not count).
alive() { [ -r "/proc/$1/stat" ] && ! sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^Z'; }

stop_pid() { # PIDFILE SECONDS
    local file=$1 secs=$2 pid i
    [ -s "$file" ] || { rm -f "$file"; return 0; }
    pid=$(head -n 1 "$file")
    if kill "$pid" 2>/dev/null; then
        for i in $(seq 1 $((secs * 20))); do alive "$pid" || break; sleep 0.05; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

cmd_makemap() { # DIR MAP
    need_root "run makemap in the lab's namespace"
    local dir
    dir=$(cd "$1" && pwd)
    [ -f "$dir/.ns/etc/hosts" ] || { echo "sendmail.sh: $dir is not a started lab folder" >&2; return 1; }
    in_ns run "$dir/.ns" "$dir/mail" - "$makemap" hash "/etc/mail/$2" < "$dir/mail/$2"
}

cmd_stop() {
    local d=$1
    stop_pid "$d/sendmail.pid" 10
    stop_pid "$d/receiver.pid" 5
    rm -f "$d/.ns/log.sock"
    return 0
}

case "${1:-}" in
    __ns) shift; ns_enter "$@" ;;
    install) cmd_install ;;
    available) cmd_available ;;
    bin) echo "$bin" ;;
    cf) [ $# -ge 3 ] || { echo "usage: sendmail.sh cf MC OUT" >&2; exit 2; }; cmd_cf "$2" "$3" ;;
    bt) [ $# -ge 2 ] || { echo "usage: sendmail.sh bt CF" >&2; exit 2; }; cmd_bt "$2" ;;
    start) [ $# -ge 2 ] || { echo "usage: sendmail.sh start DIR [BASE]" >&2; exit 2; }; cmd_start "$2" "${3:-5700}" ;;
    makemap) [ $# -ge 3 ] || { echo "usage: sendmail.sh makemap DIR MAP" >&2; exit 2; }; cmd_makemap "$2" "$3" ;;
    stop) [ $# -ge 2 ] || { echo "usage: sendmail.sh stop DIR" >&2; exit 2; }; cmd_stop "$2" ;;
    *) sed -n '2,/^# SENDMAIL_TRUSTED_ADDRESS/p' "$0" >&2; exit 2 ;;
esac
