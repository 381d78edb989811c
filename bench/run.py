"""One database's run: `python -m bench.run --db sqlite|postgres --claims N ...`.

Started by `python -m bench` with the environment of `bench.config.django_env`; writes
its result as JSON (the path given by --out). Steps: an empty database, migrations, the
synthetic data (generated, bulk-loaded, derived attribution computed and checked), then
the measures: pages and API in process, export and COPY TO, import and COPY FROM,
gunicorn under wrk.
"""

import argparse
import csv
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench import config
from bench.quiet import wait_for_quiet


def _dataset_marker(db: str, claims: int) -> Path:
    name = "postgres" if db == "postgres" else f"sqlite-{claims}"
    return config.RESULTS_DIR / f"dataset-{name}.json"


def _generator_version() -> str:
    sources = [
        config.BENCH_DIR / name for name in ("generate.py", "load.py", "history.py", "derive.py")
    ]
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]


def _can_reuse(args) -> bool:
    marker = _dataset_marker(args.db, args.claims)
    if not args.reuse or not marker.exists():
        return False
    wanted = {"claims": args.claims, "seed": args.seed, "generator": _generator_version()}
    recorded = json.loads(marker.read_text())
    same = all(recorded.get(key) == value for key, value in wanted.items())
    return same and (args.db == "postgres" or config.sqlite_path(args.claims).exists())


def log(message: str) -> None:
    print(message, flush=True)


LOAD: dict[str, list[float]] = {}


def note_load(section: str) -> None:
    """The machine's load average as a section starts: a busy machine slows every figure."""
    LOAD[section] = [round(x, 2) for x in os.getloadavg()]


def _head_csv(source: Path, target: Path, rows: int) -> None:
    """The header and the first `rows` records of a CSV file."""
    with (
        open(source, encoding="utf-8", newline="") as src,
        open(target, "w", encoding="utf-8", newline="") as out,
    ):
        reader, writer = csv.reader(src), csv.writer(out)
        writer.writerow(next(reader))
        for _, record in zip(range(rows), reader, strict=False):
            writer.writerow(record)


def _median_run(runs: list[dict]) -> dict:
    """The run with the median rate (of an odd number; the slower middle one otherwise),
    with every run's rate and the highest peak memory beside it."""
    good = [run for run in runs if "rows_per_s" in run]
    if not good:
        return runs[-1]
    ordered = sorted(good, key=lambda run: run["rows_per_s"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["runs_rows_per_s"] = [run["rows_per_s"] for run in good]
    if any("peak_rss_mb" in run for run in good):
        chosen["peak_rss_mb"] = max(run.get("peak_rss_mb", 0) for run in good)
    return chosen


def _commit() -> str:
    completed = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=config.PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    return completed.stdout.strip()


def _child(command: str, path: Path, database_url: str) -> dict:
    completed = subprocess.run(
        [config.PYTHON, "-m", "bench.child", command, str(path)],
        cwd=config.PROJECT_DIR,
        env=config.django_env(database_url),
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        return {"error": completed.stderr.strip().splitlines()[-1:]}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _machine(connection) -> dict:
    import django

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database_version": version,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--wrk-duration", type=int, default=10)
    parser.add_argument("--wrk-rounds", type=int, default=1)
    parser.add_argument("--skip", default="", help="comma-separated: measures,export,import,serve")
    parser.add_argument("--import-limit", type=int, default=0)
    parser.add_argument("--quiet-wait", type=float, default=60)
    parser.add_argument("--io-repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    skip = {s for s in args.skip.split(",") if s}
    started = time.perf_counter()
    steps: dict[str, float] = {}
    result: dict = {"db": args.db, "claims": args.claims, "seed": args.seed}

    reuse = _can_reuse(args)
    if not reuse:
        config.recreate_database(args.db, args.claims)
        _dataset_marker(args.db, args.claims).unlink(missing_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import derive, load, measure, pgcopy, serve
    from bench.generate import generate
    from bench.history import write_history
    from claims.models import Claim
    from tracker.collector import tune_for_serving

    note_load("start")
    result["machine"] = _machine(connection)
    result["commit"] = _commit()
    log(f"[{args.db}] {result['machine']['database_version']}, {args.claims:,} claims")
    if reuse:
        log(f"[{args.db}] reusing the data set of a previous run (same seed and generator)")
        result["dataset"] = json.loads(_dataset_marker(args.db, args.claims).read_text())
        # Brought up to the code's schema: a migration since the run that kept it applies.
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        steps["migrate"] = time.perf_counter() - t
    else:
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        steps["migrate"] = time.perf_counter() - t
        t = time.perf_counter()
        data = generate(args.claims, args.seed)
        steps["generate"] = time.perf_counter() - t
        log(f"[{args.db}] generated {data.counts()} in {steps['generate']:.1f} s")
        t = time.perf_counter()
        per_table = load.load(data)
        steps["load"] = time.perf_counter() - t
        rows = sum(data.counts().values())
        log(f"[{args.db}] loaded {rows:,} rows in {steps['load']:.1f} s")
        del data
        t = time.perf_counter()
        history = write_history()
        steps["history"] = time.perf_counter() - t
        log(f"[{args.db}] wrote history rows: {history}")
        t = time.perf_counter()
        derived = derive.derive_all()
        steps["derive"] = time.perf_counter() - t
        log(f"[{args.db}] derived attribution: {derived}")
        steps["analyze"] = load.analyze()
        from claims.models import Actor, Citation, Event, Source

        dataset = {
            "claims": args.claims,
            "seed": args.seed,
            "generator": _generator_version(),
            "rows": {
                "claims": Claim.objects.count(),
                "published_claims": Claim.objects.published().count(),
                "citations": Citation.objects.count(),
                "events": Event.objects.count(),
                "public_events": Event.objects.public().count(),
                "actors": Actor.objects.count(),
                "sources": Source.objects.count(),
            },
            "load_seconds_per_table": {k: round(v, 2) for k, v in per_table.items()},
            "load_rows_per_s": round(rows / steps["load"]),
            "derived": derived,
            "history": history,
        }
        result["dataset"] = dataset
        if args.keep:
            _dataset_marker(args.db, args.claims).write_text(json.dumps(dataset, indent=2))

    probes = measure.choose_probes()
    result["probes"] = probes.__dict__ | {"largest_date": probes.largest_date.isoformat()}
    log(f"[{args.db}] probes: {result['probes']}")
    result["repeat"], result["warmup"] = args.repeat, measure.WARMUP
    if "measures" not in skip:
        # As a server's process is once its application is loaded (tracker/wsgi.py).
        tune_for_serving()
        note_load("measures")
        t = time.perf_counter()
        result["measures"] = measure.measure_all(probes, args.repeat, args.quiet_wait, log=log)
        steps["measures"] = time.perf_counter() - t
    connection.close()

    data_url = os.environ["DATABASE_URL"]
    published = Claim.objects.published().count()
    export_file = config.RESULTS_DIR / f"export-{args.db}-{args.claims}.csv"
    if "export" not in skip or "import" not in skip:
        note_load("export")
        t = time.perf_counter()
        copy_file = config.RESULTS_DIR / f"copy-{args.db}-{args.claims}.csv"
        exports, copies = [], []
        # Export and COPY in turns, so that a busy spell on the machine hits both alike.
        for _ in range(args.io_repeat):
            idle = wait_for_quiet(args.quiet_wait)
            exports.append(_child("export", export_file, data_url) | {"cpu_idle_before": idle})
            log(f"[{args.db}] export: {exports[-1]}")
            if args.db == "postgres":
                idle = wait_for_quiet(args.quiet_wait)
                copies.append(pgcopy.copy_to(data_url, str(copy_file), published))
                copies[-1]["cpu_idle_before"] = idle
                copy_file.unlink(missing_ok=True)
                log(f"[{args.db}] COPY TO: {copies[-1]}")
        steps["export"] = time.perf_counter() - t
        result["export"] = _median_run(exports)
        if copies:
            result["copy_to"] = _median_run(copies)
    if "import" not in skip and "rows" in result.get("export", {}):
        config.recreate_database(args.db, args.claims, target="import")
        import_url = config.database_url(args.db, args.claims, target="import")
        import_file = export_file
        if args.import_limit and result["export"]["rows"] > args.import_limit:
            import_file = config.RESULTS_DIR / f"export-{args.db}-{args.claims}-head.csv"
            _head_csv(export_file, import_file, args.import_limit)
            log(f"[{args.db}] importing the first {args.import_limit:,} rows of the export")
        note_load("import")
        idle = wait_for_quiet(args.quiet_wait)
        t = time.perf_counter()
        result["import"] = _child("import", import_file, import_url) | {"cpu_idle_before": idle}
        steps["import"] = time.perf_counter() - t
        log(f"[{args.db}] import: {result['import']}")
        if args.db == "postgres":
            rows = result["import"].get("refused", {}).get("rows") or result["import"].get("rows")
            idle = wait_for_quiet(args.quiet_wait)
            result["copy_from"] = pgcopy.copy_from(import_url, str(import_file), rows)
            result["copy_from"]["cpu_idle_before"] = idle
            log(f"[{args.db}] COPY FROM: {result['copy_from']}")
            idle = wait_for_quiet(args.quiet_wait)
            result["write_floor"] = pgcopy.write_floor(import_url) | {"cpu_idle_before": idle}
            log(f"[{args.db}] write floor: {result['write_floor']}")
        config.drop_database(args.db, target="import", claims=args.claims)
    for leftover in config.RESULTS_DIR.glob(f"export-{args.db}-{args.claims}*.accepted.csv"):
        leftover.unlink()
    config.RESULTS_DIR.joinpath(f"export-{args.db}-{args.claims}-head.csv").unlink(missing_ok=True)
    if not args.keep:
        export_file.unlink(missing_ok=True)

    if "serve" not in skip:
        paths = measure.scenarios(probes)
        note_load("serve")
        t = time.perf_counter()
        result["serve"] = serve.run(
            data_url,
            {
                "trivial": "/bench/trivial/",
                "event_ordinary": paths["event_ordinary"],
                "api_claims_filtered": paths["api_claims_filtered"],
            },
            args.wrk_duration,
            args.quiet_wait,
            log=log,
            rounds=args.wrk_rounds,
        )
        steps["serve"] = time.perf_counter() - t

    connection.close()
    if not args.keep:
        config.drop_database(args.db, claims=args.claims)
    steps["total"] = time.perf_counter() - started
    result["seconds"] = {k: round(v, 1) for k, v in steps.items()}
    result["load_average"] = LOAD
    result["import_limit"] = args.import_limit or None
    result["quiet_wait"] = args.quiet_wait
    result["io_repeat"] = args.io_repeat
    args.out.write_text(json.dumps(result, indent=2, default=str))
    log(f"[{args.db}] done in {steps['total']:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
