"""A source's captured HTML (up to DJANGO_CAPTURE_MAX_BYTES each) is the record of what
was fetched: no page, API answer or admin list shows it, so none reads it. An event
citing fifty captured sources would otherwise read them all to print their titles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Source
from tests.api.conftest import token_client
from tests.factories import make_claim, make_event, make_source, make_user

CAPTURED = "<html><body>captured page " + "x" * 5000 + "</body></html>"


@pytest.fixture
def cited(db):
    event = make_event("Strike on the depot", slug="strike-on-the-depot")
    claim = make_claim(event=event, citations=2)
    first, second = (citation.source for citation in claim.citations.order_by("pk"))
    # The second republishes the first: the source page shows both, and so does the
    # admin's page of the second (its "republishes" field).
    second.republishes = first
    second.save()
    Source.objects.filter(citations__claim=claim).update(
        captured_html=CAPTURED, full_text="The depot was struck at dawn."
    )
    return {
        "event": event,
        "claim": claim,
        "source": Source.objects.get(pk=first.pk),
        "republication": Source.objects.get(pk=second.pk),
    }


def _refreshes_of_captured_html(queries) -> list[str]:
    """Queries reading the captured HTML alone: a deferred field loaded afterwards."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].startswith('SELECT "claims_source"."id", "claims_source"."captured_html"')
    ]


def _read_without_captured_html(client, url, shown: str = ""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    read = [query["sql"] for query in queries if "captured_html" in query["sql"]]
    assert read == [], url
    assert b"captured page" not in response.content
    assert shown.encode() in response.content, url


def test_reader_pages_do_not_read_captured_html(client, cited):
    source, republication = cited["source"], cited["republication"]
    _read_without_captured_html(client, f"/events/{cited['event'].slug}/", source.title)
    # Its republications are listed; the republished source is named on theirs.
    _read_without_captured_html(client, f"/sources/{source.pk}/", republication.title)
    _read_without_captured_html(client, f"/sources/{republication.pk}/", source.title)
    # Found by its quote's words: listed with the quote and its source.
    quote = cited["claim"].citations.order_by("pk").first().quote
    _read_without_captured_html(client, f"/search/?q={quote}", source.title)


def test_the_api_does_not_read_captured_html(cited):
    client = token_client(make_user("reader"))
    for url in (
        "/api/v1/claims/",
        f"/api/v1/claims/{cited['claim'].pk}/",
        "/api/v1/sources/",
        f"/api/v1/sources/{cited['source'].pk}/",
    ):
        _read_without_captured_html(client, url)


def test_the_admins_pages_do_not_read_captured_html(client, cited):
    client.force_login(make_user("bob", role="Reviewer"))
    source, republication = cited["source"], cited["republication"]
    for url, shown in (
        ("/admin/claims/source/", source.title),
        # The source it republishes, named in its autocomplete.
        (f"/admin/claims/source/{republication.pk}/change/", source.title),
        ("/admin/claims/citation/", source.title),
        # Each citation's source, named in its autocomplete.
        (f"/admin/claims/claim/{cited['claim'].pk}/change/", source.title),
    ):
        _read_without_captured_html(client, url, shown)


def test_the_admins_bulk_delete_reads_each_source_once(client, db):
    client.force_login(make_user("root", superuser=True))
    sources = [make_source(captured_html=CAPTURED) for _ in range(3)]

    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/admin/claims/source/",
            {
                "action": "delete_selected",
                "_selected_action": [source.pk for source in sources],
                "post": "yes",
            },
        )

    assert response.status_code == 302
    assert not Source.objects.filter(pk__in=[source.pk for source in sources]).exists()
    assert _refreshes_of_captured_html(queries) == []
    histories = Source.history.filter(history_type="-", id__in=[s.pk for s in sources])
    assert [row.captured_html for row in histories] == [CAPTURED] * 3


def test_an_edit_through_the_api_keeps_the_captured_html(cited):
    client = token_client(make_user("alice", role="Editor"))
    source = cited["source"]

    with CaptureQueriesContext(connection) as queries:
        response = client.patch(
            f"/api/v1/sources/{source.pk}/", {"title": "Depot report"}, format="json"
        )

    assert response.status_code == 200, response.content
    assert _refreshes_of_captured_html(queries) == []
    source.refresh_from_db()
    assert source.title == "Depot report"
    assert source.captured_html == CAPTURED
    assert source.history.latest().captured_html == CAPTURED
