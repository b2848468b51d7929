#!/usr/bin/env python3
"""Writes plots/index.html: every exercise's table, notes and plots on one page (./workbook report).

It reads exercises/manifest.json, the golden files, and the records the exercise programs leave
in runs/ (runs/solutionN.json for the reference, runs/exerciseN.json for the student; see
lib/core/include/vae/run_record.hpp). Where both ran with the same flags, the student's values
stand beside the reference's with the golden test's verdict. Plain HTML and CSS, images by
relative paths: the page opens from the file system. Python 3 standard library only.

Bad input (a missing manifest, a corrupt record) gives one line naming the file and what was
expected, exit status 1, and leaves any earlier page as it was: the page is written to a
temporary file and renamed over the old one only when complete.
"""

import argparse
import datetime
import html
import json
import math
import os
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD_FORMAT = 1


class PageError(Exception):
    """A one-line message for the user: the file, and what was expected of it."""


# ---------------------------------------------------------------------------------------------
# Reading


def read_json(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise PageError(f"{path}: cannot read the {what}: {e.strerror}") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise PageError(f"{path}: expected a {what} in JSON: {e}") from None


def require(condition, path, what):
    if not condition:
        raise PageError(f"{path}: {what}")


def load_manifest(path):
    manifest = read_json(path, "manifest of the exercises")
    bad = "expected an object with a list 'exercises' of {number, title, program, golden, docs}"
    require(isinstance(manifest, dict) and isinstance(manifest.get("exercises"), list), path, bad)
    for ex in manifest["exercises"]:
        require(isinstance(ex, dict), path, bad)
        require(isinstance(ex.get("number"), int), path, f"an exercise without a whole 'number': {bad}")
        n = ex["number"]
        for key in ("title", "program", "golden"):
            require(isinstance(ex.get(key), str), path, f"exercise {n} has no text '{key}'")
        docs = ex.get("docs", [])
        require(isinstance(docs, list) and all(isinstance(d, dict) and isinstance(d.get("path"), str)
                                               for d in docs),
                path, f"exercise {n}: 'docs' must be a list of {{path, sections}}")
    return manifest["exercises"]


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def check_record(record, exercise_id):
    """Returns what is wrong with a run record, or None."""
    if not isinstance(record, dict):
        return "expected a JSON object"
    if record.get("format") != RECORD_FORMAT:
        return f"expected format {RECORD_FORMAT}, found {record.get('format')!r}"
    for key in ("program", "exercise", "title", "finished_at", "plot_dir"):
        if not isinstance(record.get(key), str):
            return f"expected a text '{key}'"
    if record["exercise"] != exercise_id:
        return f"expected a run of {exercise_id}, found one of {record['exercise']}"
    flags = record.get("flags")
    if not isinstance(flags, dict) or not all(isinstance(v, str) for v in flags.values()):
        return "expected 'flags' to map flag names to texts"
    quantities = record.get("quantities")
    if not isinstance(quantities, list):
        return "expected a list 'quantities'"
    for q in quantities:
        if not (isinstance(q, dict) and isinstance(q.get("name"), str) and isinstance(q.get("meaning"), str)
                and is_number(q.get("value")) and is_number(q.get("tolerance"))
                and isinstance(q.get("checked"), bool)):
            return "expected each quantity to have a name, a finite value, a meaning, a tolerance and 'checked'"
    for key in ("notes", "plots"):
        if not isinstance(record.get(key), list) or not all(isinstance(s, str) for s in record[key]):
            return f"expected '{key}' to be a list of texts"
    return None


def load_record(path, exercise_id):
    """The run record at path, or None if that program has not run (or its last run failed)."""
    if not path.exists():
        return None
    record = read_json(path, "run record")
    problem = check_record(record, exercise_id)
    if problem:
        raise PageError(f"{path}: not a run record ({problem}); delete it and run the program again")
    return record


def load_golden(path):
    """{'params': {flag: value}, 'values': {name: (value, tolerance)}}, or None if there is no file."""
    if not path.exists():
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise PageError(f"{path}: cannot read the golden file: {e}") from None
    golden = {"params": {}, "values": {}}
    for number, line in enumerate(lines, 1):
        words = line.split()
        if not words or words[0].startswith("#") or words[0] in ("format", "exercise", "generator"):
            continue
        try:
            if words[0] == "param" and len(words) == 3:
                golden["params"][words[1]] = words[2]
                continue
            if words[0] == "value" and len(words) == 4:
                golden["values"][words[1]] = (float(words[2]), float(words[3]))
                continue
        except ValueError:
            pass
        raise PageError(f"{path}:{number}: expected 'param NAME VALUE' or 'value NAME NUMBER TOLERANCE', "
                        f"found {line.strip()[:60]!r}")
    return golden


# ---------------------------------------------------------------------------------------------
# Comparing


def within_tolerance(expected, got, tolerance):
    """The golden test's rule (lib/core/include/vae/golden.hpp)."""
    return abs(got - expected) <= tolerance * max(1.0, abs(expected))


def flag_text(flags):
    return " ".join(f"--{k} {v}" for k, v in sorted(flags.items())) or "(no flags)"


def expectations(ref, student, golden, golden_name):
    """What the student's values are compared with: (values {name: (value, tolerance, checked)},
    where they come from), or (None, why nothing is compared)."""
    if student is None:
        return None, ""
    if ref is not None and ref["flags"] == student["flags"]:
        return ({q["name"]: (q["value"], q["tolerance"], q["checked"]) for q in ref["quantities"]},
                "the reference run")
    if golden is not None and golden["params"] == student["flags"]:
        return ({name: (v, tol, True) for name, (v, tol) in golden["values"].items()}, golden_name)
    other = ref["flags"] if ref is not None else golden["params"] if golden is not None else None
    if other is None:
        return None, "There is nothing to compare your values with yet"
    mine = student["flags"]
    differing = sorted(k for k in set(mine) | set(other) if mine.get(k) != other.get(k))
    return None, (f"Your run used {flag_text({k: mine.get(k, '(unset)') for k in differing})}, the "
                  f"{'reference run' if ref is not None else golden_name} "
                  f"{flag_text({k: other.get(k, '(unset)') for k in differing})}: values not compared")


def format_value(v):
    return f"{v:.12g}"


# ---------------------------------------------------------------------------------------------
# Writing HTML

e = html.escape

CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 0 auto; max-width: 1250px; padding: 0 1.5em 3em;
       color: #222; line-height: 1.4; }
h1 { margin-bottom: 0.2em; }
h2 { border-bottom: 2px solid #0072B2; padding-bottom: 0.2em; margin-top: 2.2em; }
h3 { margin: 1.2em 0 0.4em; font-size: 1.05em; }
.meta, .runs { color: #555; font-size: 0.92em; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
td.num { text-align: right; font-family: 'DejaVu Sans Mono', monospace; white-space: nowrap; }
.ok { color: #00703c; font-weight: bold; }
.bad { color: #b00020; font-weight: bold; }
.muted { color: #777; }
code, pre { font-family: 'DejaVu Sans Mono', monospace; background: #f4f4f4; }
code { padding: 0 0.25em; }
pre.notes { padding: 0.6em; white-space: pre-wrap; font-size: 0.88em; }
.plots { display: flex; flex-wrap: wrap; gap: 1em; }
figure { margin: 0; box-sizing: border-box; width: calc(50% - 0.5em); border: 1px solid #ddd; padding: 0.4em; }
figure img { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.85em; color: #555; margin-top: 0.3em; }
.missing { color: #b00020; }
"""


def href(target, out_dir):
    """A relative link from the page's folder to target, so the page works from the file system."""
    return urllib.parse.quote(Path(os.path.relpath(target, out_dir)).as_posix())


def run_line(label, record, command):
    if record is None:
        if command is None:
            return f"<li>{label}: no run recorded.</li>"
        return f"<li>{label}: no run recorded yet &mdash; <code>{e(command)}</code> makes one.</li>"
    return (f"<li>{label}: <code>{e(record['program'])}</code>, finished {e(record['finished_at'])}, "
            f"flags <code>{e(flag_text(record['flags']))}</code></li>")


def quantity_table(ref, student, golden, expected, golden_name):
    """The rows: the reference's quantities (or the golden file's), then any only the student has."""
    reference = {q["name"]: q for q in ref["quantities"]} if ref else {}
    mine = {q["name"]: q for q in student["quantities"]} if student else {}
    names = list(reference) or (list(golden["values"]) if golden and student else [])
    names += [n for n in mine if n not in names]
    if not names:
        return "", 0, 0
    ref_heading = "reference" if ref else f"golden ({e(golden_name)})"
    yours = "<th>yours</th><th>check</th>" if student else ""
    rows = [f"<tr><th>quantity</th><th>{ref_heading}</th>{yours}<th>meaning</th></tr>"]
    compared = matched = 0
    for name in names:
        ref_value = (reference[name]["value"] if name in reference
                     else golden["values"][name][0] if not ref and golden and name in golden["values"] else None)
        q = mine.get(name)
        meaning = (reference.get(name) or q or {}).get("meaning", "")
        check = ""
        if q is not None and expected is not None:
            want = expected.get(name)
            if want is None:
                check = '<span class="muted">no reference value</span>'
            elif not (want[2] and q["checked"]):
                check = '<span class="muted">not checked (may differ between CPUs)</span>'
            else:
                compared += 1
                value, tolerance, _ = want
                if within_tolerance(value, q["value"], tolerance):
                    matched += 1
                    check = f'<span class="ok">&#10003; within {tolerance:.3g}</span>'
                else:
                    check = (f'<span class="bad">&#10007; off by {abs(q["value"] - value):.3g} '
                             f"(allowed {tolerance * max(1.0, abs(value)):.3g})</span>")
                    if q.get("depends_on"):
                        check += f' <span class="muted">see TODO {e(q["depends_on"])}</span>'
        mine_cells = (f'<td class="num">{"" if q is None else format_value(q["value"])}</td><td>{check}</td>'
                      if student else "")
        rows.append(f"<tr><td><code>{e(name)}</code></td>"
                    f'<td class="num">{"" if ref_value is None else format_value(ref_value)}</td>'
                    f"{mine_cells}<td>{e(meaning)}</td></tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>", compared, matched


def plot_figures(ref, student, out_dir):
    """Every plot the runs wrote, each run's own beside the other's of the same name. The
    reference draws into a subfolder of the student's plot folder (plots/reference/), so the two
    runs' plots are different files; a file that both records list (records from before that)
    shows what the later run drew, and its caption says so."""
    owners, by_name = {}, {}
    for label, record in (("the reference run", ref), ("your run", student)):
        if record is None:
            continue
        for plot in record["plots"]:
            owners.setdefault(plot, []).append((record["finished_at"], label))
            paths = by_name.setdefault(Path(plot).name, [])
            if plot not in paths:
                paths.append(plot)
    figures = []
    for plot in (p for paths in by_name.values() for p in paths):
        runs = owners[plot]
        label = max(runs)[1]
        caption = f"{e(Path(plot).name)} &mdash; from {label}"
        if len(runs) > 1:
            caption += f" (it replaced {min(runs)[1]}'s plot of this name)"
        if not Path(plot).is_file():
            figures.append(f'<p class="missing">{e(plot)} is missing (removed since {label}?): '
                           "run it again to draw it.</p>")
            continue
        src = href(plot, out_dir)
        figures.append(f'<figure><a href="{src}"><img src="{src}" alt="{e(Path(plot).name)}"></a>'
                       f"<figcaption>{caption}</figcaption></figure>")
    return figures


def exercise_section(ex, ref, student, golden, root, out_dir, has_solution):
    n = ex["number"]
    golden_name = ex["golden"]
    expected, source = expectations(ref, student, golden, golden_name)
    parts = [f'<section id="exercise{n}">', f"<h2>{n}. {e(ex['title'])}</h2>"]
    docs = [f'<a href="{href(root / d["path"], out_dir)}">{e(d["path"])}</a>'
            + (f" ({e(d['sections'])})" if d.get("sections") else "") for d in ex.get("docs", [])]
    if docs:
        parts.append(f"<p>Read: {'; '.join(docs)}</p>")
    parts.append('<ul class="runs">'
                 + run_line("Reference", ref, f"./workbook run --reference {n}" if has_solution else None)
                 + run_line("Yours", student, f"./workbook run {n}") + "</ul>")
    table, compared, matched = quantity_table(ref, student, golden, expected, golden_name)
    if student is not None and expected is None and source:
        parts.append(f'<p class="muted">{e(source)}. <code>./workbook check {n}</code> runs yours '
                     "with the golden flags and compares.</p>")
    elif student is not None and expected is not None:
        parts.append(f"<p>Your values compared with {e(source)}: "
                     f'<span class="{"ok" if matched == compared else "bad"}">{matched} of {compared} '
                     "within the golden tolerance</span>.</p>")
    parts.append(table)
    notes = [(label, record["notes"]) for label, record in (("reference", ref), ("yours", student))
             if record is not None and record["notes"]]
    if len(notes) == 2 and notes[0][1] == notes[1][1]:
        notes = [("reference and yours, the same", notes[0][1])]
    for label, lines in notes:
        parts.append(f"<h3>Notes ({label})</h3>")
        parts.append(f'<pre class="notes">{e(chr(10).join(lines))}</pre>')
    figures = plot_figures(ref, student, out_dir)
    if figures:
        parts.append("<h3>Plots</h3>")
        parts.append('<div class="plots">' + "\n".join(figures) + "</div>")
    elif ref is not None or student is not None:
        parts.append('<p class="muted">No plots recorded (a run with --no-plots, or without gnuplot).</p>')
    parts.append("</section>")
    status = ("not run" if student is None
              else f"{matched} of {compared} match" if expected is not None
              else "not compared")
    css = "muted" if student is None or expected is None else "ok" if matched == compared else "bad"
    return "\n".join(parts), f'<span class="{css}">{e(status)}</span>'


def render_page(exercises, runs_dir, root, out_dir, now):
    sections, overview = [], []
    for ex in exercises:
        n = ex["number"]
        exercise_id = f"exercise{n}"
        ref = load_record(runs_dir / f"solution{n}.json", exercise_id)
        student = load_record(runs_dir / f"{ex['program']}.json", exercise_id)
        golden = load_golden(root / ex["golden"])
        has_solution = (root / "solutions" / f"exercise{n}.cpp").exists()
        section, status = exercise_section(ex, ref, student, golden, root, out_dir, has_solution)
        sections.append(section)
        overview.append(f'<tr><td><a href="#exercise{n}">{n}. {e(ex["title"])}</a></td>'
                        f"<td>{'ran ' + e(ref['finished_at']) if ref else '&mdash;'}</td>"
                        f"<td>{'ran ' + e(student['finished_at']) if student else '&mdash;'}</td>"
                        f"<td>{status}</td></tr>")
    docs = sorted((root / "docs").glob("*.md"))
    doc_links = ", ".join(f'<a href="{href(d, out_dir)}">{e(d.name)}</a>' for d in docs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>VAE Workbook: all exercises</title>
<style>{CSS}</style>
</head>
<body>
<h1>VAE Workbook: all exercises</h1>
<p class="meta">Written {e(now)} by <code>./workbook report</code> from the runs recorded in
<code>{e(str(runs_dir))}</code>. Each exercise shows the reference solution's last run and yours;
run them again and rerun <code>./workbook report</code> to refresh.</p>
<p>Docs: {doc_links or '<span class="muted">none found</span>'}</p>
<table>
<tr><th>exercise</th><th>reference run</th><th>your run</th><th>your values</th></tr>
{chr(10).join(overview)}
</table>
{chr(10).join(sections)}
</body>
</html>
"""


def write_atomically(path, text):
    """The whole page or nothing: a temporary file beside it, renamed over it when complete."""
    tmp = path.with_name(f"{path.name}.tmp.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise PageError(f"{path}: cannot write the page: {err.strerror}") from None


def main(argv):
    parser = argparse.ArgumentParser(prog="report_page.py", description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=ROOT / "exercises" / "manifest.json",
                        help="the list of exercises (default: exercises/manifest.json)")
    parser.add_argument("--runs", type=Path, default=ROOT / "runs",
                        help="the folder of run records (default: runs/)")
    parser.add_argument("--out", type=Path, default=ROOT / "plots" / "index.html",
                        help="the page to write (default: plots/index.html)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    try:
        exercises = load_manifest(args.manifest)
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        page = render_page(exercises, args.runs.resolve(), ROOT, out.parent, now)
        write_atomically(out, page)
    except PageError as err:
        print(f"report_page: {err}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
