# Shared by tests/cli/grade.sh, student_edition.sh and student_commands.sh; source it, then:
#   copy_work_tree ROOT DEST
# copies the files of the git work tree ROOT as they are now (tracked, and untracked ones git
# does not ignore; no build folders, plots or data/mnist) into the existing folder DEST.
copy_work_tree() {
  (cd "$1" && git ls-files -z --cached --others --exclude-standard |
     while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
     tar --null -T - -cf -) | tar -xf - -C "$2"
}

# lib_from ROOT BUILD TREE: the cmake flags with which the copy TREE links lib/ as BUILD (a
# build folder of ROOT) compiled it (VAE_LIB_FROM, lib/CMakeLists.txt) instead of compiling it
# again, which takes minutes: when BUILD has its libraries and TREE's lib/ is ROOT's; otherwise
# nothing, and the copy compiles its own. Like every test ctest runs, this takes BUILD to be
# up to date with ROOT. Says which on stderr.
lib_files() { (cd "$1/lib" && find . -type f -print0 | sort -z | xargs -0 sha1sum); }  # ROOT
lib_from() {
  local root=$1 build=$2 tree=$3 record=$2/vae-lib.cmake library libraries
  if [ -z "$build" ] || [ ! -f "$record" ]; then
    echo "note: lib/ is compiled afresh in the copy (no build folder with vae-lib.cmake given)" >&2
    return 0
  fi
  mapfile -t libraries < <(sed -n 's/^set(VAE_LIB_FILE_[a-z0-9_]* "\(.*\)")$/\1/p' "$record")
  for library in "${libraries[@]}"; do
    if [ ! -f "$library" ]; then
      echo "note: lib/ is compiled afresh in the copy ($library is not built)" >&2
      return 0
    fi
  done
  if [ "$(lib_files "$root")" != "$(lib_files "$tree")" ]; then
    echo "note: lib/ is compiled afresh in the copy (its lib/ differs from $root/lib)" >&2
    return 0
  fi
  echo "note: the copy links lib/ as $build compiled it" >&2
  echo "-DVAE_LIB_FROM=$build"
  sed -n 's/^set(VAE_LIB_BUILT_WITH "\(.*\)")$/\1/p' "$record" | tr ' ' '\n' | sed -n 's/^\(VAE_[A-Z]*=.*\)/-D\1/p'
}
