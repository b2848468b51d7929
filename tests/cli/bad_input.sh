#!/usr/bin/env bash
# Bad input to the exercise programs: every case must give a clear one-line message, the
# right exit status, and leave no files behind.
#   usage: bad_input.sh BUILD_DIR
set -uo pipefail
source "$(dirname "$0")/common.sh" "$1"

expect_usage_error solution3 --n --n 0
expect_usage_error solution3 --n --n -5
expect_usage_error solution1 --n --n 1
expect_usage_error solution3 --seed --seed abc
expect_usage_error solution5 --beta --beta -1
expect_usage_error solution5 --beta --beta nan
expect_usage_error solution3 --frobnicate --frobnicate
expect_usage_error solution3 --beta --beta 0.5   # exercise 3 has no beta: the sheet fixes it at 1
expect_usage_error solution3 --n --n
expect_usage_error exercise3 --n --n 0         # the student's program refuses the same way
# Sizes beyond what fits are usage errors with the allowed range, never std::bad_alloc.
expect_usage_error solution1 "--n expects a positive integer (1 to 1000000), got '2000000000'" --n 2000000000
expect_usage_error solution3 "--n expects a positive integer (1 to 1000000)" --n 1000001
expect_usage_error solution5 "--n expects a positive integer (1 to 1000000)" --n=99999999999

only_with_solutions   # a student edition stops here (tests/cli/common.sh)

# No gnuplot: a warning, no plots, and the numbers are still printed.
plots="$work/plots-nognuplot"
VAE_GNUPLOT=/nonexistent/gnuplot "$bin/solution3" --plot-dir "$plots" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 0 ] || fail "solution3 without gnuplot: exit $rc"
grep -q "gnuplot not found" "$work/err" || fail "solution3 without gnuplot: no warning: $(cat "$work/err")"
grep -q "L_recon" "$work/out" || fail "solution3 without gnuplot: numbers not printed"
[ -z "$(ls -A "$plots" 2>/dev/null)" ] || fail "solution3 without gnuplot: files written: $(ls "$plots")"
echo "ok: no gnuplot -> $(head -n 1 "$work/err")"

# With gnuplot, the plots appear (a reference solution's in the reference/ subfolder of the
# plot folder) and nothing temporary is left beside them.
plots="$work/plots-real/reference"
if command -v gnuplot >/dev/null; then
  "$bin/solution3" --plot-dir "${plots%/reference}" >/dev/null 2>"$work/err" || fail "solution3 with plots failed: $(cat "$work/err")"
  for f in exercise3_latent.png exercise3_reconstruction.png; do
    [ -s "$plots/$f" ] || fail "solution3 did not write $f"
    head -c 8 "$plots/$f" | od -An -c | grep -q 'P   N   G' || fail "$f is not a PNG"
  done
  ls "$plots" | grep -q tmp && fail "temporary files left in $plots: $(ls "$plots")"
  echo "ok: plots written: $(ls "$plots" | tr '\n' ' ')"
fi

# CSV output is machine-readable quantity,value lines.
"$bin/solution5" --csv --no-plots >"$work/out" 2>"$work/err"
[ "$(head -n 1 "$work/out")" = "quantity,value" ] || fail "solution5 --csv header: $(head -n 1 "$work/out")"
grep -Eq '^beta_crossover,[0-9.e+-]+$' "$work/out" || fail "solution5 --csv lacks beta_crossover"
grep -Eq '^Loss_beta0.2,' "$work/out" || fail "solution5 --csv lacks Loss_beta0.2"
echo "ok: --csv"

# A missing or corrupt golden file fails its test, naming the file and the regenerate command.
"$bin/solution3_golden_test" "$work/missing.golden" >"$work/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "golden test with a missing file: exit $rc, expected 1"
grep -q "$work/missing.golden" "$work/out" || fail "missing golden: file not named: $(cat "$work/out")"
grep -q "cmake --build build --target golden" "$work/out" || fail "missing golden: no regenerate command"
printf '# VAE Workbook golden file\nformat 1\nexercise exercise3\nvalue L_recon two 1e-12\n' >"$work/corrupt.golden"
"$bin/solution3_golden_test" "$work/corrupt.golden" >"$work/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "golden test with a corrupt file: exit $rc, expected 1"
grep -q "corrupt.golden:4" "$work/out" || fail "corrupt golden: line not named: $(cat "$work/out")"
echo "ok: missing and corrupt golden files -> $(head -n 1 "$work/out")"

# A wrong value in the golden file makes the test fail with expected / got / difference.
sed 's/^value L_KL [^ ]*/value L_KL 1.5/' "$(dirname "$0")/../../golden/exercise3.golden" >"$work/wrong.golden"
"$bin/solution3_golden_test" "$work/wrong.golden" >"$work/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "golden test against a wrong value: exit $rc, expected 1"
grep -Eq 'L_KL +1.5 .*FAIL' "$work/out" || fail "wrong golden: no FAIL row for L_KL: $(cat "$work/out")"
echo "ok: a wrong golden value fails"

# A golden file's notes are exercises/manifest.json's tolerance_notes: one whose notes differ
# was not regenerated since they changed, and fails naming the manifest.
sed '2a # a note the manifest does not have' "$(dirname "$0")/../../golden/exercise3.golden" >"$work/stale.golden"
"$bin/solution3_golden_test" "$work/stale.golden" >"$work/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "golden test with notes the manifest does not have: exit $rc, expected 1"
grep -q "exercises/manifest.json" "$work/out" || fail "stale notes: the manifest is not named: $(cat "$work/out")"
echo "ok: a golden file with notes the manifest does not have fails"

if [ $failures -ne 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "all bad-input checks passed"
