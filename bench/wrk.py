"""What the load test (bench/loadtest.py) and the gunicorn benchmark (bench/serve.py) share:
a free port for the server, and wrk's durations in milliseconds."""

import re
import socket

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def milliseconds(text: str) -> float | None:
    """wrk's `812.00us`, `1.20ms`, `2.01s` in milliseconds; None for anything else."""
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return round(float(found.group(1)) * _UNITS[found.group(2)], 2) if found else None
