"""The API's rate limit (claims/api/throttling.py): a client's window opens with its first
request and lasts the rate's period; past the rate it is answered 429 with the seconds
left in its window, whichever path answers (tests/api/test_fast_reads.py compares them)."""

from unittest import mock

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from tests.factories import make_claim

pytestmark = pytest.mark.django_db

CLAIMS = "/api/v1/claims/"
CHANGES = "/api/v1/changes/?since=2024-01-01T00:00:00Z"


def get(url: str, headers: dict):
    return APIClient().get(url, **headers)


@pytest.fixture
def clock(monkeypatch):
    """Two requests a minute, and a clock the test moves."""
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    now = [1_700_000_000.0]
    with mock.patch("claims.api.throttling.time.time", side_effect=lambda: now[0]):
        yield now


@pytest.mark.parametrize("url", [CLAIMS, CHANGES])
def test_the_window_opens_with_the_first_request(url, clock):
    make_claim()
    first = get(url, {})
    clock[0] += 45
    second = get(url, {})
    third = get(url, {})

    assert [first.status_code, second.status_code, third.status_code] == [200, 200, 429]
    assert third["Retry-After"] == "15"


@pytest.mark.parametrize("url", [CLAIMS, CHANGES])
def test_a_new_window_opens_once_the_last_has_passed(url, clock):
    make_claim()
    answers = [get(url, {}).status_code for _ in range(3)]
    clock[0] += 60

    assert answers == [200, 200, 429]
    assert get(url, {}).status_code == 200


def test_requests_refused_do_not_move_the_window(clock):
    for _ in range(3):
        get(CLAIMS, {})
    clock[0] += 30
    refused = get(CLAIMS, {})

    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"
