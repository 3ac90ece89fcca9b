#!/usr/bin/env bash
# Crash durability: TRIALS (default 30) randomized kill -9 trials of the binary in tmux. Each
# trial reopens the app (it comes back on the item being scored), presses `s`, types a random
# mix of Chinese and ASCII, waits until the text is on screen, waits a random 0 to 2*LOSS_MS
# ms and kills the process with SIGKILL. The counts of characters typed and lost are printed.
# Text shown at least LOSS_MS (default 200) before the kill must never be lost: each change
# reaches its recent copy without waiting for fsync (workspace::saver), and 200 ms leaves room
# for a machine busy compiling. The file must stay valid JSON.
# Then one trial of the site-visit issue dialogs (issue 11): an issue planned with `v`, site
# review started with `S`, the outcome dialog opened with `n`, 与材料不符 chosen and a Chinese
# note typed, the app killed; the restart must show the dialog again with the note and that
# outcome, and Enter must save both.
# ENCRYPTED=1 runs the same trials on a home encrypted at rest (issue 13): the key under a
# passphrase (given through SCOREBOOK_PASSPHRASE_FILE), `workspace encrypt` before the set-up;
# the applicant file must then never hold the typed text in plain, and `workspace decrypt`
# afterwards must give back the same valid JSON.
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
LOSS_MS=${LOSS_MS:-200}
ENCRYPTED=${ENCRYPTED:-0}

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
# shellcheck source=lib.sh
. "$ROOT/tests/e2e/lib.sh"
keep_server

PASS_ENV=""
if [ "$ENCRYPTED" = 1 ]; then
    mkdir -p "$HOME_DIR"
    printf '崩溃测试口令\n' > "$WORK/pass"
    PASS_ENV="SCOREBOOK_PASSPHRASE_FILE=$WORK/pass"
    export SCOREBOOK_HOME="$HOME_DIR"
    "$BIN" key new --name "王五" >/dev/null || { echo "FAIL: key new"; exit 1; }
    "$BIN" key passphrase --new-passphrase-file "$WORK/pass" >/dev/null || { echo "FAIL: key passphrase"; exit 1; }
    env SCOREBOOK_PASSPHRASE_FILE="$WORK/pass" "$BIN" workspace encrypt >/dev/null || { echo "FAIL: workspace encrypt"; exit 1; }
    unset SCOREBOOK_HOME
fi

start() {
    rm -f "$WORK/pid"
    $T new-session -d -s "$1" -x 120 -y 40 \
        "sh -c 'echo \$\$ > $WORK/pid; exec env SCOREBOOK_HOME=$HOME_DIR LANG=zh_CN.UTF-8 $PASS_ENV $BIN'"
    $T set-option -t "$1" remain-on-exit on >/dev/null
}
screen() { $T capture-pane -p -t "$1"; }
# wait_for SESSION TEXT [TENTHS]: TEXT on screen within TENTHS/10 s (default 10 s).
wait_gone() {
    for _ in $(seq 1 100); do
        if ! screen "$1" | grep -qF -- "$2"; then return 0; fi
        sleep 0.05
    done
    echo "FAIL: '$2' stayed on screen in $1"
    screen "$1"
    FAILED=1
    return 1
}

wait_for() {
    for _ in $(seq 1 "${3:-100}"); do
        if screen "$1" | grep -qF -- "$2"; then return 0; fi
        sleep 0.05
    done
    echo "FAIL: '$2' never appeared in $1. Processes holding the workspace lock:"
    lock_holders "$HOME_DIR/workspace/.lock"
    echo "Screen:"
    screen "$1"
    FAILED=1
    return 1
}
keys() { $T send-keys -t "$1" "${@:2}"; }
# kill9: SIGKILL the app and wait until it has exited (its workspace lock is released only
# then), so the next start never finds the lock still held and opens read-only.
kill9() {
    local pid
    pid="$(cat "$WORK/pid")"
    kill -9 "$pid" 2>/dev/null
    for _ in $(seq 1 100); do
        [ -e "/proc/$pid" ] || break
        grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null && break
        sleep 0.03
    done
    wait_unlocked "$HOME_DIR/workspace/.lock" || FAILED=1
}
text() { $T send-keys -t "$1" -l "$2"; }

# Set-up, once: first run, an applicant, no conflict, the first item opened and scored.
start setup
if [ "$ENCRYPTED" = 1 ]; then
    # The key (and so the name) exists: the app opens on the list, maybe after a notice.
    sleep 1
    if screen setup | grep -qF "请输入您的姓名"; then text setup "王五"; keys setup Enter; fi
    if ! screen setup | grep -qF "示例"; then keys setup Enter; fi
else
    # First run offers a passphrase for the key on the plain terminal: Enter skips it.
    wait_for setup "设置口令" || exit 1
    keys setup Enter
    wait_for setup "请输入您的姓名" || exit 1
    text setup "王五"; keys setup Enter
fi
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
kill9
$T kill-session -t setup

# Bash arrays index characters, not bytes, under a UTF-8 locale.
export LC_ALL=C.UTF-8
ALPHABET="质量领导战略顾客资源过程结果改进测量分析知识管理创新绩效abcdefghijkXYZ0123456789"
LOG="$WORK/trials"
: > "$LOG"
for trial in $(seq 1 "$TRIALS"); do
    s="t$trial"
    start "$s"
    wait_for "$s" "条款评分" 300 || break
    # The field open at the last kill comes back (edit mode restored): leave it first, so
    # that `s` starts a new strength rather than typing into the old one.
    if screen "$s" | grep -qF -- "评语: Tab"; then
        keys "$s" Escape
        wait_gone "$s" "评语: Tab" || break
    fi
    keys "$s" s
    wait_for "$s" "评语: Tab" 200 || break
    # A random text of 5-24 characters, ending in a marker unique to the trial.
    word=""
    for _ in $(seq 1 $((5 + RANDOM % 20))); do
        word+="${ALPHABET:$((RANDOM % ${#ALPHABET})):1}"
    done
    word+="#$trial"
    text "$s" "$word"
    wait_for "$s" "#$trial" 200 || break
    delay=$((RANDOM % (2 * LOSS_MS)))
    sleep "$(printf '0.%03d' "$delay")"
    kill9
    rm -f "$WORK/pid"
    $T kill-session -t "$s"
    printf '%s\t%s\t%s\n' "$trial" "$delay" "$word" >> "$LOG"
done
[ "$(wc -l < "$LOG")" -eq "$TRIALS" ] || { echo "FAIL: only $(wc -l < "$LOG") of $TRIALS trials ran"; FAILED=1; }

# The outcome dialog of a site-visit issue, killed while it holds Chinese text.
ISSUE="核实班组质量目标分解记录"
NOTE="现场抽查三个班组，目标已分解到人，与自评报告第41页不符"
DRAFTS="$HOME_DIR/workspace/drafts/typed.json"
resolve_trial() {
    start r1
    wait_for r1 "条款评分" 300 || return 1
    if screen r1 | grep -qF -- "评语: Tab"; then
        keys r1 Escape
        wait_gone r1 "评语: Tab" || return 1
    fi
    keys r1 v
    wait_for r1 "现场核实要点或澄清要点" || return 1
    text r1 "$ISSUE"; keys r1 Enter
    wait_gone r1 "现场核实要点或澄清要点" || return 1
    keys r1 S
    wait_for r1 "开始现场评审?" || return 1
    keys r1 Enter
    wait_for r1 "现场评审已开始" || return 1
    keys r1 n
    wait_for r1 "现场要点: 结果和说明" || return 1
    keys r1 Tab
    wait_for r1 "(*) 与材料不符" || return 1
    text r1 "$NOTE"
    wait_for r1 "$NOTE" || return 1
    sleep "$(printf '0.%03d' "$LOSS_MS")"
    kill9
    rm -f "$WORK/pid"
    $T kill-session -t r1
    if [ "$ENCRYPTED" = 1 ]; then
        head -c 20 "$DRAFTS" | grep -qF "scorebook-at-rest/1" || { echo "FAIL: the typed drafts are not encrypted"; FAILED=1; }
    fi
    # Not saved yet: only in the typed drafts, which are sealed on an encrypted home.
    local plain=("$HOME_DIR/config.json" "$FILE")
    [ "$ENCRYPTED" = 1 ] && plain+=("$DRAFTS")
    if grep -qF -- "$NOTE" "${plain[@]}"; then
        echo "FAIL: the note being typed is in plain in $(grep -lF -- "$NOTE" "${plain[@]}")"; FAILED=1
    fi
    start r2
    wait_for r2 "现场要点: 结果和说明" 300 || return 1
    wait_for r2 "$NOTE" || return 1
    wait_for r2 "(*) 与材料不符" || return 1
    keys r2 Enter
    wait_gone r2 "现场要点: 结果和说明" || return 1
    sleep 0.5
    kill9
    rm -f "$WORK/pid"
    $T kill-session -t r2
    echo "resolve trial: the outcome dialog came back after kill -9 with its note and outcome"
}
resolve_trial || { echo "FAIL: the resolve trial did not finish"; FAILED=1; }

# Later trials only add strengths, so what one trial lost stays lost and what it saved stays
# saved: the file is checked once, at the end, after the app has opened once more (the last
# kill may have left the newest text in its recent copy, which the next start saves).
start final
wait_for final "条款评分" 100
if [ "$ENCRYPTED" = 1 ]; then
    # At rest the file is an at-rest file (docs/security.md §4.1) holding none of the text
    # typed; decrypting the home (with the app closed) gives back the JSON checked below.
    head -c 20 "$FILE" | grep -qF "scorebook-at-rest/1" || { echo "FAIL: the applicant file is not encrypted"; FAILED=1; }
    while IFS=$'\t' read -r _ _ word; do
        if grep -qF -- "${word%#*}" "$FILE"; then echo "FAIL: typed text in plain in $FILE"; FAILED=1; break; fi
    done < "$LOG"
    kill9
    $T kill-session -t final
    env SCOREBOOK_HOME="$HOME_DIR" SCOREBOOK_PASSPHRASE_FILE="$WORK/pass" "$BIN" workspace decrypt >/dev/null \
        || { echo "FAIL: workspace decrypt"; FAILED=1; }
fi
SUMMARY=$(python3 - "$FILE" "$LOG" "$LOSS_MS" "$NOTE" <<'PY'
import json, sys
path, log, loss_ms = sys.argv[1], sys.argv[2], int(sys.argv[3])
try:
    doc = json.load(open(path, encoding="utf-8"))
except Exception as e:
    print("FAIL: the applicant file is not valid JSON:", e); sys.exit(1)
texts = []
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "text" and isinstance(x, str): texts.append(x)
            else: walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
walk(doc)
typed = lost = late = 0
for line in open(log, encoding="utf-8"):
    trial, delay, word = line.rstrip("\n").split("\t")
    kept = max((i for i in range(len(word) + 1) if any(word[:i] in t for t in texts)), default=0)
    n = len(word) - kept
    typed += len(word); lost += n
    if n and int(delay) >= loss_ms:
        late += n
        print(f"FAIL: trial {trial} lost {n} of {len(word)} characters shown {delay} ms before the kill")
    print(f"trial {trial}: typed {len(word)}, lost {n}, killed {delay} ms after the text was on screen")
note = sys.argv[4]
resolved = []
def issues(v):
    if isinstance(v, dict):
        if v.get("note") == note: resolved.append(v)
        for x in v.values(): issues(x)
    elif isinstance(v, list):
        for x in v: issues(x)
issues(doc)
resolved_ok = any(i.get("status") == "not_confirmed" for i in resolved)
if not resolved_ok:
    print("FAIL: the note and outcome of the resolve trial are not in the applicant file:", resolved)
print(f"TOTAL {typed} {lost} {late}")
sys.exit(1 if late or not resolved_ok else 0)
PY
) || FAILED=1
echo "$SUMMARY" | grep -v '^TOTAL'
set -- $(echo "$SUMMARY" | grep '^TOTAL')
TYPED=${2:-0}; LOST=${3:-0}; LOST_LATE=${4:-0}

ELAPSED=$(( ($(date +%s%N) - START) / 1000000 ))
echo "crash.sh: $TRIALS kill -9 trials in $ELAPSED ms: $TYPED characters typed, $LOST lost ($LOST_LATE shown >= $LOSS_MS ms before the kill)"
# No temp file may be left once a writable window has opened again.
if ls -a "$HOME_DIR/workspace/applicants" | grep -q '^\.scorebook-tmp-'; then
    echo "FAIL: temp files left after reopening"; FAILED=1
fi
if [ "$FAILED" -ne 0 ]; then
    echo "crash.sh: FAILED"
    exit 1
fi
echo "crash.sh: all checks passed"
exit 0
