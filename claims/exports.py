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
    "quote_check_override",
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


def chunks(claims: QuerySet) -> Iterator[tuple[Claim, list[Citation]]]:
    """Each claim with its citations (and their sources), CHUNK_SIZE claims per query.

    Keyset pagination on the primary key, and citations kept apart from their claims
    (no prefetch cache pointing both ways), so that every chunk is freed as soon as it
    has been written: memory stays flat however many claims there are.
    """
    claims = claims.select_related(
        "event", "claimant_actor", "claimant_person", "attributed_actor"
    ).order_by("pk")
    last_pk = 0
    while True:
        chunk = list(claims.filter(pk__gt=last_pk)[:CHUNK_SIZE])
        if not chunk:
            return
        cited: dict[int, list[Citation]] = {claim.pk: [] for claim in chunk}
        citations = Citation.objects.filter(claim_id__in=list(cited)).select_related("source")
        for citation in citations.order_by("pk"):
            cited[citation.claim_id].append(citation)
        for claim in chunk:
            yield claim, cited[claim.pk]
        last_pk = chunk[-1].pk
        del chunk, cited, citations


def claim_record(claim: Claim, citations: list[Citation]) -> dict:
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
        "quote_check_override": claim.quote_check_override,
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
            for citation in citations
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
    for claim, citations in chunks(claims):
        record = claim_record(claim, citations)
        record["citation_count"] = len(record["citations"])
        record["quotes"] = " | ".join(c["quote"] for c in record["citations"])
        record["citations"] = json.dumps(record["citations"], ensure_ascii=False)
        writer.writerow([neutralize(record[column]) for column in CSV_COLUMNS])
        yield flush()


def ndjson_lines(claims: QuerySet) -> Iterator[str]:
    for claim, citations in chunks(claims):
        yield json.dumps(claim_record(claim, citations), ensure_ascii=False) + "\n"
