"""Bulk exports: streamed, filtered like the list, safe to open in a spreadsheet."""

import csv
import datetime
import gc
import io
import json
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.exports import CSV_COLUMNS
from claims.models import Citation, Claim
from tests.factories import make_actor, make_claim, make_event, make_source

pytestmark = pytest.mark.django_db


def content(response) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content(response))))


def test_the_csv_export_is_a_streamed_attachment_with_the_documented_columns(anon):
    claim = make_claim(citations=2)

    response = anon.get("/api/v1/claims/export.csv")

    assert response.streaming is True
    assert response["Content-Type"].startswith("text/csv")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="claims-' in disposition and disposition.endswith('.csv"')
    text = content(response)
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header == CSV_COLUMNS
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    quotes = list(claim.citations.order_by("pk").values_list("quote", flat=True))
    assert row["id"] == str(claim.pk)
    assert row["event"] == claim.event.slug
    assert row["attributed_actor"] == claim.attributed_actor.slug
    assert row["citation_count"] == "2"
    assert row["quotes"] == " | ".join(quotes)
    assert [c["quote"] for c in json.loads(row["citations"])] == quotes


def test_the_ndjson_export_is_one_object_a_line(anon):
    claims = [make_claim(), make_claim(citations=3)]

    response = anon.get("/api/v1/claims/export.ndjson")

    assert response.streaming is True
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.ndjson"')
    lines = content(response).splitlines()
    records = [json.loads(line) for line in lines]
    assert [record["id"] for record in records] == [claim.pk for claim in claims]
    assert len(records[1]["citations"]) == 3
    assert records[0]["event"] == claims[0].event.slug


@pytest.mark.parametrize(
    ("url", "accept"),
    [
        ("/api/v1/claims/export.csv", "text/csv"),
        ("/api/v1/claims/export.ndjson", "application/x-ndjson"),
    ],
)
def test_an_export_may_be_asked_for_by_its_media_type(anon, url, accept):
    make_claim()

    response = anon.get(url, HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(accept)


def test_drafts_are_never_exported(as_alice, anon):
    published = make_claim()
    draft = make_claim(event=published.event, publication=Claim.Publication.DRAFT)
    draft.citations.update(quote="a secret draft quote")

    for client in (anon, as_alice):
        text = content(client.get("/api/v1/claims/export.csv"))
        lines = content(client.get("/api/v1/claims/export.ndjson")).splitlines()
        assert "a secret draft quote" not in text
        assert [row["id"] for row in csv.DictReader(io.StringIO(text))] == [str(published.pk)]
        assert [json.loads(line)["id"] for line in lines] == [published.pk]


def test_the_exports_take_the_list_filters(anon):
    kh = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah")
    about_kh = make_claim(attributed_actor=kh, stated_on=datetime.date(2020, 1, 1))
    denial = make_claim(stance="denies", attributed_actor=kh, claimant_actor=kh)
    make_claim(stated_on=datetime.date(2019, 1, 1))

    by_actor = csv_rows(anon.get("/api/v1/claims/export.csv", {"attributed_actor": kh.slug}))
    by_stance = content(anon.get("/api/v1/claims/export.ndjson", {"stance": "denies"}))
    by_date = csv_rows(
        anon.get(
            "/api/v1/claims/export.csv", {"stated_after": "2019-06-01", "stance": "attributes"}
        )
    )

    assert {row["id"] for row in by_actor} == {str(about_kh.pk), str(denial.pk)}
    assert [json.loads(line)["id"] for line in by_stance.splitlines()] == [denial.pk]
    assert [row["id"] for row in by_date] == [str(about_kh.pk)]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(anon, start):
    claim = make_claim(claimant_description=f"{start}officials", citations=0)
    claim.citations.create(source=make_source(), quote=f'{start}HYPERLINK("http://evil","x")')

    [row] = csv_rows(anon.get("/api/v1/claims/export.csv"))

    assert row["claimant_description"] == f"'{start}officials"
    assert row["quotes"] == f'\'{start}HYPERLINK("http://evil","x")'
    # The lossless JSON keeps the quote as printed.
    assert json.loads(row["citations"])[0]["quote"].startswith(start)


def test_the_ndjson_export_keeps_the_text_as_printed(anon):
    claim = make_claim(claimant_description="=officials")

    [line] = content(anon.get("/api/v1/claims/export.ndjson")).splitlines()

    assert json.loads(line)["claimant_description"] == "=officials"
    assert json.loads(line)["id"] == claim.pk


def bulk_claims(count: int, event, actor, source) -> None:
    claims = Claim.objects.bulk_create(
        Claim(
            event=event,
            claimant_description="unnamed officials",
            stance="attributes",
            attributed_actor=actor,
            stated_on=datetime.date(2024, 2, 1),
            publication=Claim.Publication.PUBLISHED,
        )
        for _ in range(count)
    )
    Citation.objects.bulk_create(
        Citation(claim=claim, source=source, quote=f"Quote {claim.pk} " + "x" * 4000)
        for claim in claims
    )


def peak_memory_of_export(client, *, collect_garbage: bool = False) -> int:
    response = client.get("/api/v1/claims/export.csv")
    assert response.streaming
    rows = 0
    gc.collect()
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:
            rows += chunk.count(b"\n")
            if collect_garbage and rows % 50 == 0:
                gc.collect()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rows == Claim.objects.count() + 1
    return peak


def test_the_csv_export_reads_the_claims_chunk_by_chunk(anon, monkeypatch):
    monkeypatch.setattr("claims.exports.CHUNK_SIZE", 50)
    bulk_claims(600, make_event(), make_actor(), make_source())

    response = anon.get("/api/v1/claims/export.csv")
    with CaptureQueriesContext(connection) as queries:
        lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)

    assert lines == 601
    citation_queries = [q for q in queries if 'FROM "claims_citation"' in q["sql"]]
    assert len(citation_queries) == 12  # one per chunk of 50 claims
    # and per chunk one query for its claims, plus the last one that finds no more
    assert len(queries) == 12 + 12 + 1


def test_the_csv_export_needs_no_more_memory_for_more_claims_once_garbage_is_collected(
    anon, monkeypatch
):
    monkeypatch.setattr("claims.exports.CHUNK_SIZE", 50)
    event, actor, source = make_event(), make_actor(), make_source()

    bulk_claims(100, event, actor, source)
    peak_100 = peak_memory_of_export(anon, collect_garbage=True)
    bulk_claims(500, event, actor, source)
    peak_600 = peak_memory_of_export(anon, collect_garbage=True)

    assert peak_600 < 1.5 * peak_100, (peak_100, peak_600)


def test_the_csv_export_streams_in_constant_memory(anon, monkeypatch):
    monkeypatch.setattr("claims.exports.CHUNK_SIZE", 50)
    event, actor, source = make_event(), make_actor(), make_source()

    bulk_claims(100, event, actor, source)
    peak_100 = peak_memory_of_export(anon)
    bulk_claims(500, event, actor, source)
    peak_600 = peak_memory_of_export(anon)

    assert peak_600 < 2 * peak_100, (peak_100, peak_600)
