#!/usr/bin/env bash
# A scripted session of the student's commands: ./workbook status, check, hint, reset, watch
# and run, and what they say to bad input. It works in a temporary copy of the repository (the
# working tree as it is, with its git history), so the real exercises/ is never touched.
#
# Compiling lib/ takes minutes, so the copy does not: its build folder, configured as the
# student's is, links lib/ as BUILD_DIR compiled it (VAE_LIB_FROM; lib_from in work_tree.sh
# checks that the copy's lib/ is this tree's) and compiles the exercises at -O0, which compiles
# fastest. The commands build what they need in it, as they would in a student's build/.
#
# --quick runs only what builds nothing: the manifest, the refusals of bad input, the hints and
# reset, in a copy with no build folder (a few seconds, for ./workbook test; the whole session
# is labelled "copies" and waits for --full).
#   usage: student_commands.sh SOURCE_DIR BUILD_DIR [--quick]
set -uo pipefail
source "$(dirname "$0")/work_tree.sh"
src=$(cd "$1" && pwd) || exit 1
bin=$(cd "$2" && pwd) || exit 1
quick=0
case "${3:-}" in
  "") ;;
  --quick) quick=1 ;;
  *) echo "usage: student_commands.sh SOURCE_DIR BUILD_DIR [--quick]"; exit 2 ;;
esac
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
started=$SECONDS

# ---- the copy ---------------------------------------------------------------------------------
tree=$work/tree
build=$work/build
mkdir -p "$tree"
excludes=(--exclude='./build*' --exclude='./cmake-build*' --exclude='./plots/*' --exclude=./.workbook
          --exclude=./data/mnist)
case $bin in "$src"/*) excludes+=(--exclude="./${bin#"$src"/}") ;; esac
tar -C "$src" "${excludes[@]}" -cf - . | tar -C "$tree" -xf - || { echo "FAIL: could not copy $src"; exit 1; }
rm -f "$tree/.git/index.lock"
# In a linked work tree (git worktree add) or a submodule, .git is a file that names the real
# repository, and the session's commits and resets would land there. The copy then gets a
# repository of its own: a clone, with the copied files as its working tree.
if [ -f "$tree/.git" ]; then
  rm -f "$tree/.git"
  { git clone -q --no-checkout "$src" "$work/own-git" && mv "$work/own-git/.git" "$tree/.git" &&
      rm -rf "$work/own-git" && git -C "$tree" reset -q; } ||
    { echo "FAIL: could not give the copy of $src a repository of its own"; exit 1; }
fi
cp "$src/plots/README.md" "$tree/plots/" 2>/dev/null
[ -d "$src/data/mnist" ] && ln -s "$src/data/mnist" "$tree/data/mnist"
if [ $quick -eq 0 ]; then
  mapfile -t reuse < <(lib_from "$src" "$bin" "$tree")
  cmake -S "$tree" -B "$build" -DVAE_WERROR=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 "${reuse[@]}" \
    >"$work/configure.log" 2>&1 || { echo "FAIL: configuring the copy failed:"; tail -n 20 "$work/configure.log"; exit 1; }
fi
export VAE_BUILD_DIR=$build
export GIT_CEILING_DIRECTORIES=$work
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ beside the scripts
git_commit() { git -c user.name=student -c user.email=student@example.invalid -c commit.gpgsign=false commit -q "$@"; }
cd "$tree" || exit 1

# A session starts from the skeletons: put back any exercise the tree it was copied from has
# worked on (its history has them), then keep each skeleton to compare with later.
worked=$(python3 - <<'EOF'
import sys
sys.path.insert(0, "scripts")
import workbook_student as w
print(" ".join(str(n) for n, e in w.load_manifest().items() if w.todo_progress(n, e)[0] > 0))
EOF
)
for n in $worked; do ./workbook reset "$n" --yes >/dev/null || fail "could not reset exercise $n in the copy"; done
mkdir -p "$work/skeletons"
cp exercises/exercise*.cpp "$work/skeletons/"
echo "ok: copied the tree$([ $quick -eq 1 ] || echo " and configured its build") ($((SECONDS - started)) s)"

# wb NAME ARGS...: run ./workbook ARGS with stdout in $work/NAME.out, stderr in $work/NAME.err;
# sets $rc.
wb() {
  local name=$1; shift
  ./workbook "$@" </dev/null >"$work/$name.out" 2>"$work/$name.err"
  rc=$?
}
has() { grep -qF -- "$2" "$work/$1.out" "$work/$1.err"; }
show() { echo "----- $1:"; cat "$work/$1.out" "$work/$1.err" | head -n "${2:-40}"; echo "-----"; }

# expect_refusal NAME TEXT ARGS...: non-zero exit, one line on stderr containing TEXT, nothing on stdout.
expect_refusal() {
  local name=$1 text=$2; shift 2
  wb "$name" "$@"
  local lines; lines=$(wc -l <"$work/$name.err")
  [ $rc -ne 0 ] || fail "./workbook $*: exit 0, expected non-zero"
  [ "$lines" -eq 1 ] || fail "./workbook $*: expected one line on stderr, got $lines: $(cat "$work/$name.err")"
  grep -qF -- "$text" "$work/$name.err" || fail "./workbook $*: message lacks '$text': $(cat "$work/$name.err")"
  [ -s "$work/$name.out" ] && fail "./workbook $*: printed to stdout: $(head -c 300 "$work/$name.out")"
  echo "ok: ./workbook $* -> exit $rc: $(cat "$work/$name.err")"
}

# wait_for FILE TEXT SECONDS: until FILE contains TEXT.
wait_for() {
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
  return 1
}

# wait_exit PID SECONDS: sets $rc to the exit status, or kills the process after SECONDS.
wait_exit() {
  local deadline=$((SECONDS + $2))
  while kill -0 "$1" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if kill -0 "$1" 2>/dev/null; then kill "$1"; wait "$1" 2>/dev/null; rc=124; return 1; fi
  wait "$1"; rc=$?
}

# ---- the manifest -------------------------------------------------------------------------------
python3 - "$work/skeletons" <<'EOF' || fail "exercises/manifest.json does not match the tree"
import re, sys
from pathlib import Path
sys.path.insert(0, "scripts")
import workbook_student as w
exercises = w.load_manifest()
bad = []
skeletons = Path(sys.argv[1])
for path in sorted(skeletons.iterdir()):
    m = re.fullmatch(r"exercise(\d+)\.cpp", path.name)
    if m and int(m.group(1)) not in exercises:
        bad.append(f"exercises/{path.name} is not in the manifest")
for n, e in exercises.items():
    if not (skeletons / f"exercise{n}.cpp").is_file():
        bad.append(f"exercise {n}: the manifest lists it, but there is no exercises/exercise{n}.cpp")
        continue
    skeleton = (skeletons / f"exercise{n}.cpp").read_text()
    labels = [m.split(":")[0] for m in re.findall(r'todo(?:_number)?\("([^"]*)"', skeleton)]
    if w.count_todo_calls(skeleton) != len(e["todos"]):
        bad.append(f"exercise {n}: the skeleton has {w.count_todo_calls(skeleton)} TODO calls, the manifest lists {len(e['todos'])}")
    elif labels != [t["label"] for t in e["todos"]]:
        print(f"note: exercise {n}'s TODO labels in the skeleton are now {labels}; the manifest has "
              f"{[t['label'] for t in e['todos']]} (only their number matters to the commands)")
    if not 3 <= len(e["hints"]) <= 5:
        bad.append(f"exercise {n}: {len(e['hints'])} hints, expected 3 to 5")
    for d in e["docs"]:
        if not Path(d["path"]).is_file():
            bad.append(f"exercise {n}: docs page {d['path']} does not exist")
    if not Path(e["golden"]).is_file():
        bad.append(f"exercise {n}: {e['golden']} does not exist")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
EOF
echo "ok: the manifest lists every exercise, its TODO count, hints, pages and golden file"

# ---- bad input ----------------------------------------------------------------------------------
numbers=$(python3 scripts/manifest.py numbers) || fail "scripts/manifest.py numbers failed"
count=$(wc -w <<<"$numbers")
beyond=$((${numbers##* } + 1))  # one past the last exercise
expect_refusal bad1 "there is no exercise $beyond" check "$beyond"
expect_refusal bad2 "got 'abc'" check abc
expect_refusal bad3 "got 'abc'" hint abc
expect_refusal bad4 "reset needs an exercise number" reset
expect_refusal bad5 "unknown command 'frobnicate'" frobnicate
expect_refusal bad6 "got 'abc'" watch abc
expect_refusal bad7 "unknown option '--bogus'" run --bogus
expect_refusal bad8 "check takes one exercise number" check 3 4
expect_refusal bad9 "test: unknown option '--bogus'" test --bogus
expect_refusal bad10 "at most one option" test --full --full

# ---- status on the skeletons --------------------------------------------------------------------
if [ $quick -eq 0 ]; then  # (up to its fi: builds, so not with --quick)
wb status0 status
lines=$(grep -c '^exercise [0-9]* ' "$work/status0.out")
not_started=$(grep -c '^exercise [0-9]* .*not started' "$work/status0.out")
[ $rc -eq 0 ] || fail "status: exit $rc"
[ "$lines" -eq "$count" ] && [ "$not_started" -eq "$count" ] || { fail "status on the skeletons: $lines lines, $not_started not started"; show status0; }
has status0 "Next: exercise 1," || fail "status does not say exercise 1 is next"
if [ -f exercises/answers.md ]; then
  grep -q '^Written answers in exercises/answers.md: 0 of ' "$work/status0.out" || fail "status does not count the answers: $(tail -n 2 "$work/status0.out")"
else
  grep -qi answers "$work/status0.out" && fail "status talks about answers without exercises/answers.md"
fi
echo "ok: status on the skeletons ($((SECONDS - started)) s):"; sed 's/^/    /' "$work/status0.out"
fi

# ---- hints --------------------------------------------------------------------------------------
wb hint1 hint 3
wb hint2 hint 3
grep -q '^Hint 1 of ' "$work/hint1.out" && grep -q '^Hint 2 of ' "$work/hint2.out" || fail "hint 3 twice: not hints 1 and 2"
cmp -s "$work/hint1.out" "$work/hint2.out" && fail "hint 3 twice gave the same text"
total=$(sed -n 's/^Hint 1 of \([0-9]*\).*/\1/p' "$work/hint1.out")
for ((k = 3; k <= total; k++)); do wb hintk hint 3; done
grep -q "That was the last hint" "$work/hintk.out" || fail "the last hint does not say so"
wb hintall hint 3
[ $rc -eq 0 ] && has hintall "All $total hints for exercise 3 " || fail "hint 3 after the last: $(head -n 2 "$work/hintall.out")"
git check-ignore -q .workbook/hints.json || fail ".workbook/ is not ignored by git"
grep -qF 'return 0.5 *' "$work"/hint*.out && fail "a hint gives away the solution's KL line"
echo "ok: hint 3 gives $total different hints, then says all are shown"

# ---- check: a skeleton, a wrong answer, the right answer ------------------------------------------
if [ $quick -eq 0 ]; then  # (check, status and run, up to the fi before reset: they build)
wb check0 check 3
[ $rc -ne 0 ] && has check0 "not attempted yet: TODO 3a" || { fail "check 3 on the skeleton: exit $rc"; show check0; }
echo "ok: check 3 on the skeleton -> exit $rc: $(grep 'not attempted' "$work/check0.out")"

sed 's/return 0\.5 \* terms/return terms/' solutions/exercise3.cpp >exercises/exercise3.cpp
cmp -s solutions/exercise3.cpp exercises/exercise3.cpp && fail "the wrong answer is the solution: is the KL line of solutions/exercise3.cpp still 'return 0.5 * terms...'?"
wb check1 check 3
if [ $rc -ne 0 ] && has check1 "FAIL" && has check1 "Where to look" && has check1 "L_KL" && has check1 "expected"; then
  echo "ok: check 3 with the 1/2 missing from the KL -> exit $rc, the diff table and where to look"
else
  fail "check 3 with a wrong KL: exit $rc"; show check1 60
fi
has check1 "===== your program: " && [ "$(grep -c '^ *L_KL ' "$work/check1.out")" -eq 2 ] ||
  fail "check 3 does not show the program's own table before the comparison"

wb status1 status
grep -q '^exercise 3 .*failing: L_KL, Loss' "$work/status1.out" || { fail "status with a wrong KL"; show status1; }
echo "ok: status -> $(grep '^exercise 3 ' "$work/status1.out")"

cp solutions/exercise3.cpp exercises/exercise3.cpp
wb check2 check 3
[ $rc -eq 0 ] && has check2 "exercise 3 passed" || { fail "check 3 with the right answer: exit $rc"; show check2 60; }
echo "ok: check 3 with the right answer -> exit 0"

if [ -f exercises/answers.md ]; then  # and one written answer
  python3 - <<'EOF'
from pathlib import Path
p = Path("exercises/answers.md")
text = p.read_text()
begin = text.index("<!-- ANSWER 4d BEGIN -->")
p.write_text(text[:begin] + text[begin:].replace("_(not answered yet)_", "Z_c forgets x.", 1))
EOF
fi
wb status2 status
grep -q '^exercise 3 .*passed$' "$work/status2.out" || { fail "status after passing 3"; show status2; }
[ "$(grep -c '^exercise [0-9]* .*not started' "$work/status2.out")" -eq $((count - 1)) ] ||
  fail "status after passing 3: not $((count - 1)) others not started"
if [ -f exercises/answers.md ]; then
  grep -q '^Written answers in exercises/answers.md: 1 of ' "$work/status2.out" || fail "status does not count a written answer: $(tail -n 1 "$work/status2.out")"
fi
echo "ok: status -> $(grep '^exercise 3 ' "$work/status2.out")"

# ---- run ----------------------------------------------------------------------------------------
wb run0 run 1 3
[ $rc -eq 0 ] && has run0 "not attempted yet: TODO 1a" && has run0 "Loss" || { fail "run 1 3: exit $rc"; show run0; }
[ -s plots/exercise3_latent.png ] || ! command -v gnuplot >/dev/null || fail "run 3 wrote no plot into the copy's plots/"
wb run1 run --reference 1
[ $rc -eq 0 ] && has run1 "REFERENCE" && has run1 "mean_x1" || { fail "run --reference 1: exit $rc"; show run1; }
mv solutions "$work/solutions-away"
expect_refusal run2 "no reference solutions" run --reference 1
mv "$work/solutions-away" solutions
echo "ok: run 1 3 runs the student's programs, run --reference the reference"
else
  cp solutions/exercise3.cpp exercises/exercise3.cpp  # the student's answer, as check left it
fi

# ---- reset --------------------------------------------------------------------------------------
git_commit -m "my exercise 3" -- exercises/exercise3.cpp || fail "could not commit the student's work"
expect_refusal reset0 "--yes" reset 3
cmp -s solutions/exercise3.cpp exercises/exercise3.cpp || fail "a refused reset changed exercises/exercise3.cpp"
wb reset1 reset 3 --yes
backup=$(sed -n 's/^Your version is saved in //p' "$work/reset1.out")
[ $rc -eq 0 ] || { fail "reset 3 --yes: exit $rc"; show reset1; }
cmp -s "$work/skeletons/exercise3.cpp" exercises/exercise3.cpp || fail "reset 3 --yes did not restore the skeleton"
[ -n "$backup" ] && cmp -s "$backup" solutions/exercise3.cpp || fail "reset 3 --yes: no backup of the solved file ('$backup')"
echo "ok: reset 3 --yes restores the skeleton past the student's commit: $(tr '\n' ' ' <"$work/reset1.out")"
mv .git "$work/git-away"
expect_refusal reset2 "no git history" reset 3 --yes
mv "$work/git-away" .git

# ---- watch --------------------------------------------------------------------------------------
if [ $quick -eq 0 ]; then  # (up to its fi: builds, so not with --quick)
./workbook watch 3 --once --interval 0.2 </dev/null >"$work/watch0.out" 2>&1 &
pid=$!; pids+=("$pid")
if wait_for "$work/watch0.out" "save it to check again" 120; then
  cp solutions/exercise3.cpp exercises/exercise3.cpp
  wait_exit "$pid" 120
  [ $rc -eq 0 ] && grep -qF "exercise 3 passed" "$work/watch0.out" || { fail "watch 3 --once: exit $rc after the save"; show watch0 80; }
  echo "ok: watch 3 --once checks the skeleton, waits, sees the save, passes and stops"
else
  fail "watch 3 --once never started waiting"; show watch0 80
fi
./workbook reset 3 --yes >/dev/null || fail "reset 3 --yes after watch"
./workbook watch 3 --interval 0.2 </dev/null >"$work/watch1.out" 2>&1 &
pid=$!; pids+=("$pid")
if wait_for "$work/watch1.out" "save it to check again" 120; then
  kill -INT "$pid"
  wait_exit "$pid" 20
  [ $rc -eq 0 ] && grep -qF "Stopped watching" "$work/watch1.out" || { fail "watch 3 and Ctrl-C: exit $rc"; show watch1; }
  grep -q Traceback "$work/watch1.out" && fail "watch 3 and Ctrl-C: a traceback"
  echo "ok: Ctrl-C stops watch cleanly"
else
  fail "watch 3 never started waiting"; show watch1
fi
fi

[ $quick -eq 1 ] && [ -e "$build" ] && fail "--quick: a command configured a build folder, so it builds"
echo "took $((SECONDS - started)) s"
if [ $failures -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all student-command checks passed"
