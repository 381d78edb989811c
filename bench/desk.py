"""`python -m bench desk`: the editors' desk, timed as an editor uses it.

Runs the browser test tests/browser/test_desk.py::test_an_editor_turns_an_article_into_
five_draft_claims (system Chromium, the demo data, the BW Actual post of 8 February 2024
made into a source from its HTML) and prints, per claim, the full page loads, the
requests, the keystrokes, the clicks, the interactions (clicks and shortcuts; typing in
an autocomplete counts as keystrokes) and the seconds the script took. The figures are
also written to bench/results/desk.json. `--screenshot PATH` saves the desk as the
editor left it.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
TEST = "tests/browser/test_desk.py::test_an_editor_turns_an_article_into_five_draft_claims"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench desk", description=__doc__)
    parser.add_argument("--screenshot", default="", help="where to save a PNG of the desk")
    options = parser.parse_args(argv)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "desk.json"
    env = os.environ | {"DESK_BENCH_OUT": str(out)}
    if options.screenshot:
        env["DESK_SCREENSHOT"] = str(Path(options.screenshot).resolve())
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST], env=env
    )
    if done.returncode:
        return done.returncode
    runs = json.loads(out.read_text())
    columns = ["claim", "page_loads", "requests", "keystrokes", "clicks", "interactions", "seconds"]
    print("| " + " | ".join(columns) + " |")
    print("|" + " --- |" * len(columns))
    for run in runs:
        print("| " + " | ".join(str(run[c]) for c in columns) + " |")
    total = sum(run["seconds"] for run in runs)
    print(f"\n{len(runs)} draft claims in {total:.1f} s of scripted time")
    return 0
