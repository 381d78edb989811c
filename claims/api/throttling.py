"""Request rates: one limit for anonymous readers (by address), another for accounts.

The counts live in the shared cache (Redis). While it cannot be reached, requests go
through uncounted: the API goes on answering, as the reader pages do (claims/caching.py),
rather than failing every request because a counter cannot be read.
"""

import logging

from redis.exceptions import RedisError
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

logger = logging.getLogger(__name__)


class CountsOrLetsThrough:
    """A throttle that lets the request through when its cache cannot be reached."""

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except RedisError:
            logger.exception("The API's request counts could not be read; request let through")
            return True


class AnonymousRateThrottle(CountsOrLetsThrough, AnonRateThrottle):
    """DRF's per-address rate for requests without an account (`anon`)."""


class AccountRateThrottle(CountsOrLetsThrough, UserRateThrottle):
    """DRF's per-user rate, for signed-in requests only.

    DRF's own class also counts anonymous requests, by address, which AnonRateThrottle
    already does under its own, lower limit: two counters, twice the cache's work, for
    one limit that never binds.
    """

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
