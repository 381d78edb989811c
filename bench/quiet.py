"""Waiting for a quiet machine: other work on the same cores (a test suite, a build) slows
every figure. Before each measure the harness waits, up to a bound, until the CPUs have
been mostly idle for a second, and records how idle they were."""

import os
import time


def _cpu_times() -> tuple[int, int]:
    """(idle, total) jiffies of all CPUs since boot (Linux)."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return idle, sum(fields[:8])


def idle_share(interval: float = 1.0) -> float:
    """The share of CPU time that was idle over the next `interval` seconds."""
    try:
        idle_before, total_before = _cpu_times()
        time.sleep(interval)
        idle_after, total_after = _cpu_times()
    except OSError:
        return 1.0
    total = total_after - total_before
    return (idle_after - idle_before) / total if total else 1.0


def wait_for_quiet(max_wait: float, threshold: float = 0.85) -> float:
    """Wait until the CPUs are at least `threshold` idle (or `max_wait` seconds have
    passed); returns the idle share last seen."""
    if max_wait <= 0:
        return round(idle_share(0.2), 2)
    deadline = time.monotonic() + max_wait
    while True:
        share = idle_share()
        if share >= threshold or time.monotonic() >= deadline:
            return round(share, 2)


class OtherLoad:
    """CPU used by other processes (the database server included) while a block runs, as
    a share of all the CPUs: a high share means the figure was measured on a busy machine."""

    def __enter__(self) -> "OtherLoad":
        self.share = None
        try:
            self._idle, self._total = _cpu_times()
        except OSError:
            self._total = None
        self._own = sum(os.times()[:2])
        return self

    def __exit__(self, *exc) -> None:
        if self._total is None:
            return
        idle, total = _cpu_times()
        ticks = os.sysconf("SC_CLK_TCK")
        elapsed = total - self._total
        if elapsed <= 0:
            return
        busy = elapsed - (idle - self._idle)
        own = (sum(os.times()[:2]) - self._own) * ticks
        self.share = round(max(0.0, (busy - own) / elapsed), 2)
