"""The import's peak memory by the size of the file: flat when rows are streamed.

Usage (from the project folder):

    .venv/bin/python -m bench.import_memory --rows 20000 100000 --db sqlite

For each size, writes a spreadsheet CSV (the simple import format) of that many distinct
claims (100 a event, 300 actors, a source per 20 claims, every quote its own), creates an
empty database (an SQLite file in a temporary folder, or the PostgreSQL database
`tracker_bench_import_memory_<checkout folder>`, dropped and recreated), and imports the
file in a fresh process, as `manage.py import_claims FILE` does. Reports rows, seconds,
claims a second and the process's peak resident memory (VmHWM) before and after it; on
PostgreSQL also the schema's write floor (`bench.pgcopy.write_floor`): the claims a
second the database alone manages writing the same rows, the bound of any importer.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

from bench import config

PG_DATABASE = config.database_name("import_memory")

CHILD = """
import json, sys, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from claims.importer import read_rows
from claims.services import import_claims

def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

before = peak_mb()
started = time.perf_counter()
with open(sys.argv[1], "rb") as source:
    report = import_claims(read_rows(source, sys.argv[1]))
seconds = time.perf_counter() - started
result = {"rows": report.rows, "created": report.created["claims"],
          "seconds": round(seconds, 1), "claims_per_s": round(report.rows / seconds),
          "peak_mb_before": round(before), "peak_mb": round(peak_mb())}
from django.db import connection
if connection.vendor == "postgresql":
    import os
    from bench.pgcopy import write_floor
    connection.close()
    floor = write_floor(os.environ["DATABASE_URL"])
    result["write_floor_claims_per_s"] = floor["claims_per_s"]
    result["write_floor_tables"] = floor["tables"]
print(json.dumps(result))
"""


def write_file(path: Path, rows: int) -> None:
    from claims.importer import SIMPLE_COLUMNS

    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=SIMPLE_COLUMNS)
        writer.writeheader()
        for n in range(rows):
            event = n // 100
            writer.writerow(
                {
                    "event": f"Attack number {event}",
                    "event_date": f"20{10 + event % 10}-0{1 + event % 9}-1{event % 10}",
                    "event_kind": "rocket_attack",
                    "event_country": "IQ",
                    "claimant_actor": f"Speaker group {n % 300}",
                    "stance": "attributes",
                    "attributed_actor": f"Armed group {(n * 7) % 300}",
                    "role": "perpetrator",
                    "hedging": "reported",
                    "publication": "draft",
                    "stated_on": "2021-01-01",
                    "quote": f"Statement {n}: the group number {(n * 7) % 300} was behind it",
                    "source_url": f"https://news.example.org/report/{n // 20}",
                    "source_title": f"Report {n // 20}",
                    "source_kind": "news_report",
                }
            )


def database_url(db: str, folder: Path) -> str:
    if db == "sqlite":
        return f"sqlite:///{folder / 'import.sqlite3'}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    return f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()  # for the import format's columns
    for rows in args.rows:
        with tempfile.TemporaryDirectory(prefix="tracker-import-memory-") as tmp:
            folder = Path(tmp)
            path = folder / "claims.csv"
            write_file(path, rows)
            env = config.django_env(database_url(args.db, folder))
            done = subprocess.run(
                [config.PYTHON, "-c", CHILD, str(path)],
                cwd=config.PROJECT_DIR,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                print(done.stderr[-3000:], file=sys.stderr)
                return 1
            result = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                json.dumps({"db": args.db, "file_mb": round(path.stat().st_size / 2**20)} | result)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
