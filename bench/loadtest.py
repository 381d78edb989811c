"""Load test: the site under gunicorn, read by wrk while writers post claims through the API.

Usage (from the project folder; needs wrk: `apt-get update && apt-get install -y wrk`):

    .venv/bin/python -m bench.loadtest                # 20 s, 4 writers
    .venv/bin/python -m bench.loadtest --db-outage    # PostgreSQL stopped for 5 s mid-run
    .venv/bin/python -m bench.loadtest --duration 60 --writers 8 --json result.json

What it does:

1. Creates a fresh database named by DATABASE_URL (default
   postgres://postgres@127.0.0.1:5432/tracker_load; the name must start with
   "tracker_load", since it is dropped first), migrates it, loads the demo data, creates
   a Reviewer account with an API token, and collects the static files (into a
   temporary folder).
2. Starts gunicorn on 127.0.0.1 (a free port) with production settings (DJANGO_DEBUG=0,
   behind a TLS proxy: every request carries X-Forwarded-Proto: https; throttling
   lifted, so that it measures answers, not 429s).
3. For --duration seconds, runs wrk against the event page, the events list, search and
   the API claims list (one wrk process each, at once), while --writers threads POST
   draft claims through the API, each with a unique quote, recording which were
   acknowledged (201), and a prober GETs the event page and the API list four times a
   second.
4. Reports requests/s, latency p50/p90/p99 and the status of every response, then checks:
   every acknowledged claim is in the database exactly once, nothing unacknowledged is
   there twice (zero lost, zero duplicated), and no 5xx was answered.

With --db-outage (PostgreSQL on this machine only), the cluster serving DATABASE_URL is
stopped a third of the way in (`pg_ctlcluster --skip-systemctl-redirect VERSION main stop`)
and started again --outage-seconds later. Then the only 5xx allowed are 503s (with
Retry-After and the clean "Temporarily unavailable" page or JSON) from the stop until the
site answers again, and the report says how long the site took to recover. PostgreSQL is
started again whatever happens.

Only loopback traffic; every loop is bounded by the duration. The tracker_load database is
left in place for inspection and dropped by the next run. Exit status 0 when every check
passes, 1 otherwise, 2 when the test cannot run.
"""

import argparse
import collections
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from bench.wrk import free_port, milliseconds

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tracker_load"
PROXY_HEADER = ("X-Forwarded-Proto", "https")
UNTHROTTLED = "1000000000/minute"
READ_PATHS = {
    "event page": "/events/{event}/",
    "events list": "/events/",
    "search": "/search/?q=hezbollah",
    "api claims list": "/api/v1/claims/",
}
# wrk: per URL, one thread and two connections (four URLs at once: eight connections).
WRK_THREADS = 1
WRK_CONNECTIONS = 2
# Counts every response by status and by second, so that 503s can be placed in time.
WRK_SCRIPT = """
statuses = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  local key = status .. " " .. os.time()
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do
      io.write("STATUS " .. key .. " " .. count .. "\\n")
    end
  end
end
"""


class CannotRun(Exception):
    """The load test cannot start (missing tool, unsafe database name…)."""


def log(message: str) -> None:
    print(message, flush=True)


# --- Database -------------------------------------------------------------------------


@dataclass
class Database:
    url: str
    engine: str  # "postgresql" or "sqlite"
    name: str
    host: str = ""
    port: int = 5432
    user: str = ""
    password: str = ""

    @classmethod
    def parse(cls, url: str) -> "Database":
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in {"postgres", "postgresql", "pgsql"}:
            return cls(
                url=url,
                engine="postgresql",
                name=parts.path.lstrip("/"),
                host=parts.hostname or "127.0.0.1",
                port=parts.port or 5432,
                user=urllib.parse.unquote(parts.username or ""),
                password=urllib.parse.unquote(parts.password or ""),
            )
        if parts.scheme == "sqlite":
            return cls(url=url, engine="sqlite", name=parts.path[1:] if parts.path else "")
        raise CannotRun(f"unsupported DATABASE_URL scheme {parts.scheme!r}")

    def check_disposable(self) -> None:
        base = Path(self.name).name
        if not base.startswith("tracker_load"):
            raise CannotRun(
                f"the load test drops and recreates its database; {base!r} does not start "
                "with 'tracker_load' (e.g. postgres://postgres@127.0.0.1:5432/tracker_load)"
            )

    def connect(self, database: str | None = None):
        if self.engine == "sqlite":
            import sqlite3

            return sqlite3.connect(self.name)
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user or None,
            password=self.password or None,
            dbname=database or self.name,
            autocommit=True,
            connect_timeout=10,
        )

    def recreate(self) -> None:
        self.check_disposable()
        if self.engine == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.name}{suffix}").unlink(missing_ok=True)
            return
        with self.connect("postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.name}"')

    def quotes(self, prefix: str) -> dict[str, list[int]]:
        """Each quote starting with prefix → the ids of the claims citing it."""
        placeholder = "?" if self.engine == "sqlite" else "%s"
        sql = (
            "SELECT quote, claim_id FROM claims_citation "
            f"WHERE quote LIKE {placeholder} ORDER BY claim_id"
        )
        found: dict[str, list[int]] = collections.defaultdict(list)
        conn = self.connect()
        try:
            for quote, claim_id in conn.execute(sql, (prefix + "%",)).fetchall():
                found[quote].append(claim_id)
        finally:
            conn.close()
        return found

    def claim_ids(self, ids: list[int]) -> set[int]:
        if not ids:
            return set()
        conn = self.connect()
        try:
            marks = ",".join("?" if self.engine == "sqlite" else "%s" for _ in ids)
            rows = conn.execute(f"SELECT id FROM claims_claim WHERE id IN ({marks})", ids)
            return {row[0] for row in rows.fetchall()}
        finally:
            conn.close()


class Cluster:
    """The local PostgreSQL cluster serving a database, stopped and started with pg_ctlcluster."""

    def __init__(self, database: Database):
        if database.engine != "postgresql":
            raise CannotRun("--db-outage needs a PostgreSQL DATABASE_URL")
        if database.host not in {"127.0.0.1", "localhost", "::1"}:
            raise CannotRun("--db-outage stops PostgreSQL on this machine: use a loopback host")
        if shutil.which("pg_ctlcluster") is None or shutil.which("pg_lsclusters") is None:
            raise CannotRun("--db-outage needs pg_ctlcluster and pg_lsclusters (postgresql-common)")
        self.version, self.name = self._find(database.port)

    @staticmethod
    def _find(port: int) -> tuple[str, str]:
        versions = sorted(p.name for p in Path("/etc/postgresql").iterdir() if p.is_dir())
        listing = subprocess.run(
            ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
        ).stdout
        for line in listing.splitlines():
            version, name, cluster_port, *_ = line.split()
            if int(cluster_port) == port and version in versions:
                return version, name
        raise CannotRun(f"no PostgreSQL cluster of {versions} listens on port {port}")

    def _ctl(self, action: str) -> None:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, action],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def stop(self) -> None:
        self._ctl("stop")

    def start(self) -> None:
        self._ctl("start")

    def online(self) -> bool:
        listing = subprocess.run(
            ["pg_lsclusters", "--no-header", self.version, self.name],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return " online " in f" {listing} "

    def ensure_running(self) -> None:
        if not self.online():
            log(f"  starting PostgreSQL {self.version}/{self.name} again")
            self.start()


# --- The site -------------------------------------------------------------------------


def site_env(database: Database, workdir: Path, replicas: list[str] = ()) -> dict[str, str]:
    """Production settings, as a deployment behind a TLS proxy runs them; static files are
    collected into the work folder rather than the project's staticfiles/."""
    settings = workdir / "loadtest_settings.py"
    settings.write_text(
        f"from tracker.settings import *  # noqa: F403\nSTATIC_ROOT = {str(workdir / 'static')!r}\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "loadtest_settings",
        "PYTHONPATH": os.pathsep.join([str(workdir), str(PROJECT)]),
        "DATABASE_URL": database.url,
        "DATABASE_REPLICA_URLS": ",".join(replicas),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_BEHIND_TLS_PROXY": "1",
        "DJANGO_API_ANON_RATE": UNTHROTTLED,
        "DJANGO_API_USER_RATE": UNTHROTTLED,
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if result.returncode != 0:
        raise CannotRun(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


CREATE_WRITER = textwrap.dedent(
    """
    from django.contrib.auth.models import Group, User
    from rest_framework.authtoken.models import Token
    user, _ = User.objects.get_or_create(username="loadtest-writer", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name="Reviewer"))
    print(Token.objects.get_or_create(user=user)[0].key)
    """
)


def prepare(database: Database, env: dict[str, str]) -> str:
    """A fresh database with the demo data and a Reviewer's token (returned)."""
    log(f"Preparing {database.engine} database {database.name!r} (fresh)")
    database.recreate()
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input")
    return manage(env, "shell", "-c", CREATE_WRITER).strip().splitlines()[-1]


class Server:
    def __init__(self, env: dict[str, str], workers: int, workdir: Path):
        self.port = free_port()
        self.log_path = workdir / "gunicorn.log"
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "tracker.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--timeout",
                "60",
                "--graceful-timeout",
                "10",
                "--error-logfile",
                str(self.log_path),
                "--capture-output",  # the workers' own logging goes there too
            ],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CannotRun(f"gunicorn exited; see {self.log_path}")
            try:
                if get(self.port, "/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise CannotRun(f"gunicorn did not answer within {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def logged_errors(self) -> dict[str, int]:
        """Django's error records in the server log ("Service Unavailable: /events/"), by
        reason, and gunicorn's own worker errors. These stay on the server."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return {}
        found = collections.Counter(re.findall(r"^([A-Z][A-Za-z ]+): /", text, re.MULTILINE))
        found["gunicorn worker errors"] = len(re.findall(r"\[ERROR\]", text))
        return dict(found)


@dataclass
class Answer:
    at: float  # time.time()
    status: int | None  # None: no answer (connection refused, reset, timeout)
    retry_after: str | None = None
    content_type: str = ""
    body: bytes = b""
    error: str = ""


def request(port: int, method: str, path: str, body: dict | None = None, token: str = "") -> Answer:
    headers = {PROXY_HEADER[0]: PROXY_HEADER[1], "Accept": "*/*"}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Token {token}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        data = response.read()
        return Answer(
            at=time.time(),
            status=response.status,
            retry_after=response.getheader("Retry-After"),
            content_type=response.getheader("Content-Type", ""),
            body=data,
        )
    except (OSError, http.client.HTTPException) as error:
        return Answer(at=time.time(), status=None, error=type(error).__name__)
    finally:
        conn.close()


def get(port: int, path: str) -> Answer:
    answer = request(port, "GET", path)
    if answer.status is None:
        raise ConnectionError(answer.error)
    return answer


# --- Load -----------------------------------------------------------------------------


@dataclass
class WrkResult:
    name: str
    path: str
    output: str = ""
    statuses: dict[int, int] = field(default_factory=dict)
    by_second: list[tuple[int, int, int]] = field(default_factory=list)  # (status, second, n)

    def parse(self) -> dict:
        out = self.output
        result: dict = {"name": self.name, "path": self.path}
        found = re.search(r"Requests/sec:\s+([\d.]+)", out)
        result["requests_per_s"] = float(found.group(1)) if found else None
        found = re.search(r"(\d+) requests in ([\d.]+)(\w+)", out)
        result["requests"] = int(found.group(1)) if found else None
        for share in ("50", "90", "99"):
            found = re.search(rf"^\s+{share}%\s+(\S+)", out, re.MULTILINE)
            result[f"p{share}_ms"] = milliseconds(found.group(1)) if found else None
        found = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        result["non_2xx"] = int(found.group(1)) if found else 0
        found = re.search(r"Socket errors: (.*)", out)
        result["socket_errors"] = found.group(1).strip() if found else ""
        result["statuses"] = dict(sorted(self.statuses.items()))
        return result


def start_wrk(wrk: str, base: str, name: str, path: str, duration: int, script: Path):
    command = [
        wrk,
        f"-t{WRK_THREADS}",
        f"-c{WRK_CONNECTIONS}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "--header",
        ": ".join(PROXY_HEADER),
        "--script",
        str(script),
        base + path,
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return WrkResult(name, path), process


def finish_wrk(result: WrkResult, process: subprocess.Popen, timeout: float) -> WrkResult:
    try:
        result.output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        result.output, _ = process.communicate()
    statuses: collections.Counter = collections.Counter()
    for status, second, count in re.findall(r"^STATUS (\d+) (\d+) (\d+)$", result.output, re.M):
        statuses[int(status)] += int(count)
        result.by_second.append((int(status), int(second), int(count)))
    result.statuses = dict(statuses)
    return result


class Writer(threading.Thread):
    """POSTs draft claims with unique quotes until the deadline, recording every answer."""

    def __init__(self, number, port, token, targets, prefix, deadline):
        super().__init__(name=f"writer-{number}", daemon=True)
        self.number, self.port, self.token = number, port, token
        self.targets, self.prefix, self.deadline = targets, prefix, deadline
        self.posts: list[tuple[str, Answer, int | None]] = []  # (quote, answer, claim id)

    def run(self) -> None:
        n = 0
        while time.monotonic() < self.deadline:
            n += 1
            event, actor, source = self.targets[(self.number + n) % len(self.targets)]
            quote = f"{self.prefix}w{self.number}-{n}: they were responsible."
            body = {
                "event": event,
                "claimant_description": f"load-test writer {self.number}",
                "stance": "attributes",
                "attributed_actor": actor,
                "role": "perpetrator",
                "hedging": "reported",
                "stated_on": "2024-02-01",
                "citations": [{"source": source, "quote": quote, "locator": f"post {n}"}],
            }
            answer = request(self.port, "POST", "/api/v1/claims/", body, self.token)
            claim_id = None
            if answer.status == 201:
                claim_id = json.loads(answer.body)["id"]
            answer.body = answer.body[:300]
            self.posts.append((quote, answer, claim_id))
            if answer.status is None or answer.status >= 500:
                time.sleep(0.2)  # the site is down: do not spin


class Prober(threading.Thread):
    """GETs a page and the API list four times a second: when 503s began and ended."""

    def __init__(self, port, paths, deadline):
        super().__init__(name="prober", daemon=True)
        self.port, self.paths, self.deadline = port, paths, deadline
        self.answers: list[tuple[str, Answer]] = []

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            for path in self.paths:
                answer = request(self.port, "GET", path)
                answer.body = answer.body[:2000]
                self.answers.append((path, answer))
            time.sleep(0.25)


class Outage(threading.Thread):
    def __init__(self, cluster: Cluster, start_after: float, seconds: float):
        super().__init__(name="outage", daemon=True)
        self.cluster, self.start_after, self.seconds = cluster, start_after, seconds
        self.stopped_at = self.stop_done_at = self.started_at = self.start_done_at = None
        self.error = ""

    def run(self) -> None:
        time.sleep(self.start_after)
        try:
            self.stopped_at = time.time()
            log(f"  [outage] stopping PostgreSQL {self.cluster.version}/{self.cluster.name}")
            self.cluster.stop()
            self.stop_done_at = time.time()
            time.sleep(self.seconds)
            self.started_at = time.time()
            log("  [outage] starting PostgreSQL again")
            self.cluster.start()
            self.start_done_at = time.time()
        except (subprocess.SubprocessError, OSError) as error:
            self.error = str(error)


def clean_503(path: str, answer: Answer) -> bool:
    """A 503 as promised: Retry-After, and the plain page or JSON (no traceback)."""
    if answer.status != 503 or not answer.retry_after:
        return False
    text = answer.body.decode(errors="replace")
    if "Traceback" in text:
        return False
    if path.startswith("/api/"):
        return answer.content_type.startswith("application/json") and "unavailable" in text
    return "Temporarily unavailable" in text


# --- Run ------------------------------------------------------------------------------


def listing(port: int, resource: str, key: str) -> list:
    body = json.loads(get(port, f"/api/v1/{resource}/?page_size=50").body)
    return [item[key] for item in body["results"]]


def pick_targets(port: int) -> tuple[str, list[tuple[str, str, int]]]:
    """The event page to read, and (event, actor, source) triples for the writers."""
    events = listing(port, "events", "slug")
    actors = listing(port, "actors", "slug")
    sources = listing(port, "sources", "id")
    if not (events and actors and sources):
        raise CannotRun("the demo data did not load: no events, actors or sources")
    read_event = "k1-base-rocket-attack" if "k1-base-rocket-attack" in events else events[0]
    targets = [
        (events[i % len(events)], actors[i % len(actors)], sources[i % len(sources)])
        for i in range(max(len(events), 8))
    ]
    return read_event, targets


def run(args) -> int:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise CannotRun("wrk is not installed: run `apt-get update && apt-get install -y wrk`")
    database = Database.parse(args.database_url)
    database.check_disposable()
    cluster = Cluster(database) if args.db_outage else None
    if cluster is not None:
        cluster.ensure_running()

    with tempfile.TemporaryDirectory(prefix="tracker-loadtest-") as tmp:
        workdir = Path(tmp)
        env = site_env(database, workdir, args.replica_url)
        token = prepare(database, env)
        script = workdir / "statuses.lua"
        script.write_text(WRK_SCRIPT)
        server = Server(env, args.workers, workdir)
        try:
            server.wait_ready()
            read_event, targets = pick_targets(server.port)
            paths = {name: p.format(event=read_event) for name, p in READ_PATHS.items()}
            for path in paths.values():  # every worker loads its templates first
                for _ in range(2 * args.workers):
                    get(server.port, path)
            log(
                f"Serving on {server.base} with {args.workers} gunicorn sync workers; "
                f"{args.duration} s of wrk ({len(paths)} URLs at once, -t{WRK_THREADS} "
                f"-c{WRK_CONNECTIONS} each) and {args.writers} API writers"
                + (f"; PostgreSQL stopped for {args.outage_seconds:g} s" if cluster else "")
            )
            result = load(args, server, paths, targets, token, wrk, script, cluster)
            result["server_log"] = server.logged_errors()
        finally:
            server.stop()
            if cluster is not None:
                cluster.ensure_running()
        result["checks"] |= verify_writes(database, result)
    if cluster is not None:
        result["postgresql_online_after"] = cluster.online()
        result["checks"]["PostgreSQL running again afterwards"] = cluster.online()
    report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str))
    return 0 if all(result["checks"].values()) else 1


def load(args, server, paths, targets, token, wrk, script, cluster) -> dict:
    prefix = f"loadtest-{secrets.token_hex(4)}-"
    started = time.time()
    deadline = time.monotonic() + args.duration
    runs = [
        start_wrk(wrk, server.base, name, path, args.duration, script)
        for name, path in paths.items()
    ]
    writers = [
        Writer(n, server.port, token, targets, prefix, deadline) for n in range(args.writers)
    ]
    prober = Prober(server.port, [paths["event page"], paths["api claims list"]], deadline)
    outage = Outage(cluster, args.duration / 3, args.outage_seconds) if cluster else None
    for thread in [*writers, prober, *([outage] if outage else [])]:
        thread.start()
    reads = [finish_wrk(r, p, timeout=args.duration + 60).parse() for r, p in runs]
    wrk_runs = [r for r, _ in runs]
    for thread in [*writers, prober, *([outage] if outage else [])]:
        thread.join(timeout=120)
    finished = time.time()

    # The outage window: from the stop until the prober first saw a page again.
    window = None
    recovered_at = None
    if outage is not None and outage.started_at is not None:
        recovered_at = next(
            (a.at for _, a in prober.answers if a.at >= outage.started_at and a.status == 200),
            None,
        )
        window = (outage.stopped_at, (recovered_at or finished) + 1.0)

    def in_window(moment: float) -> bool:
        return window is not None and window[0] <= moment <= window[1]

    def near_window(second: int) -> bool:  # wrk counts by whole second
        return window is not None and window[0] - 1 <= second <= window[1] + 1

    # Reads: every status by URL; 5xx inside and outside the outage window.
    unexpected_reads = 0
    socket_errors = 0
    reads_503_in_outage = 0
    for wrk_run, read in zip(wrk_runs, reads, strict=True):
        counts = collections.Counter()
        for status, second, n in wrk_run.by_second:
            if 200 <= status < 300:
                kind = "ok"
            elif status == 503 and near_window(second):
                kind = "503 during outage"
            elif status >= 500 and near_window(second):
                kind = "other 5xx during outage"
            elif status >= 500:
                kind = "5xx outside outage"
            else:
                kind = "other non-2xx"
            counts[kind] += n
        read["503_during_outage"] = counts["503 during outage"]
        read["other_5xx_during_outage"] = counts["other 5xx during outage"]
        read["5xx_outside_outage"] = counts["5xx outside outage"]
        read["other_non_2xx"] = counts["other non-2xx"]
        unexpected_reads += (
            counts["other 5xx during outage"]
            + counts["5xx outside outage"]
            + counts["other non-2xx"]
        )
        reads_503_in_outage += counts["503 during outage"]
        socket_errors += sum(map(int, re.findall(r"\d+", read["socket_errors"])))

    posts = [p for w in writers for p in w.posts]
    write_statuses = collections.Counter(a.status for _, a, _ in posts)
    bad_writes = [
        (quote, a)
        for quote, a, _ in posts
        if a.status != 201 and not (a.status == 503 and in_window(a.at))
    ]
    probe_statuses = collections.Counter(a.status for _, a in prober.answers)
    probe_503 = [(p, a) for p, a in prober.answers if a.status == 503]
    bad_probes = [
        (p, a)
        for p, a in prober.answers
        if a.status != 200 and not (a.status == 503 and in_window(a.at))
    ]
    unclean_503 = [(p, a) for p, a in probe_503 if not clean_503(p, a)]

    result = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(started)),
        "duration_s": round(finished - started, 1),
        "workers": args.workers,
        "writers": args.writers,
        "reads": reads,
        "writes": {
            "posted": len(posts),
            "acknowledged_201": write_statuses.get(201, 0),
            "statuses": {str(k): v for k, v in sorted(write_statuses.items(), key=str)},
            "per_second": round(len(posts) / max(finished - started, 1e-9), 1),
            "unexpected": [
                {
                    "status": a.status,
                    "error": a.error,
                    "body": a.body[:200].decode(errors="replace"),
                }
                for _, a in bad_writes[:5]
            ],
        },
        "prober": {
            "requests": len(prober.answers),
            "statuses": {str(k): v for k, v in sorted(probe_statuses.items(), key=str)},
            "unexpected": len(bad_probes),
        },
        "posts": [(quote, a.status, claim_id) for quote, a, claim_id in posts],
        "prefix": prefix,
        "checks": {},
    }
    allowed = "" if outage is None else ", or 503 during the outage"
    result["checks"] = {
        f"reads (wrk): every answer 2xx{allowed}": unexpected_reads == 0,
        "reads (wrk): no socket errors or timeouts": socket_errors == 0,
        f"writes: every POST answered 201{allowed}": not bad_writes,
        f"prober: every GET answered 200{allowed}": not bad_probes,
    }
    if outage is not None:
        result["outage"] = {
            "stopped_at_s": round(outage.stopped_at - started, 1) if outage.stopped_at else None,
            "stop_took_s": round(outage.stop_done_at - outage.stopped_at, 1)
            if outage.stop_done_at
            else None,
            "started_at_s": round(outage.started_at - started, 1) if outage.started_at else None,
            "start_took_s": round(outage.start_done_at - outage.started_at, 1)
            if outage.start_done_at
            else None,
            "recovered_at_s": round(recovered_at - started, 1) if recovered_at else None,
            # From `pg_ctlcluster start` to the first 200 (the command itself returns later).
            "recovery_after_start_s": round(recovered_at - outage.started_at, 1)
            if recovered_at and outage.started_at
            else None,
            "first_503_at_s": round(probe_503[0][1].at - started, 1) if probe_503 else None,
            "last_503_at_s": round(probe_503[-1][1].at - started, 1) if probe_503 else None,
            "reads_503": reads_503_in_outage,
            "writes_503": sum(1 for _, a, _ in posts if a.status == 503),
            "writes_unanswered": sum(1 for _, a, _ in posts if a.status is None),
            "prober_503": len(probe_503),
            "prober_503_clean": len(probe_503) - len(unclean_503),
            "error": outage.error,
        }
        result["checks"] |= {
            "PostgreSQL was stopped and started": bool(outage.start_done_at) and not outage.error,
            "503s were seen during the outage": reads_503_in_outage > 0 and len(probe_503) > 0,
            "every 503 had Retry-After and the clean page or JSON": not unclean_503,
            "the site recovered by itself": recovered_at is not None,
        }
    return result


def verify_writes(database: Database, result: dict) -> dict:
    """Zero lost, zero duplicated: compare what the writers were told with the database."""
    stored = database.quotes(result["prefix"])
    acknowledged = {quote: claim_id for quote, status, claim_id in result["posts"] if status == 201}
    unacknowledged = {quote for quote, status, _ in result["posts"] if status != 201}
    lost = [q for q in acknowledged if len(stored.get(q, [])) == 0]
    duplicated = [q for q, ids in stored.items() if len(ids) > 1]
    wrong_claim = [
        q for q, claim_id in acknowledged.items() if stored.get(q) not in ([claim_id], [])
    ]
    existing_ids = database.claim_ids([c for c in acknowledged.values() if c is not None])
    missing_claims = [q for q, c in acknowledged.items() if c not in existing_ids]
    stored_unacknowledged = [q for q in unacknowledged if q in stored]
    unknown = [q for q in stored if q not in acknowledged and q not in unacknowledged]
    result["integrity"] = {
        "acknowledged": len(acknowledged),
        "in_database": len(stored),
        "lost": len(lost),
        "duplicated": len(duplicated),
        "acknowledged_but_other_claim": len(wrong_claim),
        "unacknowledged_but_stored": len(stored_unacknowledged),
        "stored_but_never_posted": len(unknown),
    }
    del result["posts"]
    return {
        "zero acknowledged writes lost": not lost and not missing_claims,
        "zero duplicated": not duplicated and not wrong_claim and not unknown,
    }


def report(result: dict) -> None:
    log("")
    log(
        f"Load test, {result['started']}, {result['duration_s']} s, "
        f"{result['workers']} gunicorn workers, {result['writers']} writers"
    )
    log("")
    log(
        f"  {'reads (wrk)':18} {'req/s':>8} {'requests':>9} {'p50 ms':>8} {'p90 ms':>8} "
        f"{'p99 ms':>8} {'non-2xx':>8}  statuses"
    )
    for read in result["reads"]:
        statuses = ", ".join(f"{k}: {v}" for k, v in read["statuses"].items())
        log(
            f"  {read['name']:18} {read['requests_per_s'] or 0:8.1f} {read['requests'] or 0:9d} "
            f"{read['p50_ms'] or 0:8.1f} {read['p90_ms'] or 0:8.1f} {read['p99_ms'] or 0:8.1f} "
            f"{read['non_2xx']:8d}  {statuses}"
            + (f"  socket errors: {read['socket_errors']}" if read["socket_errors"] else "")
        )
    writes = result["writes"]
    log("")
    log(
        f"  writes (API POST /api/v1/claims/): {writes['posted']} posted, "
        f"{writes['per_second']}/s, statuses {writes['statuses']}"
    )
    integrity = result["integrity"]
    log(
        f"  integrity: {integrity['acknowledged']} acknowledged, {integrity['in_database']} in "
        f"the database; lost {integrity['lost']}, duplicated {integrity['duplicated']}, "
        f"unacknowledged but stored {integrity['unacknowledged_but_stored']}"
    )
    log(f"  prober: {result['prober']['requests']} GETs, statuses {result['prober']['statuses']}")
    if "outage" in result:
        outage = result["outage"]
        log("")
        log(
            f"  outage: `pg_ctlcluster stop` at {outage['stopped_at_s']} s (returned after "
            f"{outage['stop_took_s']} s), `start` at {outage['started_at_s']} s (returned after "
            f"{outage['start_took_s']} s)"
        )
        log(
            f"  prober: first 503 at {outage['first_503_at_s']} s, last at "
            f"{outage['last_503_at_s']} s; 200 again at {outage['recovered_at_s']} s, "
            f"{outage['recovery_after_start_s']} s after `start` was issued"
        )
        log(
            f"  503s during the outage: reads {outage['reads_503']}, writes "
            f"{outage['writes_503']} (unanswered {outage['writes_unanswered']}), prober "
            f"{outage['prober_503']} ({outage['prober_503_clean']} with Retry-After and the "
            "clean page/JSON)"
        )
        for read in result["reads"]:
            log(
                f"    {read['name']:18} 503 during the outage {read['503_during_outage']}, "
                f"other 5xx during it {read['other_5xx_during_outage']}, "
                f"5xx outside it {read['5xx_outside_outage']}"
            )
    log(f"  error records in the server's own log (not sent to clients): {result['server_log']}")
    for sample in result["writes"]["unexpected"]:
        log(f"  unexpected write answer: {sample}")
    log("")
    for name, ok in result["checks"].items():
        log(f"  [{'PASS' if ok else 'FAIL'}] {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        help=f"the database to (re)create; default $DATABASE_URL or {DEFAULT_DATABASE_URL}",
    )
    parser.add_argument("--duration", type=int, default=20, help="seconds of load (20)")
    parser.add_argument("--writers", type=int, default=4, help="concurrent API writers (4)")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1),
        help="gunicorn sync workers (2 x cores)",
    )
    parser.add_argument("--db-outage", action="store_true", help="stop PostgreSQL mid-run")
    parser.add_argument("--outage-seconds", type=float, default=5.0, help="outage length (5)")
    parser.add_argument(
        "--replica-url",
        action="append",
        default=[],
        help="a read replica of the database (repeatable; bench/replica.py starts one)",
    )
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 3600 or not 0 <= args.writers <= 64:
        parser.error("--duration must be 1 to 3600 s and --writers 0 to 64")
    try:
        return run(args)
    except CannotRun as reason:
        print(f"loadtest: {reason}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
