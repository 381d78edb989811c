"""Without Chromium the browser tests are skipped, and the run says so at its end."""

import os
import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def _pytest(*args: str, chromium: str, exit_codes=(0,)) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *args],
        cwd=PROJECT,
        env=os.environ | {"TRACKER_CHROMIUM": chromium},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in exit_codes, result.stdout + result.stderr
    return result.stdout


def test_it_says_how_many_browser_tests_were_skipped_and_why(tmp_path):
    missing = tmp_path / "no-chromium-here"

    output = _pytest("tests/browser/test_reader_pages.py", chromium=str(missing))

    last_lines = output.strip().splitlines()[-2:]
    skipped = int(re.search(r"^(\d+) skipped in", output, re.MULTILINE).group(1))
    assert skipped > 0
    assert (
        f"{skipped} browser tests skipped: Chromium not found at {missing}; "
        "install Debian's `chromium` package"
    ) in "\n".join(last_lines), output


def test_it_does_not_count_deselected_browser_tests(tmp_path):
    # Exit code 5: every test deselected, none run.
    output = _pytest(
        "tests/browser/test_reader_pages.py",
        *("-m", "not browser"),
        chromium=str(tmp_path / "no-chromium-here"),
        exit_codes=(0, 5),
    )

    assert "browser tests skipped" not in output
