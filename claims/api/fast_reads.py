"""Anonymous API reads answered from the readers' cache before DRF's dispatch.

An anonymous reader's answer is filed in the cache until the next edit (claims/caching.py).
Reached through DRF, even a cached answer pays for a Request object, authentication, the
permission check (which builds the view's queryset), the throttle and content
negotiation: several times the cost of finding the answer. This path does only what
decides which answer a request gets, and whether it gets one:

- who: a GET or HEAD without an Authorization header or a session cookie (so never an
  editor, by token or session), while the readers' cache is on;
- the media type, by the view's own content negotiation (the Accept header, `?format=`,
  a `.json` suffix), as DRF's dispatch would choose it;
- the view's throttle: the request is counted, and the generation and the answer read,
  in one round trip to Redis (claims/api/throttling.py);
- the answer filed for that address, media type and language in the current generation.

Anything else goes on to DRF's dispatch as before: nothing filed, a request over its
rate, a media type the view cannot give, an error of the cache. The count already made
is left on the request, and DRF's throttle takes it instead of counting again; the 429,
like every answer built, is DRF's own.

The permission check is skipped safely: an answer is filed only after an anonymous
request for it passed that check, and the permission classes of these views decide on
the method and the account alone. The answer is the same bytes with the same headers
either way (tests/api/test_fast_reads.py compares the two paths).
"""

import functools
import logging
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from redis.exceptions import RedisError
from rest_framework.settings import api_settings

from claims import caching
from claims.api import throttling

logger = logging.getLogger(__name__)


class _Negotiating:
    """What DRF's content negotiation reads of a request."""

    def __init__(self, request: HttpRequest):
        self.headers = request.headers
        self.query_params = request.GET


class CachedReads:
    """The cached answers of one route of a viewset (one view function)."""

    def __init__(self, view_class, actions: dict[str, str], initkwargs: dict, reads):
        # A view as DRF's dispatch makes one, to ask what it reads, renders and throttles.
        self.view = view_class(**initkwargs)
        self.view.action_map = actions
        self.view.action = actions["get"]
        self.reads = caching.api_reads(self.view, reads)
        self.renderers = self.view.get_renderers()
        self.negotiator = self.view.get_content_negotiator()
        self.media_type = functools.lru_cache(maxsize=64)(self._media_type)

    def _media_type(self, accept: str | None, format_: str | None) -> str | None:
        """The media type DRF's dispatch would negotiate, None when it would refuse."""
        request = HttpRequest()
        if accept is not None:
            request.META["HTTP_ACCEPT"] = accept
        try:
            _, media_type = self.negotiator.select_renderer(
                _Negotiating(request), self.renderers, format_
            )
        except Exception:  # a 406 or a 404 for an unknown format: DRF's dispatch answers
            return None
        return media_type

    def throttles(self) -> list:
        # New for each request, as DRF makes them: their rates are read as they are made.
        return [throttle() for throttle in self.view.throttle_classes]

    def answer(self, request: HttpRequest, kwargs: dict) -> HttpResponse | None:
        """The cached answer to `request`, or None for DRF's dispatch to answer it."""
        if (
            not caching.without_credentials(request)
            # A test client's force_authenticate, which DRF's Request reads.
            or getattr(request, "_force_auth_user", None) is not None
        ):
            return None
        try:
            # Negotiated first, as DRF's dispatch does: a 406 is answered without looking
            # at the account, and so does not vary on Cookie.
            media_type = self.media_type(
                request.headers.get("Accept"),
                kwargs.get(api_settings.FORMAT_SUFFIX_KWARG)
                or request.GET.get(api_settings.URL_FORMAT_OVERRIDE),
            )
            # The account, read as DRF's authentication reads it: Django marks the session
            # as read, and the answer varies on Cookie, as DRF's does.
            if media_type is None or request.user.is_authenticated:
                return None
            filed_at = caching.address_key("api", request, self.reads, media_type)
            counters = [
                (throttle, counter)
                for throttle in self.throttles()
                if (counter := throttle.counter(request, self.view)) is not None
            ]
        except Exception:  # a host not allowed, say: DRF's dispatch answers as it does
            return None
        if len(counters) > 1:
            return None
        read = [caching.GENERATION_KEY, filed_at]
        try:
            if counters:
                throttle, counter = counters[0]
                count, left, entries = throttling.count_and_read(counter, throttle.duration, read)
                throttling.note_count(request, counter, (count, left))
                if not throttle.judge((count, left)):
                    return None
            else:
                entries = cache.get_many(read)
        except RedisError:
            if counters:
                throttling.note_count(request, counters[0][1], throttling.UNCOUNTED)
                logger.exception("The API's request counts could not be read; request let through")
            return None
        except Exception:
            logger.exception("The page cache could not be read; answering from the database")
            return None
        return caching.found(entries, filed_at)[1]


def answering_first(view_class, actions: dict[str, str], initkwargs: dict, view: Callable):
    """`view` (DRF's view function for one route of `view_class`), preceded by the cached
    answer when its GET is a cached read and its throttles count by the one rule."""
    handler = getattr(view_class, actions.get("get", ""), None)
    reads = getattr(handler, "cached_api_reads", None)
    throttle_classes = initkwargs.get("throttle_classes", view_class.throttle_classes)
    if reads is None or not all(
        issubclass(throttle, throttling.CountedRateThrottle) for throttle in throttle_classes
    ):
        return view
    cached = CachedReads(view_class, actions, initkwargs, reads)

    @functools.wraps(view)
    def answered_first(request, *args, **kwargs):
        response = cached.answer(request, kwargs)
        if response is None:
            return view(request, *args, **kwargs)
        return response

    return answered_first
