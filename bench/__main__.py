"""`python -m bench --claims 100000 --db both`: see README, "Performance".
`python -m bench suggestions [--speed]`: the suggestion engine (bench/suggestions.py).
`python -m bench webhooks [--db postgres]`: webhook delivery (bench/webhooks.py).
`python -m bench import-job [--rows 100000]`: the admin's import as jobs (bench/import_job.py).
`python -m bench desk [--screenshot PATH]`: the editors' desk in a browser (bench/desk.py).

Runs each database in a process of its own (the settings are per process), prints the
tables and writes every figure as JSON under bench/results/ (git-ignored).
"""

import argparse
import datetime as dt
import json
import subprocess
import sys
import time

from bench import config, report


def main() -> int:
    if sys.argv[1:2] == ["suggestions"]:
        from bench import suggestions

        return suggestions.main(sys.argv[2:])
    if sys.argv[1:2] == ["import-job"]:
        from bench import import_job

        return import_job.main(sys.argv[2:])
    if sys.argv[1:2] == ["webhooks"]:
        from bench import webhooks

        return webhooks.main(sys.argv[2:])
    if sys.argv[1:2] == ["desk"]:
        from bench import desk

        return desk.main(sys.argv[2:])
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000, help="claims to generate")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per measure")
    parser.add_argument("--wrk-duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument(
        "--wrk-rounds",
        type=int,
        default=1,
        help="runs of wrk on each page, the pages in turn (the median is reported)",
    )
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated parts to leave out: measures,export,import,serve",
    )
    parser.add_argument(
        "--import-limit",
        type=int,
        default=0,
        help="import only the first N rows of the export",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=60,
        help="seconds to wait, before each measure, for the CPUs to be 85%% idle (0: no wait)",
    )
    parser.add_argument(
        "--io-repeat",
        type=int,
        default=3,
        help="runs of the export and of COPY TO (the median is reported)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the data set (and export file) for --reuse"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="reuse a data set kept by --keep (same seed)"
    )
    args = parser.parse_args()
    config.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    # DEBUG is off, so pages need the hashed static files' manifest.
    collected = time.perf_counter()
    subprocess.run(
        [config.PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=config.PROJECT_DIR,
        env=config.django_env(config.database_url("sqlite", args.claims)),
        check=True,
    )
    print(f"collectstatic: {time.perf_counter() - collected:.1f} s", flush=True)

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    results = []
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        out = config.RESULTS_DIR / f"run-{db}-{args.claims}-{stamp}.json"
        command = [
            config.PYTHON,
            "-m",
            "bench.run",
            f"--db={db}",
            f"--claims={args.claims}",
            f"--seed={args.seed}",
            f"--repeat={args.repeat}",
            f"--wrk-duration={args.wrk_duration}",
            f"--wrk-rounds={args.wrk_rounds}",
            f"--skip={args.skip}",
            f"--import-limit={args.import_limit}",
            f"--quiet-wait={args.quiet_wait}",
            f"--io-repeat={args.io_repeat}",
            f"--out={out}",
            *(["--keep"] if args.keep else []),
            *(["--reuse"] if args.reuse else []),
        ]
        env = config.django_env(config.database_url(db, args.claims))
        completed = subprocess.run(command, cwd=config.PROJECT_DIR, env=env)
        if completed.returncode != 0:
            print(f"The {db} run failed (exit {completed.returncode}).", file=sys.stderr)
            return completed.returncode
        result = json.loads(out.read_text())
        result["targets"] = report.targets(result)
        out.write_text(json.dumps(result, indent=2))
        results.append(result)

    text = report.tables(results)
    print()
    print(text)
    combined = config.RESULTS_DIR / f"bench-{args.claims}-{stamp}.json"
    combined.write_text(json.dumps({"runs": results}, indent=2))
    (config.RESULTS_DIR / f"bench-{args.claims}-{stamp}.md").write_text(text + "\n")
    print(
        f"\nWritten {combined.relative_to(config.PROJECT_DIR)} (and .md) in "
        f"{time.perf_counter() - started:.0f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
