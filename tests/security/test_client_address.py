"""Whose request is it? The API's rate limits and the login lockout name the client alike:
by REMOTE_ADDR with no trusted proxy (X-Forwarded-For is the client's own word, and a
forged one changes nothing), and behind one proxy by the address that proxy appended."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from rest_framework.throttling import AnonRateThrottle

from tests.factories import make_claim

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.100"
CLIENT = "203.0.113.7"
NEIGHBOUR = "198.51.100.9"  # another client behind the same proxy


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def three_reads_a_minute(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    make_claim()


@pytest.fixture
def behind_one_proxy(settings):
    """What DJANGO_TRUSTED_PROXY_COUNT=1 sets (tests/test_settings.py)."""
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"NUM_PROXIES": 1}


def read(remote_addr: str, forwarded_for: str | None = None) -> int:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return Client().get("/api/v1/claims/", REMOTE_ADDR=remote_addr, **headers).status_code


def log_in(password: str, remote_addr: str, forwarded_for: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return Client().post(
        "/admin/login/",
        {"username": "alice", "password": password, "next": "/admin/"},
        REMOTE_ADDR=remote_addr,
        **headers,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def locked_out(response) -> bool:
    return response.status_code == 429


# --- No proxy (the default) ---------------------------------------------------------------


def test_without_a_proxy_a_forged_forwarded_for_does_not_multiply_the_rate_limit(
    three_reads_a_minute,
):
    statuses = [read(CLIENT, forwarded_for=f"192.0.2.{n}") for n in range(5)]

    assert statuses == [200, 200, 200, 429, 429]
    assert read(NEIGHBOUR) == 200


def test_without_a_proxy_a_forged_forwarded_for_does_not_escape_the_lockout(alice):
    failures = [log_in(f"guess-{n}", CLIENT, forwarded_for=f"192.0.2.{n}") for n in range(5)]

    assert locked_out(failures[4])
    assert locked_out(log_in("pw", CLIENT, forwarded_for="192.0.2.200"))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT}
    assert logged_in(log_in("pw", NEIGHBOUR))


# --- Behind one trusted proxy -------------------------------------------------------------


def test_behind_a_proxy_each_client_has_its_own_rate_limit(three_reads_a_minute, behind_one_proxy):
    statuses = [read(PROXY, forwarded_for=CLIENT) for _ in range(3)]
    # What the client writes before the proxy's entry is its own word: ignored.
    forged = read(PROXY, forwarded_for=f"192.0.2.1, {CLIENT}")

    assert statuses == [200, 200, 200]
    assert forged == 429
    assert read(PROXY, forwarded_for=NEIGHBOUR) == 200


def test_behind_a_proxy_one_clients_failures_lock_out_that_client_only(alice, behind_one_proxy):
    failures = [
        log_in(f"guess-{n}", PROXY, forwarded_for=f"192.0.2.{n}, {CLIENT}") for n in range(5)
    ]

    assert locked_out(failures[4])
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT}
    assert locked_out(log_in("pw", PROXY, forwarded_for=CLIENT))
    # The proxy's other clients, the same account included, are not locked out.
    assert logged_in(log_in("pw", PROXY, forwarded_for=NEIGHBOUR))
