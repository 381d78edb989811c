"""The load test against a PostgreSQL primary and a streaming replica of it.

Usage (from the project folder; needs PostgreSQL's server programs, as Debian's
postgresql package installs them, and wrk):

    .venv/bin/python -m bench.replica                   # 20 s of load
    .venv/bin/python -m bench.replica --duration 60 --json replica.json

What it does:

1. Makes a private PostgreSQL cluster in a temporary folder (`initdb`), on a free port of
   127.0.0.1, with streaming replication allowed from 127.0.0.1 only, and starts it.
2. Copies it with `pg_basebackup --write-recovery-conf` into a second folder and starts
   that as a hot-standby replica on another free port.
3. Runs `bench/loadtest.py` against the primary with `--replica-url` the replica: the
   site's anonymous reads go to the replica, the API writers' claims to the primary.
4. Meanwhile samples the replica's lag every half second (bytes of WAL not yet replayed,
   and `pg_stat_replication.replay_lag`), and counts the transactions the replica served.
5. Stops both servers and removes their folders, whatever happened.

The machine's own PostgreSQL is not touched. When run as root, the servers run as the
`postgres` system user (PostgreSQL refuses to run as root). Exit status: the load test's
(0 when every check passes), and 1 as well when the replica served no transaction.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import psycopg

from bench.wrk import free_port

PROJECT = Path(__file__).resolve().parent.parent
DATABASE = "tracker_load"


def server_programs() -> Path:
    """The folder of initdb, pg_ctl and pg_basebackup: Debian keeps them off the PATH,
    which has only wrappers of its own."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if versions:
        return versions[-1]
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    sys.exit("bench.replica: PostgreSQL's server programs (pg_ctl, initdb) are not installed")


class Cluster:
    """A PostgreSQL server of ours, in a folder of ours."""

    def __init__(self, programs: Path, folder: Path, port: int):
        self.programs, self.folder, self.port = programs, folder, port

    def run(self, program: str, *args: str) -> None:
        command = [str(self.programs / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed:\n{done.stdout}{done.stderr}")

    def start(self) -> None:
        self.run(
            "pg_ctl", "-D", str(self.folder), "-l", str(self.folder / "server.log"),
            "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1",
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        if (self.folder / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.folder), "-m", "fast", "-w", "stop")

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def query(self, sql: str, database: str = "postgres"):
        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as conn:
            return conn.execute(sql).fetchall()


def make_primary(programs: Path, root: Path) -> Cluster:
    primary = Cluster(programs, root / "primary", free_port())
    primary.run(
        "initdb", "-D", str(primary.folder), "-U", "postgres", "--auth=trust", "--no-sync",
    )  # fmt: skip
    with open(primary.folder / "postgresql.conf", "a") as conf:
        conf.write("wal_level = replica\nmax_wal_senders = 4\nfsync = off\n")
    with open(primary.folder / "pg_hba.conf", "a") as hba:
        hba.write("host replication postgres 127.0.0.1/32 trust\n")
    primary.start()
    return primary


def make_replica(programs: Path, root: Path, primary: Cluster) -> Cluster:
    replica = Cluster(programs, root / "replica", free_port())
    replica.run(
        "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
        "-D", str(replica.folder), "--write-recovery-conf", "--wal-method=stream",
    )  # fmt: skip
    replica.start()
    return replica


class LagSampler(threading.Thread):
    def __init__(self, primary: Cluster):
        super().__init__(daemon=True)
        self.primary = primary
        self.bytes_behind: list[int] = []
        self.replay_lag_ms: list[float] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.5):
            try:
                rows = self.primary.query(
                    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint,"
                    " extract(epoch FROM replay_lag) * 1000 FROM pg_stat_replication"
                )
            except psycopg.Error:
                continue
            for behind, lag in rows:
                if behind is not None:
                    self.bytes_behind.append(int(behind))
                if lag is not None:
                    self.replay_lag_ms.append(float(lag))


def served_transactions(replica: Cluster) -> int:
    rows = replica.query(
        f"SELECT coalesce(sum(xact_commit + xact_rollback), 0) FROM pg_stat_database"
        f" WHERE datname = '{DATABASE}'"
    )
    return int(rows[0][0])


def summary(values: list[float]) -> dict:
    if not values:
        return {"samples": 0}
    ordered = sorted(values)
    return {
        "samples": len(values),
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "max": ordered[-1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of load (20)")
    parser.add_argument("--writers", type=int, default=4, help="concurrent API writers (4)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)

    programs = server_programs()
    root = Path(tempfile.mkdtemp(prefix="tracker-replica-"))
    root.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    clusters: list[Cluster] = []
    try:
        primary = make_primary(programs, root)
        clusters.append(primary)
        replica = make_replica(programs, root, primary)
        clusters.append(replica)
        print(f"Primary on port {primary.port}, streaming replica on port {replica.port}")
        sampler = LagSampler(primary)
        sampler.start()
        results = Path(root) / "loadtest.json"
        load = subprocess.run(
            [
                sys.executable, "-m", "bench.loadtest",
                "--database-url", primary.url(),
                "--replica-url", replica.url(),
                "--duration", str(args.duration),
                "--writers", str(args.writers),
                "--json", str(results),
            ],
            cwd=PROJECT,
            check=False,
        )  # fmt: skip
        sampler.stopping.set()
        sampler.join()
        served = served_transactions(replica)
        outcome = {
            "loadtest_exit_status": load.returncode,
            "replica_transactions": served,
            "replica_bytes_behind": summary(sampler.bytes_behind),
            "replica_replay_lag_ms": summary(sampler.replay_lag_ms),
        }
        print(json.dumps(outcome, indent=2))
        if args.json:
            loaded = json.loads(results.read_text()) if results.exists() else {}
            Path(args.json).write_text(json.dumps(loaded | {"replica": outcome}, indent=2))
        return load.returncode or (0 if served else 1)
    finally:
        for cluster in reversed(clusters):
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
