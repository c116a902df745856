# The soak's jobs (sourced by run.sh): add one, and settle the finished ones — a Completed job's
# file is compared with the posted one and removed, a Failed one is counted; both leave the history.
# shellcheck shell=bash

declare -gA PENDING=()  # nzo_id -> set number
ADDED=0 COMPLETED=0 FAILED=0 MISMATCH=0 NEXT_SET=1

add_job() {
    local i=$NEXT_SET reply nzo
    NEXT_SET=$((NEXT_SET % SETS + 1))
    reply=$(curl -sS --max-time 60 -F "name=@$DATA/set$i.nzb;type=application/x-nzb" \
        "$NZBD_URL/api?mode=addfile&output=json&apikey=$NZBD_KEY&nzbname=soak$i-$ADDED") || return 0
    nzo=$("$PY" -c 'import json,sys; print(json.load(sys.stdin)["nzo_ids"][0])' <<<"$reply" 2>/dev/null) || {
        blog "addfile refused: $reply"
        return 0
    }
    PENDING[$nzo]=$i
    ADDED=$((ADDED + 1))
}

settle_jobs() {
    local nzo st storage first
    for nzo in "${!PENDING[@]}"; do
        read -r st storage < <(nzbd_api "mode=history&nzo_ids=$nzo" | "$PY" -c '
import json, sys
slots = json.load(sys.stdin).get("history", {}).get("slots", [])
print(slots[0]["status"], slots[0].get("storage", "")) if slots else print("none")') || continue
        case "$st" in
            Completed)
                if cmp -s "$DATA/set${PENDING[$nzo]}/soak${PENDING[$nzo]}.bin" \
                    "$storage/soak${PENDING[$nzo]}.bin"; then
                    COMPLETED=$((COMPLETED + 1))
                else
                    MISMATCH=$((MISMATCH + 1))
                    blog "$nzo: completed with different bytes in $storage"
                fi
                rm -rf "$storage" ;;
            Failed)
                FAILED=$((FAILED + 1))
                first=$(nzbd_api "mode=history&nzo_ids=$nzo" | "$PY" -c '
import json, sys; print(json.load(sys.stdin)["history"]["slots"][0].get("fail_message", ""))')
                blog "$nzo failed: $first" ;;
            *) continue ;;
        esac
        nzbd_api "mode=history&name=delete&value=$nzo&del_files=1" >/dev/null
        unset "PENDING[$nzo]"
    done
}
