#!/usr/bin/env bash
# Exercise 7 from the command line: bad flags and missing or broken MNIST give one clear line
# and the right exit status and leave no files; without MNIST the golden test reports
# "skipped" with the fetch command (never "passed"); the untouched skeleton is "not attempted
# yet"; --csv carries the numbers scripts need; --from-checkpoint redraws without training;
# checkpoints and logs go to runs/ beside the plot folder, never into it.
#   usage: bad_input_ex7.sh BUILD_DIR
set -uo pipefail
source "$(dirname "$0")/common.sh" "$1"
# The runs folder follows --plot-dir (runs/ beside it) unless this says otherwise.
unset VAE_RUNS_DIR
root=$(cd "$(dirname "$0")/../.." && pwd)
# ... so every run here names its plot folder: the tree's runs/ holds the student's records.
tree_runs_before=$(ls -l --time-style=full-iso "$root/runs" 2>/dev/null)
# A short training and a small evaluation: the importance-weighted estimate and t-SNE at their
# defaults would take most of each run's time here.
base=(--epochs 1 --train-subset 500 --test-subset 200)
quick=("${base[@]}" --iw-samples 10 --iw-images 40 --tsne-images 100)

expect_error 2 solution7 --arch --arch 784-100-2
expect_error 2 solution7 --dataset --dataset cifar
expect_error 2 solution7 --epochs --epochs 0
expect_error 2 solution7 "--epochs expects a positive integer (1 to 10000), got '10001'" --epochs 10001
expect_error 2 solution7 "--beta-warmup expects a non-negative integer (0 to 10000)" --beta-warmup 2000000000
expect_error 2 solution7 "--train-subset expects a positive integer (1 to 60000)" --train-subset 60001
expect_error 2 solution7 "--test-subset expects a positive integer (1 to 10000)" --test-subset 10001
expect_error 2 solution7 "--batch-size expects a positive integer (1 to 60000)" --batch-size 2000000000
expect_error 2 solution7 --beta --beta -1
expect_error 2 solution7 --beta-warmup --beta-warmup -2
expect_error 2 solution7 --lr --lr 0
expect_error 2 solution7 --batch-size --batch-size 1000 --train-subset 500
expect_error 2 solution7 --test-subset --test-subset 5
expect_error 2 solution7 "unexpected argument 'yes'" --from-checkpoint yes   # a switch takes no value
# The evaluation flags: each within its range, and the importance weights (images x K doubles)
# within memory.
expect_error 2 solution7 "--iw-samples expects a positive integer (1 to 100000), got '0'" --iw-samples 0
expect_error 2 solution7 "--iw-samples expects a positive integer (1 to 100000), got 'many'" --iw-samples many
expect_error 2 solution7 "--iw-images expects a positive integer (1 to 10000), got '10001'" --iw-images 10001
expect_error 2 solution7 "--tsne-images expects an integer (100 to 5000), got '50'" --tsne-images 50
expect_error 2 solution7 "--tsne-images expects an integer (100 to 5000), got '5001'" --tsne-images 5001
expect_error 2 solution7 "--iw-samples expects at most 40000 with 500 images" --iw-samples 50000
expect_error 2 solution7 "unexpected argument 'yes'" --no-animation yes
expect_error 2 solution7 --iw-images --iw-images
expect_error 2 exercise7 --arch --arch 784-100-2     # the student's program refuses the same way
expect_error 2 exercise7 --iw-samples --iw-samples 0

# No MNIST: exit 1 and the command that fetches it.
mkdir -p "$work/empty"
expect_error 1 solution7 "scripts/fetch-mnist" --data-dir "$work/empty" "${quick[@]}"

# Broken MNIST (a truncated image file): exit 1 naming the file.
mkdir -p "$work/broken/mnist"
if [ -f "$root/data/mnist/train-images-idx3-ubyte" ]; then
  for f in train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    ln -s "$root/data/mnist/$f" "$work/broken/mnist/$f"
  done
  head -c 100000 "$root/data/mnist/train-images-idx3-ubyte" >"$work/broken/mnist/train-images-idx3-ubyte"
  expect_error 1 solution7 "train-images-idx3-ubyte" --data-dir "$work/broken" "${quick[@]}"
fi

# The golden test without MNIST: skipped (77) with the fetch command, never passed. The golden
# file's params become flags, so a copy with a data-dir param points it at an empty folder.
golden="$root/golden/exercise7.golden"
if [ -f "$golden" ]; then
  awk -v dir="$work/empty" '{ print } /^param / && !done { print "param data-dir " dir; done = 1 }' \
    "$golden" >"$work/nodata.golden"
  "$bin/solution7_golden_test" "$work/nodata.golden" >"$work/out" 2>&1
  rc=$?
  [ $rc -eq 77 ] || fail "golden test without MNIST: exit $rc, expected 77: $(cat "$work/out")"
  grep -q "skipped: MNIST is not in .*fetch it with scripts/fetch-mnist" "$work/out" ||
    fail "golden test without MNIST: message: $(cat "$work/out")"
  echo "ok: golden test without MNIST -> exit $rc, $(cat "$work/out")"
fi

if [ ! -f "$root/data/mnist/train-images-idx3-ubyte" ]; then
  echo "note: MNIST is not in data/mnist (scripts/fetch-mnist); the checks that train are skipped"
  [ "$(ls -l --time-style=full-iso "$root/runs" 2>/dev/null)" = "$tree_runs_before" ] ||
  fail "a run wrote into the tree's runs/: $(ls -l "$root/runs")"

[ $failures -eq 0 ] && echo "all exercise 7 command-line checks passed" || echo "$failures exercise 7 check(s) FAILED"
  exit $((failures > 0))
fi

# The untouched skeleton: "not attempted yet", status 77.
"$bin/exercise7" --no-plots "${quick[@]}" >"$work/out" 2>"$work/err"
rc=$?
if grep -q "not attempted yet" "$work/err"; then
  [ $rc -eq 77 ] || fail "exercise7 skeleton: exit $rc, expected 77"
  echo "ok: exercise7 skeleton -> $(tail -n 1 "$work/err")"
else
  echo "note: exercise7 is attempted already (exit $rc); skeleton check skipped"
fi

only_with_solutions   # a student edition stops here (tests/cli/common.sh)

# --csv: only quantity,value lines on stdout (the epoch table goes to stderr), with the
# numbers the race reads. (--plot-dir: its run record goes beside it, not into the tree's runs/.)
"$bin/solution7" --plot-dir "$work/csv-plots" --csv --no-plots "${quick[@]}" >"$work/out" 2>"$work/err" || fail "solution7 --csv: $(cat "$work/err")"
[ "$(head -n 1 "$work/out")" = "quantity,value" ] || fail "--csv header: $(head -n 1 "$work/out")"
for q in test_elbo test_recon test_kl seconds_per_epoch peak_rss_mb clustering_accuracy; do
  grep -Eq "^$q,-?[0-9.e+-]+$" "$work/out" || fail "--csv lacks $q"
done
[ "$(grep -vc ',' "$work/out")" -eq 0 ] || fail "--csv printed lines that are not quantity,value"
grep -q "test recon" "$work/err" || fail "--csv: the epoch table is not on stderr"
echo "ok: --csv ($(($(wc -l <"$work/out") - 1)) quantities)"

# A run with plots saves the model and the log in runs/ beside the plot folder, named by the
# data set, the latent size and a hash of every setting that shapes the weights;
# --from-checkpoint then redraws every plot without training and reports the same test numbers.
# A reference solution draws into the reference/ subfolder of the plot folder.
plots="$work/plots"
drawn="$plots/reference"
runs="$work/runs"
"$bin/solution7" --plot-dir "$plots" --csv "${quick[@]}" >"$work/trained.csv" 2>"$work/err" ||
  fail "solution7 with plots: $(cat "$work/err")"
ckpt=$(ls "$runs" | grep -E '^exercise7_mnist_2d_[0-9a-f]{12}\.ckpt$')
[ "$(echo "$ckpt" | grep -c .)" -eq 1 ] || fail "expected one exercise7_mnist_2d_<hash>.ckpt in $runs, got: $(ls "$runs")"
run=${ckpt%.ckpt}
for f in "$run.ckpt" "${run}_epochs.csv"; do
  [ -s "$runs/$f" ] || fail "no $f in $runs after a run with plots"
done
for f in exercise7_mnist_2d_loss.png exercise7_mnist_2d_reconstructions.png exercise7_mnist_2d_samples.png \
         exercise7_mnist_2d_latent.png exercise7_mnist_2d_manifold.png exercise7_mnist_2d_latent_before_after.png \
         exercise7_mnist_2d_clusters.png exercise7_mnist_2d_likelihood.png \
         exercise7_mnist_2d_kl_per_dimension.png; do
  [ -s "$drawn/$f" ] || fail "no $f after a run with plots"
done
ls -R "$plots" | grep -Eq '\.(ckpt|csv)$' && fail "a checkpoint or log in the plot folder: $(ls -R "$plots")"
# The training GIF, without gnuplot's "N frames in animation sequence" on stderr.
[ -s "$drawn/exercise7_mnist_2d_training.gif" ] || fail "no training GIF after a run with plots"
grep -q "frames in animation" "$work/err" && fail "gnuplot's frame count reached stderr: $(grep frames "$work/err")"
[ "$(wc -l <"$runs/${run}_epochs.csv")" -eq 2 ] || fail "the log of 1 epoch is not a header and 1 row"
rm -f "$drawn"/*.png
"$bin/solution7" --plot-dir "$plots" --csv --from-checkpoint "${quick[@]}" >"$work/loaded.csv" 2>"$work/err" ||
  fail "--from-checkpoint: $(cat "$work/err")"
grep -q "test recon" "$work/err" && fail "--from-checkpoint trained again"
[ "$(ls "$drawn"/*.png 2>/dev/null | wc -l)" -eq 9 ] || fail "--from-checkpoint did not redraw the 9 plots"
# The training numbers come back from the log (9 significant digits); the test numbers are
# computed afresh from the saved model and must match to the last bit.
grep -q "^train_total," "$work/loaded.csv" || fail "--from-checkpoint: no train_total from the log"
for q in test_elbo test_recon test_kl clustering_accuracy kmeans_inertia test_nll_iw kl_dim_1; do
  [ "$(grep "^$q," "$work/trained.csv")" = "$(grep "^$q," "$work/loaded.csv")" ] ||
    fail "--from-checkpoint: $q differs: $(grep "^$q," "$work/trained.csv") vs $(grep "^$q," "$work/loaded.csv")"
done
echo "ok: --from-checkpoint redraws the plots with the same test numbers"

# The evaluation flags change the report, not the training: --no-animation draws no GIF, and
# the estimate uses the images and samples asked for.
"$bin/solution7" --plot-dir "$work/noanim" --csv --no-animation --iw-samples 20 --iw-images 50 --tsne-images 100 "${base[@]}" \
  >"$work/out" 2>"$work/err" || fail "solution7 --no-animation: $(cat "$work/err")"
[ -e "$work/noanim/reference/exercise7_mnist_2d_training.gif" ] && fail "--no-animation drew the training GIF"
[ -s "$work/noanim/reference/exercise7_mnist_2d_loss.png" ] || fail "--no-animation drew no other plots"
grep -qx "iw_samples,20" "$work/out" || fail "--iw-samples 20: $(grep iw_samples "$work/out")"
grep -qx "iw_images,50" "$work/out" || fail "--iw-images 50: $(grep iw_images "$work/out")"
grep -q "^test_nll_iw_k10," "$work/out" || fail "--iw-samples 20: no estimate at K = 10"
echo "ok: --no-animation draws no GIF; --iw-samples 20 --iw-images 50 are what the report says"
expect_error 1 solution7 "no checkpoint" --from-checkpoint --arch 784-400-20 "${quick[@]}"

# --from-checkpoint with any setting that shapes the weights or the log other than the saved
# run's finds no checkpoint, rather than reporting the saved model as trained with them.
for other in "--seed 7" "--epochs 2" "--lr 0.002" "--batch-size 64" "--beta 0.5" "--beta-warmup 0" \
             "--train-subset 400" "--test-subset 100" "--arch 784-400-20"; do
  # shellcheck disable=SC2086  # $other is a flag and its value
  expect_error 1 solution7 "no checkpoint trained with these settings" --plot-dir "$plots" --from-checkpoint \
    "${quick[@]}" $other
  case $other in
    --arch*) ;;
    *) grep -qF "(the folder holds 1 checkpoint of MNIST 784-512-256-2 with other settings)" "$work/err" ||
         fail "$other: the message does not mention the checkpoint of other settings: $(cat "$work/err")" ;;
  esac
done
# The same values written otherwise are the same settings.
"$bin/solution7" --plot-dir "$plots" --csv --from-checkpoint "${quick[@]}" --lr 1e-3 --beta 1.0 >/dev/null \
  2>"$work/err" || fail "--from-checkpoint --lr 1e-3 --beta 1.0 did not find the run of --lr 0.001 --beta 1"

# A run that diverges keeps no checkpoint and no log, not even ones an earlier run with the
# same settings left (planted here under the name those settings use), and no temporary file;
# the other run's files stay as they were.
diverge=(--lr 10 --epochs 5 --train-subset 500 --test-subset 200)
"$bin/solution7" --plot-dir "$plots" --from-checkpoint "${diverge[@]}" >/dev/null 2>"$work/err"
stale=$(grep -oE "$runs/exercise7_mnist_2d_[0-9a-f]{12}\.ckpt" "$work/err" | head -n 1)
if [ -z "$stale" ] || [ "$stale" = "$runs/$run.ckpt" ]; then
  fail "no checkpoint name of its own for the diverging settings: $(cat "$work/err")"
else
  cp "$runs/$run.ckpt" "$stale"
  cp "$runs/${run}_epochs.csv" "${stale%.ckpt}_epochs.csv"
  before=$(cd "$runs" && md5sum "$run.ckpt" "${run}_epochs.csv")
  "$bin/solution7" --plot-dir "$plots" --csv "${diverge[@]}" >"$work/out" 2>"$work/err"
  rc=$?
  [ $rc -eq 1 ] || fail "a diverging run: exit $rc, expected 1"
  # The epoch table goes to stderr with --csv; the message is its last line.
  tail -n 1 "$work/err" | grep -q "training stopped: .* no checkpoint or log kept for these settings" ||
    fail "a diverging run: message: $(tail -n 1 "$work/err")"
  [ -s "$work/out" ] && fail "a diverging run printed numbers: $(head -c 200 "$work/out")"
  [ -e "$stale" ] && fail "a diverged run left the checkpoint of its settings"
  [ -e "${stale%.ckpt}_epochs.csv" ] && fail "a diverged run left the log of its settings"
  ls "$runs" | grep -q tmp && fail "temporary files left in $runs: $(ls "$runs")"
  [ "$(cd "$runs" && md5sum "$run.ckpt" "${run}_epochs.csv")" = "$before" ] ||
    fail "a diverged run changed another run's files"
fi
# ... and into a fresh folder it leaves no plot folder and no runs folder at all.
mkdir "$work/fresh"
"$bin/solution7" --plot-dir "$work/fresh/plots" --csv "${diverge[@]}" >/dev/null 2>"$work/err"
rc=$?
[ $rc -eq 1 ] || fail "a diverging run into a fresh folder: exit $rc, expected 1"
[ -n "$(ls -A "$work/fresh")" ] && fail "a diverging run left in $work/fresh: $(ls -A "$work/fresh")"
echo "ok: a diverging run keeps no checkpoint, no log and no folder -> $(tail -n 1 "$work/err")"

[ "$(ls -l --time-style=full-iso "$root/runs" 2>/dev/null)" = "$tree_runs_before" ] ||
  fail "a run wrote into the tree's runs/: $(ls -l "$root/runs")"

[ $failures -eq 0 ] && echo "all exercise 7 command-line checks passed" || echo "$failures exercise 7 check(s) FAILED"
exit $((failures > 0))
