"""Bulk exports of claims as CSV and NDJSON, streamed row by row in constant memory.

CSV columns, in order (one row per claim): see CSV_COLUMNS below.

Actors, people and events are given by slug (as in the API) and, beside, by the
name, kind or date that lets `import_claims` recreate them in an empty database.
`quotes` joins every quote with " | " for reading in a spreadsheet; `citations` is
the lossless JSON list of {source, quote, locator, language, translation} with the
cited source's details (source_url, source_title, source_outlet, source_author,
source_published_on, source_kind, source_language).
"""

import csv
import io
import json
from collections.abc import Iterator

from django.db.models import QuerySet

from claims.models import Citation
from claims.models.claims import CLAIM_VALUE_FIELDS

CHUNK_SIZE = 2000
# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_STARTS = frozenset("=+-@\t\r")


def neutralize(value) -> str:
    """The cell as text, with a leading apostrophe where a spreadsheet would see a formula."""
    text = "" if value is None else value if type(value) is str else str(value)
    return f"'{text}" if text[:1] in _FORMULA_STARTS else text


# Each record field, and where its value is read (plain values, no model instances: an
# export of a million claims would otherwise build several million objects).
CLAIM_VALUES = {
    "id": "pk",
    "event": "event__slug",
    "event_title": "event__title",
    "event_date": "event__date",
    "event_date_precision": "event__date_precision",
    "event_kind": "event__kind",
    "event_country": "event__country",
    "event_place": "event__place",
    "claimant_actor": "claimant_actor__slug",
    "claimant_actor_name": "claimant_actor__name",
    "claimant_actor_kind": "claimant_actor__kind",
    "claimant_person": "claimant_person__slug",
    "claimant_person_name": "claimant_person__name",
    "attributed_actor": "attributed_actor__slug",
    "attributed_actor_name": "attributed_actor__name",
    "attributed_actor_kind": "attributed_actor__kind",
    "attributed_actor_hint": "attributed_actor_hint__slug",
    "attributed_actor_hint_name": "attributed_actor_hint__name",
    "attributed_actor_hint_kind": "attributed_actor_hint__kind",
    **{name: name for name in CLAIM_VALUE_FIELDS},
    "responds_to": "responds_to_id",
    "version": "version",
    "created_at": "created_at",
    "updated_at": "updated_at",
}
CSV_COLUMNS = [*CLAIM_VALUES, "citation_count", "quotes", "citations"]
CITATION_VALUES = {
    "source": "source_id",
    "source_url": "source__url",
    "source_title": "source__title",
    "source_outlet": "source__outlet",
    "source_author": "source__author",
    "source_published_on": "source__published_on",
    "source_kind": "source__kind",
    "source_language": "source__language",
    "quote": "quote",
    "locator": "locator",
    "language": "language",
    "translation": "translation",
}


# Dates and moments, written as ISO 8601 text as the API writes them.
_CLAIM_DATES = ("event_date", "stated_on", "created_at", "updated_at")


def _records(names, rows, dates=()) -> list[dict]:
    records = [dict(zip(names, row, strict=True)) for row in rows]
    for record in records:
        for name in dates:
            if record[name] is not None:
                record[name] = record[name].isoformat()
    return records


def chunks(claims: QuerySet, *, include_drafts: bool = False) -> Iterator[list[dict]]:
    """The export records (CLAIM_VALUES and `citations`), CHUNK_SIZE claims per query.

    Keyset pagination on the primary key, two queries a chunk (claims with their event,
    actors and person in one; citations with their sources in the other), and nothing
    kept from one chunk to the next: memory stays flat however many claims there are.
    Unless the export `include_drafts`, `responds_to` is empty where the claim answered
    is not published: a public export never gives a draft's id.
    """
    lookups = dict(CLAIM_VALUES)
    if not include_drafts:
        claims = claims.with_public_responds_to()
        lookups["responds_to"] = "public_responds_to_id"
    claims = claims.order_by("pk").values_list(*lookups.values())
    last_pk = 0
    while True:
        rows = list(claims.filter(pk__gt=last_pk)[:CHUNK_SIZE])
        if not rows:
            return
        records = _records(CLAIM_VALUES, rows, _CLAIM_DATES)
        cited: dict[int, list[dict]] = {record["id"]: [] for record in records}
        cited_rows = list(
            Citation.objects.filter(claim_id__in=list(cited))
            .order_by("pk")
            .values_list("claim_id", *CITATION_VALUES.values())
        )
        citations = _records(
            CITATION_VALUES, [row[1:] for row in cited_rows], ["source_published_on"]
        )
        for (claim_id, *_), citation in zip(cited_rows, citations, strict=True):
            cited[claim_id].append(citation)
        for record in records:
            record["event_country"] = record["event_country"] or ""
            record["citations"] = cited[record["id"]]
        yield records
        last_pk = rows[-1][0]


def csv_lines(claims: QuerySet, *, include_drafts: bool = False) -> Iterator[str]:
    """The header, then one CSV line per claim (see chunks for `include_drafts`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        line = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return line

    writer.writerow(CSV_COLUMNS)
    yield flush()
    for records in chunks(claims, include_drafts=include_drafts):
        for record in records:
            record["citation_count"] = len(record["citations"])
            record["quotes"] = " | ".join(c["quote"] for c in record["citations"])
            record["citations"] = json.dumps(record["citations"], ensure_ascii=False)
            writer.writerow([neutralize(record[column]) for column in CSV_COLUMNS])
        # A chunk's lines at once: fewer, larger writes to the response.
        yield flush()


def ndjson_lines(claims: QuerySet, *, include_drafts: bool = False) -> Iterator[str]:
    for records in chunks(claims, include_drafts=include_drafts):
        yield "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
