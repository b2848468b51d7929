# Shared by the tests/cli/bad_input*.sh scripts; source it with the build folder:
#   source "$(dirname "$0")/common.sh" "$1"
# It sets $bin (the build folder), $work (a temporary folder removed on exit), $failures,
# and the checks below.
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# A student edition (scripts/export-student) has no solutions/ and so no solutionN programs:
# there solutionN runs the student's exerciseN (flags and bad input are refused the same way),
# and the checks that need a finished program end at only_with_solutions.
if [ ! -d "$(dirname "${BASH_SOURCE[0]}")/../../solutions" ]; then
  student_edition=1
  mkdir "$work/bin"
  for program in "$bin"/exercise*; do
    ln -s "$program" "$work/bin/${program##*/}"
    ln -s "$program" "$work/bin/solution${program##*/exercise}"
  done
  bin=$work/bin
  echo "note: a student edition: solutionN below is the student's exerciseN"
fi
only_with_solutions() {
  [ -z "${student_edition:-}" ] && return 0
  echo "note: the checks that follow need the reference solutions; a student edition has none"
  [ $failures -eq 0 ] && echo "all checks of a student edition passed" || echo "$failures check(s) FAILED"
  exit $((failures > 0))
}

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_error STATUS PROGRAM TEXT ARGS... : that exit status, one line on stderr containing
# TEXT, nothing on stdout, no plot folder.
expect_error() {
  local status=$1 program=$2 text=$3; shift 3
  local plots="$work/plots-$RANDOM"
  "$bin/$program" --plot-dir "$plots" "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  local lines; lines=$(wc -l <"$work/err")
  [ $rc -eq "$status" ] || fail "$program $*: exit $rc, expected $status"
  [ "$lines" -eq 1 ] || fail "$program $*: expected one line on stderr, got $lines: $(cat "$work/err")"
  grep -qF -- "$text" "$work/err" || fail "$program $*: message lacks '$text': $(cat "$work/err")"
  [ -s "$work/out" ] && fail "$program $*: printed to stdout: $(head -c 200 "$work/out")"
  [ -e "$plots" ] && fail "$program $*: created $plots"
  echo "ok: $program $* -> $(cat "$work/err")"
}

# expect_usage_error PROGRAM FLAG ARGS... : a bad flag, so exit 2 and a line naming FLAG.
expect_usage_error() { expect_error 2 "$@"; }
