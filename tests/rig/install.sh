#!/usr/bin/env bash
# Installs what nzbd's test rig needs: Debian's INN2 news server, par2, 7zip, openssl, python3,
# node + npm, and (project-local, in tests/rig/node_modules) npm's nyuu, sabnzbd-api and tsarr.
# Safe to run again: whatever is already there is skipped quickly.
set -euo pipefail

RIG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RIG_DOMAIN="${RIG_DOMAIN:-nzbd.test}"
export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -y -q --no-install-recommends -o DPkg::Lock::Timeout=600)

log() { printf '[rig-install] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (installs Debian packages)"

pkg_ok() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]; }

APT_UPDATED=0
apt_update_once() {
    if [[ $APT_UPDATED -eq 0 ]]; then
        log "apt-get update"
        apt-get -q -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 update >/dev/null
        APT_UPDATED=1
    fi
}

# Installs the given Debian packages; refreshes the package lists once if they are empty or stale.
apt_install() {
    (($# > 0)) || return 0
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then apt_update_once; fi
    log "apt-get install $*"
    if ! "${APT[@]}" install "$@" >/dev/null; then
        apt_update_once
        "${APT[@]}" install "$@" >/dev/null
    fi
}

# --- plain tools -------------------------------------------------------------------------------
missing=()
command -v par2 >/dev/null || missing+=(par2)
command -v 7zz >/dev/null || missing+=(7zip)
command -v openssl >/dev/null || missing+=(openssl)
[[ -x /usr/bin/python3 ]] || missing+=(python3)
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
command -v start-stop-daemon >/dev/null || missing+=(dpkg)
if ! command -v node >/dev/null; then
    # Debian's node keeps its headers in libnode-dev and its npm uses Debian's node-gyp.
    missing+=(nodejs npm node-gyp libnode-dev)
elif ! command -v npm >/dev/null; then
    missing+=(npm node-gyp)
fi
apt_install "${missing[@]}"

# node-gyp builds native modules against the headers of the running node; Debian's are in /usr.
if [[ ! -f /usr/include/node/node_api.h ]]; then
    if dpkg-query -W -f='${Version}' nodejs 2>/dev/null | grep -qv nodesource && ! pkg_ok libnode-dev; then
        apt_install libnode-dev
    fi
fi
[[ -f /usr/include/node/node_api.h ]] || die "node headers missing in /usr/include/node (need the headers of $(node --version))"

# --- INN2 --------------------------------------------------------------------------------------
# inn2's postinst fails when the host name has no domain; give inn.conf one, then finish configuring.
set_inn_domain() {
    local conf=/etc/news/inn.conf
    [[ -f $conf ]] || return 0
    if grep -qE '^domain:[[:space:]]*[^[:space:]]' "$conf"; then return 0; fi
    if grep -qE '^#?[[:space:]]*domain:' "$conf"; then
        sed -i -E "0,/^#?[[:space:]]*domain:.*/s//domain:                     ${RIG_DOMAIN}/" "$conf"
    else
        printf 'domain:                     %s\n' "$RIG_DOMAIN" >>"$conf"
    fi
}

inn2_status() { dpkg-query -W -f='${Status}' inn2 2>/dev/null || true; }

if ! pkg_ok inn2 || [[ ! -x /usr/lib/news/bin/innd ]]; then
    set_inn_domain
    if [[ "$(inn2_status)" != *" unpacked" && "$(inn2_status)" != *"half-configured" ]]; then
        if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then apt_update_once; fi
        log "apt-get install inn2"
        if ! "${APT[@]}" install inn2 >/dev/null; then
            if [[ "$(inn2_status)" != *" unpacked" && "$(inn2_status)" != *"half-configured" ]]; then
                apt_update_once   # the download failed, not the postinst: stale lists?
                "${APT[@]}" install inn2 >/dev/null || true
            fi
        fi
    fi
    if ! pkg_ok inn2; then
        log "finishing inn2's configuration (its postinst needs a domain in inn.conf)"
        set_inn_domain
        dpkg --force-confold --configure -a >/dev/null
    fi
    pkg_ok inn2 || die "inn2 did not install"
fi

# --- npm packages (project-local) -------------------------------------------------------------
export npm_config_nodedir=/usr   # build yencode against local headers: nothing to download
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

npm_ready() {
    [[ -x "$RIG_DIR/node_modules/.bin/nyuu" ]] || return 1
    [[ -f "$RIG_DIR/node_modules/.package-lock.json" ]] || return 1
    [[ "$RIG_DIR/node_modules/.package-lock.json" -nt "$RIG_DIR/package-lock.json" ]] || return 1
    [[ -f "$RIG_DIR/node_modules/sabnzbd-api/package.json" && -f "$RIG_DIR/node_modules/tsarr/package.json" ]] || return 1
    [[ -f "$RIG_DIR/node_modules/playwright-core/package.json" && -f "$RIG_DIR/node_modules/axe-core/axe.min.js" ]] || return 1
    (cd "$RIG_DIR" && node -e 'require("yencode")' >/dev/null 2>&1)   # the native module loads in this node
}

if ! npm_ready; then
    # Debian's npm does not read the system CA bundle by itself; a TLS-inspecting proxy's CA is only there.
    if [[ -z $(npm config get cafile 2>/dev/null | grep -v '^null$' || true) && -s /etc/ssl/certs/ca-certificates.crt ]]; then
        export npm_config_cafile=/etc/ssl/certs/ca-certificates.crt
    fi
    log "npm ci (nyuu, sabnzbd-api, tsarr) in $RIG_DIR"
    (cd "$RIG_DIR" && npm ci --no-fund --no-audit --loglevel=error >/dev/null)
    if ! npm_ready; then
        # A node upgrade changes the native ABI: rebuild yencode for the node we have.
        (cd "$RIG_DIR" && npm rebuild yencode --loglevel=error >/dev/null)
        touch "$RIG_DIR/node_modules/.package-lock.json"
    fi
    npm_ready || die "npm packages did not install (yencode native build?)"
fi

log "ready: innd $(dpkg-query -W -f='${Version}' inn2), nyuu $(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$RIG_DIR/node_modules/nyuu/package.json"), node $(node --version)"
