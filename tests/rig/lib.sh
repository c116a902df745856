# Shared helpers of the test rig's scripts (sourced, not run).
# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this

INN_BIN=/usr/lib/news/bin
INN_ETC=/etc/news
INN_RUN=/run/news
INN_DB=/var/lib/news
INN_LOG=/var/log/news
RIG_ETC=$INN_ETC/nzbd-rig          # files the news user must read (cert, key, passwords)
RIG_DOMAIN=${RIG_DOMAIN:-nzbd.test}
RIG_GROUP=alt.binaries.test
RIG_USER=nzbd
RIG_PASSWORD=secret
# Debian's python3 directly: a pyenv shim on PATH costs ~0.5 s per start.
RIG_PY=/usr/bin/python3
[[ -x $RIG_PY ]] || RIG_PY="$(command -v python3 || echo python3)"

log() { printf '[rig] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# wait_until SECONDS CMD...: runs CMD every 0.1 s until it succeeds or the time is up.
wait_until() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}

# set_inn_conf KEY=VALUE...: sets keys in inn.conf, replacing the active line, else the first
# commented-out one, else appending. One perl run for all keys (forks are slow on a busy machine).
set_inn_conf() {
    perl -e '
        my $conf = shift;
        my @pairs = map { [split /=/, $_, 2] } @ARGV;
        open(my $in, "<", $conf) or die "$conf: $!"; my @lines = <$in>; close $in;
        for my $p (@pairs) {
            my ($k, $v) = @$p; my $new = sprintf("%-28s%s\n", "$k:", $v);
            my ($i) = grep { $lines[$_] =~ /^\Q$k\E:/ } 0..$#lines;
            ($i) = grep { $lines[$_] =~ /^#\s*\Q$k\E:/ } 0..$#lines unless defined $i;
            if (defined $i) { $lines[$i] = $new } else { push @lines, $new }
        }
        open(my $out, ">", "$conf.rig-new") or die "$conf.rig-new: $!"; print $out @lines; close $out or die;
        rename("$conf.rig-new", $conf) or die "rename: $!";
    ' "$INN_ETC/inn.conf" "$@"
}

# pid_is PID NAME: true when PID is a live (not zombie) process whose command name is NAME.
# Zombies matter here: this machine's init may reap exited daemons late.
pid_is() {
    [[ $1 =~ ^[0-9]+$ ]] || return 1
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    [[ $stat == "$1 ($2) "* && $stat != "$1 ($2) Z"* ]]
}

# port_in_use PORT: something accepts connections on 127.0.0.1:PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

innd_pid() { cat "$INN_RUN/innd.pid" 2>/dev/null || true; }
innd_alive() { pid_is "$(innd_pid)" innd; }

# kill_and_wait PID NAME: TERM, then KILL after 10 s; only if PID still is NAME.
kill_and_wait() {
    local pid="$1" name="$2"
    pid_is "$pid" "$name" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    wait_until 10 eval "! pid_is $pid $name" && return 0
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 5 eval "! pid_is $pid $name" || log "warning: $name $pid does not die"
}

stop_innd() {
    innd_alive || return 0
    local pid
    pid="$(innd_pid)"
    log "stopping innd (pid $pid)"
    "$INN_BIN/ctlinnd" -s -t 20 shutdown "nzbd test rig" >/dev/null 2>&1 || true
    wait_until 30 eval "! pid_is $pid innd" || kill_and_wait "$pid" innd
    rm -f "$INN_RUN/innd.pid"
}

# Standalone nnrpd daemons write $INN_RUN/nnrpd-PORT.pid; only the rig starts them on these machines.
# The listening nnrpd holds no state and takes ~2 s to act on TERM, so it gets KILL.
stop_rig_nnrpds() {
    local f pid
    for f in "$INN_RUN"/nnrpd-*.pid; do
        [[ -e $f ]] || continue
        pid="$(cat "$f" 2>/dev/null || true)"
        stop_nnrpd "$pid"
        rm -f "$f"
    done
}

stop_nnrpd() { # PID
    pid_is "$1" nnrpd || return 0
    log "stopping nnrpd (pid $1)"
    kill -KILL "$1" 2>/dev/null || true
    wait_until 5 eval "! pid_is $1 nnrpd" || log "warning: nnrpd $1 does not die"
}
