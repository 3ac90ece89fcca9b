#!/usr/bin/env bash
# A real full disk: the home on a 1 MB tmpfs filled with dd. Typing while it is full must
# show that the work is not saved (never 已自动保存); after space is freed the retry saves it;
# quitting then exits 0 with the text on disk. Skipped (saying so) when tmux is absent or the
# machine does not allow mounting a tmpfs.
set -u
if ! command -v tmux >/dev/null 2>&1; then
    echo "tmpfs.sh: skipped (tmux is not installed)"; exit 0
fi
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${SCOREBOOK_BIN:-$ROOT/target/release/scorebook}
[ -x "$BIN" ] || { echo "tmpfs.sh: no binary at $BIN"; exit 1; }
WORK=$(mktemp -d)
MNT="$WORK/mnt"
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=1m tmpfs "$MNT" 2>/dev/null; then
    echo "tmpfs.sh: skipped (this machine does not allow mounting a tmpfs)"
    rm -rf "$WORK"; exit 0
fi
HOME_DIR="$MNT/home"
SOCK="scorebook-tmpfs-$$"
T="tmux -L $SOCK"
FAILED=0
cleanup() {
    $T kill-server 2>/dev/null
    umount "$MNT" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
screen() { $T capture-pane -p -t one; }
wait_for() {
    for _ in $(seq 1 200); do
        if screen | grep -qF -- "$1"; then return 0; fi
        sleep 0.05
    done
    echo "FAIL: '$1' never appeared. Screen:"; screen; FAILED=1; return 1
}
check() { local what=$1; shift; if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; FAILED=1; fi; }

$T new-session -d -s one -x 120 -y 40 \
    "sh -c 'env SCOREBOOK_HOME=$HOME_DIR LANG=zh_CN.UTF-8 $BIN; echo EXIT=\$? > $WORK/exit; sleep 30'"
# First run offers a passphrase for the key (issue 13): Enter skips it.
wait_for "设置口令" || exit 1
$T send-keys -t one Enter
wait_for "请输入您的姓名" || exit 1
$T send-keys -t one -l "王五"; $T send-keys -t one Enter
wait_for "示例" || exit 1
$T send-keys -t one a; $T send-keys -t one -l "满盘测试公司"; $T send-keys -t one Enter
wait_for "奖项类别"; $T send-keys -t one Enter
wait_for "回避声明"; $T send-keys -t one Enter
wait_for "评分条款" || exit 1
$T send-keys -t one Enter
wait_for "条款评分" || exit 1
sleep 0.5
dd if=/dev/zero of="$MNT/fill" bs=4k 2>/dev/null
$T send-keys -t one s
$T send-keys -t one -l "磁盘已满时写下的优势$(printf 'X%.0s' $(seq 1 200))"
wait_for "尚未保存"
check "never says saved while the disk is full" sh -c "! $T capture-pane -p -t one | grep -q '已自动保存'"
rm -f "$MNT/fill"
FILE="$HOME_DIR/workspace/applicants/A1.json"
for _ in $(seq 1 100); do grep -q "磁盘已满时写下的优势" "$FILE" 2>/dev/null && break; sleep 0.1; done
check "saved once space was freed" grep -q "磁盘已满时写下的优势" "$FILE"
$T send-keys -t one Escape; sleep 0.3; $T send-keys -t one q
for _ in $(seq 1 50); do [ -f "$WORK/exit" ] && break; sleep 0.1; done
check "exit 0 with the text on disk" grep -q "EXIT=0" "$WORK/exit"
[ "$FAILED" -eq 0 ] || { echo "tmpfs.sh: FAILED"; exit 1; }
echo "tmpfs.sh: all checks passed"
