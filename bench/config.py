"""Where the benchmark keeps its databases and results, and how child processes are set up.

No Django import here: the orchestrator (`python -m bench`) uses it before any settings
exist, to create and drop the benchmark's own databases.
"""

import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
PYTHON = sys.executable

# The PostgreSQL server (trust auth on loopback); the benchmark's databases are created
# and dropped on it, never the developer's.
DEFAULT_PG_SERVER = "postgres://postgres@127.0.0.1:5432"
# Every database name carries the checkout's folder ("tracker_bench_main"), so that two
# checkouts benchmarking on one server (a worktree per branch) never drop each other's.
CHECKOUT = re.sub(r"[^a-z0-9]+", "_", PROJECT_DIR.name.lower()).strip("_") or "project"


def database_name(purpose: str) -> str:
    return f"tracker_bench_{purpose}_{CHECKOUT}"


PG_DB = database_name("data")
PG_IMPORT_DB = database_name("import")
# Anonymous API requests are throttled to 120 a minute by default: the benchmark lifts
# the limit (through the project's own setting) so that it measures answers, not 429s.
UNTHROTTLED = "1000000000/minute"
# Production redirects plain HTTP to HTTPS; like a deployment behind a TLS-terminating
# proxy, the benchmark says so (DJANGO_BEHIND_TLS_PROXY) and sends this header.
PROXY_HEADER = ("X-Forwarded-Proto", "https")


def pg_server() -> str:
    return os.environ.get("BENCH_PG_SERVER", DEFAULT_PG_SERVER).rstrip("/")


def pg_url(database: str) -> str:
    parts = urlsplit(pg_server())
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", "", ""))


def sqlite_path(claims: int, *, target: str = "data") -> Path:
    return RESULTS_DIR / f"bench-{target}-{claims}.sqlite3"


def database_url(db: str, claims: int, *, target: str = "data") -> str:
    """The DATABASE_URL of the benchmark's data set (`data`) or import target (`import`)."""
    if db == "sqlite":
        return f"sqlite:///{sqlite_path(claims, target=target)}"
    return pg_url(PG_DB if target == "data" else PG_IMPORT_DB)


def django_env(database_url_: str, *, settings: str = "bench.settings") -> dict[str, str]:
    """The environment of a process running the project against a benchmark database:
    production settings (DEBUG off), as a deployment would run them."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": database_url_,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "DJANGO_API_ANON_RATE": UNTHROTTLED,
            "DJANGO_API_USER_RATE": UNTHROTTLED,
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_BEHIND_TLS_PROXY": "1",
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(PROJECT_DIR), env.get("PYTHONPATH", "")) if p
            ),
        }
    )
    return env


def recreate_database(db: str, claims: int, *, target: str = "data") -> None:
    """An empty database for the benchmark (dropped first if it exists)."""
    if db == "sqlite":
        path = sqlite_path(claims, target=target)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    drop_database(db, target=target)
    name = PG_DB if target == "data" else PG_IMPORT_DB
    _pg_admin(f'CREATE DATABASE "{name}"')


def drop_database(db: str, *, target: str = "data", claims: int = 0) -> None:
    if db == "sqlite":
        sqlite_path(claims, target=target).unlink(missing_ok=True)
        return
    name = PG_DB if target == "data" else PG_IMPORT_DB
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(pg_url("postgres"), autocommit=True) as conn:
        conn.execute(sql)
