"""Request rates: one limit for anonymous readers (by address), another for accounts.

The rule: a client may make as many requests as its rate says ("120/minute") in a window
that opens with its first request and lasts the rate's period; past that it is answered
429, with Retry-After the seconds left in its window. The count lives in the shared cache
(Redis) and costs one round trip a request: a script adds one to the client's counter and
starts the window's clock when the counter is new (tracker/redis_cache.py). DRF's own
throttles read a list of times and write it back, two round trips, between which another
request of the same client could read the same list.

The API's cached answers, served before DRF's dispatch (claims/api/fast_reads.py), count
the request in the same round trip that reads the answer, and leave the count on the
request, where the throttle below finds it instead of counting again: a request is
counted once, by one rule, whichever path answers it.

While the cache cannot be reached, requests go through uncounted: the API goes on
answering, as the reader pages do (claims/caching.py), rather than failing every request
because a counter cannot be read.
"""

import logging
import math
import time

from django.core.cache import caches
from redis.exceptions import RedisError
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from tracker.redis_cache import SharedClientRedisCache

logger = logging.getLogger(__name__)

# The counts this request has already been given, by counter (see `counts_made`).
COUNTS_ATTRIBUTE = "api_request_counts"
# A count that lets the request through: the cache could not be reached.
UNCOUNTED = (0, 0.0)


def count_and_read(counter: str, window: int, keys: list[str] = ()) -> tuple[int, float, dict]:
    """One request counted against `counter` (a window of `window` seconds opened by its
    first request) and the cache entries `keys` read: the count so far, the seconds left in
    the window, and the entries found. One round trip on Redis."""
    backend = caches["default"]
    if isinstance(backend, SharedClientRedisCache):
        return backend.count_and_read(counter, window, keys)
    # Any other cache holds one process's memory (development, the tests): there are no
    # round trips to save, and no other process to race with.
    now = time.time()
    count, ends = backend.get(counter) or (0, now + window)
    if ends <= now:
        count, ends = 0, now + window
    backend.set(counter, (count + 1, ends), timeout=math.ceil(ends - now))
    return count + 1, ends - now, backend.get_many(keys) if keys else {}


def counts_made(request) -> dict[str, tuple[int, float]]:
    """The counts already made for this request (by the cached answers' path), by counter."""
    return getattr(request, COUNTS_ATTRIBUTE, None) or {}


def note_count(request, counter: str, counted: tuple[int, float]) -> None:
    counts = counts_made(request)
    counts[counter] = counted
    setattr(request, COUNTS_ATTRIBUTE, counts)


class CountedRateThrottle:
    """DRF's rates (`rate`, the `DEFAULT_THROTTLE_RATES` scopes, `get_cache_key`), counted
    by the rule above; lets the request through when its cache cannot be reached."""

    def counter(self, request, view) -> str | None:
        """The counter this request adds to, or None when it is not limited."""
        if self.rate is None:
            return None
        return self.get_cache_key(request, view)

    def allow_request(self, request, view) -> bool:
        self.key = self.counter(request, view)
        if self.key is None:
            return True
        counted = counts_made(request).get(self.key)
        if counted is None:
            try:
                count, left, _ = count_and_read(self.key, self.duration)
            except RedisError:
                counted = UNCOUNTED
                logger.exception("The API's request counts could not be read; request let through")
            else:
                counted = (count, left)
            note_count(request, self.key, counted)
        return self.judge(counted)

    def judge(self, counted: tuple[int, float]) -> bool:
        """Whether a request given this count (and this much left of its window) passes."""
        self.count, self.seconds_left = counted
        return self.count <= self.num_requests

    def wait(self) -> float:
        # DRF rounds it up for Retry-After; never 0, which would invite an immediate retry.
        return max(self.seconds_left, 1.0)


class AnonymousRateThrottle(CountedRateThrottle, AnonRateThrottle):
    """The per-address rate for requests without an account (`anon`)."""


class AccountRateThrottle(CountedRateThrottle, UserRateThrottle):
    """The per-user rate, for signed-in requests only.

    DRF's own class also counts anonymous requests, by address, which AnonRateThrottle
    already does under its own, lower limit: two counters, twice the cache's work, for
    one limit that never binds.
    """

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
