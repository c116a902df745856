#!/usr/bin/env bash
# Usage: post.sh PORT OUT.nzb FILE...
# Posts FILEs to alt.binaries.test on 127.0.0.1:PORT with nyuu (yEnc, like an uploader) and
# writes the NZB to OUT.nzb (overwritten). Environment:
#   ARTICLE_SIZE  bytes of payload per article (default 716800)
#   CONNECTIONS   NNTP connections (default 4)
#   NYUU_ARGS     extra nyuu arguments, split on spaces (e.g. "-S --ignore-cert -u nzbd -p secret")
#   RIG_HOST      server address (default 127.0.0.1)
#   VERBOSE=1     show nyuu's progress
set -euo pipefail

RIG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NYUU="$RIG_DIR/node_modules/.bin/nyuu"

(($# >= 3)) || { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
PORT="$1" OUT="$2"
shift 2
[[ $PORT =~ ^[0-9]+$ ]] || { echo "post.sh: bad port: $PORT" >&2; exit 2; }
[[ -x $NYUU ]] || { echo "post.sh: nyuu missing: run $RIG_DIR/install.sh" >&2; exit 1; }
for f in "$@"; do [[ -e $f ]] || { echo "post.sh: no such file: $f" >&2; exit 1; }; done

quiet=(-q)
[[ ${VERBOSE:-0} == 1 ]] && quiet=()
# shellcheck disable=SC2206  # NYUU_ARGS is meant to be split
extra=(${NYUU_ARGS:-})

# nyuu 0.4.0 now and then dies with "Error: Timer already set": its post-upload
# timer (armed while a write waits for 'drain') collides with the next one when
# the machine is busy. --post-timeout 0 disarms that timer (loopback needs
# none); a failed post is still retried with fresh message-ids.
for attempt in 1 2 3; do
  if "$NYUU" -h "${RIG_HOST:-127.0.0.1}" -P "$PORT" -n "${CONNECTIONS:-4}" -a "${ARTICLE_SIZE:-716800}" \
      -g alt.binaries.test -f 'nzbd test rig <rig@nzbd.test>' --post-timeout 0 "${quiet[@]}" -O -o "$OUT" \
      "${extra[@]}" -- "$@"; then
    exit 0
  fi
  echo "post.sh: nyuu failed (attempt $attempt of 3)" >&2
  sleep 1
done
exit 1
