#!/usr/bin/env python3
"""Scores every exercise of this workbook by its golden test, for instructors.

usage: scripts/grade.py [--json FILE] [--build DIR] [--no-build] [--timeout SECONDS]

Each exercise N of exercises/manifest.json is graded by its golden test,
DIR/exerciseN_golden_test, run against golden/exerciseN.golden of this tree (the test
`ctest -R '^exerciseN$'` runs): it scores its weight (1 unless WEIGHTS below says otherwise)
when it passes, and 0 when it fails, is skipped (a TODO unwritten, or data such as MNIST
missing on this machine), crashes, runs out of time or does not compile. Its name in the
results is the manifest's title.

Before grading, every exerciseN_golden_test is brought up to date, so that the grade is of the
exercise files as they are now: all of them in one parallel build that goes on past errors,
then each with `cmake --build DIR --target exerciseN_golden_test`. An exercise that does not
compile scores 0 with the compiler's messages. --no-build grades the
programs already in DIR as they are.

Without --json it prints a table. With --json FILE it writes FILE in the results format of
Gradescope's autograder (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
one entry in "tests" per exercise, with name, number, score, max_score, status ("passed" or
"failed"), and as output the golden test's full output (the table of expected, got,
difference and tolerance) followed by a one-line verdict; "extra_data" says which outcome it
was (passed, failed, skipped, not attempted, ...). FILE is written whole or not at all.

On Gradescope, run_autograder would copy the submitted exercises/exerciseN.cpp into a student
edition (scripts/export-student) or this tree, configure it (cmake -S TREE -B TREE/build) and
run TREE/scripts/grade.py --json /autograder/results/results.json.

Exit status: 0 when every exercise was graded (whatever the scores), 1 when grading could not
be done (no build folder, FILE not writable, ...), 2 for a bad flag.

Python 3 standard library only. DIR defaults to build/ of this tree.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
import manifest  # noqa: E402  (scripts/manifest.py: the exercises and their titles)

# Points per exercise; an exercise not listed is worth DEFAULT_WEIGHT.
DEFAULT_WEIGHT = 1.0
WEIGHTS = {}  # e.g. {6: 2.0, 7: 3.0, 8: 2.0}

DEFAULT_TIMEOUT = 900  # seconds per golden test; a reference run takes at most a minute
BUILD_OUTPUT_LINES = 80  # of a failed compile, the last lines go into the output


class GradeError(Exception):
    """Grading cannot be done at all: one line for stderr."""


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        sys.stderr.write(f"grade: {message} (see --help)\n")
        sys.exit(2)


def parse_args(argv):
    p = Parser(prog="scripts/grade.py", description=__doc__.split("\n\n", 1)[0],
               formatter_class=argparse.RawDescriptionHelpFormatter,
               epilog=__doc__.split("\n\n", 2)[2])
    p.add_argument("--json", metavar="FILE", help="write Gradescope's results.json format to FILE")
    p.add_argument("--build", metavar="DIR", default=os.path.join(ROOT, "build"),
                   help="the CMake build folder (default: build/ of this tree)")
    p.add_argument("--no-build", action="store_true",
                   help="grade the programs in DIR as they are, without building them first")
    p.add_argument("--timeout", metavar="SECONDS", type=float, default=DEFAULT_TIMEOUT,
                   help=f"time limit of each golden test (default {DEFAULT_TIMEOUT})")
    args = p.parse_args(argv)
    if not args.timeout > 0:
        p.error(f"--timeout expects a positive number of seconds, got {args.timeout:g}")
    return args


def exercises():
    """(number, title) of every exercise of exercises/manifest.json, in order."""
    try:
        return [(e["number"], e["title"]) for e in manifest.load(required=("number", "title"))]
    except manifest.ManifestError as e:
        raise GradeError(str(e))


def check_build_dir(build, no_build):
    if not os.path.isdir(build):
        raise GradeError(f"no build folder {build}: configure and build first "
                         f"(./workbook test, or cmake -S {ROOT} -B {build})")
    if not no_build and not os.path.isfile(os.path.join(build, "CMakeCache.txt")):
        raise GradeError(f"{build} is not a CMake build folder (no CMakeCache.txt); "
                         f"configure it with cmake -S {ROOT} -B {build}, or grade as it is with --no-build")


def open_output(path):
    """A temporary file beside PATH, made now so that an unwritable PATH is found before grading."""
    path = os.path.abspath(path)
    if os.path.isdir(path):
        raise GradeError(f"--json {path} is a folder")
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        raise GradeError(f"--json {path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=os.path.basename(path) + ".tmp.")
    except OSError as e:
        raise GradeError(f"--json {path}: cannot write in {folder}: {e.strerror}")
    return path, fd, tmp


def signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def build(build_dir, target):
    """None when TARGET is up to date, else the tail of the build's messages."""
    jobs = str(os.cpu_count() or 2)
    r = subprocess.run(["cmake", "--build", build_dir, "--target", target, "-j", jobs],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, errors="replace")
    if r.returncode == 0:
        return None
    lines = r.stdout.rstrip("\n").split("\n")
    if len(lines) > BUILD_OUTPUT_LINES:
        lines = [f"[... {len(lines) - BUILD_OUTPUT_LINES} lines before these left out ...]"] + \
                lines[-BUILD_OUTPUT_LINES:]
    return "\n".join(lines)


def build_all(build_dir, targets):
    """Builds TARGETS in one parallel run that goes on past a file that does not compile, so that
    the per-exercise builds after it only have to report. Its own result does not matter: each
    exercise's build says whether that exercise compiles."""
    keep_going = []
    try:
        with open(os.path.join(build_dir, "CMakeCache.txt"), errors="replace") as cache:
            generator = next((line.split("=", 1)[1].strip() for line in cache
                              if line.startswith("CMAKE_GENERATOR:")), "")
    except OSError:
        generator = ""
    if generator == "Ninja":
        keep_going = ["--", "-k", "0"]
    elif "Makefiles" in generator:
        keep_going = ["--", "-k"]
    jobs = str(os.cpu_count() or 2)
    subprocess.run(["cmake", "--build", build_dir, "-j", jobs, "--target", *targets, *keep_going],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def grade_one(n, title, args):
    """One entry of "tests", plus a short note for the table."""
    name = f"exercise{n}"
    weight = float(WEIGHTS.get(n, DEFAULT_WEIGHT))
    golden = os.path.join(ROOT, "golden", f"{name}.golden")
    program = os.path.join(args.build, f"{name}_golden_test")
    output, exit_status = "", None

    def entry(result, verdict, passed=False):
        text = (output.rstrip("\n") + "\n\n" if output.strip() else "") + verdict
        return {
            "name": title,
            "number": str(n),
            "score": weight if passed else 0.0,
            "max_score": weight,
            "status": "passed" if passed else "failed",
            "output": text,
            "output_format": "text",
            "visibility": "visible",
            "extra_data": {"exercise": name, "result": result, "exit_status": exit_status},
        }, verdict

    if not args.no_build:
        print(f"grade: building {name}_golden_test", file=sys.stderr, flush=True)
        messages = build(args.build, f"{name}_golden_test")
        if messages is not None:
            output = messages
            return entry("does not compile",
                         f"{name}: does not compile (the build's messages are above); scored 0")
    if not os.path.isfile(program):
        return entry("not built", f"{name}: not built: there is no {program}; scored 0")
    if not os.path.isfile(golden):
        return entry("no golden file", f"{name}: there is no golden/{name}.golden to compare with; scored 0")

    def run():
        print(f"grade: running {name}_golden_test", file=sys.stderr, flush=True)
        return subprocess.run([program, golden], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              cwd=ROOT, timeout=args.timeout, text=True, errors="replace")
    try:
        r = run()
        # Where solutions/ is, a failing student test runs the reference's golden test to tell
        # the student's mistake from this machine's numbers; build that and ask again (a
        # reference that does not build is not the student's doing, so its messages are not
        # theirs either).
        if (r.returncode == 1 and not args.no_build
                and os.path.isfile(os.path.join(ROOT, "solutions", f"{name}.cpp"))):
            print(f"grade: building solution{n}_golden_test, the reference", file=sys.stderr, flush=True)
            if build(args.build, f"solution{n}_golden_test") is None:
                r = run()
    except subprocess.TimeoutExpired as e:
        out = e.stdout or ""
        output = out.decode(errors="replace") if isinstance(out, bytes) else out
        return entry("timed out", f"{name}: timed out after {args.timeout:g} s; scored 0")
    except OSError as e:
        return entry("did not run", f"{name}: {program} did not run: {e.strerror}; scored 0")
    output, exit_status = r.stdout, r.returncode

    if r.returncode == 0:
        return entry("passed", f"{name}: passed: every quantity matches golden/{name}.golden; "
                               f"scored {weight:g} of {weight:g}", passed=True)
    if r.returncode == 77:
        if "not attempted yet" in r.stdout:
            return entry("not attempted", f"{name}: skipped, not attempted yet (a TODO is unwritten); scored 0")
        return entry("skipped", f"{name}: skipped, it could not run on the grading machine "
                                f"(see the line above, e.g. data to fetch); scored 0")
    if r.returncode == 1:
        why = "the values marked FAIL differ from the golden file" if "FAILED: the values" in r.stdout \
            else "see the message above"
        return entry("failed", f"{name}: FAILED: {why}; scored 0")
    if r.returncode < 0:
        return entry("crashed", f"{name}: crashed ({signal_name(-r.returncode)}); scored 0")
    return entry("failed", f"{name}: FAILED with exit status {r.returncode}; scored 0")


def table(results):
    def points(score, total):
        return f"{score:g}/{total:g}"
    width = max(len(t["name"]) for t, _ in results)
    lines = [f"{'':2} {'exercise':<{width}}  {'score':>7}  result"]
    for t, _ in results:
        lines.append(f"{t['number']:>2} {t['name']:<{width}}  {points(t['score'], t['max_score']):>7}  "
                     f"{t['extra_data']['result']}")
    score = sum(t["score"] for t, _ in results)
    total = sum(t["max_score"] for t, _ in results)
    lines.append(f"{'':2} {'total':<{width}}  {points(score, total):>7}")
    return "\n".join(lines)


def main(argv):
    args = parse_args(argv)
    args.build = os.path.abspath(args.build)
    out = None
    try:
        check_build_dir(args.build, args.no_build)
        todo = exercises()
        if args.json:
            out = open_output(args.json)
        start = time.monotonic()
        if not args.no_build:
            print("grade: building every exercise's golden test", file=sys.stderr, flush=True)
            build_all(args.build, [f"exercise{n}_golden_test" for n, _ in todo])
        results = [grade_one(n, title, args) for n, title in todo]
        score = sum(t["score"] for t, _ in results)
        total = sum(t["max_score"] for t, _ in results)
        counts = {}
        for t, _ in results:
            counts[t["extra_data"]["result"]] = counts.get(t["extra_data"]["result"], 0) + 1
        summary = (f"Golden tests of {len(results)} exercises: score {score:g} of {total:g} ("
                   + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + ")")
        if out is None:
            print(table(results))
            return 0
        path, fd, tmp = out
        doc = {
            "score": score,
            "execution_time": round(time.monotonic() - start),
            "output": summary + "\n\n" + table(results),
            "visibility": "visible",
            "stdout_visibility": "hidden",
            "tests": [t for t, _ in results],
        }
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            out = (path, None, tmp)
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        out = None
        print(summary)
        print(f"grade: wrote {path}")
        return 0
    except GradeError as e:
        sys.stderr.write(f"grade: {e}\n")
        return 1
    except OSError as e:
        sys.stderr.write(f"grade: {e.filename or ''}{': ' if e.filename else ''}{e.strerror or e}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("grade: interrupted; nothing written\n")
        return 130
    finally:
        if out is not None:
            path, fd, tmp = out
            if fd is not None:
                os.close(fd)
            try:
                os.unlink(tmp)
            except OSError:
                pass


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
