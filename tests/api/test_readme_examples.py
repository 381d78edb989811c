"""The README's examples work as written, on any POSIX system (not only with GNU tools)."""

import re
import shlex
import subprocess
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
# POSIX `date` has only -u and a +format; -d, -v and --date are GNU or BSD extensions.
DATE_CALLS = re.findall(r"\$\((date [^)]*)\)", README)


def test_the_readme_calls_date_with_posix_options_only():
    assert DATE_CALLS, "the change feed's example computes its date"
    for call in DATE_CALLS:
        options = shlex.split(call)[1:]
        assert all(option == "-u" or option.startswith("+") for option in options), call


@pytest.mark.django_db
@pytest.mark.parametrize("call", DATE_CALLS)
def test_the_change_feed_accepts_the_readmes_date(anon, call):
    since = subprocess.run(shlex.split(call), capture_output=True, text=True, check=True)

    response = anon.get("/api/v1/changes/", {"since": since.stdout.strip()})

    assert response.status_code == 200, response.content
