#!/usr/bin/env python3
"""The student's commands of ./workbook: status, check, hint, reset, watch and run.

    ./workbook status             build, run every golden test, say where each exercise stands
    ./workbook check N            build exercise N, run it, compare it with its golden file
    ./workbook hint N             the next hint for exercise N (one more on each call)
    ./workbook reset N [--yes]    put the skeleton of exercise N back (your file is backed up)
    ./workbook watch [N] [--once] [--interval SECONDS]
                                  check N on every save until it passes, then the next one
    ./workbook run [--reference] [N ...]
                                  run your programs (or, with --reference, the reference ones)

The exercises, their TODO labels and their hints are in exercises/manifest.json. The build
folder is build/ unless VAE_BUILD_DIR names another (relative to the repository or absolute);
a missing one is configured as ./workbook test does. State that is not the student's work (how
many hints were shown, backups made by reset) lives in .workbook/, which git ignores.

Exit status: 0 done (check and watch: the exercise passes), 1 not done (a check that fails or
is not attempted yet, a program that stopped, a reset refused), 2 bad usage. Python 3 standard
library only.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "exercises" / "manifest.json"
STATE_DIR = ROOT / ".workbook"
HINT_STATE = STATE_DIR / "hints.json"
BACKUP_DIR = STATE_DIR / "backup"
ANSWERS = ROOT / "exercises" / "answers.md"
NOT_ANSWERED = "_(not answered yet)_"
JOBS = str(os.cpu_count() or 2)


class Fail(Exception):
    """A one-line message for stderr and an exit status."""

    def __init__(self, message, status=1):
        super().__init__(message)
        self.status = status


def usage_error(message):
    return Fail(message, 2)


def rel(path):
    """A path as the student would type it from the repository's root."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# ---- the manifest ---------------------------------------------------------------------------

def load_manifest():
    try:
        data = json.loads(MANIFEST.read_text(encoding="utf-8"))
        exercises = {int(e["number"]): e for e in data["exercises"]}
    except FileNotFoundError:
        raise Fail(f"{rel(MANIFEST)} is missing")
    except (ValueError, KeyError, TypeError) as e:
        raise Fail(f"{rel(MANIFEST)} is not a valid manifest: {e}")
    return dict(sorted(exercises.items()))


def exercise_number(arg, command, exercises):
    """The exercise number the student typed, or a usage error naming what was wrong."""
    numbers = list(exercises)
    span = f"{numbers[0]} to {numbers[-1]}"
    if arg is None:
        raise usage_error(f"{command} needs an exercise number ({span}): ./workbook {command} N")
    if not re.fullmatch(r"[0-9]+", arg):
        raise usage_error(f"{command} expects an exercise number from {span}, got '{arg}'")
    n = int(arg)
    if n not in exercises:
        raise usage_error(f"there is no exercise {n}: the exercises are {span}")
    return n


def student_file(n):
    return ROOT / "exercises" / f"exercise{n}.cpp"


def has_solution(n):
    return (ROOT / "solutions" / f"exercise{n}.cpp").is_file()


# ---- counting TODO calls --------------------------------------------------------------------

def strip_comments_and_strings(source):
    """C++ source with comments, string and character literals blanked out, so that a TODO
    call commented out, or the word todo( inside a string, is not counted."""
    out = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        elif c == "R" and source.startswith('R"', i) and (i == 0 or not (source[i - 1].isalnum() or source[i - 1] == "_")):
            open_paren = source.find("(", i + 2)
            if open_paren < 0:
                i += 1
                continue
            close = ")" + source[i + 2:open_paren] + '"'
            j = source.find(close, open_paren)
            i = n if j < 0 else j + len(close)
            out.append('""')
        elif c == '"' or (c == "'" and not (i > 0 and source[i - 1].isalnum())):  # 1'000 is a number
            j = i + 1
            while j < n and source[j] != c and source[j] != "\n":
                j += 2 if source[j] == "\\" else 1
            i = j + 1
            out.append('""')
        else:
            out.append(c)
            i += 1
    return "".join(out)


TODO_CALL = re.compile(r"(?<![A-Za-z0-9_])todo(?:_number)?\s*\(")


def count_todo_calls(source):
    return len(TODO_CALL.findall(strip_comments_and_strings(source)))


def todo_progress(n, exercise):
    """(done, total): how many of the skeleton's TODO calls are gone from the student's file."""
    total = len(exercise["todos"])
    try:
        left = count_todo_calls(student_file(n).read_text(encoding="utf-8", errors="replace"))
    except FileNotFoundError:
        left = total
    return max(0, total - left), total


# ---- building -------------------------------------------------------------------------------

def build_dir():
    configured = os.environ.get("VAE_BUILD_DIR") or "build"
    path = Path(configured)
    return path if path.is_absolute() else ROOT / path


def ensure_configured():
    """Configure the build folder if it has never been, exactly as ./workbook test does."""
    bdir = build_dir()
    cache = bdir / "CMakeCache.txt"
    if not cache.is_file():
        print(f"Configuring {rel(bdir)} (cmake -S . -B {rel(bdir)} -DVAE_WERROR=ON) ...", file=sys.stderr)
        result = subprocess.run(["cmake", "-S", str(ROOT), "-B", str(bdir), "-DVAE_WERROR=ON"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stdout)
            raise Fail(f"cmake could not configure {rel(bdir)} (its output is above)")
        return
    home = re.search(r"^CMAKE_HOME_DIRECTORY:INTERNAL=(.*)$", cache.read_text(errors="replace"), re.M)
    if home and Path(home.group(1)).resolve() != ROOT:
        raise Fail(f"{rel(bdir)} is the build folder of {home.group(1)}, not of {ROOT}; "
                   f"point VAE_BUILD_DIR at this tree's build folder")


def build(targets, what):
    """Build the targets quietly. Returns (ok, output). Says what it is doing if it takes a while."""
    command = ["cmake", "--build", str(build_dir()), "-j", JOBS, "--target", *targets]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    captured = []
    reader = threading.Thread(target=lambda: captured.append(process.stdout.read()), daemon=True)
    reader.start()
    try:
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            print(f"Building {what} ...", file=sys.stderr, flush=True)
            process.wait()
    except BaseException:  # Ctrl-C: leave no build running behind us
        stop_process(process)
        raise
    reader.join()
    return process.returncode == 0, "".join(captured)


def targets_for(n, exercise, program=True):
    targets = [exercise["program"]] if program else []
    targets.append(f"{exercise['program']}_golden_test")
    if has_solution(n):  # the student's test runs the reference's when it fails
        targets.append(f"solution{n}_golden_test")
    return targets


def compile_errors(output, limit=60):
    """The part of a build log a student needs: the compiler's messages, not make's chatter."""
    lines = [line for line in output.splitlines()
             if not re.match(r"^(\[ *\d+%\]|gmake|make|Consolidate compiler|Scanning dependencies)", line)]
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines: cmake --build {rel(build_dir())} shows them all)"]
    return "\n".join(lines)


# ---- running programs and golden tests ------------------------------------------------------

NOT_ATTEMPTED = re.compile(r"not attempted yet(: | \()(TODO .*)$", re.M)


def todo_label(message):
    """'TODO 3a: affine — ...' from a program's not-attempted line ('...: not attempted yet:
    TODO 3a: ...') or a golden test's ('...: skipped, not attempted yet (TODO 3a: ...)')."""
    m = NOT_ATTEMPTED.search(message)
    if not m:
        return "TODO"
    label = m.group(2).rstrip()
    return label[:-1] if m.group(1) == " (" and label.endswith(")") else label


def run_program(argv, hide_not_attempted=True):
    """Run a program with its stdout on ours and its stderr copied through (the one-line
    'not attempted yet' message held back, as the caller says it). Returns (status, stderr)."""
    process = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True, errors="replace")
    kept = []
    try:
        for line in process.stderr:
            kept.append(line)
            if not (hide_not_attempted and "not attempted yet" in line):
                sys.stderr.write(line)
                sys.stderr.flush()
        return process.wait(), "".join(kept)
    except BaseException:
        stop_process(process)
        raise


def stop_process(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_golden(n, exercise):
    test = build_dir() / f"{exercise['program']}_golden_test"
    golden = ROOT / exercise["golden"]
    result = subprocess.run([str(test), str(golden)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace")
    return result.returncode, result.stdout


def failing_quantities(output):
    names = []
    for line in output.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[-1] == "FAIL":
            names.append(fields[0])
        elif "is reported but not in the golden file" in line:
            names.append(fields[0])
    if not names:
        m = re.search(r"FAILED: (.*)", output)
        if m:
            names.append(m.group(1).strip())
    return names


def reference_fails_too(output):
    return "reference solution fails this golden file" in output


def describe(n, exercise, status, output):
    """One status phrase from a golden test's exit status and output."""
    done, total = todo_progress(n, exercise)
    if status == 0:
        return "passed", "passed"
    if status == 77:
        if "not attempted yet" in output:
            if done == 0:
                return "not started", "not started"
            return "todo", f"in progress, {done} of {total} TODOs done (next: {todo_label(output).split(':')[0]})"
        reason = output.split("skipped:", 1)[-1].strip().splitlines()[0] if "skipped:" in output else output.strip()
        if done == 0:
            return "not started", f"not started (its test is skipped here: {reason})"
        return "skipped", f"skipped: {reason}"
    if status == 1:
        text = "failing: " + ", ".join(failing_quantities(output) or ["see ./workbook check %d" % n])
        if reference_fails_too(output):
            text += " (the reference solution fails here too: not your code, see docs/reproducibility.md)"
        return "failing", text
    if status < 0:
        return "crashed", f"crashed (signal {-status}): ./workbook check {n} shows more"
    return "failing", f"failing (exit status {status}): ./workbook check {n} shows more"


# ---- status ---------------------------------------------------------------------------------

def build_all(exercises, numbers, program=True, what="the exercises"):
    """Build every exercise's targets in one go; if that fails, find which exercises do not
    compile. Returns the set of those."""
    ensure_configured()
    targets = [t for n in numbers for t in targets_for(n, exercises[n], program)]
    ok, output = build(targets, what)
    if ok:
        return set()
    lib_ok, lib_output = build(["vae"], "the library")
    if not lib_ok:
        sys.stderr.write(compile_errors(lib_output) + "\n")
        raise Fail(f"the library (lib/) does not build, so no exercise can run; the errors are above "
                   f"(cmake --build {rel(build_dir())} shows them all)")
    broken = set()
    for n in numbers:
        ok, _ = build(targets_for(n, exercises[n], program), f"exercise {n}")
        if not ok:
            broken.add(n)
    return broken


def evaluate(n, exercise, broken):
    if n in broken:
        return "broken", f"does not compile: ./workbook check {n} shows the errors"
    return describe(n, exercise, *run_golden(n, exercise))


def answers_summary():
    """'k of m' for exercises/answers.md, or None when there is no such file."""
    if not ANSWERS.is_file():
        return None
    answered, missing, current, text = [], [], None, []
    for line in ANSWERS.read_text(encoding="utf-8", errors="replace").splitlines():
        begin = re.fullmatch(r"<!-- ANSWER (\S+) BEGIN -->", line.strip())
        end = re.fullmatch(r"<!-- ANSWER (\S+) END -->", line.strip())
        if begin:
            current, text = begin.group(1), []
        elif end and current == end.group(1):
            body = "\n".join(text).strip()
            (answered if body and body != NOT_ANSWERED else missing).append(current)
            current = None
        elif current is not None:
            text.append(line)
    total = len(answered) + len(missing)
    line = f"Written answers in {rel(ANSWERS)}: {len(answered)} of {total}"
    if missing:
        line += " (still to write: " + ", ".join(missing) + ")"
    return line


def cmd_status(args, exercises):
    if args:
        raise usage_error(f"status takes no arguments, got '{args[0]}'")
    numbers = list(exercises)
    broken = build_all(exercises, numbers)
    width = max(len(e["title"]) for e in exercises.values())
    next_up = None
    for n in numbers:
        kind, text = evaluate(n, exercises[n], broken)
        print(f"exercise {n}  {exercises[n]['title']:<{width}}  {text}", flush=True)
        if kind != "passed" and next_up is None:
            next_up = n
    print()
    if next_up is None:
        print(f"All {len(numbers)} exercises pass.")
    else:
        print(f"Next: exercise {next_up}, {exercises[next_up]['title']}: edit {rel(student_file(next_up))}, "
              f"then ./workbook check {next_up} (or ./workbook watch {next_up}); ./workbook hint {next_up} if stuck.")
    summary = answers_summary()
    if summary:
        print(summary)
    return 0


# ---- check ----------------------------------------------------------------------------------

def check(n, exercise):
    """Build, run and compare exercise n. Prints everything; returns True when it passes."""
    program = exercise["program"]
    ensure_configured()
    ok, output = build(targets_for(n, exercise), f"exercise {n}")
    if not ok:
        print(compile_errors(output))
        print(f"\nexercise {n} does not compile: the compiler's messages are above "
              f"(the first one is usually the one to fix).")
        return False

    flags = list(exercise.get("golden_flags", []))
    shown = " ".join([f"build/{program}" if build_dir() == ROOT / "build" else str(build_dir() / program), *flags])
    print(f"===== your program: {shown} =====", flush=True)
    status, err = run_program([str(build_dir() / program), *flags, "--plot-dir", str(ROOT / "plots")])
    done, total = todo_progress(n, exercise)
    if status == 77 and "not attempted yet" in err:
        print(f"not attempted yet: {todo_label(err)}")
        print(f"({done} of {total} TODOs of exercise {n} done; edit {rel(student_file(n))}, "
              f"and ./workbook hint {n} if you are stuck)")
        return False
    if status == 77:
        print(f"exercise {n} is skipped: the program's message above says what it needs.")
        return False
    if status != 0:
        print(f"\nexercise {n}: your program stopped with an error (exit status {status}); "
              f"its message above names what went wrong.")
        return False

    print(f"\n===== compared with {exercise['golden']} =====", flush=True)
    status, output = run_golden(n, exercise)
    print(output, end="" if output.endswith("\n") else "\n")
    if status == 0:
        print(f"exercise {n} passed.")
        return True
    kind, text = describe(n, exercise, status, output)
    print(f"exercise {n}: {text}")
    return False


def cmd_check(args, exercises):
    if len(args) > 1:
        raise usage_error(f"check takes one exercise number, got '{' '.join(args)}'")
    n = exercise_number(args[0] if args else None, "check", exercises)
    return 0 if check(n, exercises[n]) else 1


# ---- hint -----------------------------------------------------------------------------------

def read_state():
    try:
        return json.loads(HINT_STATE.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def write_state(state):
    STATE_DIR.mkdir(exist_ok=True)
    tmp = HINT_STATE.with_name(HINT_STATE.name + f".tmp.{os.getpid()}")
    tmp.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, HINT_STATE)


def wrap(text):
    return textwrap.fill(text, width=96, initial_indent="  ", subsequent_indent="  ")


def cmd_hint(args, exercises):
    if len(args) > 1:
        raise usage_error(f"hint takes one exercise number, got '{' '.join(args)}'")
    n = exercise_number(args[0] if args else None, "hint", exercises)
    exercise = exercises[n]
    hints = exercise["hints"]
    state = read_state()
    shown = int(state.get(str(n), 0))
    if shown >= len(hints):
        print(f"All {len(hints)} hints for exercise {n} ({exercise['title']}) are shown; here they are again:\n")
        for k, hint in enumerate(hints, 1):
            print(f"Hint {k}:\n{wrap(hint)}\n")
        return 0
    print(f"Hint {shown + 1} of {len(hints)} for exercise {n} ({exercise['title']}):\n")
    print(wrap(hints[shown]))
    print()
    if shown == 0 and exercise.get("docs"):
        pages = "; ".join(f"{d['path']} ({d['sections']})" for d in exercise["docs"])
        print(wrap(f"To read: {pages}."))
        print()
    state[str(n)] = shown + 1
    write_state(state)
    if shown + 1 == len(hints):
        print(f"That was the last hint for exercise {n}.")
    else:
        print(f"./workbook hint {n} again for the next one ({len(hints) - shown - 1} more).")
    return 0


# ---- reset ----------------------------------------------------------------------------------

def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def find_skeleton(n, exercise):
    """(commit, subject, content) of the most recent commit whose exercises/exerciseN.cpp
    still has every TODO call of the skeleton, however many commits of the student's came
    after it."""
    path = f"exercises/exercise{n}.cpp"
    if shutil.which("git") is None:
        raise Fail(f"cannot reset exercise {n}: git is not installed, and the skeleton is restored from git history")
    if git("rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        raise Fail(f"cannot reset exercise {n}: there is no git history here to restore {path} from "
                   f"(the skeleton comes from the commits of this repository)")
    commits = git("rev-list", "HEAD", "--", path).stdout.decode().split()
    total = len(exercise["todos"])
    for commit in commits:
        shown = git("show", f"{commit}:./{path}")
        if shown.returncode == 0 and count_todo_calls(shown.stdout.decode("utf-8", "replace")) >= total:
            subject = git("log", "-1", "--format=%h, %s", commit).stdout.decode().strip()
            if len(subject) > 70:
                subject = subject[:67] + "..."
            return commit, subject, shown.stdout
    raise Fail(f"cannot reset exercise {n}: no commit in this repository's history has {path} "
               f"with all {total} of its TODO calls")


def cmd_reset(args, exercises):
    yes = False
    rest = []
    for arg in args:
        if arg in ("--yes", "-y"):
            yes = True
        elif arg.startswith("-"):
            raise usage_error(f"reset: unknown option '{arg}' (./workbook reset N [--yes])")
        else:
            rest.append(arg)
    if len(rest) > 1:
        raise usage_error(f"reset takes one exercise number, got '{' '.join(rest)}'")
    n = exercise_number(rest[0] if rest else None, "reset", exercises)
    target = student_file(n)
    commit, subject, skeleton = find_skeleton(n, exercises[n])
    current = target.read_bytes() if target.is_file() else None
    if current == skeleton:
        print(f"{rel(target)} is already the skeleton; nothing to reset.")
        return 0
    if not yes:
        if not sys.stdin.isatty():
            raise Fail(f"reset {n} would replace {rel(target)} with its skeleton; not on a terminal to ask, "
                       f"so confirm with: ./workbook reset {n} --yes")
        try:
            answer = input(f"Replace {rel(target)} with its skeleton? Your version is kept in "
                           f"{rel(BACKUP_DIR)}/. [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print(f"Nothing changed: {rel(target)} is as it was.")
            return 1
    backup = None
    if current is not None:
        BACKUP_DIR.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = BACKUP_DIR / f"{target.name}.{stamp}"
        k = 1
        while backup.exists():
            k += 1
            backup = BACKUP_DIR / f"{target.name}.{stamp}-{k}"
        shutil.copy2(target, backup)
    tmp = target.with_name(target.name + f".tmp.{os.getpid()}")
    tmp.write_bytes(skeleton)
    os.replace(tmp, target)
    if backup:
        print(f"Your version is saved in {rel(backup)}")
    print(f"{rel(target)} is the skeleton again (from commit {subject}).")
    return 0


# ---- watch ----------------------------------------------------------------------------------

def file_signature(path):
    try:
        st = path.stat()
        return (st.st_mtime_ns, st.st_size, st.st_ino)
    except FileNotFoundError:
        return None


def wait_for_save(path, interval):
    before = file_signature(path)
    while True:
        time.sleep(interval)
        now = file_signature(path)
        if now != before and now is not None:
            time.sleep(min(interval, 0.2))  # let the editor finish writing
            return


def passes_quietly(n, exercise):
    """Whether exercise n passes now, without printing its tables (for moving on in watch)."""
    done, total = todo_progress(n, exercise)
    if done == 0:
        return False
    ensure_configured()
    ok, _ = build(targets_for(n, exercise, program=False), f"exercise {n}")
    return ok and run_golden(n, exercise)[0] == 0


def next_to_do(after, exercises):
    later = [m for m in exercises if m > after] + [m for m in exercises if m < after]
    for m in later:
        if not passes_quietly(m, exercises[m]):
            return m
    return None


def cmd_watch(args, exercises):
    once, interval, number = False, 1.0, None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--once":
            once = True
        elif arg == "--interval" or arg.startswith("--interval="):
            value = arg.split("=", 1)[1] if "=" in arg else (args[i + 1] if i + 1 < len(args) else "")
            i += 0 if "=" in arg else 1
            try:
                interval = float(value)
                if not 0.05 <= interval <= 60:
                    raise ValueError
            except ValueError:
                raise usage_error(f"watch: --interval expects seconds between 0.05 and 60, got '{value}'")
        elif arg.startswith("-"):
            raise usage_error(f"watch: unknown option '{arg}' (./workbook watch [N] [--once] [--interval S])")
        elif number is None:
            number = arg
        else:
            raise usage_error(f"watch takes at most one exercise number, got '{number} {arg}'")
        i += 1

    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGINT, stop)   # also when started in the background, where SIGINT is ignored
    signal.signal(signal.SIGTERM, stop)
    try:
        if number is not None:
            n = exercise_number(number, "watch", exercises)
        else:
            n = next_to_do(0, exercises)
            if n is None:
                print(f"All {len(exercises)} exercises pass: nothing to watch.")
                return 0
        while True:
            print(f"\n######## exercise {n}: {exercises[n]['title']} ({datetime.now():%H:%M:%S}) ########", flush=True)
            if check(n, exercises[n]):
                if once:
                    return 0
                following = next_to_do(n, exercises)
                if following is None:
                    print(f"\nAll {len(exercises)} exercises pass. Well done.")
                    return 0
                print(f"\nOn to exercise {following}.", flush=True)
                n = following
                continue
            print(f"\nWatching {rel(student_file(n))}: save it to check again (Ctrl-C to stop).", flush=True)
            wait_for_save(student_file(n), interval)
    except KeyboardInterrupt:
        print("\nStopped watching.", flush=True)
        return 0


# ---- run ------------------------------------------------------------------------------------

def cmd_run(args, exercises):
    reference = False
    wanted = []
    for arg in args:
        if arg == "--reference":
            reference = True
        elif arg.startswith("-"):
            raise usage_error(f"run: unknown option '{arg}' (./workbook run [--reference] [N ...])")
        else:
            wanted.append(exercise_number(arg, "run", exercises))
    numbers = wanted or list(exercises)
    if reference:
        missing = [n for n in numbers if not has_solution(n)]
        if missing:
            raise Fail("there are no reference solutions in this tree (a student edition has no solutions/)"
                       if not (ROOT / "solutions").is_dir() else
                       f"no reference solution for exercise {missing[0]} (solutions/exercise{missing[0]}.cpp)")
        ensure_configured()
        ok, output = build([f"solution{n}" for n in numbers], "the reference programs")
        if not ok:
            sys.stderr.write(compile_errors(output) + "\n")
            raise Fail("the reference programs do not build; the errors are above")
        rule = "#" * 78
        print(f"{rule}\n# REFERENCE ANSWERS: the workbook's own solutions (solutions/), not your code.\n"
              f"# Your programs: ./workbook run\n{rule}")
        broken = set()
    else:
        broken = build_all(exercises, numbers, program=True, what="your programs")
    failed = []
    for n in numbers:
        program = f"solution{n}" if reference else exercises[n]["program"]
        print(f"\n===== {program}{' (reference)' if reference else ''} =====", flush=True)
        if n in broken:
            print(f"does not compile: ./workbook check {n} shows the errors")
            failed.append(n)
            continue
        status, err = run_program([str(build_dir() / program), "--plot-dir", str(ROOT / "plots")])
        if status == 77 and "not attempted yet" in err:
            print(f"not attempted yet: {todo_label(err)}")
        elif status not in (0, 77):
            print(f"{program} stopped with exit status {status}")
            failed.append(n)
    # The reference solutions draw into plots/reference/ (vae::Options::draw_in_subfolder).
    print(f"\nPlots are in {ROOT / 'plots' / 'reference' if reference else ROOT / 'plots'}/")
    if failed:
        print("Stopped with an error: " + ", ".join(f"exercise {n}" for n in failed), file=sys.stderr)
        return 1
    return 0


COMMANDS = {"status": cmd_status, "check": cmd_check, "hint": cmd_hint, "reset": cmd_reset,
            "watch": cmd_watch, "run": cmd_run}


def main(argv):
    if not argv or argv[0] not in COMMANDS:
        print(f"workbook: unknown student command '{argv[0] if argv else ''}'", file=sys.stderr)
        return 2
    sys.stdout.reconfigure(line_buffering=True)  # our lines and the programs' stay in order
    try:
        return COMMANDS[argv[0]](argv[1:], load_manifest())
    except Fail as e:
        print(f"workbook: {e}", file=sys.stderr)
        return e.status
    except KeyboardInterrupt:
        print("\nworkbook: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
