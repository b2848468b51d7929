#!/usr/bin/env bash
# The skeletons in exercises/ must be unsolved: each one's golden test, run against
# golden/exerciseN.golden, must exit 77 and say "not attempted yet". A skeleton with an answer
# left in it (a TODO written out instead of vae::todo(...)) passes or fails its golden test
# instead, and so fails this check. (A skeleton that no longer compiles against its harness
# already breaks the build.) The exercises are those exercises/manifest.json lists.
#
# When it checks, and what: only the skeletons as the instructor committed them, never a
# student's work.
#   - Only where solutions/ exists, the instructor's repository. A student edition
#     (scripts/export-student) has no solutions/ and does not register this test; run there by
#     hand it reports skipped (77).
#   - Only in a git work tree (git installed): the skeletons are recognised by git, so a copy
#     without .git is skipped (77).
#   - Each exercises/exerciseN.cpp is checked only if it is byte for byte the file of the base
#     commit, and is otherwise reported as changed and left out. The base commit is HEAD or,
#     when the branch tracks an upstream (a clone of the instructor's repository), the commit
#     where the branch left it, `git merge-base HEAD @{upstream}`. So a student who edits
#     exercise 3, commits it or not, never sees this fail, while CI, which builds a commit of
#     the instructor's repository as it is, checks every skeleton. The price: an instructor's
#     own skeleton edits are checked only once committed and pushed (or on a branch with no
#     upstream, once committed).
#   - Exercise 7 needs MNIST before its first TODO: without data/mnist its golden test says
#     "skipped: MNIST ..." and that skeleton is reported as not checkable, not as failed.
# If no skeleton could be checked, the test reports skipped (77).
#   usage: skeletons_unsolved.sh BUILD_DIR
set -uo pipefail
bin=${1:?usage: skeletons_unsolved.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)

if [ ! -d "$root/solutions" ]; then
  echo "skipped: no solutions/ (a student edition); the skeleton check is the instructor's"
  exit 77
fi
if ! command -v git >/dev/null || ! git -C "$root" rev-parse -q --verify HEAD >/dev/null 2>&1; then
  echo "skipped: $root is not a git work tree with a commit, so the committed skeletons are unknown"
  exit 77
fi
base=HEAD
if upstream=$(git -C "$root" rev-parse -q --verify '@{upstream}' 2>/dev/null); then
  base=$(git -C "$root" merge-base HEAD "$upstream") || base=HEAD
  echo "base commit: $(git -C "$root" rev-parse --short "$base") (where HEAD left its upstream)"
else
  echo "base commit: HEAD ($(git -C "$root" rev-parse --short HEAD))"
fi

numbers=$(python3 "$root/scripts/manifest.py" numbers) || { echo "FAIL: cannot read exercises/manifest.json"; exit 1; }
failures=0 checked=0
for n in $numbers; do
  name=exercise$n
  rel=exercises/$name.cpp
  # Changed: differs from the base commit in the working tree (git diff also sees staged
  # changes), or is not in the base commit at all.
  if ! git -C "$root" cat-file -e "$base:$rel" 2>/dev/null; then
    echo "note: $rel is not in the base commit; not checked"
    continue
  fi
  if ! git -C "$root" diff --quiet "$base" -- "$rel"; then
    echo "note: $rel differs from the base commit (being worked on); not checked"
    continue
  fi
  test_program=$bin/${name}_golden_test
  golden=$root/golden/exercise$n.golden
  if [ ! -x "$test_program" ]; then
    echo "FAIL: $name: $test_program is not built"
    failures=$((failures + 1))
    continue
  fi
  out=$(timeout 300 "$test_program" "$golden" 2>&1)
  rc=$?
  if [ $rc -eq 77 ] && grep -q "not attempted yet" <<<"$out"; then
    echo "ok: $name -> $(head -n 1 <<<"$out")"
    checked=$((checked + 1))
  elif [ $rc -eq 77 ] && grep -q ": skipped: " <<<"$out"; then
    echo "note: $name cannot be checked here: $(head -n 1 <<<"$out")"
  else
    echo "FAIL: $name: the skeleton $rel does not report \"not attempted yet\" (exit $rc); is an answer left in it?"
    sed 's/^/    /' <<<"$out" | head -n 40
    failures=$((failures + 1))
  fi
done

if [ $failures -ne 0 ]; then
  echo "$failures skeleton(s) not unsolved"
  exit 1
fi
if [ $checked -eq 0 ]; then
  echo "skipped: no skeleton could be checked"
  exit 77
fi
echo "all $checked checked skeletons are unsolved"
