"""Query parameters a page does not read neither fill the readers' cache nor get past it:
`?x=<random>` is answered with the page filed for the address without it, and what is
built for such a request is not kept. The parameters a page reads still file answers
apart."""

import uuid

import pytest
from django.core.cache import caches
from django.test import Client
from rest_framework.throttling import AnonRateThrottle

from claims.models import Claim
from tests.factories import make_claim, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis(settings):
    """The production cache, Redis on 127.0.0.1:6379, under a key prefix of this test's;
    yields a counter of the answers it holds."""
    prefix = f"tracker-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "tracker.redis_cache.SharedClientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    client = caches["default"]._cache.get_client(write=True)

    def answers_kept() -> int:
        return sum(
            1
            for pattern in ("page", "api")
            for _ in client.scan_iter(match=f"{prefix}:*:tracker:{pattern}:*")
        )

    yield answers_kept
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def _unthrottled(monkeypatch):
    """Hundreds of anonymous API reads in a test: the rate limit is not what is tested."""
    monkeypatch.setattr(AnonRateThrottle, "rate", "100000/minute", raising=False)


@pytest.fixture
def claim():
    return make_claim(event=make_event("Drone strike on Tower 22", slug="tower-22"))


def addresses(claim) -> dict[str, str]:
    return {
        "event page": f"/events/{claim.event.slug}/",
        "events list": "/events/",
        "search": "/search/?q=quote",
        "api list": "/api/v1/claims/",
        "api record": f"/api/v1/claims/{claim.pk}/",
        "api attributions": f"/api/v1/events/{claim.event.slug}/attributions/",
    }


def with_junk(address: str, junk: str) -> str:
    return f"{address}{'&' if '?' in address else '?'}x={junk}"


@pytest.mark.parametrize(
    "name",
    ["event page", "events list", "search", "api list", "api record", "api attributions"],
)
def test_random_parameters_do_not_fill_the_cache(claim, name, redis):
    address = addresses(claim)[name]
    reader = Client()

    statuses = {reader.get(with_junk(address, uuid.uuid4().hex)).status_code for _ in range(300)}

    assert statuses == {200}
    # None of them kept: each may have echoed its parameter.
    assert redis() == 0
    assert reader.get(address).status_code == 200
    assert redis() == 1


@pytest.mark.parametrize(
    "name",
    ["event page", "events list", "search", "api list", "api record", "api attributions"],
)
def test_random_parameters_get_the_page_filed_without_them(claim, name, django_assert_num_queries):
    address = addresses(claim)[name]
    reader = Client()
    first = reader.get(address)

    with django_assert_num_queries(0):
        junk = reader.get(with_junk(address, uuid.uuid4().hex))

    assert junk.status_code == 200
    assert junk.content == first.content


def test_the_parameters_a_page_reads_still_file_answers_apart(claim):
    later = make_claim(event=claim.event, stated_on=claim.stated_on.replace(year=2025))
    reader = Client()
    url = claim.event.get_absolute_url()

    today = reader.get(url).content.decode()
    back_then = reader.get(url, {"as_of": "2024-06-01", "x": "1"}).content.decode()
    denials = reader.get("/api/v1/claims/", {"stance": "denies", "x": "1"}).json()
    everything = reader.get("/api/v1/claims/", {"ordering": "-stated_on", "x": "2"}).json()

    assert "<span>as it stood on 1 June 2024</span>" in back_then
    assert "<span>as it stood on" not in today
    assert denials["results"] == []
    assert [c["id"] for c in everything["results"]] == [later.pk, claim.pk]


def test_the_order_of_the_parameters_read_makes_no_second_copy(claim, redis):
    reader = Client()

    reader.get("/api/v1/claims/", {"stance": "attributes", "role": "perpetrator"})
    reader.get("/api/v1/claims/?role=perpetrator&stance=attributes")

    assert redis() == 1


def test_an_answer_built_for_unread_parameters_is_not_served_to_others(claim):
    make_claim(event=claim.event, publication=Claim.Publication.PUBLISHED)
    reader = Client()

    echoed = reader.get("/api/v1/claims/?page_size=1&utm_source=spam").json()
    plain = reader.get("/api/v1/claims/?page_size=1").json()

    assert "utm_source=spam" in echoed["next"]  # DRF's links keep the whole address
    assert "utm_source" not in plain["next"]


def test_the_events_lists_links_carry_the_filters_and_nothing_else(claim, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for n in range(30):
        make_claim(event=make_event(f"Event {n}", country="IQ"))

    page = Client().get("/events/?country=IQ&utm_source=spam").content.decode()

    assert 'href="?country=IQ&amp;page=2"' in page
    assert "utm_source" not in page
