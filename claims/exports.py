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
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from claims.models import Citation, Claim

CSV_COLUMNS = [
    "id",
    "event",
    "event_title",
    "event_date",
    "event_date_precision",
    "event_kind",
    "event_country",
    "event_place",
    "claimant_actor",
    "claimant_actor_name",
    "claimant_actor_kind",
    "claimant_person",
    "claimant_person_name",
    "claimant_description",
    "speaker_title",
    "channel",
    "stance",
    "attributed_actor",
    "attributed_actor_name",
    "attributed_actor_kind",
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

    def about(obj, *fields):
        return [getattr(obj, field) if obj is not None else None for field in fields]

    event = claim.event
    claimant_slug, claimant_name, claimant_kind = about(
        claim.claimant_actor, "slug", "name", "kind"
    )
    person_slug, person_name = about(claim.claimant_person, "slug", "name")
    actor_slug, actor_name, actor_kind = about(claim.attributed_actor, "slug", "name", "kind")
    return {
        "id": claim.pk,
        "event": event.slug,
        "event_title": event.title,
        "event_date": event.date.isoformat(),
        "event_date_precision": event.date_precision,
        "event_kind": event.kind,
        "event_country": event.country.code or "",
        "event_place": event.place,
        "claimant_actor": claimant_slug,
        "claimant_actor_name": claimant_name,
        "claimant_actor_kind": claimant_kind,
        "claimant_person": person_slug,
        "claimant_person_name": person_name,
        "claimant_description": claim.claimant_description,
        "speaker_title": claim.speaker_title,
        "channel": claim.channel,
        "stance": claim.stance,
        "attributed_actor": actor_slug,
        "attributed_actor_name": actor_name,
        "attributed_actor_kind": actor_kind,
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
                "source_url": citation.source.url,
                "source_title": citation.source.title,
                "source_outlet": citation.source.outlet,
                "source_author": citation.source.author,
                "source_published_on": (
                    citation.source.published_on.isoformat()
                    if citation.source.published_on
                    else None
                ),
                "source_kind": citation.source.kind,
                "source_language": citation.source.language,
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
