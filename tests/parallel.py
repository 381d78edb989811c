"""Requests made at the same moment from several threads, for the races of concurrent
writes. Each thread has its own database connection (Django opens one per thread), so
the tests that use this need committed data: `django_db(transaction=True)`."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def at_once(*calls):
    """Run each callable in a thread of its own, all released at the same moment, and
    return their results in order (an exception in one is raised here)."""
    start = threading.Barrier(len(calls))

    def run(call):
        try:
            start.wait(timeout=10)
            return call()
        finally:
            connections.close_all()  # this thread's connection, not the test's

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))
