"""`manage.py serve` (what `make run` ends with): the web server and a worker together;
stopping it stops both, and a child that stops takes the other with it."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

MANAGE = str(Path(__file__).resolve().parent.parent / "manage.py")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.split(")")[1].split()[0] != "Z"


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    """A database of its own, migrated once for both tests."""
    folder = tmp_path_factory.mktemp("serve")
    env = os.environ | {"DATABASE_URL": f"sqlite:///{folder / 'serve.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [sys.executable, MANAGE, "migrate", "--no-input", "-v", "0"], env=env, check=True
    )
    return env


def _start(env) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    serve = subprocess.Popen(
        [sys.executable, MANAGE, "serve", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    else:
        serve.kill()
        pytest.fail("the server did not answer within 30 s")
    return serve, port


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads the process tree from /proc")
def test_stopping_serve_stops_the_server_and_the_worker(environment):
    serve, _ = _start(environment)
    children = _children(serve.pid)
    assert len(children) == 2  # runserver and db_worker

    serve.send_signal(signal.SIGTERM)
    assert serve.wait(timeout=20) == 0
    time.sleep(0.5)
    assert not any(_alive(pid) for pid in children)


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads the process tree from /proc")
def test_a_worker_that_stops_takes_the_server_with_it(environment):
    serve, port = _start(environment)
    server, worker = _children(serve.pid)
    os.kill(worker, signal.SIGKILL)
    serve.wait(timeout=20)
    time.sleep(0.5)
    assert not _alive(server)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
