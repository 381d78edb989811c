"""`python -m bench import-job [--rows 100000] [--db sqlite|postgres]`: the admin's
import of a large spreadsheet as background jobs, through the admin's own pages: the
upload, the progress page polled every second while one `db_worker` checks and then
imports, the confirmation, and the report reopened after. Reports the slowest request
and how long each job took."""

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import time

from bench import config

MANAGE = str(config.PROJECT_DIR / "manage.py")
DB_NAME = config.database_name("import_job")


def spreadsheet(rows: int) -> bytes:
    from claims.importer import SIMPLE_COLUMNS

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SIMPLE_COLUMNS)
    writer.writeheader()
    for n in range(rows):
        writer.writerow(
            {
                "event": f"Strike number {n // 20}",
                "event_date": "2024-01-28",
                "event_kind": "drone_strike",
                "event_country": "IQ",
                "claimant_description": f"officials {n % 20}",
                "stance": "attributes",
                "attributed_actor": f"Group {n % 50}",
                "role": "perpetrator",
                "hedging": "reported",
                "publication": "draft",
                "stated_on": "2024-02-01",
                "quote": f"Group {n % 50} carried out strike {n // 20}",
                "source_url": f"https://news.example.org/{n // 20}",
                "source_title": f"Report {n // 20}",
                "source_kind": "news_report",
            }
        )
    return out.getvalue().encode()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench import-job", description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    config.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    if args.db == "postgres":
        config._pg_admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        config._pg_admin(f'CREATE DATABASE "{DB_NAME}"')
        os.environ["DATABASE_URL"] = config.pg_url(DB_NAME)
    else:
        path = config.RESULTS_DIR / "bench-import-job.sqlite3"
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    subprocess.run([sys.executable, MANAGE, "migrate", "--no-input", "-v", "0"], check=True)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from claims.models import Claim, ImportJob

    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "pw")
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    client.force_login(user)
    data = spreadsheet(args.rows)
    client.get("/admin/claims/claim/import/")  # the first request loads the code: not timed
    requests: list[tuple[str, float]] = []
    unanswered: list[int] = []  # progress pages not served (SQLite: the import's lock)

    def timed(label: str, call):
        started = time.perf_counter()
        response = call()
        requests.append((label, time.perf_counter() - started))
        return response

    upload = SimpleUploadedFile("claims.csv", data)
    uploaded = timed("upload", lambda: client.post("/admin/claims/claim/import/", {"file": upload}))
    job_url = uploaded.url
    worker = subprocess.Popen(
        [sys.executable, MANAGE, "db_worker", "--no-reload", "--interval", "0.5"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    phases = {}
    try:
        for wanted, label in (("checked", "dry run"), ("imported", "import")):
            started = time.perf_counter()
            progress = set()
            while True:
                answer = timed("progress page", lambda: client.get(job_url))
                if answer.status_code != 200:
                    unanswered.append(answer.status_code)
                page = answer.content.decode()
                found = re.search(r"Rows read: (\d+)", page)
                if found:
                    progress.add(int(found.group(1)))
                status = ImportJob.objects.values_list("status", flat=True).get()
                if status == wanted:
                    break
                if status in ("refused", "failed"):
                    raise RuntimeError(f"the {label} ended {status}")
                time.sleep(1)
            phases[label] = {
                "seconds": round(time.perf_counter() - started, 1),
                "progress_readings": len(progress),
            }
            if wanted == "checked":
                timed("confirm", lambda: client.post(job_url))
    finally:
        worker.terminate()
        worker.wait()
    reopened = timed("report reopened", lambda: client.get(job_url)).content.decode()
    assert "Imported:" in reopened
    slowest = max(requests, key=lambda item: item[1])
    result = {
        "db": args.db,
        "rows": args.rows,
        "file_mb": round(len(data) / 1e6, 1),
        "claims": Claim.objects.count(),
        "upload_ms": round(requests[0][1] * 1000),
        "slowest_request": {"what": slowest[0], "ms": round(slowest[1] * 1000)},
        "slowest_after_upload_ms": round(max(t for _, t in requests[1:]) * 1000),
        "requests": len(requests),
        "progress_pages_not_served": len(unanswered),
        "phases": phases,
    }
    print(json.dumps(result, indent=2))
    (config.RESULTS_DIR / f"import-job-{args.db}-{args.rows}.json").write_text(
        json.dumps(result, indent=2)
    )
    return 0
