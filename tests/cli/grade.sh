#!/usr/bin/env bash
# scripts/grade.py on a tree with every kind of outcome: a copy of this tree (its working-tree
# files as git sees them, without build folders, plots or MNIST) where exercise 3 is the
# reference solution (passed), exercise 5 the solution with a typical mistake, beta on the
# wrong term (failed), exercise 4 a file that does not compile, exercise 7 a skeleton without
# MNIST (skipped: data missing) and the rest untouched skeletons (not attempted). grade.py
# builds the golden tests itself in a fresh build folder, then the JSON is checked with
# Python's json module: its keys and types, one entry per exercise, the scores and their sum,
# and that the failed entry carries the FAIL table. Then the table without --json, and bad
# input: one line on stderr, non-zero exit, no JSON file and no temporary file left.
#
# Time: given this tree's build folder, the copy links lib/ as that build compiled it
# (VAE_LIB_FROM; lib_from in work_tree.sh checks that the copy's lib/ is this tree's) and compiles
# only the exercises, at -O0, which compiles fastest: well under a minute. Without it, or with
# another lib/, the copy compiles lib/ too, at -O0: 2-3 minutes on 2 idle cores.
#   usage: grade.sh [BUILD_DIR]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$(dirname "$0")/work_tree.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if [ ! -d "$root/solutions" ]; then echo "skipped: no solutions/ to grade with"; exit 77; fi
if ! git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "skipped: $root is not a git work tree, so its files cannot be told from build output"
  exit 77
fi

# The tree: tracked and untracked files that git does not ignore, as they are now.
tree=$work/tree
mkdir "$tree"
copy_work_tree "$root" "$tree" || { echo "FAIL: could not copy the tree"; exit 1; }
[ -d "$tree/data/mnist" ] && { echo "FAIL: data/mnist was copied; the exercise 7 case needs it absent"; exit 1; }

cp "$tree/solutions/exercise3.cpp" "$tree/exercises/exercise3.cpp"
mistake_from='return recon + beta * kl;'
mistake_to='return beta * recon + kl;'
grep -qF "$mistake_from" "$tree/solutions/exercise5.cpp" ||
  { echo "FAIL: solutions/exercise5.cpp no longer contains '$mistake_from'; update tests/cli/grade.sh"; exit 1; }
sed "s/return recon + beta \* kl;/$mistake_to/" "$tree/solutions/exercise5.cpp" >"$tree/exercises/exercise5.cpp"
echo 'this line is not C++;' >>"$tree/exercises/exercise4.cpp"

mapfile -t reuse < <(lib_from "$root" "${1:-}" "$tree")
cmake -S "$tree" -B "$work/build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 "${reuse[@]}" >"$work/configure.log" 2>&1 ||
  { echo "FAIL: configuring the copy failed:"; tail -n 20 "$work/configure.log"; exit 1; }

start=$SECONDS
python3 "$tree/scripts/grade.py" --build "$work/build" --json "$work/results.json" >"$work/out" 2>"$work/err"
rc=$?
echo "grade.py --json took $((SECONDS - start)) s (building included)"
[ $rc -eq 0 ] || fail "grade.py --json: exit $rc: $(tail -n 5 "$work/err")"
grep -q "grade: wrote $work/results.json" "$work/out" || fail "grade.py --json did not say where it wrote: $(cat "$work/out")"

python3 - "$work/results.json" "$tree/scripts" <<'EOF' || fail "the JSON does not hold what it should (above)"
import json, sys
sys.path.insert(0, sys.argv[2])
sys.dont_write_bytecode = True
import manifest
doc = json.load(open(sys.argv[1]))
exercises = manifest.load(required=("number", "title"))
problems = []
def need(cond, what):
    if not cond:
        problems.append(what)

need(isinstance(doc, dict), "top level is an object")
for key, kind in (("score", (int, float)), ("tests", list), ("output", str), ("execution_time", int),
                  ("visibility", str), ("stdout_visibility", str)):
    need(isinstance(doc.get(key), kind), f"top-level {key} is a {kind}")
tests = doc.get("tests", [])
need(len(tests) == len(exercises), f"{len(exercises)} entries in tests (the manifest's exercises), not {len(tests)}")
allowed = {"name", "number", "score", "max_score", "status", "output", "output_format", "visibility",
           "extra_data", "tags", "name_format"}
for t in tests:
    for key, kind in (("name", str), ("number", str), ("score", (int, float)), ("max_score", (int, float)),
                      ("status", str), ("output", str), ("visibility", str), ("extra_data", dict)):
        need(isinstance(t.get(key), kind), f"{t.get('name')}: {key} is a {kind}")
    need(set(t) <= allowed, f"{t.get('name')}: keys Gradescope does not know: {set(t) - allowed}")
    need(t.get("status") in ("passed", "failed"), f"{t.get('name')}: status {t.get('status')}")
    need(t.get("max_score") == 1, f"{t.get('name')}: max_score {t.get('max_score')}")
    need(0 <= t.get("score", -1) <= t.get("max_score", 0), f"{t.get('name')}: score out of range")
    need((t.get("score") == t.get("max_score")) == (t.get("status") == "passed"),
         f"{t.get('name')}: full score exactly when passed")
    need(t.get("visibility") in ("hidden", "after_due_date", "after_published", "visible"),
         f"{t.get('name')}: visibility")
need(abs(doc.get("score", -1) - sum(t.get("score", 0) for t in tests)) < 1e-9, "top-level score is the sum")
by = {t["number"]: t for t in tests if isinstance(t.get("number"), str)}
need(sorted(by, key=int) == [str(e["number"]) for e in exercises], f"the manifest's numbers, got {sorted(by)}")
need([t.get("name") for t in tests] == [e["title"] for e in exercises], "each entry is named by the manifest's title")
# 3, 4 and 5 as this script made them; an exercise whose data is fetched (7: MNIST) is skipped,
# as the copy has none; every other one is an untouched skeleton.
expected = {str(e["number"]): "skipped" if e.get("fetch") else "not attempted" for e in exercises}
expected.update({"3": "passed", "4": "does not compile", "5": "failed"})
for n, result in expected.items():
    got = by.get(n, {}).get("extra_data", {}).get("result")
    need(got == result, f"exercise {n}: result {got!r}, expected {result!r}")
need(doc.get("score") == 1, f"total score 1 (exercise 3), got {doc.get('score')}")
e3, e4, e5, e7 = (by.get(n, {}).get("output", "") for n in "3457")
need("passed" in e3 and "exercise3: passed" in e3, "exercise 3's output: its table and verdict")
need("Loss_beta0.2" in e5 and " FAIL" in e5 and "expected" in e5 and "tolerance" in e5,
     "exercise 5's output holds the FAIL table")
need("Where to look:" in e5 and "TODO 5" in e5, "exercise 5's output names the TODO to look at")
need("exercise5: FAILED" in (e5.splitlines() or [""])[-1], "exercise 5's output ends with its verdict")
need("error" in e4 and "exercise4.cpp" in e4 and "does not compile" in (e4.splitlines() or [""])[-1],
     "exercise 4's output: the compiler's error and the verdict")
need("MNIST" in e7 and "skipped" in e7, "exercise 7's output says MNIST is missing")
for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
EOF
[ $failures -eq 0 ] && echo "ok: results.json: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["output"].splitlines()[0])' "$work/results.json")"

# The table, grading what is built.
python3 "$tree/scripts/grade.py" --build "$work/build" --no-build >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 0 ] || fail "grade.py (table): exit $rc: $(cat "$work/err")"
count=$(python3 "$tree/scripts/manifest.py" numbers | wc -w)
grep -Eq "^ +total +1/$count\$" "$work/out" || fail "the table lacks 'total 1/$count': $(cat "$work/out")"
grep -Eq '^ 5 .* 0/1  failed$' "$work/out" || fail "the table lacks exercise 5 failed: $(cat "$work/out")"
[ $failures -eq 0 ] && echo "ok: the table" && cat "$work/out"

# Bad input: one line on stderr, non-zero exit, nothing written.
expect_refusal() {  # STATUS TEXT ARGS...
  local status=$1 text=$2; shift 2
  python3 "$tree/scripts/grade.py" "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  [ $rc -eq "$status" ] || fail "grade.py $*: exit $rc, expected $status"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "grade.py $*: not one line on stderr: $(cat "$work/err")"
  grep -qF -- "$text" "$work/err" || fail "grade.py $*: message lacks '$text': $(cat "$work/err")"
  [ -s "$work/out" ] && fail "grade.py $*: printed to stdout: $(head -c 200 "$work/out")"
  echo "ok: grade.py $* -> $(cat "$work/err")"
}
expect_refusal 2 "--frobnicate" --frobnicate
expect_refusal 2 "--timeout" --timeout -3
expect_refusal 1 "no build folder" --build "$work/nowhere" --json "$work/x.json"
expect_refusal 1 "not a CMake build folder" --build "$work/tree" --json "$work/x.json"
expect_refusal 1 "does not exist" --no-build --build "$work/build" --json "$work/nowhere/x.json"
expect_refusal 1 "is a folder" --no-build --build "$work/build" --json "$work/build"
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$work/readonly" && chmod 555 "$work/readonly"
  expect_refusal 1 "cannot write" --no-build --build "$work/build" --json "$work/readonly/x.json"
fi
[ -e "$work/x.json" ] && fail "a refused run wrote $work/x.json"
leftovers=$(find "$work" -maxdepth 2 -name '*.tmp.*')
[ -z "$leftovers" ] || fail "temporary files left: $leftovers"

if [ $failures -ne 0 ]; then echo "$failures grade check(s) failed"; exit 1; fi
echo "all grade checks passed"
