#!/usr/bin/env bash
# Usage: inn-start.sh DIR PORT [--auth-port P] [--tls-port P] [--tls-auth-port P]
# Configures the machine's INN (/etc/news) as a loopback test server and starts innd on
# 127.0.0.1:PORT with group alt.binaries.test. Optional standalone nnrpd readers share its spool:
#   --auth-port P      AUTHINFO USER/PASS required (user nzbd, password secret)
#   --tls-port P       implicit TLS (self-signed cert DIR/tls/cert.pem)
#   --tls-auth-port P  both
# Writes DIR/state.env (ports, pids, cert path). An innd or rig nnrpd still up from an earlier run
# is stopped first. Run install.sh before. Stop with inn-stop.sh DIR.
set -euo pipefail

RIG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$RIG_DIR/lib.sh"

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
(($# >= 2)) || usage
DIR="$1" PORT="$2"
shift 2
AUTH_PORT="" TLS_PORT="" TLS_AUTH_PORT=""
while (($#)); do
    case "$1" in
        --auth-port) AUTH_PORT="${2:?}"; shift 2 ;;
        --tls-port) TLS_PORT="${2:?}"; shift 2 ;;
        --tls-auth-port) TLS_AUTH_PORT="${2:?}"; shift 2 ;;
        *) usage ;;
    esac
done
for p in "$PORT" $AUTH_PORT $TLS_PORT $TLS_AUTH_PORT; do
    if ! [[ $p =~ ^[0-9]+$ ]] || ((p < 1 || p > 65535)); then die "bad port: $p"; fi
done

[[ $(id -u) -eq 0 ]] || die "must run as root (configures /etc/news, starts innd as news)"
[[ -x $INN_BIN/innd && -x $INN_BIN/nnrpd ]] || die "INN is not installed: run $RIG_DIR/install.sh"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
T0=$(date +%s.%N)

# --- stop what an earlier run left --------------------------------------------------------------
stop_rig_nnrpds
stop_innd
for p in "$PORT" $AUTH_PORT $TLS_PORT $TLS_AUTH_PORT; do
    ! port_in_use "$p" || die "127.0.0.1:$p is in use by another program"
done

# --- configuration -------------------------------------------------------------------------------
set_inn_conf domain="$RIG_DOMAIN" pathhost="news.$RIG_DOMAIN" server=localhost bindaddress=127.0.0.1 \
    port="$PORT" maxartsize=4000000 localmaxartsize=4000000 artcutoff=0 nnrpdloadlimit=0 \
    doinnwatch=false docnfsstat=false tlscertfile="$RIG_ETC/cert.pem" tlskeyfile="$RIG_ETC/key.pem"

# Debian lists localhost as a feeding peer: loopback clients would land in transit mode
# (no BODY, POST needs MODE READER). Without it innd hands them to nnrpd.
if grep -qE '^[[:space:]]*peer[[:space:]]+ME[[:space:]]*\{' "$INN_ETC/incoming.conf"; then
    sed -i -E '/^[[:space:]]*peer[[:space:]]+ME[[:space:]]*\{/,/^[[:space:]]*\}/ s/^/#rig# /' \
        "$INN_ETC/incoming.conf"
fi

# TLS material: made once per DIR; nnrpd (user news) reads a copy under /etc/news.
mkdir -p "$DIR/tls"
if [[ ! -s $DIR/tls/cert.pem || ! -s $DIR/tls/key.pem ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$DIR/tls/key.pem" -out "$DIR/tls/cert.pem" >/dev/null 2>&1 || die "openssl req failed"
    chmod 600 "$DIR/tls/key.pem"
fi
install -d -o news -g news -m 750 "$RIG_ETC"
install -o news -g news -m 644 "$DIR/tls/cert.pem" "$RIG_ETC/cert.pem"
install -o news -g news -m 600 "$DIR/tls/key.pem" "$RIG_ETC/key.pem"

# readers.conf for the authenticating readers: nothing is allowed before AUTHINFO.
{
    printf '%s:%s\n' "$RIG_USER" "$(openssl passwd -6 "$RIG_PASSWORD")"
} >"$RIG_ETC/passwd.tmp"
install -o news -g news -m 640 "$RIG_ETC/passwd.tmp" "$RIG_ETC/passwd"
rm -f "$RIG_ETC/passwd.tmp"
cat >"$RIG_ETC/readers-auth.conf" <<EOF
auth "rig-login" {
    hosts: "*"
    auth: "ckpasswd -f $RIG_ETC/passwd"
}
access "rig-login" {
    users: "$RIG_USER"
    newsgroups: "*"
    access: RPA
}
EOF
chown news:news "$RIG_ETC/readers-auth.conf"

# --- start innd ------------------------------------------------------------------------------------
install -d -o news -g news -m 775 "$INN_RUN"
touch "$INN_DB/.news.daily" && chown news:news "$INN_DB/.news.daily"  # else rc.news mails a warning
start-stop-daemon --start --quiet --chuid news:news --exec "$INN_BIN/rc.news" >"$DIR/rc.news.log" 2>&1 ||
    { cat "$DIR/rc.news.log" >&2; die "rc.news failed"; }

wait_until 15 innd_alive || { tail -n 20 "$INN_LOG/news.err" >&2 || true; die "innd did not start (port $PORT busy?)"; }
wait_until 30 "$INN_BIN/ctlinnd" -s -t 5 mode || die "innd does not answer ctlinnd"
if ! awk -v g="$RIG_GROUP" '$1 == g { found = 1 } END { exit !found }' "$INN_DB/active"; then
    "$INN_BIN/ctlinnd" -s newgroup "$RIG_GROUP" y || die "ctlinnd newgroup failed"
fi
reader_ready() { "$RIG_PY" "$RIG_DIR/rig_nntp.py" --port "$1" --timeout 5 "${@:2}" --expect 211 "GROUP $RIG_GROUP" >/dev/null 2>&1; }
wait_until 30 reader_ready "$PORT" || die "no reader answers GROUP on 127.0.0.1:$PORT"
INND_PID=$(cat "$INN_RUN/innd.pid")
T_INND=$(date +%s.%N)

# --- standalone readers ------------------------------------------------------------------------------
NNRPD_PIDS=()
start_nnrpd() { # PORT [nnrpd flags...]
    local port="$1"; shift
    rm -f "$INN_RUN/nnrpd-$port.pid"
    start-stop-daemon --start --quiet --chuid news:news --pidfile "$INN_RUN/nnrpd-$port.pid" \
        --exec "$INN_BIN/nnrpd" -- \
        -D -b 127.0.0.1 -p "$port" "$@" || die "nnrpd on port $port did not start"
    wait_until 10 test -s "$INN_RUN/nnrpd-$port.pid" || die "nnrpd on port $port wrote no pid file"
    NNRPD_PIDS+=("$(cat "$INN_RUN/nnrpd-$port.pid")")
}
if [[ -n $AUTH_PORT ]]; then
    start_nnrpd "$AUTH_PORT" -c "$RIG_ETC/readers-auth.conf"
    wait_until 15 reader_ready "$AUTH_PORT" --auth "$RIG_USER:$RIG_PASSWORD" || die "auth reader on $AUTH_PORT not ready"
fi
if [[ -n $TLS_PORT ]]; then
    start_nnrpd "$TLS_PORT" -S
    wait_until 15 reader_ready "$TLS_PORT" --tls || die "TLS reader on $TLS_PORT not ready"
fi
if [[ -n $TLS_AUTH_PORT ]]; then
    start_nnrpd "$TLS_AUTH_PORT" -S -c "$RIG_ETC/readers-auth.conf"
    wait_until 15 reader_ready "$TLS_AUTH_PORT" --tls --auth "$RIG_USER:$RIG_PASSWORD" ||
        die "TLS+auth reader on $TLS_AUTH_PORT not ready"
fi

cat >"$DIR/state.env" <<EOF
# written by tests/rig/inn-start.sh; sourceable by bash
RIG_HOST=127.0.0.1
RIG_PORT=$PORT
RIG_AUTH_PORT=$AUTH_PORT
RIG_TLS_PORT=$TLS_PORT
RIG_TLS_AUTH_PORT=$TLS_AUTH_PORT
RIG_USER=$RIG_USER
RIG_PASSWORD=$RIG_PASSWORD
RIG_GROUP=$RIG_GROUP
RIG_CERT=$DIR/tls/cert.pem
INND_PID=$INND_PID
NNRPD_PIDS="${NNRPD_PIDS[*]}"
EOF
T1=$(date +%s.%N)
log "innd on 127.0.0.1:$PORT (pid $INND_PID) ready in $(awk "BEGIN{printf \"%.2f\", $T_INND-$T0}")s," \
    "all ready in $(awk "BEGIN{printf \"%.2f\", $T1-$T0}")s; state in $DIR/state.env"
