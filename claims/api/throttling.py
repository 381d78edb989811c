"""Request rates: one limit for anonymous readers (by address), another for accounts."""

from rest_framework.throttling import UserRateThrottle


class AccountRateThrottle(UserRateThrottle):
    """DRF's per-user rate, for signed-in requests only.

    DRF's own class also counts anonymous requests, by address, which AnonRateThrottle
    already does under its own, lower limit: two counters, twice the cache's work, for
    one limit that never binds.
    """

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
