# Shared by tests/cli/grade.sh and student_edition.sh; source it, then:
#   copy_work_tree ROOT DEST
# copies the files of the git work tree ROOT as they are now (tracked, and untracked ones git
# does not ignore; no build folders, plots or data/mnist) into the existing folder DEST.
copy_work_tree() {
  (cd "$1" && git ls-files -z --cached --others --exclude-standard |
     while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
     tar --null -T - -cf -) | tar -xf - -C "$2"
}
