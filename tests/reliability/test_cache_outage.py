"""Redis going away: the API and the pages go on answering from the database, unthrottled
and uncached, instead of failing every request because the cache cannot be reached."""

import logging
import socket

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from claims.models import Claim, Source
from tests.api.helpers import get, seen, through_drf_only
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return make_claim(status=Claim.Status.CONFIRMED)


def closed_port() -> int:
    """A port on this machine that nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cache_unreachable(settings, caplog):
    """The production cache backend pointed at a Redis that is not there."""
    settings.CACHES = {
        "default": {
            "BACKEND": "tracker.redis_cache.SharedClientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    caplog.set_level(logging.ERROR)
    return caplog


def reader() -> APIClient:
    client = APIClient()
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/",
        "/api/v1/claims/{claim}/",
        "/api/v1/claims/{claim}/claimreview/",
        "/api/v1/events/",
        "/api/v1/events/{event}/",
        "/api/v1/events/{event}/attributions/",
        "/api/v1/actors/",
        "/api/v1/changes/?since=2024-01-01T00:00:00Z",
    ],
)
def test_it_answers_api_reads_while_the_cache_is_unreachable(claim, path, cache_unreachable):
    response = reader().get(path.format(claim=claim.pk, event=claim.event.slug))

    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    # The outage is logged, for the operator, not hidden.
    assert "request counts could not be read" in cache_unreachable.text


def test_it_answers_a_token_holders_reads_and_writes_while_the_cache_is_unreachable(
    claim, alice, cache_unreachable
):
    client = reader()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")

    read = client.get("/api/v1/claims/")
    written = client.post("/api/v1/sources/", {"title": "A report", "kind": "news_report"})

    assert read.status_code == 200
    assert [c["id"] for c in read.json()["results"]] == [claim.pk]
    assert written.status_code == 201, written.content
    assert Source.objects.filter(title="A report").exists()


@pytest.mark.parametrize("path", ["/", "/events/", "/events/{event}/", "/search/?q=quote"])
def test_it_answers_the_pages_while_the_cache_is_unreachable(claim, path, cache_unreachable):
    response = reader().get(path.format(event=claim.event.slug))

    assert response.status_code == 200
    assert "could not be read; answering from the database" in cache_unreachable.text


def test_the_api_lets_requests_through_uncounted_on_both_paths(
    claim, cache_unreachable, monkeypatch
):
    monkeypatch.setattr(AnonRateThrottle, "rate", "1/minute", raising=False)
    url = "/api/v1/claims/"

    fast = [get(url, {}) for _ in range(2)]
    with through_drf_only():
        drf = [get(url, {}) for _ in range(2)]

    assert [r.status_code for r in fast + drf] == [200] * 4
    assert seen(fast[1]) == seen(drf[1])
    # Each request's count is tried once (not again by DRF's throttle), and logged.
    assert cache_unreachable.text.count("request counts could not be read") == 4
