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

What a response is filed under: its language, its address with only the query parameters its view
reads (each page declares them; an API view's are its filters', its list's paging and
the format), so that `?x=<anything>` cannot fill the cache with copies of one page. A
request carrying other parameters is answered from what is filed, but what is built for
it is not kept: it may echo them (in the links to the next page, say).
"""

import functools
import hashlib
import logging
import time
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from rest_framework.settings import api_settings

from tracker import replicas
from tracker.middleware import UNPREFIXED_PATHS

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
    """Retire every cached response, now and again once the current transaction commits,
    and hold the read replicas back until they have replayed the commit.

    Now, so that the rest of this transaction's own requests (a test's, say) read afresh;
    again after the commit, because a reader served in between files the data as it was
    before the commit under the new generation.
    """
    if _enabled():
        _next_generation()
    connection = transaction.get_connection()
    # Once at commit, however many rows the transaction saves (a merge saves thousands);
    # a savepoint rolled back takes its callbacks with it, so look at those still
    # pending rather than keep a flag of our own.
    if any(callback is _committed for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_committed)


def _committed() -> None:
    # The primary's position first: a reader who reads the new generation must find the
    # replicas held back to this commit, or a lagging one's page would be filed under it.
    replicas.remember_primary_position()
    if _enabled():
        _next_generation()


class Filed(NamedTuple):
    """A response as the cache keeps it: its status, headers and body, and the generation
    it was built in. Not the response object itself: a DRF Response would bring back its
    `data` (every claim of the page as dictionaries) to be unpickled for nothing."""

    generation: int
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    @classmethod
    def of(cls, response: HttpResponse, generation: int) -> "Filed":
        return cls(generation, response.status_code, tuple(response.items()), response.content)

    def response(self) -> HttpResponse:
        return HttpResponse(self.content, status=self.status, headers=dict(self.headers))


def address_key(kind: str, request, reads: frozenset[str], media_type: str = "") -> str:
    """Where a response is filed: `kind` ("page", "api"), the address with only the query
    parameters `reads`, the media type negotiated (an API answer's) and the language."""
    # Only the parameters the view reads, in one order: `?b=2&a=1&x=9` is `?a=1&b=2`.
    query = urlencode(
        sorted((name, request.GET.getlist(name)) for name in reads & request.GET.keys()),
        doseq=True,
    )
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    # An API answer also differs by the format negotiated for it (JSON, the browsable API),
    # and any answer by its language: a reader page's comes from its address (/ar/…), the
    # API's from Accept-Language, so one address can be answered in several.
    language = translation.get_language()
    digest = hashlib.sha256(f"{address} {media_type} {language}".encode()).hexdigest()
    # The generation is kept in the entry, not in its key, so that the generation and the
    # entry are read together in one round trip (`found`).
    return f"tracker:{kind}:{digest}"


def found(entries: dict, key: str) -> tuple[int | None, HttpResponse | None]:
    """From the entries read at GENERATION_KEY and `key`: the data's generation (None when
    the counter is not there yet), and the response filed at `key` in that generation."""
    current = entries.get(GENERATION_KEY)
    filed = entries.get(key)
    if current is None or not isinstance(filed, Filed) or filed.generation != current:
        return current, None
    return current, filed.response()


def _anonymous_read(request) -> bool:
    return (
        _enabled()
        and request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.user.is_authenticated
    )


class Lookup(NamedTuple):
    key: str | None  # where to keep the response built, None when it is not to be kept
    generation: int
    response: HttpResponse | None  # what the cache holds, None when nothing


def _lookup(kind: str, request, reads: frozenset[str], media_type: str = "") -> Lookup:
    """Where this request's response is filed and what the cache holds there (nothing
    when the cache is unreachable). One round trip on Redis."""
    try:
        filed_at = address_key(kind, request, reads, media_type)
        current, response = found(cache.get_many([GENERATION_KEY, filed_at]), filed_at)
        if current is None:
            current = generation()
    except DisallowedHost:  # refused with a 400 further on, as without the cache
        return Lookup(None, 0, None)
    except Exception:
        logger.exception("The page cache could not be read; answering from the database")
        return Lookup(None, 0, None)
    return Lookup(filed_at if request.GET.keys() <= reads else None, current, response)


def _store(lookup: Lookup, response: HttpResponse) -> None:
    try:
        filed = Filed.of(response, lookup.generation)
        cache.set(lookup.key, filed, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("The page cache could not be written")


def cached_page(*, reads: Iterable[str] = ()):
    """For a reader's page view that reads the query parameters `reads`: its anonymous
    readers are answered from the cache until the next edit (`CachedPagesMiddleware`)."""
    page_reads = frozenset(reads)

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            # The language switcher's links carry these parameters, and no others.
            request.page_reads = page_reads
            return view(request, *args, **kwargs)

        wrapped.page_reads = page_reads
        return wrapped

    return decorate


class CachedPagesMiddleware:
    """Anonymous readers' pages (the views marked `cached_page`) answered from the cache
    before the session, the authentication and the rest of the middleware run.

    Reached through all of them, a page found in the cache cost twice a trivial view
    (bench/README.md); this path does only what decides which page a request gets: its
    address, its language (from the address, as the reader pages' is) and the generation.
    A page is filed as the middleware after this one leave it (their headers included:
    Content-Length, Vary, Content-Language, X-Frame-Options), so the answer from the
    cache is the same bytes with the same headers as the one built.

    Who: a GET or HEAD without an Authorization header or a session cookie, so never an
    editor (whose pages are built afresh, and never kept), while the cache is on. A
    response that sets a cookie is never kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_be_a_cached_page(request):
            return self.get_response(request)
        # Matched, and filed, in the language of the address, which the locale middleware
        # will make this request's: the reader pages' are i18n_patterns.
        with translation.override(_page_language(request)):
            reads = _page_reads(request)
            lookup = _lookup("page", request, reads) if reads is not None else None
        if lookup is None:
            return self.get_response(request)
        if lookup.response is not None:
            return lookup.response
        response = self.get_response(request)
        if (
            lookup.key
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            _store(lookup, response)
        return response


def without_credentials(request) -> bool:
    """A GET or HEAD carrying no account (no Authorization header, no session cookie),
    while the readers' cache is on: an anonymous reader's, known without the session."""
    return (
        _enabled()
        and request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _may_be_a_cached_page(request) -> bool:
    # Not the API's, the admin's (no reader page is there), to spare them a resolve.
    return without_credentials(request) and not request.path_info.startswith(UNPREFIXED_PATHS)


def _page_language(request) -> str:
    # As the locale middleware decides for a reader page: its address's prefix, English
    # (the default) without one.
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _page_reads(request) -> frozenset[str] | None:
    """The query parameters the cached page at this address reads, None for any other."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    return getattr(match.func, "page_reads", None)


def api_reads(view, reads: frozenset[str]) -> frozenset[str]:
    """The query parameters an API view reads: its filters' (a record is looked up through
    them too), its list's paging, the format, and those its action declares."""
    names = {api_settings.URL_FORMAT_OVERRIDE, *reads}
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        names |= filterset_class.base_filters.keys()
    paginator = view.paginator if view.action == "list" else None
    if paginator is not None:
        names |= {paginator.page_query_param, paginator.page_size_query_param}
    return frozenset(names)


def cached_api_read(*, reads: Iterable[str] = ()):
    """For an API read (a viewset's list, retrieve or read action) that reads the query
    parameters `reads` besides those `api_reads` finds, run after DRF's authentication,
    permissions, throttles and content negotiation: the rendered response, kept until the
    next edit."""
    action_reads = frozenset(reads)

    def decorate(handler):
        @functools.wraps(handler)
        def wrapped(view, request, *args, **kwargs):
            lookup = (
                _lookup("api", request, api_reads(view, action_reads), request.accepted_media_type)
                if _anonymous_read(request)
                else Lookup(None, 0, None)
            )
            if lookup.response is not None:
                return lookup.response
            response = handler(view, request, *args, **kwargs)
            if lookup.key and response.status_code == 200:
                # Rendered later, by DRF and Django: keep it once it is.
                response.add_post_render_callback(lambda rendered: _store(lookup, rendered))
            return response

        # What claims/api/fast_reads.py needs to find the answer before DRF's dispatch.
        wrapped.cached_api_reads = action_reads
        return wrapped

    return decorate
