# Shared by the e2e scripts; source it.
#
# wait_unlocked LOCK: wait (up to 20 s) until no process holds the workspace lock LOCK.
# After a kill -9 the kernel releases the lock only once the process has really gone; on a
# loaded machine (2 cores, parallel test binaries) that can take well over a second when the
# process was inside a write or fsync. Starting the next window before that opens it
# read-only, which is right for the app and wrong for the trial.
wait_unlocked() {
    local lock=$1
    [ -e "$lock" ] || return 0
    if ! command -v flock >/dev/null 2>&1; then
        sleep 2
        return 0
    fi
    for _ in $(seq 1 400); do
        flock -n "$lock" true 2>/dev/null && return 0
        sleep 0.05
    done
    echo "FAIL: the workspace lock $lock was still held 20 s after kill -9"
    return 1
}

# lock_holders LOCK: every process with LOCK open, with its state (for a failure message).
lock_holders() {
    local p
    for p in /proc/[0-9]*; do
        if ls -l "$p/fd" 2>/dev/null | grep -qF -- "$1"; then
            echo "  pid ${p#/proc/}: $(tr '\0' ' ' < "$p/cmdline" 2>/dev/null) ($(grep '^State' "$p/status" 2>/dev/null))"
        fi
    done
}

# keep_server: a session that lives as long as the script, so the tmux server (the caller's $T)
# does not exit when a trial's session is killed; starting the next session while it is
# shutting down fails with "server exited unexpectedly" on a loaded machine.
keep_server() {
    $T new-session -d -s keeper -x 40 -y 5 "sleep 86400"
}
