#!/usr/bin/env bash
# End-to-end test of nzbd's Sonarr API with tsarr. Starts a fake TVMaze and
# the real daemon in a temporary home, runs sonarr.e2e.mjs, cleans up.
#   NZBD_BIN      daemon binary (default: <repo>/build/bin/nzbd)
#   NZBD_RIG_DIR  folder with node_modules/tsarr (default: <repo>/tests/rig)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
bin="${NZBD_BIN:-$repo/build/bin/nzbd}"
rig="${NZBD_RIG_DIR:-$repo/tests/rig}"
[[ -x "$bin" ]] || { echo "run.sh: no nzbd binary at $bin (set NZBD_BIN)" >&2; exit 1; }
[[ -f "$rig/node_modules/tsarr/dist/index.js" ]] || { echo "run.sh: tsarr missing in $rig/node_modules (npm install there)" >&2; exit 1; }

home="$(mktemp -d "${TMPDIR:-/tmp}/nzbd-sonarr-e2e.XXXXXX")"
tvmaze_pid=""
newznab_pid=""
nzbd_pid=""
cleanup() {
  # Only the processes this script started, by their own ids.
  [[ -n "$nzbd_pid" ]] && kill "$nzbd_pid" 2>/dev/null && wait "$nzbd_pid" 2>/dev/null || true
  [[ -n "$tvmaze_pid" ]] && kill "$tvmaze_pid" 2>/dev/null && wait "$tvmaze_pid" 2>/dev/null || true
  [[ -n "$newznab_pid" ]] && kill "$newznab_pid" 2>/dev/null && wait "$newznab_pid" 2>/dev/null || true
  if [[ "${KEEP_HOME:-0}" == 1 ]]; then echo "run.sh: kept $home" >&2; else rm -rf "$home"; fi
}
trap cleanup EXIT

wait_for_file() {  # path, seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    [[ -s "$1" ]] && return 0
    sleep 0.1
  done
  echo "run.sh: $1 did not appear within $2 s" >&2
  return 1
}

node "$here/fake-tvmaze.mjs" "$home/tvmaze.port" >"$home/tvmaze.log" 2>&1 &
tvmaze_pid=$!
wait_for_file "$home/tvmaze.port" 15
tvmaze_port="$(cat "$home/tvmaze.port")"

# A Newznab indexer with two releases of S02E02; the NZB is a valid one
# whose article no server has (the search and grab are what is tested here).
mkdir -p "$home/nzbs"
cat >"$home/nzbs/s02e02.nzb" <<'NZB'
<?xml version="1.0" encoding="utf-8"?>
<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">
 <file poster="t@nzbd.test" date="1796500000" subject="&quot;ep.mkv&quot; yEnc (1/1)">
  <groups><group>alt.binaries.test</group></groups>
  <segments><segment bytes="1000" number="1">tsarr-e2e-missing@nzbd.test</segment></segments>
 </file>
</nzb>
NZB
cat >"$home/newznab.json" <<'JSON'
{"apikey": "NZBKEY", "items": [
  {"title": "The.Test.Show.S02E02.1080p.WEB-DL.DD5.1.H.264-GRP", "guid": "s02e02-web", "size": 1500000000,
   "tvdbid": 300101, "category": 5040, "nzbFile": "nzbs/s02e02.nzb"},
  {"title": "The.Test.Show.S02E02.HDTV.x264-GRP", "guid": "s02e02-sd", "size": 400000000,
   "tvdbid": 300101, "category": 5030, "nzbFile": "nzbs/s02e02.nzb"}]}
JSON
node "$here/fake-newznab.mjs" "$home/newznab.port" "$home/newznab.json" >"$home/newznab.log" 2>&1 &
newznab_pid=$!
wait_for_file "$home/newznab.port" 15
newznab_port="$(cat "$home/newznab.port")"

printf '[misc]\ntvmaze_url = http://127.0.0.1:%s\n' "$tvmaze_port" >"$home/nzbd.ini"
mkdir -p "$home/tv"

"$bin" --home "$home" --listen 127.0.0.1:0 >"$home/nzbd.out" 2>&1 &
nzbd_pid=$!
if ! wait_for_file "$home/listen.addr" 30; then
  cat "$home/nzbd.out" >&2
  exit 1
fi
addr="$(tr -d '[:space:]' <"$home/listen.addr")"
addr="${addr#http://}"

# The daemon writes its api key into [misc] of nzbd.ini.
api_key=""
for ((i = 0; i < 100; i++)); do
  api_key="$(awk -F= '/^\[/{sec=$0} sec=="[misc]" && $1 ~ /^[ \t]*api_key[ \t]*$/ {gsub(/[ \t\r]/,"",$2); print $2; exit}' "$home/nzbd.ini")"
  [[ -n "$api_key" ]] && break
  sleep 0.1
done
[[ -n "$api_key" ]] || { echo "run.sh: no api_key in $home/nzbd.ini" >&2; exit 1; }

export NZBD_URL="http://$addr" NZBD_APIKEY="$api_key" NZBD_TV_ROOT="$home/tv" NZBD_RIG_DIR="$rig"
export NZBD_NEWZNAB_URL="http://127.0.0.1:$newznab_port"
set +e
node --test --test-reporter=spec "$here/sonarr.e2e.mjs"
status=$?
set -e
if [[ $status -ne 0 ]]; then
  echo "---- nzbd output ----" >&2
  tail -n 50 "$home/nzbd.out" >&2
fi
# nzbd redacts its keys from the log; tsarr sent this one in every call.
if grep -rqF -- "$api_key" "$home/logs" 2>/dev/null; then
  echo "run.sh: nzbd's log holds the API key:" >&2
  grep -rF -- "$api_key" "$home/logs" | head -5 >&2
  status=1
fi
exit $status
