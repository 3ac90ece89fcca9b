#!/usr/bin/env bash
# End-to-end walk of the release binary in tmux (120x40, a temporary SCOREBOOK_HOME):
# first run, add an applicant, type Chinese into a strength, paste (bracketed), kill -9 in the
# middle of the edit, restart, and check that the text survived on screen and on disk; score by
# digits and write an OFI in the comment form (evidence, a refused code, the right one); then a
# second window on the same home must open read-only.
# Exit 0 on success (or when tmux is absent: skipped), 1 on failure.
set -u

if ! command -v tmux >/dev/null 2>&1; then
    echo "walk.sh: skipped (tmux is not installed)"
    exit 0
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${SCOREBOOK_BIN:-$ROOT/target/release/scorebook}
if [ ! -x "$BIN" ]; then
    (cd "$ROOT" && cargo build --release --quiet) || { echo "walk.sh: build failed"; exit 1; }
fi

WORK=$(mktemp -d)
HOME_DIR="$WORK/home"
SOCK="scorebook-e2e-$$"
T="tmux -L $SOCK"
FAILED=0

cleanup() {
    for f in "$WORK"/pid.*; do
        [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
    done
    $T kill-server 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=lib.sh
. "$ROOT/tests/e2e/lib.sh"
keep_server

# start NAME: runs scorebook in its own tmux session; its pid goes to $WORK/pid.NAME.
start() {
    $T new-session -d -s "$1" -x 120 -y 40 \
        "sh -c 'echo \$\$ > $WORK/pid.$1; exec env SCOREBOOK_HOME=$HOME_DIR LANG=zh_CN.UTF-8 $BIN'"
    $T set-option -t "$1" remain-on-exit on >/dev/null
}

screen() { $T capture-pane -p -t "$1"; }

# wait_for SESSION TEXT: up to 10 s for TEXT to appear on the screen.
wait_for() {
    for _ in $(seq 1 100); do
        if screen "$1" | grep -qF -- "$2"; then return 0; fi
        sleep 0.1
    done
    echo "FAIL: '$2' never appeared in $1. Screen:"
    screen "$1"
    FAILED=1
    return 1
}

check() { # check DESCRIPTION COMMAND...
    local what=$1; shift
    if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; FAILED=1; fi
}

keys() { $T send-keys -t "$1" "${@:2}"; }
text() { $T send-keys -t "$1" -l "$2"; }

start one
# First run offers a passphrase for the key (issue 13) on the plain terminal: Enter skips it.
wait_for one "设置口令" || exit 1
keys one Enter
wait_for one "请输入您的姓名" || exit 1
text one "王五"
keys one Enter
wait_for one "示例" || exit 1

# Add an applicant: name, first track, no conflict -> the items screen.
keys one a
text one "金山测试精密有限公司"
keys one Enter
wait_for one "奖项类别"
keys one Enter
wait_for one "回避声明"
keys one Enter
wait_for one "评分条款" || exit 1

# Open the first item, score it, write a strength in Chinese and paste the rest.
keys one Enter
wait_for one "条款评分"
keys one Right Right Right
wait_for one "15%"
keys one s
text one "领导作用发挥充分"
$T set-buffer -b clip "，高层领导每月主持经营分析会，见申报材料第12页图3-2"
$T paste-buffer -p -b clip -t one
wait_for one "见申报材料第12页图3-2"

# Within a second it must be on disk; then kill -9 mid-edit (the field is still open).
sleep 1.2
FILE="$HOME_DIR/workspace/applicants/A1.json"
check "typed and pasted text on disk before the kill" \
    grep -q "领导作用发挥充分，高层领导每月主持经营分析会，见申报材料第12页图3-2" "$FILE"
kill -9 "$(cat "$WORK/pid.one")"
rm -f "$WORK/pid.one"
wait_unlocked "$HOME_DIR/workspace/.lock" || exit 1

# Restart: same applicant, same item, the text is there.
$T kill-session -t one
start two
wait_for two "领导作用发挥充分" || exit 1
check "reopened on the item screen" sh -c "$T capture-pane -p -t two | grep -q '条款评分'"
check "score kept" sh -c "$T capture-pane -p -t two | grep -q '15%'"
check "workspace JSON is valid" python3 -c "import json,sys; json.load(open('$FILE'))"
# Edit mode comes back too: the field that was open is open again, typing goes on in it.
check "edit mode restored" sh -c "$T capture-pane -p -t two | grep -q '评语: Tab'"
# Esc leaves the form keeping what is written.
keys two Escape
sleep 0.5

# Direct scoring: digits type the percent, Enter commits it.
keys two 5 5
wait_for two "得分率 55%"
keys two Enter
wait_for two "55% = 27.5 / 50"

# The comment form: an OFI's text, evidence and requirement code in one box, Tab between them;
# a code that is not the item's is refused with the valid ones, Enter saves once it is right.
keys two o
text two "部分流程尚未形成制度"
keys two Tab
text two "申报材料第20页"
keys two Tab
wait_for two "可选:"
text two "gz"
keys two Enter
wait_for two "没有要求 gz"
keys two BSpace BSpace
text two "b"
keys two Enter
sleep 1.2
check "the OFI, its evidence and code on disk" python3 -c "
import json
def walk(x):
    if isinstance(x, dict):
        yield from x.get('ofis', [])
        for v in x.values():
            yield from walk(v)
    elif isinstance(x, list):
        for v in x:
            yield from walk(v)
ofis = list(walk(json.load(open('$FILE'))))
assert any(o['text'] == '部分流程尚未形成制度' and o['evidence'] == '申报材料第20页'
           and o['requirements'] == ['b'] for o in ofis), ofis
"
check "the form closed on the item screen" sh -c "$T capture-pane -p -t two | grep -q '条款评分'"

# The fastest comment: the code written before the evidence (the split shown under the field),
# Enter saves; then a site-visit issue in one dialog: v, its text, Enter.
keys two s
text two "经营分析会按月召开"
keys two Tab
text two "c 申报材料第21页"
wait_for two "→ 要求 c · 证据 申报材料第21页"
keys two Enter
keys two v
wait_for two "要点 (现场要核实或澄清什么)"
text two "核实经营分析会纪要"
keys two Enter
sleep 1.2
check "codes before the evidence saved as codes; the issue planned" python3 -c "
import json
def walk(x, key):
    if isinstance(x, dict):
        yield from x.get(key, [])
        for v in x.values():
            yield from walk(v, key)
    elif isinstance(x, list):
        for v in x:
            yield from walk(v, key)
doc = json.load(open('$FILE'))
strengths = list(walk(doc, 'strengths'))
assert any(s['text'] == '经营分析会按月召开' and s['evidence'] == '申报材料第21页'
           and s['requirements'] == ['c'] for s in strengths), strengths
issues = list(walk(doc, 'site_issues'))
assert any(i['text'] == '核实经营分析会纪要' and i['kind'] == 'verify' for i in issues), issues
"

# A second window on the same home opens read-only and says so.
start three
wait_for three "只读"
keys three q
# Esc leaves the restored field; then Esc and q sent together arrive as Alt+q, which the
# app reads as Esc, then q.
keys two Escape
sleep 0.3
keys two Escape q
sleep 0.5
check "first window quit cleanly" sh -c "$T list-panes -t two -F '#{pane_dead}' | grep -q 1"

if [ "$FAILED" -ne 0 ]; then
    echo "walk.sh: FAILED"
    exit 1
fi
echo "walk.sh: all checks passed"
exit 0
