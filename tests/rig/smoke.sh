#!/usr/bin/env bash
# Self-test of the rig: install, start INN (plain, auth, TLS, TLS+auth readers) on free ports,
# post a 3 MiB random file with nyuu, read an article back with a raw NNTP client and check its
# yEnc payload against the file, check logins and TLS, round-trip a dot-stuffed article, cancel an
# article and see 430, stop. KEEP=1 keeps the work folder.
set -euo pipefail

RIG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NNTP=(/usr/bin/python3 "$RIG_DIR/rig_nntp.py")
PASSED=0 FAILED=0

check() { # DESCRIPTION CMD...
    local what="$1"; shift
    if "$@" >"$WORK/last.out" 2>&1; then
        PASSED=$((PASSED + 1)); printf 'ok   %s\n' "$what"
    else
        FAILED=$((FAILED + 1)); printf 'FAIL %s\n' "$what"; sed 's/^/     /' "$WORK/last.out"
    fi
}

"$RIG_DIR/install.sh"

WORK="$(mktemp -d /tmp/nzbd-rig-smoke.XXXXXX)"
cleanup() {
    "$RIG_DIR/inn-stop.sh" "$WORK/inn" || true
    if [[ ${KEEP:-0} != 1 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

# Four distinct free loopback ports (held open together while chosen).
read -r PORT AUTH_PORT TLS_PORT TLS_AUTH_PORT < <(/usr/bin/python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')

start=$(date +%s.%N)
"$RIG_DIR/inn-start.sh" "$WORK/inn" "$PORT" --auth-port "$AUTH_PORT" --tls-port "$TLS_PORT" \
    --tls-auth-port "$TLS_AUTH_PORT"
echo "inn-start took $(awk "BEGIN{printf \"%.2f\", $(date +%s.%N)-$start}")s"

mkdir -p "$WORK/data"
head -c $((3 * 1024 * 1024)) /dev/urandom >"$WORK/data/random.bin"
start=$(date +%s.%N)
check "nyuu posts 3 MiB" "$RIG_DIR/post.sh" "$PORT" "$WORK/out.nzb" "$WORK/data/random.bin"
echo "post took $(awk "BEGIN{printf \"%.2f\", $(date +%s.%N)-$start}")s"

mapfile -t IDS < <(/usr/bin/python3 -c '
import sys, xml.etree.ElementTree as ET
ns = {"n": "http://www.newzbin.com/DTD/2003/nzb"}
for seg in sorted(ET.parse(sys.argv[1]).iter("{%s}segment" % ns["n"]), key=lambda s: int(s.get("number"))):
    print(seg.text.strip())' "$WORK/out.nzb")
check "NZB lists 5 segments" test "${#IDS[@]}" -eq 5

# yEnc-decode a fetched body and compare it with the file's bytes at the part's offset.
yenc_matches() { # BODYFILE
    /usr/bin/python3 - "$1" "$WORK/data/random.bin" <<'EOF'
import sys, zlib
lines = open(sys.argv[1], "rb").read().split(b"\r\n")
part = dict(kv.split(b"=", 1) for kv in lines[1].split()[1:])
out, esc = bytearray(), False
for line in lines[2:]:
    if line.startswith(b"=yend"):
        crc = int(dict(kv.split(b"=", 1) for kv in line.split()[1:])[b"pcrc32"], 16)
        break
    for c in line:
        if esc: out.append((c - 106) & 255); esc = False
        elif c == 61: esc = True
        else: out.append((c - 42) & 255)
begin, end = int(part[b"begin"]), int(part[b"end"])
with open(sys.argv[2], "rb") as f:
    f.seek(begin - 1); want = f.read(end - begin + 1)
assert bytes(out) == want, "payload differs from the file"
assert zlib.crc32(out) == crc, "pcrc32 mismatch"
print("part bytes %d-%d match" % (begin, end))
EOF
}
check "BODY over plain NNTP" "${NNTP[@]}" --port "$PORT" --expect 222 --out "$WORK/body1" "BODY <${IDS[0]}>"
check "fetched article decodes to the file's bytes" yenc_matches "$WORK/body1"

check "auth reader: no login -> 480" "${NNTP[@]}" --port "$AUTH_PORT" --expect 480 "BODY <${IDS[0]}>"
check "auth reader: wrong password -> 481" "${NNTP[@]}" --port "$AUTH_PORT" --auth nzbd:wrong --expect 481
check "auth reader: login -> BODY" "${NNTP[@]}" --port "$AUTH_PORT" --auth nzbd:secret --expect 222 "BODY <${IDS[2]}>"
check "TLS reader: BODY" "${NNTP[@]}" --port "$TLS_PORT" --tls --expect 222 --out "$WORK/body3" "BODY <${IDS[2]}>"
check "TLS article decodes to the file's bytes" yenc_matches "$WORK/body3"
check "TLS+auth reader: login -> BODY" "${NNTP[@]}" --port "$TLS_AUTH_PORT" --tls --auth nzbd:secret \
    --expect 222 "BODY <${IDS[3]}>"
check "TLS cert verifies against DIR/tls/cert.pem" bash -c "openssl s_client -connect 127.0.0.1:$TLS_PORT \
    -CAfile '$WORK/inn/tls/cert.pem' -verify_return_error </dev/null 2>&1 | grep -q 'Verify return code: 0'"

printf 'plain\n.leading dot\n..two dots\n.\nend\n' >"$WORK/dots.txt"
RAW_ID=""
check "post-raw posts a dot-stuffed article" bash -c "'$RIG_DIR/post-raw.py' --port $PORT '$WORK/dots.txt' >'$WORK/raw.id'"
RAW_ID="$(cat "$WORK/raw.id" 2>/dev/null || true)"
check "raw article reads back unstuffed" bash -c "'${NNTP[1]}' --port $PORT --out '$WORK/dots.back' 'BODY $RAW_ID' &&
    tr -d '\r' <'$WORK/dots.back' | cmp - '$WORK/dots.txt'"

check "cancel.sh removes an article" "$RIG_DIR/cancel.sh" "$PORT" "${IDS[1]}"
check "cancelled article -> 430" "${NNTP[@]}" --port "$PORT" --expect 430 "BODY <${IDS[1]}>"
check "cancelled article -> 430 on the auth reader" "${NNTP[@]}" --port "$AUTH_PORT" --auth nzbd:secret \
    --expect 430 "BODY <${IDS[1]}>"
check "other articles stay" "${NNTP[@]}" --port "$PORT" --expect 222 "BODY <${IDS[4]}>"

"$RIG_DIR/inn-stop.sh" "$WORK/inn"
check "after stop nothing listens on the ports" bash -c "! '${NNTP[1]}' --port $PORT --timeout 2 && \
    ! '${NNTP[1]}' --port $TLS_PORT --tls --timeout 2"

echo "smoke: $PASSED passed, $FAILED failed"
((FAILED == 0))
