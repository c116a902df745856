#!/usr/bin/env bash
# Usage: inn-stop.sh DIR
# Stops what inn-start.sh DIR started: its standalone nnrpd readers, then innd (ctlinnd shutdown).
# Safe to run twice, or when nothing runs.
set -euo pipefail

RIG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$RIG_DIR/lib.sh"

(($# == 1)) || { echo "usage: $0 DIR" >&2; exit 2; }
DIR="$1"
[[ $(id -u) -eq 0 ]] || die "must run as root"

NNRPD_PIDS=""
if [[ -f $DIR/state.env ]]; then
    NNRPD_PIDS="$(sed -n 's/^NNRPD_PIDS="\(.*\)"$/\1/p' "$DIR/state.env")"
fi
for pid in $NNRPD_PIDS; do
    stop_nnrpd "$pid"
done
stop_rig_nnrpds   # and any the state file no longer knows of
stop_innd
[[ -f $DIR/state.env ]] && mv -f "$DIR/state.env" "$DIR/state.stopped.env"
log "stopped"
