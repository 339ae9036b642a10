#!/usr/bin/env bash
# A real Postfix + Dovecot SASL lab on loopback for the integration tests and benchmarks.
#
#   lab.sh install              install postfix, dovecot-core, swaks from Debian packages when missing (root)
#   lab.sh start DIR [BASE]     make and start an isolated instance in DIR; ports BASE+25, BASE+587, BASE+465
#                               (BASE defaults to 2000: 2025 smtp-like, 2587 submission, 2465 smtps),
#                               BASE+589: a submission listener whose SASL backend is missing,
#                               BASE+27: XCLIENT offered to 127.0.0.6 only (smtpd_authorized_xclient_hosts),
#                               BASE+28: relay for the lab client certificate (smtpd_tls_ask_ccert,
#                               relay_clientcerts, permit_tls_clientcerts). BASE+26 is left to LAB_MASTER_EXTRA.
#   lab.sh stop DIR             stop that instance (Postfix and Dovecot)
#   lab.sh available            exit 0 when postfix and dovecot are installed and we are root
#
# Optional environment for start:
#   LAB_MAIN_EXTRA=FILE    lines appended to main.cf (later lines win: a variant overrides the defaults)
#   LAB_MASTER_EXTRA=FILE  lines appended to master.cf (extra services)
#   LAB_MAIN_DROP=NAMES    parameters (a sed regex such as 'mynetworks|mydestination') removed from the
#                          rendered main.cf before the extra lines are appended, so their defaults apply
#   LAB_DOVECOT_EXTRA=FILE lines appended to dovecot.conf (a setting given again wins; an extra passdb
#                          block is tried after the passwd-file one), e.g. an oauth2 passdb
#
# start prints KEY=VALUE lines (and writes them to DIR/lab.env) that tests read:
#   LAB_DIR, LAB_HOST, LAB_SMTP_PORT, LAB_SUBMISSION_PORT, LAB_SMTPS_PORT, LAB_USER, LAB_PASSWORD,
#   LAB_TRUSTED_ADDRESS, LAB_LOCAL_DOMAIN, LAB_LOCAL_RECIPIENT, LAB_LOG, LAB_BROKEN_SASL_PORT,
#   LAB_XCLIENT_PORT, LAB_XCLIENT_AUTHORIZED_ADDRESS (the source address XCLIENT is offered to),
#   LAB_CLIENTCERT_PORT, LAB_CLIENT_CERT_PEM (certificate and key in one PEM file), LAB_CLIENT_CERT_PFX and
#   LAB_CLIENT_CERT_PFX_PASSWORD (the same as PKCS#12), LAB_CLIENT_CERT_THUMBPRINT (SHA-1, as Windows shows
#   it), LAB_CLIENT_CERT_SHA256 (the fingerprint relay_clientcerts is keyed by)
#
# Nothing is ever delivered: every transport is discard:. Only 127.0.0.1 is listened on.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

need_root() { [ "$(id -u)" = 0 ] || { echo "lab.sh: root is needed to $1" >&2; exit 3; }; }

cmd_available() {
    [ "$(id -u)" = 0 ] && command -v postfix >/dev/null && command -v dovecot >/dev/null && command -v openssl >/dev/null
}

cmd_install() {
    if command -v postfix >/dev/null && command -v dovecot >/dev/null && command -v swaks >/dev/null && command -v openssl >/dev/null; then
        return 0
    fi
    need_root "install packages"
    command -v apt-get >/dev/null || { echo "lab.sh: not a Debian system (no apt-get)" >&2; exit 3; }
    echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections
    # Keep the package scripts from starting a system MTA on port 25.
    local made_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
    fi
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        postfix dovecot-core swaks openssl libnet-ssleay-perl libio-socket-ssl-perl libauthen-sasl-perl >/dev/null
    [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    return 0
}

wait_port() {
    local port=$1 i
    for i in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "lab.sh: port $port did not open" >&2
    return 1
}

render() { # template output
    sed -e "s#@DIR@#$dir#g" -e "s#@SMTP_PORT@#$smtp_port#g" -e "s#@SUBMISSION_PORT@#$submission_port#g" \
        -e "s#@SMTPS_PORT@#$smtps_port#g" -e "s#@BROKEN_SASL_PORT@#$broken_sasl_port#g" \
        -e "s#@XCLIENT_PORT@#$xclient_port#g" -e "s#@CLIENTCERT_PORT@#$clientcert_port#g" "$1" > "$2"
}

# The lab's TLS client certificate (self-signed; also the CA smtpd names in its certificate request), as
# one PEM file with its key and as a PFX, and relay_clientcerts keyed by its sha256 fingerprint.
make_client_cert() {
    local etc=$dir/etc
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=relay-client.lab.test \
        -keyout "$etc/client-key.pem" -out "$etc/client-cert.pem" >/dev/null 2>&1
    cat "$etc/client-cert.pem" "$etc/client-key.pem" > "$etc/client.pem"
    client_pfx_password=labpfx
    openssl pkcs12 -export -in "$etc/client-cert.pem" -inkey "$etc/client-key.pem" -name relay-client \
        -passout "pass:$client_pfx_password" -out "$etc/client.pfx" >/dev/null 2>&1
    chmod 600 "$etc/client-key.pem" "$etc/client.pem" "$etc/client.pfx"
    client_sha256=$(openssl x509 -noout -fingerprint -sha256 -in "$etc/client-cert.pem" | cut -d= -f2)
    client_sha1=$(openssl x509 -noout -fingerprint -sha1 -in "$etc/client-cert.pem" | cut -d= -f2 | tr -d :)
    echo "$client_sha256 relay-client.lab.test" > "$etc/relay_clientcerts"
    postmap -c "$etc" "hash:$etc/relay_clientcerts" </dev/null >/dev/null 2>&1
}

cmd_start() {
    need_root "start Postfix"
    dir=$(mkdir -p "$1" && cd "$1" && pwd)
    local base=${2:-2000}
    smtp_port=$((base + 25)); submission_port=$((base + 587)); smtps_port=$((base + 465)); broken_sasl_port=$((base + 589))
    xclient_port=$((base + 27)); clientcert_port=$((base + 28))
    [ -f "$dir/etc/main.cf" ] && cmd_stop "$dir" >/dev/null 2>&1 || true
    rm -rf "$dir/etc" "$dir/dovecot" "$dir/queue" "$dir/data" "$dir/postfix.log"
    mkdir -p "$dir/etc" "$dir/dovecot/run" "$dir/queue"

    render "$here/main.cf.in" "$dir/etc/main.cf"
    render "$here/master.cf.in" "$dir/etc/master.cf"
    if [ -n "${LAB_MAIN_DROP:-}" ]; then sed -i -E "/^(${LAB_MAIN_DROP})[[:space:]]*=/d" "$dir/etc/main.cf"; fi
    [ -n "${LAB_MAIN_EXTRA:-}" ] && cat "$LAB_MAIN_EXTRA" >> "$dir/etc/main.cf"
    [ -n "${LAB_MASTER_EXTRA:-}" ] && cat "$LAB_MASTER_EXTRA" >> "$dir/etc/master.cf"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=mail.lab.test \
        -addext "subjectAltName=DNS:mail.lab.test" \
        -keyout "$dir/etc/key.pem" -out "$dir/etc/cert.pem" >/dev/null 2>&1
    chmod 600 "$dir/etc/key.pem"
    make_client_cert

    render "$here/dovecot.conf.in" "$dir/dovecot/dovecot.conf"
    [ -n "${LAB_DOVECOT_EXTRA:-}" ] && sed "s#@DIR@#$dir#g" "$LAB_DOVECOT_EXTRA" >> "$dir/dovecot/dovecot.conf"
    echo 'labuser:{PLAIN}labpass::::::' > "$dir/dovecot/passwd"
    chown root:dovecot "$dir/dovecot/passwd"; chmod 0640 "$dir/dovecot/passwd"

    # Postfix and Dovecot inherit our stdout/stderr: detach them, or a caller capturing output waits forever.
    postfix -c "$dir/etc" check </dev/null >/dev/null 2>&1
    dovecot -c "$dir/dovecot/dovecot.conf" </dev/null >/dev/null 2>&1
    postfix -c "$dir/etc" start </dev/null >/dev/null 2>&1
    wait_port "$smtp_port"; wait_port "$submission_port"; wait_port "$smtps_port"; wait_port "$broken_sasl_port"
    wait_port "$xclient_port"; wait_port "$clientcert_port"
    for i in $(seq 1 50); do [ -S "$dir/queue/private/auth" ] && break; sleep 0.1; done

    cat > "$dir/lab.env" <<ENV
LAB_DIR=$dir
LAB_HOST=127.0.0.1
LAB_SMTP_PORT=$smtp_port
LAB_SUBMISSION_PORT=$submission_port
LAB_SMTPS_PORT=$smtps_port
LAB_USER=labuser
LAB_PASSWORD=labpass
LAB_TRUSTED_ADDRESS=127.0.0.5
LAB_LOCAL_DOMAIN=lab.test
LAB_LOCAL_RECIPIENT=postmaster@lab.test
LAB_LOG=$dir/postfix.log
LAB_BROKEN_SASL_PORT=$broken_sasl_port
LAB_XCLIENT_PORT=$xclient_port
LAB_XCLIENT_AUTHORIZED_ADDRESS=127.0.0.6
LAB_CLIENTCERT_PORT=$clientcert_port
LAB_CLIENT_CERT_PEM=$dir/etc/client.pem
LAB_CLIENT_CERT_PFX=$dir/etc/client.pfx
LAB_CLIENT_CERT_PFX_PASSWORD=$client_pfx_password
LAB_CLIENT_CERT_THUMBPRINT=$client_sha1
LAB_CLIENT_CERT_SHA256=$client_sha256
ENV
    cat "$dir/lab.env"
}

cmd_stop() {
    local d=$1
    # postfix stop can hang (its "master -t" check blocked on a busy postlogd socket): bound it, then
    # stop the master by its pid file.
    [ -f "$d/etc/main.cf" ] && timeout -k 5 30 postfix -c "$d/etc" stop </dev/null >/dev/null 2>&1 || true
    local pid
    pid=$(cat "$d/queue/pid/master.pid" 2>/dev/null | tr -d ' ')
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true; sleep 1; kill -9 "$pid" 2>/dev/null || true
    fi
    if [ -f "$d/dovecot/run/master.pid" ]; then kill "$(cat "$d/dovecot/run/master.pid")" 2>/dev/null || true; fi
    return 0
}

case "${1:-}" in
    install) cmd_install ;;
    available) cmd_available ;;
    start) [ $# -ge 2 ] || { echo "usage: lab.sh start DIR [BASE]" >&2; exit 2; }; cmd_start "$2" "${3:-2000}" ;;
    stop) [ $# -ge 2 ] || { echo "usage: lab.sh stop DIR" >&2; exit 2; }; cmd_stop "$2" ;;
    *) sed -n '2,/^# Nothing is ever/p' "$0" >&2; exit 2 ;;
esac
