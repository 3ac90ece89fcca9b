#!/usr/bin/env bash
# Crash durability: TRIALS (default 30) randomized kill -9 trials of the binary in tmux. Each
# trial reopens the app (it comes back on the item being scored), presses `s`, types a random
# mix of Chinese and ASCII, waits until the text is on screen, waits a random 0-99 ms and
# kills the process with SIGKILL. The applicant file must then hold every character typed;
# the counts of characters typed and lost are printed. Text shown at least LOSS_MS (50) ms
# before the kill must never be lost, and the file must always be valid JSON.
# Exit 0 on success (or when tmux is absent: skipped), 1 on failure.
set -u

if ! command -v tmux >/dev/null 2>&1; then
    echo "crash.sh: skipped (tmux is not installed)"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "crash.sh: skipped (python3 is not installed)"
    exit 0
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${SCOREBOOK_BIN:-$ROOT/target/release/scorebook}
[ -x "$BIN" ] || { echo "crash.sh: no binary at $BIN"; exit 1; }
TRIALS=${TRIALS:-30}
LOSS_MS=${LOSS_MS:-50}

WORK=$(mktemp -d)
HOME_DIR="$WORK/home"
SOCK="scorebook-crash-$$"
T="tmux -L $SOCK"
FAILED=0
START=$(date +%s%N)

cleanup() {
    [ -f "$WORK/pid" ] && kill -9 "$(cat "$WORK/pid")" 2>/dev/null
    $T kill-server 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

start() {
    rm -f "$WORK/pid"
    $T new-session -d -s "$1" -x 120 -y 40 \
        "sh -c 'echo \$\$ > $WORK/pid; exec env SCOREBOOK_HOME=$HOME_DIR LANG=zh_CN.UTF-8 $BIN'"
    $T set-option -t "$1" remain-on-exit on >/dev/null
}
screen() { $T capture-pane -p -t "$1"; }
# wait_for SESSION TEXT [TENTHS]: TEXT on screen within TENTHS/10 s (default 10 s).
wait_for() {
    for _ in $(seq 1 "${3:-100}"); do
        if screen "$1" | grep -qF -- "$2"; then return 0; fi
        sleep 0.05
    done
    echo "FAIL: '$2' never appeared in $1. Screen:"
    screen "$1"
    FAILED=1
    return 1
}
keys() { $T send-keys -t "$1" "${@:2}"; }
text() { $T send-keys -t "$1" -l "$2"; }

# Set-up, once: first run, an applicant, no conflict, the first item opened and scored.
start setup
wait_for setup "请输入您的姓名" || exit 1
text setup "王五"; keys setup Enter
wait_for setup "示例" || exit 1
keys setup a; text setup "崩溃测试有限公司"; keys setup Enter
wait_for setup "奖项类别"; keys setup Enter
wait_for setup "回避声明"; keys setup Enter
wait_for setup "评分条款" || exit 1
keys setup Enter
wait_for setup "条款评分" || exit 1
keys setup Right
sleep 1.2
FILE="$HOME_DIR/workspace/applicants/A1.json"
[ -f "$FILE" ] || { echo "FAIL: no applicant file after set-up"; exit 1; }
kill -9 "$(cat "$WORK/pid")"
$T kill-session -t setup

TYPED=0
LOST=0
LOST_LATE=0
ALPHABET="质量领导战略顾客资源过程结果改进测量分析知识管理创新绩效abcdefghijkXYZ0123456789"
for trial in $(seq 1 "$TRIALS"); do
    s="t$trial"
    start "$s"
    wait_for "$s" "条款评分" 100 || break
    keys "$s" s
    wait_for "$s" "编辑中" 40 || break
    # A random text of 6-25 characters, ending in a unique marker so it can be found.
    word=$(python3 -c "
import random,sys
a=sys.argv[1]; n=random.randint(5,24)
print(''.join(random.choice(a) for _ in range(n))+'#$trial')" "$ALPHABET")
    text "$s" "$word"
    wait_for "$s" "#$trial" 40 || break
    delay=$((RANDOM % 100))
    sleep "0.0$(printf '%02d' "$delay")"
    kill -9 "$(cat "$WORK/pid")"
    rm -f "$WORK/pid"
    $T kill-session -t "$s"
    result=$(python3 - "$FILE" "$word" <<'PY'
import json, sys
path, word = sys.argv[1], sys.argv[2]
try:
    doc = json.load(open(path, encoding="utf-8"))
except Exception as e:
    print("INVALID", e); sys.exit(0)
texts = []
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "text" and isinstance(x, str): texts.append(x)
            else: walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
walk(doc)
best = max((len(w) for t in texts for w in [word[:i] for i in range(len(word)+1)] if w and w in t), default=0)
print("OK", len(word), len(word) - best)
PY
)
    set -- $result
    if [ "$1" != "OK" ]; then
        echo "FAIL: trial $trial left an unreadable file: $result"
        FAILED=1
        break
    fi
    TYPED=$((TYPED + $2)); LOST=$((LOST + $3))
    if [ "$3" -gt 0 ] && [ "$delay" -ge "$LOSS_MS" ]; then
        LOST_LATE=$((LOST_LATE + $3))
        echo "FAIL: trial $trial lost $3 of $2 characters shown $delay ms before the kill"
        FAILED=1
    fi
    echo "trial $trial: typed $2, lost $3, killed $delay ms after the text was on screen"
done

ELAPSED=$(( ($(date +%s%N) - START) / 1000000 ))
echo "crash.sh: $TRIALS kill -9 trials in $ELAPSED ms: $TYPED characters typed, $LOST lost ($LOST_LATE shown >= $LOSS_MS ms before the kill)"
# No temp file may be left once a writable window has opened again.
start final
wait_for final "条款评分" 100
if ls -a "$HOME_DIR/workspace/applicants" | grep -q '^\.scorebook-tmp-'; then
    echo "FAIL: temp files left after reopening"; FAILED=1
fi
if [ "$FAILED" -ne 0 ]; then
    echo "crash.sh: FAILED"
    exit 1
fi
echo "crash.sh: all checks passed"
exit 0
