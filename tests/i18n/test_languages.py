"""The interface in English, Arabic and Persian: reader pages by their address, the admin
and the API by the visitor's choice, and the readers' cache keeping the languages apart."""

import re

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from tests.factories import make_actor, make_claim, make_event
from tests.test_page_cache import redis_cache  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture
def claim():
    return make_claim(
        event=make_event("Drone strike on Tower 22", slug="tower-22"),
        attributed_actor=make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah"),
    )


def _html_attributes(page: str) -> tuple[str, str]:
    lang, direction = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', page).groups()
    return lang, direction


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"), [("", "en", "ltr"), ("/ar", "ar", "rtl"), ("/fa", "fa", "rtl")]
)
def test_it_takes_a_reader_pages_language_from_its_address(client, claim, prefix, lang, direction):
    response = client.get(f"{prefix}/events/tower-22/", HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 200
    assert response["Content-Language"] == lang
    assert _html_attributes(response.content.decode()) == (lang, direction)


def test_an_unprefixed_reader_page_stays_english_whatever_the_browser_prefers(client, claim):
    response = client.get("/events/tower-22/", HTTP_ACCEPT_LANGUAGE="ar")

    assert _html_attributes(response.content.decode()) == ("en", "ltr")


def test_every_page_links_to_itself_in_each_language(client, claim):
    page = client.get("/fa/events/tower-22/?as_of=2024-02-01").content.decode()

    for code, path in [("en", "/events/"), ("ar", "/ar/events/"), ("fa", "/fa/events/")]:
        href = f"{path}tower-22/?as_of=2024-02-01"
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{href}">' in page
        assert f'<a href="{href}" hreflang="{code}" lang="{code}"' in page
    assert 'hreflang="fa" lang="fa" dir="rtl" aria-current="true"' in page


def test_the_links_inside_an_arabic_page_stay_in_arabic(client, claim):
    page = client.get("/ar/events/tower-22/").content.decode()

    assert 'href="/ar/actors/kataib-hezbollah/"' in page
    assert 'action="/ar/search/"' in page


def test_the_admin_follows_the_language_the_editor_chooses(client, alice):
    client.force_login(alice)
    assert _admin_language(client.get("/admin/")) == "en"

    response = client.post("/i18n/setlang/", {"language": "fa", "next": "/admin/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fa"
    page = client.get("/admin/")
    assert _admin_language(page) == "fa"
    assert 'dir="rtl"' in page.content.decode()


def _admin_language(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_the_admin_offers_the_language_switcher(client, alice):
    client.force_login(alice)

    page = client.get("/admin/").content.decode()

    assert 'action="/i18n/setlang/"' in page
    assert '<option value="ar" lang="ar">العربية</option>' in page


def test_the_api_keeps_one_address_for_every_language():
    response = APIClient().get("/api/v1/events/", HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 200
    assert response["Content-Language"] == "ar"
    assert APIClient().get("/ar/api/v1/events/").status_code == 404


def _english_arabic_english(client, claim) -> None:
    """English, then Arabic, then English again, of the same page: each in its language,
    the last two from the cache."""
    pages = [
        client.get("/events/tower-22/"),
        client.get("/ar/events/tower-22/"),
        client.get("/events/tower-22/"),
        client.get("/ar/events/tower-22/"),
    ]
    assert [_html_attributes(page.content.decode()) for page in pages] == [
        ("en", "ltr"),
        ("ar", "rtl"),
        ("en", "ltr"),
        ("ar", "rtl"),
    ]
    assert pages[2].content == pages[0].content
    assert pages[3].content == pages[1].content


def test_the_page_cache_never_answers_one_language_with_another(
    client, claim, django_assert_num_queries
):
    client.get("/events/tower-22/")
    client.get("/ar/events/tower-22/")
    with django_assert_num_queries(0):  # both from the cache from now on
        _english_arabic_english(client, claim)


def test_the_page_cache_keeps_the_languages_apart_on_redis(
    client,
    claim,
    redis_cache,  # noqa: F811
    django_assert_num_queries,
):
    client.get("/events/tower-22/")
    client.get("/ar/events/tower-22/")
    with django_assert_num_queries(0):
        _english_arabic_english(client, claim)


def test_the_api_cache_answers_each_language_in_its_own(claim, django_assert_num_queries):
    reader = APIClient()
    url = "/api/v1/events/?format=api"  # the browsable API: its own words are translated
    answers = [reader.get(url, HTTP_ACCEPT_LANGUAGE=lang) for lang in ("en", "ar", "en", "ar")]

    assert [bool(ARABIC_SCRIPT.search(a.content.decode())) for a in answers] == [
        False,
        True,
        False,
        True,
    ]
    with django_assert_num_queries(0):
        assert reader.get(url, HTTP_ACCEPT_LANGUAGE="ar").content == answers[1].content
