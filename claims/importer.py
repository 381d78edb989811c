"""Bulk import of claims: all or nothing, idempotent, with every bad row reported.

Two formats, told apart by their header:

- the export's own format (CSV or NDJSON from /api/v1/claims/export.*, or the
  `export_claims` command): events, actors and people by slug, with the names and
  kinds that recreate them in an empty database; citations as JSON with their
  sources' details;
- a simpler CSV for hand-made spreadsheets (SIMPLE_COLUMNS): actors and people by
  name (any known spelling), sources by URL or title, one citation per row;
  events, actors, people and sources are created when new.

Natural keys: an event by slug (or, in the simple format, by title and date); an
actor or person by slug, else by any alias once normalised; a source by its
normalised URL, else by title, outlet and date; a claim by its fingerprint (event,
claimant, stance, attributed actor, role, date and first quote), so that importing
the same file twice creates nothing the second time.
"""

import csv
import datetime
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from claims import services
from claims.duplicates import DuplicateFinder, ProbableDuplicate
from claims.models import (
    Actor,
    ActorAlias,
    Citation,
    Claim,
    DatePrecision,
    Event,
    Person,
    PersonAlias,
    Source,
)
from claims.normalize import normalize_name, normalize_url
from claims.quotes import check_quote, fold

SIMPLE_COLUMNS = [
    "event",
    "event_date",
    "event_kind",
    "event_country",
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
    "quote",
    "source_url",
    "source_title",
    "source_outlet",
    "source_published_on",
    "source_kind",
]
SIMPLE_REQUIRED = ["event", "event_date", "stance", "stated_on", "quote"]
CLAIM_FIELDS = [
    "claimant_description",
    "speaker_title",
    "channel",
    "stance",
    "role",
    "hedging",
    "status",
    "publication",
    "quote_check_override",
    "stated_on",
    "stated_on_precision",
]
# What an import may change on a claim it finds again by its fingerprint.
UPDATABLE_FIELDS = ["speaker_title", "channel", "hedging", "status", "publication"]


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.message}"


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    probable_duplicates: list[ProbableDuplicate] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        parts = [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            for kind in kinds
        ]
        return "; ".join(parts) or "nothing to import"


class ImportRefused(Exception):
    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__(f"{len(report.errors)} bad row(s)")


# ----------------------------------------------------------------------------- reading


def read_rows(data: bytes | str, filename: str) -> Iterator[tuple[int, dict]]:
    """(line number, row) pairs from CSV or NDJSON; the line of a CSV row is where it starts."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    if filename.lower().endswith((".ndjson", ".jsonl")):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, {"__error__": f"not valid JSON ({error.msg})"}
                continue
            yield number, row if isinstance(row, dict) else {"__error__": "not a JSON object"}
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    _ = reader.fieldnames  # reading it consumes the header line
    line = reader.line_num + 1
    for row in reader:
        yield line, row
        line = reader.line_num + 1


def _is_export_format(row: dict) -> bool:
    return "citations" in row and "attributed_actor_name" in row


# ------------------------------------------------------------------------ the import


class Importer:
    """Validates every row against in-memory maps, then writes them all in bulk."""

    def __init__(self, *, user=None, may_publish: bool = True):
        self.user = user
        self.may_publish = may_publish
        self.report = ImportReport()
        self.actors_by_slug = {a.slug: a for a in Actor.objects.all()}
        actors_by_pk = {a.pk: a for a in self.actors_by_slug.values()}
        for actor in self.actors_by_slug.values():
            # So that the rules walk the actor tree without a query per level.
            actor.parent = actors_by_pk.get(actor.parent_id)
        self.actors_by_name = {
            key: actors_by_pk[actor_id]
            for key, actor_id in ActorAlias.objects.values_list("normalized", "actor_id")
        }
        self.people_by_slug = {p.slug: p for p in Person.objects.all()}
        people_by_pk = {p.pk: p for p in self.people_by_slug.values()}
        self.people_by_name = {
            key: people_by_pk[person_id]
            for key, person_id in PersonAlias.objects.values_list("normalized", "person_id")
        }
        self.events_by_slug = {e.slug: e for e in Event.objects.all()}
        self.events_by_title = {
            (normalize_name(e.title), e.date): e for e in self.events_by_slug.values()
        }
        self.sources_by_url: dict[str, Source] = {}
        self.sources_by_identity: dict[tuple, Source] = {}
        self.sources_by_pk: dict[int, Source] = {}
        self.sources_by_file_id: dict[tuple, Source] = {}
        for source in Source.objects.all():
            self._remember_source(source)
        self.fingerprints: dict[tuple, Claim] = {}
        self.loaded_events: set[int] = set()
        self.actor_finder = DuplicateFinder(Actor)
        self.person_finder = DuplicateFinder(Person)
        # New objects, written at the end.
        self.new_actors: list[Actor] = []
        self.new_people: list[Person] = []
        self.new_events: list[Event] = []
        self.new_sources: list[Source] = []
        self.new_claims: list[Claim] = []
        self.new_citations: list[Citation] = []
        self.changed_claims: list[Claim] = []
        self.responses: list[tuple[Claim, str, int]] = []  # claim, file id answered, line
        self.claims_by_file_id: dict[str, Claim] = {}

    # -- look-ups that create what is missing ------------------------------------------

    @staticmethod
    def _identity(title, outlet, author, published_on) -> tuple:
        return (
            fold(title).casefold(),
            fold(outlet).casefold(),
            fold(author).casefold(),
            published_on,
        )

    def _remember_source(self, source: Source) -> None:
        if source.pk is not None:
            self.sources_by_pk[source.pk] = source
        if source.url_normalized:
            self.sources_by_url[source.url_normalized] = source
        identity = self._identity(source.title, source.outlet, source.author, source.published_on)
        if any(identity[:3]):
            self.sources_by_identity.setdefault(identity, source)

    def actor(self, slug: str, name: str, kind: str, errors: list, column: str) -> Actor | None:
        if slug and slug in self.actors_by_slug:
            return self.actors_by_slug[slug]
        if not name and not slug:
            return None
        label = name or slug
        found = self.actors_by_name.get(normalize_name(label))
        if found is not None:
            return found
        if kind and kind not in Actor.Kind.values:
            errors.append((column, f"unknown actor kind “{kind}”"))
            return None
        if not normalize_name(label):
            errors.append((column, "a name needs at least one letter or digit"))
            return None
        actor = Actor(
            name=label,
            slug=self._free_slug(slug or slugify(label), self.actors_by_slug),
            kind=kind or Actor.Kind.OTHER,
        )
        self.report.probable_duplicates += self.actor_finder.probable_duplicates(label)
        self.actor_finder.add(actor, label)
        self.actors_by_slug[actor.slug] = actor
        self.actors_by_name[normalize_name(label)] = actor
        self.new_actors.append(actor)
        return actor

    def person(self, slug: str, name: str) -> Person | None:
        if slug and slug in self.people_by_slug:
            return self.people_by_slug[slug]
        if not name and not slug:
            return None
        label = name or slug
        found = self.people_by_name.get(normalize_name(label))
        if found is not None:
            return found
        person = Person(
            name=label, slug=self._free_slug(slug or slugify(label), self.people_by_slug)
        )
        self.report.probable_duplicates += self.person_finder.probable_duplicates(label)
        self.person_finder.add(person, label)
        self.people_by_slug[person.slug] = person
        self.people_by_name[normalize_name(label)] = person
        self.new_people.append(person)
        return person

    @staticmethod
    def _free_slug(wanted: str, taken: dict) -> str:
        base = (wanted or "entry")[:190]
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def event(self, values: dict, errors: list) -> Event | None:
        slug = values.get("slug") or ""
        if slug in self.events_by_slug:
            return self.events_by_slug[slug]
        date = _date(values.get("date"), "event_date", errors)
        title = values.get("title") or ""
        if date and title and (normalize_name(title), date) in self.events_by_title:
            return self.events_by_title[(normalize_name(title), date)]
        if not title:
            errors.append(("event", f"unknown event “{slug}”" if slug else "no event given"))
            return None
        event = Event(
            slug=self._free_slug(slug or slugify(f"{title} {date or ''}"), self.events_by_slug),
            title=title,
            date=date,
            date_precision=values.get("date_precision") or DatePrecision.DAY,
            kind=values.get("kind") or Event.Kind.OTHER,
            country=(values.get("country") or "").upper(),
            place=values.get("place") or "",
        )
        try:
            event.clean_fields(exclude=["slug"])
        except ValidationError as error:
            errors.extend((f"event_{name}", "; ".join(m)) for name, m in error.message_dict.items())
            return None
        self.events_by_slug[event.slug] = event
        self.events_by_title[(normalize_name(title), date)] = event
        self.new_events.append(event)
        return event

    def source(self, values: dict, errors: list, column: str, file_id=None) -> Source | None:
        """The cited source: by URL, by the exporting tracker's id when that source is this
        one, by title, outlet, author and date; created when new."""
        if file_id is not None and ("file", str(file_id)) in self.sources_by_file_id:
            return self.sources_by_file_id[("file", str(file_id))]
        url_key = normalize_url(values.get("url") or "")
        published_on = _date(values.get("published_on"), f"{column}.source_published_on", errors)
        identity = self._identity(
            values.get("title") or "",
            values.get("outlet") or "",
            values.get("author") or "",
            published_on,
        )
        found = self.sources_by_url.get(url_key) if url_key else None
        stored = self.sources_by_pk.get(_int(file_id))
        if found is None and stored is not None and stored.url_normalized == url_key:
            same = self._identity(stored.title, stored.outlet, stored.author, stored.published_on)
            found = stored if same == identity else None
        if found is None and not url_key and any(identity[:3]):
            found = self.sources_by_identity.get(identity)
        if found is None:
            found = self._new_source(values, url_key, published_on, errors, column, file_id)
        if found is not None and file_id is not None:
            self.sources_by_file_id[("file", str(file_id))] = found
        return found

    def _new_source(self, values, url_key, published_on, errors, column, file_id):
        source = Source(
            url=values.get("url") or "",
            title=values.get("title") or "",
            outlet=values.get("outlet") or "",
            author=values.get("author") or "",
            published_on=published_on,
            kind=values.get("kind") or Source.Kind.OTHER,
            language=values.get("language") or "en",
        )
        source.url_normalized = url_key
        try:
            source.clean_fields(exclude=["full_text"])
        except ValidationError as error:
            errors.extend(
                (f"{column}.source_{name}", "; ".join(m)) for name, m in error.message_dict.items()
            )
            return None
        # An exported source that only its captured text identified stays as bare as it was.
        if not any((source.title, source.url, source.outlet, source.author)) and file_id is None:
            errors.append((f"{column}.source", "give the source's URL, title, outlet or author"))
            return None
        # Written only if a new citation ends up citing it (see write()).
        self._remember_source(source)
        return source

    # -- rows ----------------------------------------------------------------------------

    def add_row(self, line: int, row: dict) -> None:
        self.report.rows += 1
        errors: list[tuple[str, str]] = []
        if "__error__" in row:
            errors.append(("row", row["__error__"]))
        else:
            parsed = (
                self._parse_export_row(row, errors)
                if _is_export_format(row)
                else self._parse_simple_row(row, errors)
            )
            if parsed is not None and not errors:
                self._add_claim(line, row, *parsed, errors)
        self.report.errors += [RowError(line, column, message) for column, message in errors]

    def _parse_export_row(self, row: dict, errors: list):
        event = self.event(
            {
                "slug": row.get("event"),
                "title": row.get("event_title"),
                "date": row.get("event_date"),
                "date_precision": row.get("event_date_precision"),
                "kind": row.get("event_kind"),
                "country": row.get("event_country"),
                "place": row.get("event_place"),
            },
            errors,
        )
        citations = row.get("citations") or []
        if isinstance(citations, str):
            try:
                citations = json.loads(citations)
            except json.JSONDecodeError:
                errors.append(("citations", "not a JSON list"))
                return None
        if not isinstance(citations, list) or not all(isinstance(c, dict) for c in citations):
            errors.append(("citations", "not a list of citations"))
            return None
        cited = []
        for number, values in enumerate(citations, start=1):
            column = f"citations[{number}]"
            source = self.source(
                {
                    key.removeprefix("source_"): value
                    for key, value in values.items()
                    if key.startswith("source_")
                },
                errors,
                column,
                file_id=values.get("source"),
            )
            cited.append((source, values, column))
        parties = {
            "claimant_actor": self.actor(
                row.get("claimant_actor") or "",
                row.get("claimant_actor_name") or "",
                row.get("claimant_actor_kind") or "",
                errors,
                "claimant_actor",
            ),
            "attributed_actor": self.actor(
                row.get("attributed_actor") or "",
                row.get("attributed_actor_name") or "",
                row.get("attributed_actor_kind") or "",
                errors,
                "attributed_actor",
            ),
            "claimant_person": self.person(
                row.get("claimant_person") or "", row.get("claimant_person_name") or ""
            ),
        }
        return event, parties, cited

    def _parse_simple_row(self, row: dict, errors: list):
        for column in SIMPLE_REQUIRED:
            if not (row.get(column) or "").strip():
                errors.append((column, "required"))
        if errors:
            return None
        # The event column takes a known slug or a title (created with its date when new).
        event = self.events_by_slug.get(row["event"]) or self.event(
            {
                "title": row["event"],
                "date": row.get("event_date"),
                "kind": row.get("event_kind"),
                "country": row.get("event_country"),
            },
            errors,
        )
        source = self.source(
            {
                "url": row.get("source_url"),
                "title": row.get("source_title"),
                "outlet": row.get("source_outlet"),
                "published_on": row.get("source_published_on"),
                "kind": row.get("source_kind"),
            },
            errors,
            "source",
        )
        parties = {
            "claimant_actor": self.actor(
                "", row.get("claimant_actor") or "", "", errors, "claimant_actor"
            ),
            "attributed_actor": self.actor(
                "", row.get("attributed_actor") or "", "", errors, "attributed_actor"
            ),
            "claimant_person": self.person("", row.get("claimant_person") or ""),
        }
        return event, parties, [(source, {"quote": row.get("quote", "")}, "quote")]

    def _add_claim(self, line, row, event, parties, cited, errors) -> None:
        values = {name: row.get(name) for name in CLAIM_FIELDS if row.get(name) not in (None, "")}
        claim = Claim(event=event, **parties, **values)
        if row.get("responds_to") not in (None, ""):
            # The claim it answers may come later in the file: a stand-in until then.
            claim.responds_to = Claim(event=event)
            self.responses.append((claim, str(row["responds_to"]), line))
        claim.stated_on = _date(row.get("stated_on"), "stated_on", errors)
        try:
            claim.clean_fields(
                exclude=[
                    "event",
                    "claimant_actor",
                    "claimant_person",
                    "attributed_actor",
                    "responds_to",
                ]
            )
            claim.clean()
        except ValidationError as error:
            errors.extend((name, "; ".join(m)) for name, m in error.message_dict.items())
        citations = []
        for source, values, column in cited:
            citation = Citation(
                claim=claim,
                source=source,
                quote=values.get("quote") or "",
                locator=values.get("locator") or "",
                language=values.get("language") or "en",
                translation=values.get("translation") or "",
            )
            try:
                citation.clean_fields(exclude=["claim", "source"])
            except ValidationError as error:
                errors.extend(
                    (f"{column}.{name}", "; ".join(m)) for name, m in error.message_dict.items()
                )
            result = check_quote(citation.quote, source.full_text if source else "")
            citation.quote_check, citation.quote_similarity, citation.quote_passage = (
                result.outcome,
                result.similarity,
                result.passage,
            )
            citations.append(citation)
        if claim.publication == Claim.Publication.PUBLISHED:
            if not self.may_publish:
                errors.append(("publication", "publishing needs the reviewer's right"))
            for problem in claim.publication_problems(citations):
                errors.append(("publication", f"cannot be published: {problem}"))
        if errors:
            return
        key = fingerprint(claim, citations[0].quote if citations else "")
        existing = self.fingerprints.get(key)
        if existing is None and event.pk is not None:
            existing = self._stored_claim(event.pk, key)
        if existing is not None:
            changed = [n for n in UPDATABLE_FIELDS if getattr(existing, n) != getattr(claim, n)]
            if changed:
                for name in changed:
                    setattr(existing, name, getattr(claim, name))
                self.changed_claims.append(existing)
                self.report.updated["claims"] += 1
            else:
                self.report.unchanged["claims"] += 1
            claim = existing
        else:
            self.fingerprints[key] = claim
            self.new_claims.append(claim)
            self.new_citations += citations
        if row.get("id") not in (None, ""):
            self.claims_by_file_id[str(row["id"])] = claim

    def _stored_claim(self, event_id: int, key: tuple) -> Claim | None:
        """The stored claim with this fingerprint (an event's claims are loaded once)."""
        if event_id in self.loaded_events:
            return self.fingerprints.get(key)
        self.loaded_events.add(event_id)
        first_quotes = {}
        for claim_id, quote in (
            Citation.objects.filter(claim__event_id=event_id)
            .order_by("pk")
            .values_list("claim_id", "quote")
        ):
            first_quotes.setdefault(claim_id, quote)
        for claim in Claim.objects.filter(event_id=event_id):
            self.fingerprints.setdefault(fingerprint(claim, first_quotes.get(claim.pk, "")), claim)
        return self.fingerprints.get(key)

    # -- writing -------------------------------------------------------------------------

    def resolve_responses(self) -> None:
        for claim, answered, line in self.responses:
            target = self.claims_by_file_id.get(answered)
            if target is None and answered.isdigit():
                # A claim of this tracker that the file does not carry (an export holds
                # published claims only): the stored one, if it is about the same event.
                target = Claim.objects.filter(pk=int(answered), event_id=claim.event_id).first()
            if target is None:
                self.report.errors.append(
                    RowError(line, "responds_to", f"claim {answered} is not in this file")
                )
            elif target.event is not claim.event and target.event_id != claim.event_id:
                self.report.errors.append(
                    RowError(line, "responds_to", "it answers a claim about another event")
                )
            else:
                claim.responds_to = target

    def count_new(self) -> None:
        unique_new = {id(c.source): c.source for c in self.new_citations if c.source.pk is None}
        self.new_sources = list(unique_new.values())
        for kind, objects in (
            ("actors", self.new_actors),
            ("people", self.new_people),
            ("events", self.new_events),
            ("sources", self.new_sources),
            ("claims", self.new_claims),
            ("citations", self.new_citations),
        ):
            self.report.created[kind] += len(objects)

    @transaction.atomic
    def write(self) -> None:
        reason = "Imported"
        for actor in self.new_actors:
            actor.parent = None
        Actor.objects.bulk_create(self.new_actors)
        ActorAlias.objects.bulk_create(
            ActorAlias(actor=a, name=a.name, normalized=normalize_name(a.name))
            for a in self.new_actors
        )
        Person.objects.bulk_create(self.new_people)
        PersonAlias.objects.bulk_create(
            PersonAlias(person=p, name=p.name, normalized=normalize_name(p.name))
            for p in self.new_people
        )
        Event.objects.bulk_create(self.new_events)
        Source.objects.bulk_create(self.new_sources)
        for claim in self.new_claims:
            claim.event_id = claim.event.pk
            for name in ("claimant_actor", "claimant_person", "attributed_actor"):
                related = getattr(claim, name)
                setattr(claim, f"{name}_id", related.pk if related else None)
            claim.created_by = claim.updated_by = self.user
        # A dispute must name the claim it answers when it is inserted: write the claims
        # in waves, each answering only claims already written.
        waiting = self.new_claims
        while waiting:
            wave = [c for c in waiting if c.responds_to is None or c.responds_to.pk is not None]
            if not wave:  # a cycle of answers; resolve_responses refuses those
                raise ValueError("claims answering each other in a circle")
            for claim in wave:
                claim.responds_to_id = claim.responds_to.pk if claim.responds_to else None
            bulk_create_with_history(
                wave,
                Claim,
                batch_size=2000,
                default_user=self.user,
                default_change_reason=reason,
            )
            written = {id(claim) for claim in wave}
            waiting = [c for c in waiting if id(c) not in written]
        for citation in self.new_citations:
            citation.claim_id = citation.claim.pk
            citation.source_id = citation.source.pk
        bulk_create_with_history(
            self.new_citations,
            Citation,
            batch_size=2000,
            default_user=self.user,
            default_change_reason=reason,
        )
        for claim in self.changed_claims:
            claim.updated_by = self.user
            claim._change_reason = reason
            claim.save()
        # (Changed claims refreshed their events when saved; new ones were bulk-written.)
        services.refresh_attributions({claim.event_id for claim in self.new_claims})


def fingerprint(claim: Claim, first_quote: str) -> tuple:
    def pk(obj):
        return (
            obj.pk
            if obj is not None and obj.pk is not None
            else id(obj)
            if obj is not None
            else None
        )

    return (
        claim.event.pk if claim.event.pk is not None else id(claim.event),
        pk(claim.claimant_actor),
        pk(claim.claimant_person),
        fold(claim.claimant_description).casefold(),
        claim.stance,
        pk(claim.attributed_actor),
        claim.role,
        claim.stated_on,
        fold(first_quote).casefold(),
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value, column: str, errors: list) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors.append((column, f"“{value}” is not a date of the form YYYY-MM-DD"))
        return None


def import_claims(
    rows: Iterable[tuple[int, dict]],
    *,
    dry_run: bool = False,
    user=None,
    may_publish: bool = True,
    progress=None,
) -> ImportReport:
    """Validate every row; unless `dry_run`, write them all, or raise ImportRefused."""
    importer = Importer(user=user, may_publish=may_publish)
    for line, row in (progress or (lambda r: r))(rows):
        importer.add_row(line, row)
    importer.resolve_responses()
    importer.count_new()
    report = importer.report
    report.errors.sort(key=lambda error: error.line)
    if report.errors:
        raise ImportRefused(report)
    if not dry_run:
        importer.write()
        report.written = True
    return report
