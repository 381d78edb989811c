"""`python -m bench webhooks [--db sqlite|postgres] [--interval 1]`: webhook delivery
latency from commit to receipt, and deliveries per second per worker.

One `manage.py db_worker` process (polling every --interval seconds, its default 1)
and a receiver on 127.0.0.1 in this process. Latency: claims published one at a time,
each waited for, from the commit of the publication to the receipt of its signed
delivery (two jobs: the dispatch that finds the subscriptions, then the delivery).
Throughput: --burst claims published while no worker runs, then one worker started
and timed until every delivery has arrived.
"""

import argparse
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
import time

from bench import config

MANAGE = str(config.PROJECT_DIR / "manage.py")
DB_NAME = config.database_name("webhooks")


class _Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        arrived = time.perf_counter()
        claim = json.loads(body)["data"]["claim"]["id"]
        with self.server.lock:
            self.server.arrivals[claim] = arrived
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _database_url(db: str) -> str:
    if db == "postgres":
        config._pg_admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        config._pg_admin(f'CREATE DATABASE "{DB_NAME}"')
        return config.pg_url(DB_NAME)
    path = config.RESULTS_DIR / "bench-webhooks.sqlite3"
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def _worker(interval: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, MANAGE, "db_worker", "--no-reload", "--interval", str(interval)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(receiver, claim_ids, timeout: float = 120) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        with receiver.lock:
            if all(pk in receiver.arrivals for pk in claim_ids):
                return
        time.sleep(0.002)
    raise TimeoutError(f"deliveries missing after {timeout} s")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench webhooks", description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--interval", type=float, default=1.0, help="the worker's polling")
    parser.add_argument("--latency", type=int, default=40, help="claims timed one by one")
    parser.add_argument("--burst", type=int, default=300, help="claims for the throughput")
    args = parser.parse_args(argv)
    config.RESULTS_DIR.mkdir(parents=True, exist_ok=True)

    os.environ["DATABASE_URL"] = _database_url(args.db)
    os.environ["DJANGO_WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = "1"
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    subprocess.run([sys.executable, MANAGE, "migrate", "--no-input", "-v", "0"], check=True)
    import django

    django.setup()
    from claims import services
    from claims.models import Citation, Claim, Event, Source, WebhookSubscription

    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    receiver.arrivals, receiver.lock = {}, threading.Lock()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    WebhookSubscription.objects.create(
        target_url=f"http://127.0.0.1:{receiver.server_address[1]}/hooks"
    )
    event = Event.objects.create(title="Bench", slug="bench", date="2024-01-28", kind="other")
    source = Source.objects.create(title="Report", kind="news_report")

    def drafts(count: int) -> list[Claim]:
        claims = []
        for n in range(count):
            claim = Claim.objects.create(
                event=event,
                claimant_description=f"officials {n}",
                stance=Claim.Stance.NO_CLAIM,
                stated_on="2024-02-01",
            )
            Citation.objects.create(claim=claim, source=source, quote=f"Quote {n}")
            claims.append(claim)
        return claims

    # Latency: one claim at a time.
    latency_claims = drafts(args.latency)
    worker = _worker(args.interval)
    time.sleep(2)  # the worker's start
    latencies = []
    try:
        for claim in latency_claims:
            services.publish_claims([claim], by=None)
            committed = time.perf_counter()
            _wait_for(receiver, [claim.pk])
            latencies.append(receiver.arrivals[claim.pk] - committed)
    finally:
        worker.terminate()
        worker.wait()

    # Throughput: a backlog, then one worker.
    burst = drafts(args.burst)
    for claim in burst:
        services.publish_claims([claim], by=None)
    started = time.perf_counter()
    worker = _worker(args.interval)
    try:
        _wait_for(receiver, [claim.pk for claim in burst], timeout=600)
    finally:
        worker.terminate()
        worker.wait()
    elapsed = time.perf_counter() - started
    receiver.shutdown()

    latencies.sort()
    result = {
        "db": args.db,
        "interval": args.interval,
        "latency_median_ms": round(statistics.median(latencies) * 1000),
        "latency_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000),
        "latency_samples": len(latencies),
        "deliveries_per_second_per_worker": round(args.burst / elapsed, 1),
        "burst": args.burst,
    }
    print(json.dumps(result, indent=2))
    name = f"webhooks-{args.db}-{args.interval:g}.json"
    (config.RESULTS_DIR / name).write_text(json.dumps(result, indent=2))
    return 0
