#!/usr/bin/env bash
# scripts/export-student and the edition it writes. This tree's files as they are now (tracked
# and untracked, as git sees them) are committed to a scratch repository and exported from
# there, so the test checks the export of what is about to be committed, not of HEAD.
#
# The export: no solutions/, no answers, no tests/mutants/ or tools/, the README's note, a
# fresh git repository with one commit and a clean status; an existing non-empty folder is
# refused with one line and left as it was, and nothing is left beside it; an edition will not
# export itself again.
#
# The edition's own build: what its `./workbook test` does, cut to what fits in a test. A full
# cold build takes minutes, too long here, and VAE_GOLDEN_ONLY needs the solutions, so this
# configures the edition (at -O0, which compiles fastest), builds exercises 1, 3, 5 and 8 (the
# programs the command-line checks run, and the golden tests of 3 and 8) and runs through ctest: the golden tests of 3
# and 8 must report skipped, and cli_bad_input and cli_bad_input_ex8 must pass with the
# student's programs in place of the solutions. ctest must know no solutionN test and none of
# the instructor's checks. Then exercise 3 is solved (the reference copied in, as a student
# would write it): its golden test passes, and against a wrong golden value it fails with the
# table and "Where to look", and says nothing about a reference solution. The golden target
# fails with a clear message, VAE_GOLDEN_ONLY=ON stops configuring, VAE_MUTANTS=ON is ignored
# with a warning. The full `./workbook test` of an edition is too long for a test: after
# changing what the edition holds, run it by hand in a fresh export.
# Given this tree's build folder, the edition links lib/ as that build compiled it (VAE_LIB_FROM;
# lib_from in work_tree.sh checks that the edition's lib/ is this tree's) and compiles only the
# rest: about a minute. Without it the edition compiles lib/ as well, at -O0: 3-4 minutes on 2
# idle cores.
#   usage: student_edition.sh [BUILD_DIR]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$(dirname "$0")/work_tree.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
stop() { echo "FAIL: $*"; echo "stopped"; exit 1; }
jobs=$(nproc 2>/dev/null || echo 2)

if [ ! -d "$root/solutions" ]; then echo "skipped: no solutions/, so nothing to leave out"; exit 77; fi
if ! command -v git >/dev/null || ! git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "skipped: needs git and a git work tree"
  exit 77
fi

# A scratch repository holding this tree as it is now.
src=$work/src
mkdir "$src"
copy_work_tree "$root" "$src" || stop "could not copy the tree"
(cd "$src" && git init -q -b main . && git add -A . &&
   git -c user.name=test -c user.email=test@example.invalid -c commit.gpgsign=false commit -q -m "this tree") ||
  stop "could not commit the copy"

# ---- the export --------------------------------------------------------------------------
ed=$work/edition
"$src/scripts/export-student" "$ed" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 0 ] || stop "export-student: exit $rc: $(cat "$work/err")"
[ "$(wc -l <"$work/out")" -eq 1 ] || fail "export-student: expected one line, got: $(cat "$work/out")"
[ -s "$work/err" ] && fail "export-student of a clean tree wrote to stderr: $(cat "$work/err")"
echo "ok: $(cat "$work/out")"

for gone in solutions tests/mutants tools; do
  [ -e "$ed/$gone" ] && fail "the edition has $gone/"
done
# The written answers are solutions/answers.md; exercises/answers.md is the student's, to fill in.
found=$(cd "$ed" && find . -name .git -prune -o \( -name answers.md ! -path ./exercises/answers.md \) -print)
[ -z "$found" ] || fail "the edition holds: $found"
[ ! -f "$src/exercises/answers.md" ] || cmp -s "$src/exercises/answers.md" "$ed/exercises/answers.md" ||
  fail "exercises/answers.md, the student's, is not in the edition as it is"
for kept in exercises/exercise3.cpp golden/exercise3.golden tests/golden/golden_test.cpp CMakeLists.txt workbook \
            scripts/grade.py; do
  [ -f "$ed/$kept" ] || fail "the edition lacks $kept"
done
cmp -s "$src/exercises/exercise3.cpp" "$ed/exercises/exercise3.cpp" || fail "exercises/exercise3.cpp differs from the source"
[ -x "$ed/workbook" ] || fail "workbook is not executable in the edition"
grep -q "Student edition" "$ed/README.md" || fail "README.md has no student-edition note"
[ "$(git -C "$ed" rev-list --count HEAD)" -eq 1 ] || fail "the edition's history is not one commit"
[ -z "$(git -C "$ed" status --porcelain)" ] || fail "the edition's status is not clean: $(git -C "$ed" status --porcelain | head)"
[ "$(git -C "$ed" ls-files | wc -l)" -eq "$(cd "$ed" && find . -name .git -prune -o -type f -print | wc -l)" ] ||
  fail "the edition has files outside its commit"
git -C "$ed" cat-file -e HEAD:exercises/exercise3.cpp 2>/dev/null || fail "the commit lacks the skeletons"
echo "ok: the edition: $(git -C "$ed" ls-files | wc -l) files in one commit, no solutions/, answers, mutants or tools/"

# Refusals: one line, non-zero, nothing changed, nothing left beside.
before=$(cd "$ed" && find . | sort | md5sum)
"$src/scripts/export-student" "$ed" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -ne 0 ] || fail "export-student into a non-empty folder: exit 0"
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "not empty" "$work/err" ||
  fail "export-student into a non-empty folder: message: $(cat "$work/err")"
[ "$(cd "$ed" && find . | sort | md5sum)" = "$before" ] || fail "a refused export changed the folder"
echo "ok: a non-empty folder -> $(cat "$work/err")"
"$src/scripts/export-student" "$work/nowhere/edition" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -ne 0 ] && [ "$(wc -l <"$work/err")" -eq 1 ] || fail "export-student into a missing folder: exit $rc: $(cat "$work/err")"
"$ed/scripts/export-student" "$work/again" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -ne 0 ] && grep -q "student edition already" "$work/err" || fail "an edition exported itself: exit $rc: $(cat "$work/err")"
[ -e "$work/again" ] && fail "a refused export left $work/again"
mkdir "$work/empty"
"$src/scripts/export-student" "$work/empty" >/dev/null 2>"$work/err" || fail "export-student into an empty folder: $(cat "$work/err")"
[ -f "$work/empty/CMakeLists.txt" ] || fail "export-student into an empty folder wrote nothing"
leftovers=$(find "$work" -maxdepth 1 -name '*.tmp.*')
[ -z "$leftovers" ] || fail "temporary folders left: $leftovers"
echo "ok: refusals and an empty folder"

# ---- the edition's build -----------------------------------------------------------------
b=$work/build-edition
quick=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0)
mapfile -t reuse < <(lib_from "$root" "${1:-}" "$ed")
cmake -S "$ed" -B "$b" -DVAE_WERROR=ON "${quick[@]}" "${reuse[@]}" >"$work/configure.log" 2>&1 ||
  stop "configuring the edition failed: $(tail -n 20 "$work/configure.log")"
grep -q "No solutions/ folder (a student edition)" "$work/configure.log" || fail "configure did not say it is a student edition"
grep -q "CMake Warning" "$work/configure.log" && fail "configure warned: $(grep -A3 'CMake Warning' "$work/configure.log")"
echo "ok: the edition configures"

start=$SECONDS
cmake --build "$b" -j "$jobs" --target exercise1 exercise3 exercise5 exercise8 exercise3_golden_test exercise8_golden_test \
  >"$work/build.log" 2>&1 || stop "building the edition failed: $(grep -m5 -A3 'error' "$work/build.log")"
echo "ok: built in $((SECONDS - start)) s"

tests=$(ctest --test-dir "$b" -N 2>/dev/null)
grep -Eq 'Test +#[0-9]+: solution' <<<"$tests" && fail "ctest has solution tests: $(grep solution <<<"$tests" | head -3)"
for t in exercise1 exercise8 cli_bad_input "unit(: |_tests_NOT_BUILT)"; do   # unit tests are listed once built
  grep -Eq ": $t" <<<"$tests" || fail "ctest lacks $t"
done
for t in cli_skeletons_unsolved cli_student_edition cli_grade; do
  grep -q ": $t\$" <<<"$tests" && fail "ctest of the edition has the instructor's $t"
done
cmake --build "$b" --target help 2>/dev/null | grep -q 'solution' && fail "the edition has solution targets"

ctest --test-dir "$b" -R '^(exercise3|exercise8|cli_bad_input|cli_bad_input_ex8)$' --output-on-failure -V \
  >"$work/ctest.log" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "ctest in the edition: exit $rc: $(grep -E 'Failed|FAIL' "$work/ctest.log" | head)"
for t in exercise3 exercise8; do
  grep -Eq "Test +#[0-9]+: $t \.+\*+Skipped" "$work/ctest.log" || fail "$t is not reported skipped: $(grep ": $t " "$work/ctest.log")"
done
grep -q "skipped, not attempted yet" "$work/ctest.log" || fail "no 'not attempted yet' in the golden tests' output"
for t in cli_bad_input cli_bad_input_ex8; do
  grep -Eq "Test +#[0-9]+: $t \.+ +Passed" "$work/ctest.log" || fail "$t did not pass in the edition"
done
grep -q "a student edition: solutionN below is the student's exerciseN" "$work/ctest.log" ||
  fail "the command-line checks did not notice the student edition"
echo "ok: ctest in the edition: exercise3 and exercise8 skipped, cli_bad_input and cli_bad_input_ex8 passed"

# A student solves exercise 3.
cp "$src/solutions/exercise3.cpp" "$ed/exercises/exercise3.cpp"
cmake --build "$b" -j "$jobs" --target exercise3_golden_test >"$work/build.log" 2>&1 ||
  stop "building the solved exercise 3 failed: $(grep -m5 -A3 'error' "$work/build.log")"
ctest --test-dir "$b" -R '^exercise3$' >"$work/ctest.log" 2>&1 || fail "solved exercise3 fails: $(cat "$work/ctest.log")"
grep -Eq "exercise3 \.+ +Passed" "$work/ctest.log" || fail "solved exercise3 is not passed: $(cat "$work/ctest.log")"
sed 's/^value L_KL [^ ]*/value L_KL 1.5/' "$ed/golden/exercise3.golden" >"$work/wrong.golden"
"$b/exercise3_golden_test" "$work/wrong.golden" >"$work/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "solved exercise3 against a wrong golden: exit $rc"
grep -Eq 'L_KL +1.5 .*FAIL' "$work/out" || fail "no FAIL row for L_KL: $(cat "$work/out")"
grep -q "^Where to look:" "$work/out" && grep -q "  TODO 3.*: L_KL" "$work/out" || fail "no 'Where to look' for L_KL: $(cat "$work/out")"
grep -qi "reference solution" "$work/out" && fail "the student's test speaks of a reference solution: $(cat "$work/out")"
echo "ok: a solved exercise 3 passes; against a wrong value it says where to look, and no more"
git -C "$ed" checkout -q -- exercises/exercise3.cpp

# What needs the solutions says so.
cmake --build "$b" --target golden >"$work/out" 2>&1 && fail "the golden target succeeded in an edition"
grep -q "no solutions/ (a student edition)" "$work/out" || fail "the golden target's message: $(tail -n 5 "$work/out")"
cmake -S "$ed" -B "$work/build-golden-only" -DVAE_GOLDEN_ONLY=ON >"$work/out" 2>&1 &&
  fail "VAE_GOLDEN_ONLY=ON configured in an edition"
grep -q "VAE_GOLDEN_ONLY=ON builds the reference solutions" "$work/out" || fail "VAE_GOLDEN_ONLY's message: $(grep -A3 Error "$work/out")"
cmake -S "$ed" -B "$work/build-mutants" -DVAE_MUTANTS=ON >"$work/out" 2>&1 || fail "VAE_MUTANTS=ON stopped configuring: $(tail "$work/out")"
grep -q "VAE_MUTANTS=ON is ignored" "$work/out" || fail "VAE_MUTANTS=ON: no warning"
echo "ok: golden target, VAE_GOLDEN_ONLY and VAE_MUTANTS say they need the solutions"

if [ $failures -ne 0 ]; then echo "$failures student-edition check(s) failed"; exit 1; fi
echo "all student-edition checks passed"
