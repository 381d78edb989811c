"""The database going away mid-run yields clean 503 answers, not stack traces: an HTML
"Temporarily unavailable" page for readers, JSON under /api/, both with Retry-After; and the
site recovers by itself once the database is back. Runs on SQLite and PostgreSQL."""

import socket

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.factories import make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle_counts():
    """Anonymous API reads are throttled (counted in the cache): none left from other tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def claim():
    return make_claim()


def pages(claim) -> dict[str, str]:
    return {
        "home": "/",
        "event": f"/events/{claim.event.slug}/",
        "events list": "/events/",
        "search": "/search/?q=quote",
        "api list": "/api/v1/claims/",
        "api item": f"/api/v1/claims/{claim.pk}/",
        "api event": f"/api/v1/events/{claim.event.slug}/",
        "api export": "/api/v1/claims/export.csv",
    }


@pytest.fixture
def database_down(monkeypatch):
    """Every attempt to use a connection fails as it does when the server is unreachable."""

    def unreachable(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)
        yield
    # Leaving the block puts the real method back: the database is "up" again.


def reader() -> Client:
    """A visitor whose errors come back as responses, as a browser sees them."""
    return Client(raise_request_exception=False)


def assert_unavailable(response, api: bool) -> None:
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    assert "Traceback" not in text
    assert "OperationalError" not in text
    assert "127.0.0.1" not in text
    if api:
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "The database is unavailable; retry shortly."}
    else:
        assert response["Content-Type"].startswith("text/html")
        assert "<h1>Temporarily unavailable</h1>" in text


@pytest.mark.parametrize(
    "name", ["home", "event", "events list", "search", "api list", "api item", "api event"]
)
def test_a_page_asked_for_while_the_database_is_down_is_a_503(name, claim, database_down):
    response = reader().get(pages(claim)[name])

    assert_unavailable(response, api=name.startswith("api"))


def test_the_503_page_keeps_the_security_headers(claim, database_down):
    response = reader().get(pages(claim)["event"])

    assert response.status_code == 503
    assert response.has_header("Content-Security-Policy")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_a_write_while_the_database_is_down_is_a_503(claim, alice, monkeypatch):
    key = Token.objects.create(user=alice).key

    def unreachable(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)
    response = reader().post(
        "/api/v1/sources/",
        {"title": "A report", "kind": "news_report"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )

    assert_unavailable(response, api=True)


def test_the_site_recovers_by_itself_when_the_database_comes_back(claim, monkeypatch):
    client = reader()
    urls = pages(claim)
    working = BaseDatabaseWrapper.ensure_connection

    def unreachable(self):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)
    # An export answers before it queries: see the test of exports below.
    during = {
        name: client.get(url).status_code for name, url in urls.items() if name != "api export"
    }
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", working)
    after = {name: client.get(url).status_code for name, url in urls.items()}

    assert set(during.values()) == {503}
    assert set(after.values()) == {200}


def test_an_export_asked_for_while_the_database_is_down_is_a_503(claim, database_down):
    response = reader().get(pages(claim)["api export"])

    assert_unavailable(response, api=True)


def test_an_error_that_is_not_the_database_is_still_a_500(claim, monkeypatch):
    """Only an unreachable database is a 503: other failures are not dressed up as one."""

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("claims.views.build_comparison", broken)
    page = reader().get(pages(claim)["event"])

    assert page.status_code == 500
    assert not page.has_header("Retry-After")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a database server to point away from"
)
# Committed data: the test closes its connection. No serialized rollback: restoring the
# migrations' rows clashes with the content types that other transactional tests recreate.
@pytest.mark.django_db(transaction=True)
def test_a_real_unreachable_server_gives_503_then_the_site_recovers(claim):
    """No patching of Django: the connection itself is pointed at a port nobody listens on,
    the way a stopped PostgreSQL refuses connections, then back."""
    client = reader()
    urls = pages(claim)
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(free_port())
    try:
        page = client.get(urls["event"])
        api = client.get(urls["api list"])
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port

    assert_unavailable(page, api=False)
    assert_unavailable(api, api=True)
    assert client.get(urls["event"]).status_code == 200
    assert client.get(urls["api list"]).status_code == 200
