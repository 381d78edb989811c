"""The address a request comes from, as the login lockout and the API's rate limits see it."""

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the X-Forwarded-For entry the
    outermost of them appended: DRF's rule (its NUM_PROXIES setting), so that a client that
    forges the header is one client to the lockout as to the rate limits."""
    return BaseThrottle().get_ident(request)
