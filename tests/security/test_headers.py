"""Every kind of page is sent with a Content-Security-Policy that allows no inline script,
with nosniff, a referrer policy and frame protection; and no page carries an inline script
that such a policy would have to allow."""

import pytest
from django.test import Client

from tests.security.helpers import csp_directives, inline_scripts, read_page, reader_urls

pytestmark = pytest.mark.django_db

ADMIN_PAGES = {
    "admin index": lambda w: "/admin/",
    "admin claims list": lambda w: "/admin/claims/claim/",
    "admin claim form": lambda w: f"/admin/claims/claim/{w['claim'].pk}/change/",
    "admin event form": lambda w: f"/admin/claims/event/{w['event'].pk}/change/",
    "admin actor add form": lambda w: "/admin/claims/actor/add/",
    "admin claim history": lambda w: f"/admin/claims/claim/{w['claim'].pk}/history/",
    "admin import": lambda w: "/admin/claims/claim/import/",
    "admin deleted claims": lambda w: "/admin/claims/claim/deleted/",
}
# name → (address, Accept header, expected status), for an anonymous visitor.
ANONYMOUS_PAGES = {
    "404 page": ("/no-such-page/", "text/html", 404),
    "admin login": ("/admin/login/", "text/html", 200),
    "api list": ("/api/v1/claims/", "application/json", 200),
    "api list in a browser": ("/api/v1/claims/", "text/html", 200),
    "api docs": ("/api/v1/docs/", "text/html", 200),
    "api 404": ("/api/v1/claims/999999/", "application/json", 404),
}
READER_PAGES = ["home", "events list", "event", "actor", "person", "source", "search"]
EVERY_PAGE = [*READER_PAGES, *ANONYMOUS_PAGES, *ADMIN_PAGES]
HTML_PAGES = [name for name in EVERY_PAGE if name not in {"api list", "api 404"}]


def fetch(name: str, world, admin_user):
    """The page as its usual visitor gets it, checked for the expected status."""
    client = Client()
    if name in READER_PAGES:
        url, accept, status = reader_urls(world)[name], "text/html", 200
    elif name in ANONYMOUS_PAGES:
        url, accept, status = ANONYMOUS_PAGES[name]
    else:
        client.force_login(admin_user)
        url, accept, status = ADMIN_PAGES[name](world), "text/html", 200
    response = client.get(url, HTTP_ACCEPT=accept)
    assert response.status_code == status, (name, url, response.status_code)
    return response


def test_the_page_list_covers_every_reader_page(world):
    assert set(READER_PAGES) == set(reader_urls(world))


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_every_page_has_a_policy_that_allows_no_inline_script(name, world, admin_user):
    response = fetch(name, world, admin_user)

    assert response.has_header("Content-Security-Policy"), name
    directives = csp_directives(response["Content-Security-Policy"])
    scripts = directives.get("script-src", directives.get("default-src"))
    assert scripts, "neither script-src nor default-src: any script would run"
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    assert not {"*", "data:", "http:", "https:"} & set(scripts), scripts
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_every_page_is_sent_with_nosniff_a_referrer_policy_and_no_framing(name, world, admin_user):
    response = fetch(name, world, admin_user)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin"}
    frame_ancestors = csp_directives(response["Content-Security-Policy"]).get("frame-ancestors")
    # Both: the header for older browsers, the directive for current ones.
    assert response.get("X-Frame-Options") == "DENY"
    assert frame_ancestors == ["'none'"]


@pytest.mark.parametrize("name", HTML_PAGES)
def test_no_page_carries_an_inline_script_or_event_handler(name, world, admin_user):
    response = fetch(name, world, admin_user)
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    page = read_page(html)

    assert inline_scripts(html) == []
    assert page.handlers == []
    assert not [
        (tag, attribute)
        for tag, attributes in page.tags
        for attribute, value in attributes.items()
        if value.strip().lower().startswith("javascript:")
    ]


def test_the_event_page_carries_its_claim_review_as_a_data_block_only(world):
    html = Client().get(reader_urls(world)["event"]).content.decode()
    scripts = read_page(html).scripts

    assert [attributes.get("type") for attributes, _ in scripts] == ["application/ld+json"]


def test_the_api_docs_load_their_scripts_from_this_site(world):
    html = Client().get("/api/v1/docs/").content.decode()
    sources = [attributes["src"] for attributes, _ in read_page(html).scripts]

    assert sources
    assert all(src.startswith("/") and not src.startswith("//") for src in sources), sources
