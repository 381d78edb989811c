"""Loads the demo data set (claims/demo/data.py) idempotently.

Each record is found by its natural key; it is created when missing and saved
only when a field differs, so a second run writes nothing, history included.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction

from claims import services
from claims.models import (
    Actor,
    ActorAlias,
    Affiliation,
    Citation,
    Claim,
    Event,
    EventRelation,
    Person,
    PersonAlias,
    Source,
)

from . import data

ARTICLES = Path(__file__).parent / "articles"
CHANGE_REASON = "Demo data set"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], model: type[models.Model]) -> None:
        name = model._meta.verbose_name_plural
        bucket[name] = bucket.get(name, 0) + 1

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value else None


def _upsert(
    report: LoadReport, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
) -> models.Model:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        report.count(report.created, model)
    elif any(getattr(obj, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(obj, name, value)
        report.count(report.updated, model)
    else:
        return obj
    obj.full_clean()
    if isinstance(obj, Event | Actor | Person | Source):
        services.save_record(obj, by=None, reason=CHANGE_REASON)
    else:  # aliases, affiliations, relations: rows of the records above
        obj._change_reason = CHANGE_REASON
        obj.save()
    return obj


def _upsert_claim(
    report: LoadReport, lookup: dict[str, Any], values: dict[str, Any], cited: list[dict]
) -> Claim:
    """A demo claim and its citations, written together through the services (a
    published claim is never without its citation)."""
    claim = Claim.objects.filter(**lookup).first()
    if claim is None:
        claim = Claim(**lookup, **values)
        report.count(report.created, Claim)
        changed = True
    else:
        changed = any(getattr(claim, name) != value for name, value in values.items())
        for name, value in values.items():
            setattr(claim, name, value)
        if changed:
            report.count(report.updated, Claim)
    citations = []
    for row in cited:
        found = (
            claim.citations.filter(source=row["source"], quote=row["quote"]).first()
            if claim.pk
            else None
        )
        details = {name: row[name] for name in ("locator", "language", "translation")}
        if found is None:
            citations.append(Citation(source=row["source"], quote=row["quote"], **details))
            report.count(report.created, Citation)
        elif any(getattr(found, name) != value for name, value in details.items()):
            for name, value in details.items():
                setattr(found, name, value)
            citations.append(found)
            report.count(report.updated, Citation)
    if changed or citations:
        claim.full_clean()
        services.save_claim(
            claim,
            by=None,
            citations=services.CitationChanges(save=citations),
            reason=CHANGE_REASON,
        )
    return claim


def _add_aliases(
    report: LoadReport, owner: models.Model, alias_model: type[models.Model], names: list[str]
) -> None:
    owner_field = alias_model.owner_field
    for name in names:
        existing = alias_model.objects.matching(name).first()
        if existing is None:
            _upsert(report, alias_model, {owner_field: owner, "name": name}, {})
        elif getattr(existing, f"{owner_field}_id") != owner.pk:
            raise ValueError(f"Demo alias {name!r} of {owner} already names another entry.")


def _captured_text(row: dict[str, Any]) -> str:
    """A source's text: its own article, or the passage of another article that carries it."""
    if row.get("article"):
        return (ARTICLES / row["article"]).read_text(encoding="utf-8")
    if row.get("captured_from"):
        article, first_words, last_words = row["captured_from"]
        text = (ARTICLES / article).read_text(encoding="utf-8")
        start = text.index(first_words)
        return text[start : text.index(last_words, start) + len(last_words)]
    return ""


def _claim_fingerprint(row: dict[str, Any]) -> tuple:
    """The fields that find a demo claim again on a second run."""
    keys = ("event", "claimant_actor", "claimant_person", "claimant_description", "stance")
    keys += ("attributed_actor", "attributed_description", "role", "stated_on")
    return tuple(row.get(key) or "" for key in keys)


# Before claims could describe an actor they do not name, the demo filed such claims
# under one collective actor. A database loaded then has them there: they are turned
# into descriptions, and the actor, once nothing refers to it, is deleted.
RETIRED_ACTOR = "iran-backed-iraqi-militias"


def _describe_retired_claim(report: LoadReport, lookup: dict[str, Any]) -> None:
    """A demo claim that now describes its actor, stored under the retired actor."""
    if not lookup["attributed_description"] or Claim.objects.filter(**lookup).exists():
        return
    before = {name: value for name, value in lookup.items() if name != "attributed_actor"}
    earlier = Claim.objects.filter(
        **(before | {"attributed_actor__slug": RETIRED_ACTOR, "attributed_description": ""})
    ).first()
    if earlier is None:
        return
    earlier.attributed_actor = None
    earlier.attributed_description = lookup["attributed_description"]
    earlier.full_clean()
    services.save_claim(earlier, by=None, reason=CHANGE_REASON)
    report.count(report.updated, Claim)


def _retire_collective_actor(report: LoadReport) -> None:
    retired = Actor.objects.filter(slug=RETIRED_ACTOR).first()
    if retired is None:
        return
    still_used = (
        retired.claims_about.exists()
        or retired.claims_made.exists()
        or retired.claims_hinting.exists()
        or retired.subunits.exists()
        or retired.affiliations.exists()
    )
    if not still_used:
        services.delete_record(retired, by=None, reason=CHANGE_REASON)
        report.count(report.deleted, Actor)


@transaction.atomic
def load_demo() -> LoadReport:
    report = LoadReport()
    actors: dict[str, Actor] = {}
    for row in data.ACTORS:
        actors[row["slug"]] = _upsert(
            report,
            Actor,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "kind": row["kind"],
                "country": row.get("country", ""),
                "description": row.get("description", ""),
                "wikidata_id": row.get("wikidata_id", ""),
                "grammatical_number": row.get("grammatical_number", "singular"),
                "parent": actors[row["parent"]] if row.get("parent") else None,
            },
        )
        _add_aliases(report, actors[row["slug"]], ActorAlias, row.get("aliases", []))

    people: dict[str, Person] = {}
    for row in data.PEOPLE:
        person = _upsert(
            report,
            Person,
            {"slug": row["slug"]},
            {"name": row["name"], "description": row.get("description", "")},
        )
        people[row["slug"]] = person
        _add_aliases(report, person, PersonAlias, row.get("aliases", []))
        for post in row.get("affiliations", []):
            _upsert(
                report,
                Affiliation,
                {"person": person, "actor": actors[post["actor"]], "title": post.get("title", "")},
                {"start": _date(post.get("start")), "end": _date(post.get("end"))},
            )

    sources: dict[str, Source] = {}
    for row in data.SOURCES:
        text = _captured_text(row)
        identity = {
            "title": row.get("title", ""),
            "outlet": row.get("outlet", ""),
            "author": row.get("author", ""),
            "published_on": _date(row.get("published_on")),
            "kind": row["kind"],
        }
        # Two unsigned, untitled blog posts differ only by their text.
        anonymous = not any((identity["title"], identity["outlet"], identity["author"]))
        sources[row["key"]] = _upsert(
            report,
            Source,
            identity | ({"full_text": text} if anonymous else {}),
            {
                "url": row.get("url", ""),
                "language": row.get("language", "en"),
                "republishes": sources[row["republishes"]] if row.get("republishes") else None,
            }
            | ({} if anonymous else {"full_text": text}),
        )

    events: dict[str, Event] = {}
    for row in data.EVENTS:
        events[row["slug"]] = _upsert(
            report,
            Event,
            {"slug": row["slug"]},
            {
                "title": row["title"],
                "date": _date(row["date"]),
                "date_precision": row.get("date_precision", "day"),
                "end_date": _date(row.get("end_date")),
                "place": row.get("place", ""),
                "country": row.get("country", ""),
                "latitude": _decimal(row.get("latitude")),
                "longitude": _decimal(row.get("longitude")),
                "location_precision": row.get("location_precision", "town"),
                "kind": row["kind"],
                "summary": row.get("summary", ""),
            },
        )
    for from_slug, relation, to_slug in data.RELATIONS:
        _upsert(
            report,
            EventRelation,
            {"from_event": events[from_slug], "to_event": events[to_slug], "relation": relation},
            {},
        )

    fingerprints = [_claim_fingerprint(row) for row in data.CLAIMS]
    if len(set(fingerprints)) != len(fingerprints):
        raise ValueError("Two demo claims share event, claimant, stance, actor, role and date.")
    claims: dict[str, Claim] = {}
    for row in data.CLAIMS:
        if row.get("publication") == Claim.Publication.PUBLISHED and not row["citations"]:
            raise ValueError(f"Demo claim {row['key']} is published without a citation.")
        lookup = {
            "event": events[row["event"]],
            "claimant_actor": actors.get(row.get("claimant_actor") or ""),
            "claimant_person": people.get(row.get("claimant_person") or ""),
            "claimant_description": row.get("claimant_description", ""),
            "stance": row["stance"],
            "attributed_actor": actors.get(row.get("attributed_actor") or ""),
            "attributed_description": row.get("attributed_description") or "",
            "role": row.get("role", Claim.Role.PERPETRATOR),
            "stated_on": _date(row["stated_on"]),
        }
        _describe_retired_claim(report, lookup)
        claims[row["key"]] = _upsert_claim(
            report,
            lookup,
            {
                "attributed_actor_hint": actors.get(row.get("attributed_actor_hint") or ""),
                "speaker_title": row.get("speaker_title", ""),
                "channel": row.get("channel", ""),
                "hedging": row.get("hedging", Claim.Hedging.ASSERTED),
                "status": row.get("status", Claim.Status.UNVERIFIED),
                "publication": row.get("publication", Claim.Publication.DRAFT),
                "stated_on_precision": row.get("stated_on_precision", "day"),
                "responds_to": claims[row["responds_to"]] if row.get("responds_to") else None,
            },
            [
                {
                    "source": sources[cited["source"]],
                    "quote": cited["quote"],
                    "locator": cited.get("locator", ""),
                    "language": cited.get("language", "en"),
                    "translation": cited.get("translation", ""),
                }
                for cited in row["citations"]
            ],
        )
    _retire_collective_actor(report)
    return report
