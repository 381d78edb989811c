"""What every page's template needs to offer the page in the other languages."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation


def languages(request: HttpRequest) -> dict:
    """`language_links`: this page's address in each language (the switcher, and the
    `<link rel="alternate" hreflang>` of every page), the current one marked."""
    current = translation.get_language()
    path = request.path
    # A reader's page keeps the query parameters it reads (claims/caching.py), and only
    # those: the same page in another language, never an echo of whatever was appended.
    reads = getattr(request, "page_reads", frozenset())
    query = urlencode(
        [(name, value) for name, value in request.GET.lists() if name in reads], doseq=True
    )
    if query:
        path = f"{path}?{query}"
    links = []
    for code, name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": name,
                "href": translate_url(path, code),
                "current": code == current,
                "bidi": translation.get_language_info(code)["bidi"],
            }
        )
    return {"language_links": links}
