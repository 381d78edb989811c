"""Throughput under gunicorn: the event page and the API list against a trivial view of the
same server (same middleware, same workers), driven by wrk on loopback.

gunicorn runs `2 × cores` sync workers (the usual starting point) with the benchmark's
settings (`bench.serve_settings`: the project's, with DEBUG off, plus /bench/trivial/).
wrk runs in its own process with 2 threads and 8 connections for a bounded time; on a
small machine it shares the cores with the server, as a client on the same host would.

The server caches anonymous responses in Redis (127.0.0.1:6379, or BENCH_CACHE_URL), as
a deployment does (README, "Operators"), under a key prefix of its own that is new for
every run, so that no page of an earlier data set is ever served.
"""

import os
import re
import shutil
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

from bench import config
from bench.quiet import wait_for_quiet
from bench.wrk import free_port, milliseconds

WRK_THREADS = 2
WRK_CONNECTIONS = 8


def workers() -> int:
    return 2 * (os.cpu_count() or 1)


def cache_env() -> dict[str, str]:
    return {
        "DJANGO_CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/0"),
        "DJANGO_CACHE_PREFIX": f"bench-{os.getpid()}-{time.time_ns()}",
    }


def _wait(url: urllib.request.Request, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def parse_wrk(output: str) -> dict:
    result = {"requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", output)
    result["latency_avg_ms"] = milliseconds(latency.group(1))
    result["latency_max_ms"] = milliseconds(latency.group(3))
    for share in ("50", "75", "90", "99"):
        found = re.search(rf"\s{share}%\s+(\S+)", output)
        if found:
            result[f"latency_p{share}_ms"] = milliseconds(found.group(1))
    total = re.search(r"(\d+) requests in", output)
    result["requests"] = int(total.group(1)) if total else None
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx"] = int(errors.group(1)) if errors else 0
    socket_errors = re.search(r"Socket errors: (.*)", output)
    result["socket_errors"] = socket_errors.group(1).strip() if socket_errors else ""
    return result


def run(
    database_url: str,
    paths: dict[str, str],
    duration: int,
    quiet_wait: float,
    log=print,
    rounds: int = 1,
) -> dict:
    """Each path under wrk for `duration` seconds, the paths in turn `rounds` times (so that
    a busy spell on a shared machine hits them alike); each path's median round, and the
    median of its rounds' shares of the trivial view's rate."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"skipped": "wrk is not installed (apt-get install -y wrk)"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    error_log = Path(config.RESULTS_DIR) / "gunicorn.log"
    server = subprocess.Popen(
        [
            config.PYTHON,
            "-m",
            "gunicorn",
            "tracker.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers()),
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "--error-logfile",
            str(error_log),
        ],
        cwd=config.PROJECT_DIR,
        env=config.django_env(database_url, settings="bench.serve_settings") | cache_env(),
    )
    try:
        _wait(urllib.request.Request(f"{base}/bench/trivial/", headers=dict([config.PROXY_HEADER])))
        results = {
            "workers": workers(),
            "worker_class": "sync",
            "wrk": f"-t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{duration}s",
            "rounds": rounds,
        }
        for path in paths.values():
            # Every worker loads its templates and opens its connection first.
            request = urllib.request.Request(base + path, headers=dict([config.PROXY_HEADER]))
            for _ in range(4 * workers()):
                with urllib.request.urlopen(request, timeout=120) as response:
                    response.read()
        runs: dict[str, list[dict]] = {name: [] for name in paths}
        for _ in range(rounds):
            for name, path in paths.items():
                idle = wait_for_quiet(quiet_wait)
                output = subprocess.run(
                    [
                        wrk,
                        f"-t{WRK_THREADS}",
                        f"-c{WRK_CONNECTIONS}",
                        f"-d{duration}s",
                        "--timeout",
                        "30s",
                        "--latency",
                        "--header",
                        ": ".join(config.PROXY_HEADER),
                        base + path,
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                r = parse_wrk(output) | {
                    "path": path,
                    "cpu_idle_before": idle,
                    "load_average": round(os.getloadavg()[0], 2),
                }
                runs[name].append(r)
                log(
                    f"  {name:28} {r['requests_per_s']:9.1f} req/s  p50 {r.get('latency_p50_ms')}"
                    f" ms  p99 {r.get('latency_p99_ms')} ms  non-2xx {r['non_2xx']}"
                )
        for name, measured in runs.items():
            by_rate = sorted(measured, key=lambda r: r["requests_per_s"])
            results[name] = by_rate[len(by_rate) // 2] | {
                "rounds_requests_per_s": [r["requests_per_s"] for r in measured]
            }
        if rounds > 1 and "trivial" in runs:
            trivial = [r["requests_per_s"] for r in runs["trivial"]]
            results["share_of_trivial"] = {
                name: statistics.median(
                    r["requests_per_s"] / t for r, t in zip(measured, trivial, strict=True)
                )
                for name, measured in runs.items()
                if name != "trivial"
            }
            shares = {name: round(share, 3) for name, share in results["share_of_trivial"].items()}
            log(f"  share of the trivial view's rate, median of the rounds: {shares}")
        return results
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
