"""`make run` on a fresh clone: its output fits one screen (progress, the accounts and their
passwords, the address), with pip's own output in a log file."""

import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SCREEN = 24  # lines

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")

NOISY_PIP = textwrap.dedent(
    """\
    #!/bin/sh
    # Stands in for the venv's python: pip as noisy as on a fresh clone.
    if [ "$2" = pip ]; then
        for n in $(seq 75); do echo "Collecting package-$n"; done
        echo "SetuptoolsDeprecationWarning: editable installation" >&2
        exit 0
    fi
    exec {python} "$@"
    """
)
FAKE_PYTHON = textwrap.dedent(
    """\
    #!/bin/sh
    # Stands in for python3: `-m venv DIR` makes DIR with the noisy pip above.
    mkdir -p "$3/bin" && cp {noisy} "$3/bin/python" && chmod +x "$3/bin/python"
    """
)


def test_it_keeps_pips_output_in_a_log(tmp_path):
    noisy = tmp_path / "noisy-python"
    noisy.write_text(NOISY_PIP.format(python=sys.executable))
    fake = tmp_path / "python3"
    fake.write_text(FAKE_PYTHON.format(noisy=noisy))
    fake.chmod(0o755)
    venv = tmp_path / "venv"

    result = subprocess.run(
        ["make", "--no-print-directory", "install", f"PYTHON={fake}", f"VENV={venv}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    )

    shown = result.stdout + result.stderr
    assert "Collecting" not in shown
    assert "Setuptools" not in shown
    assert len(shown.splitlines()) <= 3, shown
    assert f"{venv}/install.log" in shown
    log = (venv / "install.log").read_text()
    assert "Collecting package-75" in log
    assert "SetuptoolsDeprecationWarning" in log


def test_it_shows_pips_last_lines_when_pip_fails(tmp_path):
    noisy = tmp_path / "noisy-python"
    noisy.write_text(NOISY_PIP.format(python=sys.executable).replace("exit 0", "exit 1"))
    fake = tmp_path / "python3"
    fake.write_text(FAKE_PYTHON.format(noisy=noisy))
    fake.chmod(0o755)

    result = subprocess.run(
        ["make", "--no-print-directory", "install", f"PYTHON={fake}", f"VENV={tmp_path}/v"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )

    assert result.returncode != 0
    assert "Collecting package-75" in result.stdout
    assert "pip failed" in result.stdout


def _free_port() -> int:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


def test_make_run_fits_on_one_screen(tmp_path):
    """The real target on a new database, with this venv (already installed)."""
    venv = Path(sys.prefix)
    if not (venv / ".installed").exists():
        pytest.skip("runs with the project's own .venv")
    host = f"127.0.0.1:{_free_port()}"
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3", "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"VENV={venv}", f"HOST={host}"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    # A thread reads the pipe: select() on a buffered text stream misses lines that one
    # read() already pulled into the buffer, and the server's last lines then never come.
    arrived: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [arrived.put(x) for x in process.stdout], daemon=True)
    reader.start()
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not any("Quit the server" in x for x in lines):
            try:
                lines.append(arrived.get(timeout=1))
            except queue.Empty:
                if process.poll() is not None and not reader.is_alive():
                    break
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    output = "".join(lines)
    assert "Quit the server" in output, output
    assert len(lines) <= SCREEN, output
    assert "“editor” with password:" in output
    assert "“reviewer” with password:" in output
    assert f"http://{host}/" in output
