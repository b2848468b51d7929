#!/usr/bin/env python3
"""exercises/manifest.json, the one list of the workbook's exercises, for scripts and the shell.

    python3 scripts/manifest.py numbers                the exercise numbers, in order, on one line
    python3 scripts/manifest.py field NAME [N ...]     one line "N VALUE" for each exercise N (every
                                                       exercise when none is named) whose field
                                                       NAME is set and not empty, e.g. "field fetch"

CMake reads the manifest itself (CMakeLists.txt); ./workbook and tests/cli/*.sh ask this
script; scripts/grade.py and scripts/manifest-table import it. A manifest that cannot be read
gets one line on stderr naming the file, the line or the exercise, and exit status 1; a bad
argument exit status 2. Python 3 standard library only.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "exercises" / "manifest.json"


class ManifestError(Exception):
    """The manifest cannot be used: one line for stderr."""


def load(path=MANIFEST, required=("number",)):
    """The exercises in order of number, each a dict, with every field in REQUIRED checked."""
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{name} is missing")
    except json.JSONDecodeError as e:
        raise ManifestError(f"{name} line {e.lineno}: not valid JSON: {e.msg}")
    exercises = data.get("exercises") if isinstance(data, dict) else None
    if not isinstance(exercises, list) or not exercises:
        raise ManifestError(f'{name}: expected an object with a non-empty "exercises" list')
    seen = set()
    for k, e in enumerate(exercises):
        n = e.get("number") if isinstance(e, dict) else None
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ManifestError(f'{name}: entry {k + 1} of "exercises" has no "number" (a positive integer)')
        if n in seen:
            raise ManifestError(f"{name}: exercise {n} is listed twice")
        seen.add(n)
        for field in required:
            if field not in e:
                raise ManifestError(f'{name}: exercise {n} has no "{field}"')
    return sorted(exercises, key=lambda e: e["number"])


def main(argv):
    usage = "usage: scripts/manifest.py numbers | field NAME [N ...]"
    if not argv or argv[0] not in ("numbers", "field") or (argv[0] == "field" and len(argv) < 2):
        sys.stderr.write(f"manifest: expected a command, got '{' '.join(argv)}' ({usage})\n")
        return 2
    command, args = argv[0], argv[1:]
    try:
        exercises = load()
    except ManifestError as e:
        sys.stderr.write(f"manifest: {e}\n")
        return 1
    numbers = [e["number"] for e in exercises]
    if command == "numbers":
        if args:
            sys.stderr.write(f"manifest: numbers takes no arguments, got '{' '.join(args)}'\n")
            return 2
        print(" ".join(str(n) for n in numbers))
        return 0
    field, args = args[0], args[1:]
    wanted = set(numbers)
    if args:
        bad = [a for a in args if not a.isdigit() or int(a) not in wanted]
        if bad:
            sys.stderr.write(f"manifest: field {field}: expected exercise numbers from {numbers}, got '{bad[0]}'\n")
            return 2
        wanted = {int(a) for a in args}
    for e in exercises:
        value = e.get(field)
        if e["number"] in wanted and value not in (None, "", []):
            print(e["number"], value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
