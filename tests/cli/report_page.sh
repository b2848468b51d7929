#!/usr/bin/env bash
# ./workbook report's page (scripts/report_page.py): exercises 1-5 run into a temporary folder,
# the page is written from their run records, headless Chromium renders it, and every image on
# it must have loaded. Bad input (a corrupt run record, a missing manifest) must give one line,
# exit status 1, and no page.
#   usage: report_page.sh BUILD_DIR
# VAE_REPORT_SCREENSHOT=FILE keeps a copy of the screenshot in FILE.
# Exit 77 (skipped) only when Chromium is missing and scripts/install-browser cannot install it.
set -uo pipefail
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if ! browser=$("$root/scripts/install-browser" 2>"$work/install.log"); then
  echo "skipped: no Chromium ($(tail -n 1 "$work/install.log"))"
  exit 77
fi
echo "browser: $browser"
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. A profile of its own
# in $work: nothing is left in the user's home, and parallel runs do not share a profile lock.
chrome() {
  XDG_CONFIG_HOME=$work/xdg XDG_CACHE_HOME=$work/xdg timeout 180 "$browser" --headless --no-sandbox \
    --disable-gpu --hide-scrollbars --user-data-dir="$work/chrome-profile" "$@" 2>>"$work/chrome.log"
}
page_report() { python3 "$root/scripts/report_page.py" "$@"; }

# Records follow the plot folder (runs/ beside it), so nothing here touches the project's runs/.
unset VAE_RUNS_DIR
plots=$work/plots runs=$work/runs
for n in 1 2 3 4 5; do
  "$bin/solution$n" --plot-dir "$plots" >/dev/null 2>"$work/err" || fail "solution$n: $(cat "$work/err")"
  [ -s "$runs/solution$n.json" ] || fail "solution$n left no record in $runs"
done
# The student's column: exercise 3 solved (the reference program under the student's name) and
# exercise 4 run with another seed, which must not be compared.
ln -s "$bin/solution3" "$work/exercise3"
ln -s "$bin/solution4" "$work/exercise4"
"$work/exercise3" --plot-dir "$plots" >/dev/null 2>"$work/err" || fail "exercise3: $(cat "$work/err")"
"$work/exercise4" --seed 7 --plot-dir "$plots" >/dev/null 2>"$work/err" || fail "exercise4: $(cat "$work/err")"

# A run that fails removes its program's old record: the page must not show it as a result.
echo '{"stale": true}' >"$runs/solution6.json"
"$bin/solution6" --plot-dir "$plots" --data-dir "$work/no-data" >/dev/null 2>&1 && fail "solution6 without data succeeded"
[ -e "$runs/solution6.json" ] && fail "a failed run of solution6 left its old record"

page=$plots/index.html
page_report --runs "$runs" --out "$page" >/dev/null 2>"$work/err" || fail "report_page.py: $(cat "$work/err")"
[ -s "$page" ] || { fail "no page written"; exit 1; }

# Every plot the runs drew is on the page, by a path relative to it: the student's in the plot
# folder, the reference's in its reference/ subfolder.
for png in "$plots"/*.png "$plots"/reference/*.png; do
  rel=${png#"$plots"/}
  grep -qF "src=\"$rel\"" "$page" || fail "the page lacks $rel"
done
pngs=("$plots"/reference/*.png)
[ ${#pngs[@]} -ge 6 ] || fail "the reference solutions 1-5 drew fewer than 6 plots: $(ls -R "$plots")"
# Each run's plots are its own: the page shows two images of each plot name of exercises 3 and
# 4, from two different files; exercise 4's (seed 7 against 42) must differ in content too, so
# that a page showing one run's picture twice fails here.
for name in exercise3_latent exercise3_reconstruction exercise4_latent_collapse exercise4_reconstruction; do
  mapfile -t srcs < <(grep -o "src=\"[^\"]*$name\.png\"" "$page" | sed 's/^src="//; s/"$//' | sort -u)
  if [ ${#srcs[@]} -ne 2 ]; then
    fail "the page shows ${#srcs[@]} files for $name.png, expected the reference's and yours: ${srcs[*]}"
    continue
  fi
  a=$plots/${srcs[0]} b=$plots/${srcs[1]}
  [ -s "$a" ] && [ -s "$b" ] || fail "$name.png: ${srcs[*]} are not both there"
  [ "$a" -ef "$b" ] && fail "$name.png: the reference's and yours are the same file"
  case $name in exercise4_*) cmp -s "$a" "$b" && fail "$name.png: seeds 7 and 42 drew the same picture" ;; esac
done
grep -q "it replaced" "$page" && fail "one run's plot replaced the other's: $(grep -o '[^>]*it replaced[^<]*' "$page")"
grep -q 'src="/' "$page" && fail "the page has an absolute image path"
grep -q 'L_recon' "$page" || fail "the page lacks exercise 3's table"
grep -Eq '([0-9]+) of \1 within the golden tolerance' "$page" || fail "exercise 3 (solved) does not match"
grep -qF "Your run used --seed 7, the reference run --seed 42: values not compared" "$page" \
  || fail "exercise 4 with another seed is not set apart"
grep -qF "./workbook run --reference 6" "$page" || fail "exercise 6 (not run) does not say how to run it"
# The docs links resolve from the page's folder.
links=$(grep -o 'href="[^"#]*\.md"' "$page" | sed 's/^href="//; s/"$//' | sort -u)
[ -n "$links" ] || fail "the page links no docs"
for link in $links; do
  (cd "$plots" && [ -f "$link" ]) || fail "the docs link $link leads nowhere"
done
echo "ok: page written with $(grep -c '<img ' "$page") images and $(echo "$links" | wc -l) docs links"

# A screenshot of the page as a browser draws it, tall enough to reach exercise 3, where the
# reference's plots and yours stand side by side.
chrome --screenshot="$work/page.png" --window-size=1280,5600 "file://$page" >/dev/null
head -c 8 "$work/page.png" 2>/dev/null | od -An -c | grep -q 'P   N   G' \
  || fail "no screenshot: $(tail -n 3 "$work/chrome.log")"
echo "ok: screenshot $(stat -c %s "$work/page.png" 2>/dev/null) bytes"
# To look at it: VAE_REPORT_SCREENSHOT=/tmp/page.png ctest -R report_page
if [ -n "${VAE_REPORT_SCREENSHOT:-}" ]; then
  cp "$work/page.png" "$VAE_REPORT_SCREENSHOT" && echo "screenshot kept in $VAE_REPORT_SCREENSHOT"
fi

# image_check PAGE: renders a copy of PAGE (beside it, so relative paths hold) with a script
# that lists each image as LOADED or BROKEN, and prints that list and CHECKED <count>.
image_check() {
  local copy=${1%.html}.check.html
  {
    sed '/<\/body>/,$d' "$1"
    cat <<'EOF'
<script>
window.addEventListener("load", function () {
  var lines = [];
  for (var img of document.images)
    lines.push((img.complete && img.naturalWidth > 0 ? "LOADED " : "BROKEN ") + img.getAttribute("src"));
  var pre = document.createElement("pre");
  pre.textContent = "\n" + lines.join("\n") + "\nCHECKED " + document.images.length + "\n";
  document.body.appendChild(pre);
});
</script>
</body>
</html>
EOF
  } >"$copy"
  chrome --dump-dom --virtual-time-budget=10000 "file://$copy" | grep -E '^(LOADED|BROKEN|CHECKED) '
  rm -f "$copy"
}

# The check can fail: an image that is not there is reported BROKEN.
sed 's|</body>|<img src="no-such-plot.png" alt="missing">\n</body>|' "$page" >"$plots/broken.html"
image_check "$plots/broken.html" >"$work/broken"
grep -q '^BROKEN no-such-plot.png' "$work/broken" || fail "the image check misses a broken image: $(cat "$work/broken")"
rm -f "$plots/broken.html"

image_check "$page" >"$work/images"
images=$(grep -c '<img ' "$page")
grep -q "^CHECKED $images\$" "$work/images" || fail "the image check did not run over $images images: $(cat "$work/images") $(tail -n 3 "$work/chrome.log")"
grep '^BROKEN' "$work/images" | while read -r _ src; do echo "FAIL: image did not load: $src"; done
grep -q '^BROKEN' "$work/images" && failures=$((failures + 1))
[ "$(grep -c '^LOADED' "$work/images")" -eq "$images" ] && echo "ok: all $images images loaded in Chromium"

# Bad input: one line naming the file, exit 1, and no page (an existing one left as it was).
expect_refused() {  # TEXT ARGS...
  local text=$1; shift
  local out=$work/refused/index.html
  rm -rf "$work/refused"
  page_report --out "$out" "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  [ $rc -eq 1 ] || fail "report_page.py $*: exit $rc, expected 1"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "report_page.py $*: not one line: $(cat "$work/err")"
  grep -qF -- "$text" "$work/err" || fail "report_page.py $*: message lacks '$text': $(cat "$work/err")"
  [ -e "$out" ] && fail "report_page.py $*: wrote a page"
  compgen -G "$work/refused/*tmp*" >/dev/null && fail "report_page.py $*: left a temporary file"
  echo "ok: $(cat "$work/err")"
}
cp -r "$runs" "$work/bad-runs"
echo '{"format": 1, "program": "solution2", "quantit' >"$work/bad-runs/solution2.json"
expect_refused "$work/bad-runs/solution2.json" --runs "$work/bad-runs"
echo '{"format": 1, "program": "solution2"}' >"$work/bad-runs/solution2.json"
expect_refused "solution2.json: not a run record" --runs "$work/bad-runs"
expect_refused "$work/no-manifest.json: cannot read" --runs "$runs" --manifest "$work/no-manifest.json"
echo '{"exercises": [{"number": "one"}]}' >"$work/manifest.json"
expect_refused "$work/manifest.json" --runs "$runs" --manifest "$work/manifest.json"

cp "$page" "$work/page-before"
page_report --runs "$work/bad-runs" --out "$page" >/dev/null 2>&1 && fail "a corrupt record was accepted"
cmp -s "$page" "$work/page-before" || fail "a refused run changed the existing page"

[ $failures -eq 0 ] && echo "all checks passed" || echo "$failures check(s) FAILED"
exit $((failures > 0))
