#!/usr/bin/env bash
# Exercise 8's flags and outputs: bad values are refused with one line naming the flag
# (exit 2, nothing written), and a tiny run prints every quantity and writes its plots.
#   usage: bad_input_ex8.sh BUILD_DIR
set -uo pipefail
source "$(dirname "$0")/common.sh" "$1"

expect_usage_error solution8 --n --n 0
expect_usage_error solution8 "--n expects a positive integer (1 to 1000000), got '2000000000'" --n 2000000000
expect_usage_error solution8 "--test-n expects a positive integer (1 to 1000000)" --test-n 2000000000
expect_usage_error solution8 "--epochs expects a positive integer (1 to 10000)" --epochs 10001
expect_usage_error solution8 --test-n --test-n 5            # too few to correlate
expect_usage_error solution8 --epochs --epochs 0
expect_usage_error solution8 --beta --beta -1
expect_usage_error solution8 --shape --shape square
expect_usage_error solution8 --max-radius --max-radius 3    # below --min-radius 5
expect_usage_error solution8 --max-radius --max-radius 20   # cannot fit in 28 x 28
expect_usage_error solution8 --min-radius --min-radius 0
expect_usage_error solution8 --frobnicate --frobnicate
expect_usage_error exercise8 --shape --shape square         # the student's program refuses the same way

only_with_solutions   # a student edition stops here (tests/cli/common.sh)

# A tiny run: every quantity is printed as quantity,value with a finite number.
"$bin/solution8" --csv --no-plots --n 200 --test-n 50 --epochs 1 >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 0 ] || fail "solution8 tiny run: exit $rc: $(cat "$work/err")"
[ "$(head -n 1 "$work/out")" = "quantity,value" ] || fail "solution8 --csv header: $(head -n 1 "$work/out")"
for q in generator_max_pixel_diff ae_recon_mse ae_r_z1_x ae_r_z1_z2 vae_r_z2_y vae_best_rotation_deg \
         vae_canonical_r2 vae_test_kl vae_elbo_gap_rotate45; do
  grep -Eq "^$q,-?[0-9]" "$work/out" || fail "solution8 --csv lacks $q"
done
grep -Eiq 'nan|inf' "$work/out" && fail "solution8 --csv printed NaN or Inf: $(grep -Ei 'nan|inf' "$work/out")"
[ -s "$work/err" ] && fail "solution8 --csv wrote to stderr: $(cat "$work/err")"
echo "ok: --csv tiny run ($(($(wc -l <"$work/out") - 1)) quantities)"

# The student's skeleton: skipped (77) while its TODOs throw, or 0 when built from solutions/.
"$bin/exercise8" --no-plots --n 200 --test-n 50 --epochs 1 >"$work/out" 2>"$work/err"
rc=$?
if [ $rc -eq 77 ]; then
  grep -q "not attempted yet" "$work/err" || fail "exercise8: exit 77 without saying why: $(cat "$work/err")"
  echo "ok: exercise8 -> $(cat "$work/err")"
elif [ $rc -ne 0 ]; then
  fail "exercise8 tiny run: exit $rc: $(cat "$work/err")"
fi

# With gnuplot, the PNGs and the GIF appear (a reference solution's in the reference/ subfolder
# of the plot folder) and nothing temporary is left beside them.
plots="$work/plots-real/reference"
if command -v gnuplot >/dev/null; then
  "$bin/solution8" --plot-dir "${plots%/reference}" --n 200 --test-n 50 --epochs 1 >/dev/null 2>"$work/err" \
    || fail "solution8 with plots failed: $(cat "$work/err")"
  for f in exercise8_latent_vs_centre.png exercise8_ae_decoded_grid.png exercise8_vae_decoded_grid.png \
           exercise8_reconstructions.png exercise8_training.png; do
    [ -s "$plots/$f" ] || fail "solution8 did not write $f"
    head -c 8 "$plots/$f" | od -An -c | grep -q 'P   N   G' || fail "$f is not a PNG"
  done
  [ -s "$plots/exercise8_latent_sweep.gif" ] || fail "solution8 did not write exercise8_latent_sweep.gif"
  head -c 6 "$plots/exercise8_latent_sweep.gif" | grep -q 'GIF89a' || fail "exercise8_latent_sweep.gif is not a GIF"
  ls "$plots" | grep -q tmp && fail "temporary files left in $plots: $(ls "$plots")"
  grep -qi "gnuplot>" "$work/err" && fail "gnuplot complained: $(grep -i -A2 'gnuplot>' "$work/err" | head -5)"
  echo "ok: plots written: $(ls "$plots" | tr '\n' ' ')"
fi

if [ $failures -ne 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "all exercise 8 checks passed"
