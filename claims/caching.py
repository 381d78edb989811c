"""Anonymous readers' pages and API reads, cached until the next edit.

Every cached response is filed under the current *generation* of the data, a counter
in the cache that every committed change to what readers can see moves on (signals for
saves and deletes, `services.refresh_attributions` for bulk writes). A response of an
older generation is never read again, so no page outlives the edit that changed it,
whichever worker of whichever server made the edit; the cache's own expiry only frees
the memory.

Caching needs a cache that every server process shares (Redis, `DJANGO_CACHE_URL`): a
per-process cache would leave the other workers' generations behind. Without one,
`PAGE_CACHE_SECONDS` is 0 and nothing here caches.

Who is cached: anonymous GET and HEAD requests only. An editor's request always goes to
the database, and a response that sets a cookie is never kept.
"""

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "tracker:generation"


def _enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def generation() -> int:
    """The data's current generation (read before the data a response is built from, so
    that a response built during an edit is filed under the generation the edit ends)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        _start_generation()
        value = cache.get(GENERATION_KEY, 0)
    return value


def _start_generation() -> None:
    # From the clock, not from 1: should the counter alone be lost (evicted), no
    # generation that responses were filed under before can come round again.
    cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there: nothing filed under it can be read again
        _start_generation()
    except Exception:
        # The cache cannot be reached: what it holds may be served again when it comes
        # back, until it expires (PAGE_CACHE_SECONDS). Said in the log and the README.
        logger.exception("Could not move the cache's generation on")


def content_changed() -> None:
    """Retire every cached response, now and again once the current transaction commits.

    Now, so that the rest of this transaction's own requests (a test's, say) read afresh;
    again after the commit, because a reader served in between files the data as it was
    before the commit under the new generation.
    """
    if not _enabled():
        return
    _next_generation()
    connection = transaction.get_connection()
    # One retirement at commit, however many rows the transaction saves (a merge saves
    # thousands); a savepoint rolled back takes its callbacks with it, so look at those
    # still pending rather than keep a flag of our own.
    if any(callback is _next_generation for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_next_generation)


def _key(kind: str, request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    # An API answer also differs by the format negotiated for it (JSON, the browsable API).
    media_type = getattr(request, "accepted_media_type", "")
    digest = hashlib.sha256(f"{address} {media_type}".encode()).hexdigest()
    return f"tracker:{kind}:{generation()}:{digest}"


def _anonymous_read(request) -> bool:
    return (
        _enabled()
        and request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.user.is_authenticated
    )


def _lookup(kind: str, request) -> tuple[str | None, object]:
    """The cache key for this request and what the cache holds under it (None when it
    holds nothing, or the request is not to be cached, or the cache cannot be reached)."""
    if not _anonymous_read(request):
        return None, None
    try:
        key = _key(kind, request)
        return key, cache.get(key)
    except Exception:
        logger.exception("The page cache could not be read; answering from the database")
        return None, None


def _store(key: str, value) -> None:
    try:
        cache.set(key, value, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("The page cache could not be written")


def cached_page(view):
    """For a reader's page view: the rendered response, kept until the next edit."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        key, response = _lookup("page", request)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if key and response.status_code == 200 and not response.cookies:
            _store(key, response)
        return response

    return wrapped


def cached_api_read(handler):
    """For an API read (a viewset's list, retrieve or read action), run after DRF's
    authentication, permissions, throttles and content negotiation: the rendered
    response, kept until the next edit."""

    @functools.wraps(handler)
    def wrapped(view, request, *args, **kwargs):
        key, response = _lookup("api", request)
        if response is not None:
            return response
        response = handler(view, request, *args, **kwargs)
        if key and response.status_code == 200:
            # Rendered later, by DRF and Django: keep it once it is.
            response.add_post_render_callback(lambda rendered: _store(key, rendered))
        return response

    return wrapped
