"""A source's captured HTML (up to DJANGO_CAPTURE_MAX_BYTES each) is the record of what
was fetched: no page, API answer or admin list shows it, so none reads it. An event
citing fifty captured sources would otherwise read them all to print their titles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Source
from tests.api.conftest import token_client
from tests.factories import make_claim, make_event, make_user

CAPTURED = "<html><body>captured page " + "x" * 5000 + "</body></html>"


@pytest.fixture
def cited(db):
    event = make_event("Strike on the depot", slug="strike-on-the-depot")
    claim = make_claim(event=event, citations=2)
    Source.objects.filter(citations__claim=claim).update(
        captured_html=CAPTURED, full_text="The depot was struck at dawn."
    )
    source = claim.citations.order_by("pk").first().source
    return {"event": event, "claim": claim, "source": Source.objects.get(pk=source.pk)}


def _read_without_captured_html(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    read = [query["sql"] for query in queries if "captured_html" in query["sql"]]
    assert read == [], url
    assert b"captured page" not in response.content


def test_reader_pages_do_not_read_captured_html(client, cited):
    for url in (
        f"/events/{cited['event'].slug}/",
        f"/sources/{cited['source'].pk}/",
        "/search/?q=depot",
    ):
        _read_without_captured_html(client, url)


def test_the_api_does_not_read_captured_html(cited):
    client = token_client(make_user("reader"))
    for url in (
        "/api/v1/claims/",
        f"/api/v1/claims/{cited['claim'].pk}/",
        "/api/v1/sources/",
        f"/api/v1/sources/{cited['source'].pk}/",
    ):
        _read_without_captured_html(client, url)


def test_the_admins_list_of_sources_does_not_read_captured_html(client, cited):
    client.force_login(make_user("bob", role="Reviewer"))
    _read_without_captured_html(client, "/admin/claims/source/")


def test_an_edit_through_the_api_keeps_the_captured_html(cited):
    client = token_client(make_user("alice", role="Editor"))
    source = cited["source"]

    response = client.patch(
        f"/api/v1/sources/{source.pk}/", {"title": "Depot report"}, format="json"
    )

    assert response.status_code == 200, response.content
    source.refresh_from_db()
    assert source.title == "Depot report"
    assert source.captured_html == CAPTURED
    assert source.history.latest().captured_html == CAPTURED
