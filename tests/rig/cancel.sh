#!/usr/bin/env bash
# Usage: cancel.sh [PORT] MESSAGE-ID...
# Removes articles from the local INN at once (ctlinnd cancel; tradspool deletes the file), so a
# download finds them missing (430). The optional leading PORT is accepted for symmetry with
# post.sh and ignored: ctlinnd talks to innd over its local control socket.
# Message-IDs may be given with or without the angle brackets.
set -euo pipefail

RIG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$RIG_DIR/lib.sh"

if (($# > 0)) && [[ $1 =~ ^[0-9]+$ ]]; then shift; fi
(($# > 0)) || { echo "usage: $0 [PORT] MESSAGE-ID..." >&2; exit 2; }
innd_alive || die "innd is not running"

for id in "$@"; do
    id="${id#<}" id="${id%>}"
    [[ -n $id && $id != *[[:space:]\<\>]* ]] || die "bad message-id: $id"
    out="$("$INN_BIN/ctlinnd" cancel "<$id>" 2>&1)" || die "ctlinnd cancel <$id>: $out"
done
