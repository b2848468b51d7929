#!/usr/bin/env bash
# Exercise 6 from the command line: bad flags and bad data give one clear line and the right
# exit status and leave no files; the student's untouched skeleton is "not attempted yet";
# --csv and the plots come out as promised; a negative loss is detected and explained.
#   usage: bad_input_ex6.sh BUILD_DIR
set -uo pipefail
source "$(dirname "$0")/common.sh" "$1"
quick=(--epochs 2 --demo-epochs 2)

expect_error 2 solution6 --dataset --dataset iris2
expect_error 2 solution6 --scaling --scaling zscore
expect_error 2 solution6 --likelihood --likelihood poisson
expect_error 2 solution6 --epochs --epochs 0
expect_error 2 solution6 --sigma --sigma 0
expect_error 2 solution6 --lr --lr -0.1
expect_error 2 solution6 --latent --latent 0
expect_error 2 solution6 "--latent expects a positive integer (1 to 4096), got '2000000000'" --latent 2000000000
expect_error 2 solution6 "--epochs expects a positive integer (1 to 10000)" --epochs 10001
expect_error 2 solution6 "--demo-epochs expects a positive integer (1 to 10000)" --demo-epochs 2000000000
expect_error 2 solution6 --beta-low --beta-low 1        # must be the beta < 1 model
expect_error 2 solution6 --beta-high --beta-high 0.5    # must be the beta > 1 model
expect_error 2 solution6 --beta --beta 2                # exercise 6 has --beta-low / --beta-high
expect_error 2 exercise6 --dataset --dataset iris2      # the student's program refuses the same way

# Data that are missing or broken: exit 1, the file named, nothing drawn.
expect_error 1 solution6 "$work/nowhere/iris.csv" --data-dir "$work/nowhere" "${quick[@]}"
mkdir -p "$work/broken"
sed '3s/3.0/three/' "$(dirname "$0")/../../data/iris.csv" >"$work/broken/iris.csv"
expect_error 1 solution6 "iris.csv" --data-dir "$work/broken" --dataset iris "${quick[@]}"
grep -q "iris.csv:3" "$work/err" || fail "broken iris.csv: line not named: $(cat "$work/err")"

# The untouched skeleton: "not attempted yet", status 77, for the program and its golden test.
"$bin/exercise6" --no-plots "${quick[@]}" >"$work/out" 2>"$work/err"
rc=$?
if grep -q "not attempted yet" "$work/err"; then
  [ $rc -eq 77 ] || fail "exercise6 skeleton: exit $rc, expected 77"
  echo "ok: exercise6 skeleton -> $(cat "$work/err")"
else
  echo "note: exercise6 is attempted already (exit $rc); skeleton check skipped"
fi

only_with_solutions   # a student edition stops here (tests/cli/common.sh)

# --csv: quantity,value lines with every model's numbers.
"$bin/solution6" --csv --no-plots "${quick[@]}" >"$work/out" 2>"$work/err" || fail "solution6 --csv: $(cat "$work/err")"
[ "$(head -n 1 "$work/out")" = "quantity,value" ] || fail "--csv header: $(head -n 1 "$work/out")"
for q in iris.beta1.test_recon iris.beta0.1.train_kl wine.beta4.active_dims wine.beta1.knn_accuracy \
         iris.lesson.standard_bernoulli.min_batch_loss; do
  grep -Eq "^$q,-?[0-9.e+-]+$" "$work/out" || fail "--csv lacks $q"
done
[ "$(grep -vc ',' "$work/out")" -eq 0 ] || fail "--csv printed lines that are not quantity,value"
echo "ok: --csv ($(($(wc -l <"$work/out") - 1)) quantities)"

# Standard scaling with BCE in the main runs: the negative loss is detected and explained.
"$bin/solution6" --no-plots --dataset iris --scaling standard --likelihood bernoulli --epochs 3 \
  --demo-epochs 2 >"$work/out" 2>"$work/err" || fail "standard + bernoulli run failed: $(cat "$work/err")"
grep -q "WARNING: iris.*went negative" "$work/out" || fail "negative main-run loss not reported"
grep -q "the 'loss' went NEGATIVE" "$work/out" || fail "scaling lesson not explained"
echo "ok: negative loss detected"

# A run that blows up stops with one line that says so, not with a NaN in the table.
expect_error 1 solution6 "training diverged" --dataset wine --scaling standard --likelihood bernoulli \
  --epochs 400 --lr 0.03 --demo-epochs 2

# The plots: seven PNGs per data set and nothing temporary beside them (a reference solution's
# go to the reference/ subfolder of the plot folder).
if command -v gnuplot >/dev/null; then
  plots="$work/plots-real/reference"
  "$bin/solution6" --plot-dir "${plots%/reference}" "${quick[@]}" >/dev/null 2>"$work/err" || fail "solution6 with plots: $(cat "$work/err")"
  for d in iris wine; do
    for f in loss latent reconstruction_pca scatter_matrix generated correlations anomaly; do
      png="$plots/exercise6_${d}_$f.png"
      [ -s "$png" ] || fail "solution6 did not write $png"
      head -c 8 "$png" | od -An -c | grep -q 'P   N   G' || fail "$png is not a PNG"
    done
  done
  [ "$(ls "$plots" | wc -l)" -eq 14 ] || fail "unexpected files in $plots: $(ls "$plots")"
  echo "ok: plots written: $(ls "$plots" | tr '\n' ' ')"
fi

[ $failures -eq 0 ] && echo "all exercise 6 bad-input checks passed"
exit $((failures > 0))
