"""Bad input is answered with a 4xx and a JSON body, never a server error; reading is
throttled for anonymous clients."""

import pytest
from rest_framework.throttling import AnonRateThrottle

from claims.models import Citation, Claim
from tests.factories import make_actor, make_claim, make_event, make_source

pytestmark = pytest.mark.django_db

TOO_BIG = 3 * 1024 * 1024  # over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)


def oversized_claim(actor, event, source) -> dict:
    return {
        "event": event.slug,
        "claimant_description": "unnamed officials",
        "stance": "attributes",
        "attributed_actor": actor.slug,
        "stated_on": "2024-02-01",
        "citations": [{"source": source.pk, "quote": "x" * TOO_BIG}],
    }


@pytest.fixture
def oversized():
    return oversized_claim(make_actor(), make_event(), make_source())


def test_an_oversized_body_is_refused_and_writes_nothing(as_alice, oversized):
    response = as_alice.post("/api/v1/claims/", oversized, format="json")

    assert response.status_code in (400, 413)
    assert Claim.objects.count() == 0
    assert Citation.objects.count() == 0


def test_an_oversized_body_is_refused_with_a_json_body(as_alice, oversized):
    response = as_alice.post("/api/v1/claims/", oversized, format="json")

    assert response.status_code in (400, 413)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[1, 2]", "application/json"),
        ('{"citations": "a quote"}', "application/json"),
        ('{"citations": [{"source": 99999999999999999999999, "quote": "q"}]}', "application/json"),
        ('{"event": {"slug": "k1"}}', "application/json"),
        ("<claim/>", "application/xml"),
    ],
    ids=["malformed", "a list", "citations as text", "huge source id", "nested slug", "xml"],
)
def test_a_malformed_body_is_a_4xx_with_a_json_body(as_alice, body, content_type):
    make_claim()

    response = as_alice.generic("POST", "/api/v1/claims/", body, content_type=content_type)

    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()
    assert Claim.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/claims/?page=999",
        "/api/v1/claims/?page=-1",
        "/api/v1/claims/?page=99999999999999999999",
        "/api/v1/claims/?page_size=-5",
        "/api/v1/claims/?page_size=abc",
        "/api/v1/claims/?stated_after=2019-02-30",
        "/api/v1/claims/?stated_after=",
        "/api/v1/claims/?q=%00",
        "/api/v1/claims/?attributed_actor=,,,",
        "/api/v1/claims/?event=%F0%9F%92%A5",
        "/api/v1/claims/99999999999999999999999/",
        "/api/v1/sources/99999999999999999999999/",
        "/api/v1/events/%F0%9F%92%A5/",
        "/api/v1/actors/?q=%27%22%3B--",
        "/api/v1/actors/?q=",
        "/api/v1/actors/?q=---",
        "/api/v1/events/?actor=nobody&include_subunits=true",
        "/api/v1/changes/?since=2024-01-01T00:00:00Z&limit=99999999999999999999",
    ],
)
def test_odd_queries_never_make_a_server_error(anon, url):
    make_claim()

    response = anon.get(url)

    assert response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "url", ["/api/v1/claims/abc/", "/api/v1/claims/-1/", "/api/v1/sources/abc/", "/api/v1/nope/"]
)
def test_an_address_the_api_does_not_have_is_a_404(anon, url):
    assert anon.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/claims/abc/", "/api/v1/sources/-1/"])
def test_a_malformed_id_is_a_404_with_a_json_body(anon, url):
    response = anon.get(url)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_method_a_resource_does_not_have_is_a_json_405(as_alice):
    response = as_alice.post("/api/v1/changes/?since=2024-01-01T00:00:00Z", {})

    assert response.status_code == 405
    assert "detail" in response.json()


def test_the_fourth_anonymous_request_in_a_minute_is_throttled(anon, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    claim = make_claim()
    urls = [
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/events/{claim.event.slug}/",
        "/api/v1/actors/",
    ]

    statuses = [anon.get(url).status_code for url in urls]
    throttled = anon.get("/api/v1/changes/", {"since": "2024-01-01T00:00:00Z"})

    assert statuses == [200, 200, 200, 429]
    assert throttled.status_code == 429
    assert "detail" in throttled.json()
    assert int(throttled["Retry-After"]) > 0


def test_the_throttle_counts_the_exports_too(anon, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    make_claim()

    statuses = [anon.get("/api/v1/claims/export.csv").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_the_anonymous_throttle_does_not_limit_a_token(as_alice, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    make_claim()

    statuses = {as_alice.get("/api/v1/claims/").status_code for _ in range(5)}

    assert statuses == {200}
