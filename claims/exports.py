"""Bulk exports of claims as CSV and NDJSON, streamed row by row in constant memory.

CSV columns, in order (one row per claim):
id, event, event_title, event_date, claimant_actor, claimant_person,
claimant_description, speaker_title, channel, stance, attributed_actor, role,
hedging, status, publication, stated_on, stated_on_precision, responds_to,
version, created_at, updated_at, citation_count, quotes, citations

`quotes` joins every quote with " | " for reading in a spreadsheet; `citations`
is the lossless JSON list of {source, quote, locator, language, translation}.
Actors, people and events are given by slug, sources by id, as in the API.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from claims.models import Citation, Claim

CSV_COLUMNS = [
    "id",
    "event",
    "event_title",
    "event_date",
    "claimant_actor",
    "claimant_person",
    "claimant_description",
    "speaker_title",
    "channel",
    "stance",
    "attributed_actor",
    "role",
    "hedging",
    "status",
    "publication",
    "stated_on",
    "stated_on_precision",
    "responds_to",
    "version",
    "created_at",
    "updated_at",
    "citation_count",
    "quotes",
    "citations",
]
CHUNK_SIZE = 2000
# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value) -> str:
    """The cell as text, with a leading apostrophe where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def export_queryset(claims: QuerySet) -> QuerySet:
    """The claims with what a row needs, read in chunks by a server-side cursor."""
    return (
        claims.select_related("event", "claimant_actor", "claimant_person", "attributed_actor")
        .prefetch_related(Prefetch("citations", queryset=Citation.objects.order_by("pk")))
        .order_by("pk")
    )


def claim_record(claim: Claim) -> dict:
    """One claim as a flat dict of plain values (the NDJSON object; the CSV row's source)."""

    def slug(obj):
        return obj.slug if obj is not None else None

    return {
        "id": claim.pk,
        "event": claim.event.slug,
        "event_title": claim.event.title,
        "event_date": claim.event.date.isoformat(),
        "claimant_actor": slug(claim.claimant_actor),
        "claimant_person": slug(claim.claimant_person),
        "claimant_description": claim.claimant_description,
        "speaker_title": claim.speaker_title,
        "channel": claim.channel,
        "stance": claim.stance,
        "attributed_actor": slug(claim.attributed_actor),
        "role": claim.role,
        "hedging": claim.hedging,
        "status": claim.status,
        "publication": claim.publication,
        "stated_on": claim.stated_on.isoformat(),
        "stated_on_precision": claim.stated_on_precision,
        "responds_to": claim.responds_to_id,
        "version": claim.version,
        "created_at": claim.created_at.isoformat(),
        "updated_at": claim.updated_at.isoformat(),
        "citations": [
            {
                "source": citation.source_id,
                "quote": citation.quote,
                "locator": citation.locator,
                "language": citation.language,
                "translation": citation.translation,
            }
            for citation in claim.citations.all()
        ],
    }


def csv_lines(claims: QuerySet) -> Iterator[str]:
    """The header, then one CSV line per claim."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        line = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return line

    writer.writerow(CSV_COLUMNS)
    yield flush()
    for claim in _iterate(claims):
        record = claim_record(claim)
        record["citation_count"] = len(record["citations"])
        record["quotes"] = " | ".join(c["quote"] for c in record["citations"])
        record["citations"] = json.dumps(record["citations"], ensure_ascii=False)
        writer.writerow([neutralize(record[column]) for column in CSV_COLUMNS])
        yield flush()


def ndjson_lines(claims: QuerySet) -> Iterator[str]:
    for claim in _iterate(claims):
        yield json.dumps(claim_record(claim), ensure_ascii=False) + "\n"


def _iterate(claims: QuerySet) -> Iterable[Claim]:
    return export_queryset(claims).iterator(chunk_size=CHUNK_SIZE)
